/**
 * Shared helpers for the benchmark scripts (bench/*.ts): sizes, the bench database (DATABASE_URL
 * or an embedded PostgreSQL under bench/.data/<size>), the bench credentials file, starting Quorum
 * as a child process and sampling its memory. Nothing here is imported by the application.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { acquireDataDirLock, type DataDirLock } from "../src/platform/db/datadir-lock.ts";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "../src/platform/db/embedded.ts";
import { buildServer } from "../scripts/build.ts";

export const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));
export const REPO_DIR = path.dirname(BENCH_DIR);
export const RESULTS_DIR = path.join(BENCH_DIR, "results");

export const SIZES: Record<string, number> = { "10k": 10_000, "100k": 100_000, "1m": 1_000_000 };

/** "10k" | "100k" | "1M" | a plain number → [label, actions]. */
export function parseSize(raw: string | undefined): { label: string; actions: number } {
  const v = (raw ?? "10k").toLowerCase();
  if (SIZES[v] !== undefined) return { label: v === "1m" ? "1M" : v, actions: SIZES[v] };
  const n = Number(v.replace(/_/g, ""));
  if (!Number.isSafeInteger(n) || n < 1000) throw new Error(`--size must be 10k, 100k, 1M or a number ≥ 1000 (got ${raw})`);
  return { label: String(n), actions: n };
}

/** Minimal --flag value / --flag=value parser. */
export function args(argv = process.argv.slice(2)): Map<string, string> {
  const out = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith("--")) continue;
    const eq = a.indexOf("=");
    if (eq > 0) out.set(a.slice(2, eq), a.slice(eq + 1));
    else if (i + 1 < argv.length && !argv[i + 1]!.startsWith("--")) out.set(a.slice(2), argv[++i]!);
    else out.set(a.slice(2), "true");
  }
  return out;
}

/** What the generator leaves for the runner: ids of the scenario targets and the credentials. */
export interface BenchInfo {
  size: string;
  actions: number;
  seed: number;
  generatedAt: string;
  generateSeconds: number;
  counts: Record<string, number>;
  partnershipSlug: string;
  partnershipId: string;
  workstreamId: string;
  workstreamSlug: string;
  openActionsInWorkstream: number;
  actionId: string;
  bodyId: string;
  ownerPersonId: string;
  publicMeetingId: string;
  searchWord: string;
  readToken: string;
  writeToken: string;
  sessionToken: string;
}

export function dataDirFor(label: string): string {
  return path.join(BENCH_DIR, ".data", label.toLowerCase());
}

/** QUORUM_DATA_DIR of the bench server: its file store (papers) lives here. */
export function quorumDataDir(label: string): string {
  return path.join(dataDirFor(label), "quorum");
}

export function infoPath(label: string): string {
  return path.join(dataDirFor(label), "bench.json");
}

export function readInfo(label: string): BenchInfo | undefined {
  const p = infoPath(label);
  return existsSync(p) ? (JSON.parse(readFileSync(p, "utf8")) as BenchInfo) : undefined;
}

export interface BenchDatabase {
  url: string;
  embedded: boolean;
  pgPid: number | undefined;
  stop(): Promise<void>;
}

/** DATABASE_URL when set, else an embedded PostgreSQL 17 under bench/.data/<size> (locked, stopped by stop()). */
export async function openBenchDatabase(label: string, log: (m: string) => void = () => {}): Promise<BenchDatabase> {
  if (process.env.DATABASE_URL) return { url: process.env.DATABASE_URL, embedded: false, pgPid: undefined, stop: async () => {} };
  const dir = dataDirFor(label);
  const lock: DataDirLock = await acquireDataDirLock(dir);
  let server: EmbeddedPostgresHandle;
  try {
    server = await startEmbeddedPostgres({ dataDir: dir, log });
  } catch (err) {
    await lock.release();
    throw err;
  }
  applyNice([server.pid, process.pid]);
  return {
    url: server.connectionString,
    embedded: true,
    pgPid: server.pid,
    async stop() {
      try {
        await server.stop();
      } finally {
        await lock.release();
      }
    },
  };
}

/** Busy and total jiffies of the whole host, from /proc/stat (for "host busy CPU %" over a window). */
export function hostTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const v = line.trim().split(/\s+/).slice(1).map(Number);
  const total = v.reduce((a, b) => a + b, 0);
  const idle = (v[3] ?? 0) + (v[4] ?? 0);
  return { busy: total - idle, total };
}

/**
 * Waits (up to maxWaitS) until the rest of the machine is quiet: host CPU use, minus the
 * processes given, under quietPct of one core over a 2 s window. Returns the seconds waited
 * and the last "other" CPU % seen.
 */
export async function waitForQuiet(excludePids: number[], quietPct: number, maxWaitS: number): Promise<{ waited: number; otherPct: number }> {
  const started = Date.now();
  for (;;) {
    const h0 = hostTicks();
    const o0 = excludePids.reduce((a, p) => a + (p === 0 ? 0 : treeCpuTicks(p)), 0);
    await sleep(2000);
    const h1 = hostTicks();
    const o1 = excludePids.reduce((a, p) => a + (p === 0 ? 0 : treeCpuTicks(p)), 0);
    // /proc/stat counts jiffies per CPU: busy share of all CPUs × number of CPUs = % of one core.
    const hostPct = ((h1.busy - h0.busy) / Math.max(1, h1.total - h0.total)) * os.cpus().length * 100;
    const otherPct = Math.max(0, Math.round(hostPct - (o1 - o0) / 2)); // 2 s window at 100 ticks/s → ticks/2 = %
    const waited = (Date.now() - started) / 1000;
    if (otherPct < quietPct || waited >= maxWaitS) return { waited: Math.round(waited), otherPct };
  }
}

/**
 * Raises the scheduling priority of the benchmark's own processes (BENCH_NICE, e.g. -10; root
 * only) so that on a shared machine the numbers describe Quorum rather than the neighbours' load.
 * PostgreSQL backends forked later inherit the postmaster's value.
 */
export function applyNice(pids: Array<number | undefined>): number | null {
  const raw = process.env.BENCH_NICE;
  if (raw === undefined || raw === "") return null;
  const nice = Number(raw);
  for (const pid of pids) {
    if (pid === undefined) continue;
    try {
      os.setPriority(pid, nice);
    } catch {
      /* not permitted: leave it */
    }
  }
  return nice;
}

/** Stops what the benchmark started when it is interrupted (Ctrl-C, SIGTERM), then exits. */
export function onInterrupt(cleanup: () => Promise<void>): void {
  let done = false;
  const handler = (signal: string) => {
    if (done) return;
    done = true;
    console.error(`\n${signal}: stopping Quorum and PostgreSQL`);
    void cleanup().finally(() => process.exit(130));
  };
  process.once("SIGINT", () => handler("SIGINT"));
  process.once("SIGTERM", () => handler("SIGTERM"));
}

export function loadAvg(): [number, number, number] {
  const [a, b, c] = os.loadavg();
  return [round(a!, 2), round(b!, 2), round(c!, 2)];
}

export function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** VmRSS of a process in MB, or undefined once it has gone. */
export function rssMb(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const m = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** utime+stime of a process (and its waited-for children) in clock ticks; for CPU % over a window. */
export function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(f[11]) + Number(f[12]);
  } catch {
    return undefined;
  }
}

/** Summed CPU ticks of every process whose parent chain includes `rootPid` (PostgreSQL backends). */
export function treeCpuTicks(rootPid: number): number {
  let total = 0;
  for (const entry of safeReaddir("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const pid = Number(entry);
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const ppid = Number(f[1]);
      // The root's cutime/cstime keep the CPU of children it has already reaped (backends that exited).
      if (pid === rootPid) total += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      else if (ppid === rootPid) total += Number(f[11]) + Number(f[12]);
    } catch {
      /* gone */
    }
  }
  return total;
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/** Samples VmRSS every `everyMs` until stop(); peak and last value in MB. */
export function sampleRss(pid: number, everyMs = 250) {
  let peak = 0;
  let last = 0;
  const take = () => {
    const v = rssMb(pid);
    if (v !== undefined) {
      last = v;
      if (v > peak) peak = v;
    }
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop() {
      clearInterval(timer);
      take();
      return { peak: round(peak), end: round(last) };
    },
  };
}

export interface QuorumProcess {
  pid: number;
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts Quorum as `npm start` does (node dist/server.js, built first; BENCH_SERVER=tsx: node
 * --import tsx src/server.ts; either way the PID is the server itself) against the bench database,
 * in production mode, and waits until /health answers.
 */
export async function startQuorum(opts: {
  databaseUrl: string;
  port: number;
  partnershipSlug: string;
  /** The bench size: the server's QUORUM_DATA_DIR (file store) is bench/.data/<size>/quorum. */
  label: string;
  nodeArgs?: string[];
  log?: (m: string) => void;
}): Promise<QuorumProcess> {
  const log = opts.log ?? (() => {});
  const url = `http://127.0.0.1:${opts.port}`;
  // What `npm start` runs: the server bundle (scripts/build.ts). BENCH_SERVER=tsx runs the sources under tsx instead.
  const entry = process.env.BENCH_SERVER === "tsx" ? ["--import", "tsx", "src/server.ts"] : [await buildServer()];
  // BENCH_NODE_ARGS: extra flags for Node (e.g. "--max-semi-space-size=8"), to measure their effect.
  const extra = (process.env.BENCH_NODE_ARGS ?? "").split(/\s+/).filter(Boolean);
  const child = spawn(process.execPath, [...extra, ...(opts.nodeArgs ?? []), ...entry], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "warn",
      PORT: String(opts.port),
      HOST: "127.0.0.1",
      DATABASE_URL: opts.databaseUrl,
      QUORUM_DATA_DIR: quorumDataDir(opts.label),
      PUBLIC_URL: url,
      SESSION_SECRET: "bench-session-secret-0123456789abcdef0123456789",
      DEFAULT_PARTNERSHIP: opts.partnershipSlug,
      QUORUM_DEMO: "false",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  applyNice([child.pid]);
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString().split("\n")) {
      if (line.trim() === "") continue;
      tail.push(line);
      if (tail.length > 50) tail.shift();
      if (process.env.BENCH_VERBOSE) log(`quorum: ${line}`);
    }
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Quorum exited during start-up (code ${child.exitCode}):\n${tail.join("\n")}`);
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      /* not yet */
    }
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`Quorum did not answer /health within 90 s:\n${tail.join("\n")}`);
    }
    await sleep(250);
  }
  log(`Quorum started (PID ${child.pid}) at ${url}`);
  return {
    pid: child.pid!,
    url,
    child,
    async stop() {
      if (child.exitCode !== null) return;
      child.kill("SIGTERM");
      const done = await Promise.race([exited.then(() => true), sleep(30_000, false)]);
      if (!done) {
        child.kill("SIGKILL");
        await exited;
      }
    },
  };
}

export async function writeJsonLines(file: string, rows: object[]): Promise<void> {
  await fs.mkdir(path.dirname(file), { recursive: true });
  await fs.appendFile(file, rows.map((r) => JSON.stringify(r)).join("\n") + "\n");
}

export function machine() {
  return {
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? "unknown",
    memGb: round(os.totalmem() / 2 ** 30, 1),
    node: process.version,
  };
}
