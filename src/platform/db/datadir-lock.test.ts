import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { acquireDataDirLock, DataDirLockedError, LOCK_FILE_NAME } from "./datadir-lock.ts";

const LOCK_MODULE = pathToFileURL(path.join(import.meta.dirname, "datadir-lock.ts")).href;

let dataDir: string;

beforeEach(async () => {
  dataDir = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), "quorum-lock-test-")));
});

afterEach(async () => {
  await fs.rm(dataDir, { recursive: true, force: true });
});

describe("acquireDataDirLock", () => {
  it("creates the data directory and a lock file naming this process", async () => {
    const nested = path.join(dataDir, "a", "b");
    const lock = await acquireDataDirLock(nested);
    try {
      const content = await fs.readFile(path.join(nested, LOCK_FILE_NAME), "utf8");
      expect(content.split("\n")[0]).toBe(String(process.pid));
      expect(lock.dataDir).toBe(nested);
    } finally {
      await lock.release();
    }
  });

  it("refuses a data directory held by another live process, naming its PID", async () => {
    const holder = await lockInChild(dataDir);
    try {
      const error = await acquireDataDirLock(dataDir).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error).toBeInstanceOf(DataDirLockedError);
      const locked = error as DataDirLockedError;
      expect(locked.pid).toBe(holder.pid);
      expect(locked.dataDir).toBe(dataDir);
      expect(locked.message).toBe(
        `Another Quorum (PID ${holder.pid}) is already using the data directory ${dataDir}. Stop it first, or set QUORUM_DATA_DIR to a different directory.`,
      );
    } finally {
      await holder.releaseAndExit();
    }
    // Once the holder has released, the directory is free.
    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
  });

  it("refuses a second acquisition in the same process, even when both start together", async () => {
    const results = await Promise.allSettled([acquireDataDirLock(dataDir), acquireDataDirLock(dataDir)]);
    const won = results.filter((r) => r.status === "fulfilled");
    const lost = results.filter((r) => r.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    expect((lost[0] as PromiseRejectedResult).reason).toBeInstanceOf(DataDirLockedError);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof acquireDataDirLock>>>).value.release();
  });

  it("recovers the lock of a process that died without releasing it", async () => {
    const holder = await lockInChild(dataDir);
    await holder.kill();

    const lock = await acquireDataDirLock(dataDir);
    try {
      const content = await fs.readFile(lock.path, "utf8");
      expect(content.split("\n")[0]).toBe(String(process.pid));
    } finally {
      await lock.release();
    }
  });

  it("recovers an old lock file that holds only a dead PID", async () => {
    const pid = await deadPid();
    const lockPath = path.join(dataDir, LOCK_FILE_NAME);
    await fs.writeFile(lockPath, `${pid}\n`);
    const longAgo = new Date(Date.now() - 60_000);
    await fs.utimes(lockPath, longAgo, longAgo);

    const lock = await acquireDataDirLock(dataDir);
    expect((await fs.readFile(lockPath, "utf8")).split("\n")[0]).toBe(String(process.pid));
    await lock.release();
  });

  it("recovers a lock whose earlier breaker died while breaking it", async () => {
    const lockPath = path.join(dataDir, LOCK_FILE_NAME);
    const stale = `${await deadPid()}\ntoken=abc\nend\n`;
    await fs.writeFile(lockPath, stale);
    const breaker = `${lockPath}.break-${createHash("sha256").update(stale).digest("hex").slice(0, 16)}`;
    await fs.writeFile(breaker, `${await deadPid()}\ntoken=def\nend\n`);

    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
    expect(await fs.readdir(dataDir)).toEqual([]);
  });

  it("treats a lock file naming this process's PID but not held by it as stale (PID 1 in a restarted container)", async () => {
    const lockPath = path.join(dataDir, LOCK_FILE_NAME);
    await fs.writeFile(lockPath, `${process.pid}\ntoken=from-an-earlier-life\nend\n`);
    const lock = await acquireDataDirLock(dataDir);
    expect(await fs.readFile(lockPath, "utf8")).not.toContain("from-an-earlier-life");
    await lock.release();
  });

  it("lets exactly one of several processes racing for a stale lock win", async () => {
    for (let round = 0; round < 3; round++) {
      const holder = await lockInChild(dataDir);
      await holder.kill();

      const racers = await Promise.all(Array.from({ length: 8 }, () => startRacer(dataDir)));
      for (const racer of racers) racer.child.stdin.write("go\n");
      const outcomes = await Promise.all(racers.map((racer) => racer.outcome));

      const winners = racers.filter((_, i) => outcomes[i] === "won");
      expect(winners).toHaveLength(1);
      const winner = winners[0]!;
      for (const [i, outcome] of outcomes.entries()) {
        if (racers[i] !== winner) expect(outcome).toBe(`locked ${winner.child.pid}`);
      }
      winner.child.stdin.end();
      await Promise.all(racers.map((racer) => racer.exited));
      expect(await fs.readdir(dataDir)).toEqual([]);
    }
  }, 30_000); // spawns several Node processes: slow on a busy two-core machine
});

describe("DataDirLock", () => {
  it("release() removes the lock file and frees the directory", async () => {
    const lock = await acquireDataDirLock(dataDir);
    await lock.release();
    await lock.release(); // idempotent
    await expect(fs.stat(lock.path)).rejects.toMatchObject({ code: "ENOENT" });
    const again = await acquireDataDirLock(dataDir);
    await again.release();
  });

  it("releaseSync() removes the lock file", async () => {
    const lock = await acquireDataDirLock(dataDir);
    lock.releaseSync();
    await expect(fs.stat(lock.path)).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("release() leaves a lock file that is no longer ours", async () => {
    const lock = await acquireDataDirLock(dataDir);
    await fs.writeFile(lock.path, "12345\ntoken=someone-else\nend\n");
    await lock.release();
    expect(await fs.readFile(lock.path, "utf8")).toBe("12345\ntoken=someone-else\nend\n");
  });
});

// -----------------------------------------------------------------------------------------------
// Child processes: the lock is about other processes, so the tests use real ones.

function nodeChild(script: string): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, ["--input-type=module", "--no-warnings", "-e", script], { stdio: "pipe" });
}

function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  return new Promise((resolve, reject) => {
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`child exited (${code}) before answering: ${stderr}`)));
  });
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
}

/** A child process holding the lock until told to release it or killed. */
async function lockInChild(dir: string) {
  const child = nodeChild(`
    import { acquireDataDirLock } from ${JSON.stringify(LOCK_MODULE)};
    const lock = await acquireDataDirLock(${JSON.stringify(dir)});
    console.log("locked");
    process.stdin.resume();
    process.stdin.on("end", async () => { await lock.release(); process.exit(0); });
  `);
  expect(await firstLine(child)).toBe("locked");
  const exited = exitOf(child);
  return {
    pid: child.pid!,
    async releaseAndExit() {
      child.stdin.end();
      await exited;
    },
    /** Dies without releasing, as under SIGKILL. */
    async kill() {
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** A child process that waits for "go", then tries for the lock and reports "won" or "locked <pid>". */
async function startRacer(dir: string) {
  const child = nodeChild(`
    import { acquireDataDirLock, DataDirLockedError } from ${JSON.stringify(LOCK_MODULE)};
    import { createInterface } from "node:readline";
    const lines = createInterface({ input: process.stdin });
    console.log("ready");
    await new Promise((resolve) => lines.once("line", resolve));
    try {
      const lock = await acquireDataDirLock(${JSON.stringify(dir)});
      console.log("won");
      lines.once("close", async () => { await lock.release(); process.exit(0); });
    } catch (err) {
      if (!(err instanceof DataDirLockedError)) throw err;
      console.log("locked " + err.pid);
      process.exit(0);
    }
  `);
  const lines = createInterface({ input: child.stdout });
  const received: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  lines.on("line", (line) => {
    const waiter = waiters.shift();
    if (waiter) waiter(line);
    else received.push(line);
  });
  const nextLine = () =>
    new Promise<string>((resolve) => {
      const line = received.shift();
      if (line !== undefined) resolve(line);
      else waiters.push(resolve);
    });
  expect(await nextLine()).toBe("ready");
  return { child, outcome: nextLine(), exited: exitOf(child) };
}

async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return child.pid!;
}
