/**
 * Load scenarios against Quorum: `npm run bench -- --size 10k|100k|1M [--runs 3] [--duration 20]
 * [--warmup 5] [--connections 20] [--scenarios a,b,c,d,d2,e,f,g] [--port 3999] [--cpu-prof]`.
 *
 * Generates the data set first if bench/.data/<size> has none. Starts the bench PostgreSQL
 * (embedded, or DATABASE_URL) and Quorum as a child process (NODE_ENV=production, LOG_LEVEL=warn),
 * then for each scenario: a discarded warm-up, then the measured window, sampling the server's
 * VmRSS every 250 ms and the CPU of Quorum and PostgreSQL. Appends JSON lines to
 * bench/results/quorum-<size>.jsonl and prints a markdown table (medians when --runs > 1).
 * With --cpu-prof the server runs under `node --cpu-prof` and the top frames are summarised.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { generate } from "./generate.ts";
import {
  args,
  cpuTicks,
  hostTicks,
  loadAvg,
  waitForQuiet,
  machine,
  onInterrupt,
  openBenchDatabase,
  parseSize,
  readInfo,
  RESULTS_DIR,
  round,
  rssMb,
  sampleRss,
  startQuorum,
  treeCpuTicks,
  writeJsonLines,
  type BenchInfo,
} from "./lib.ts";
import { load, pickSearchPath, probe, scenarios, SCENARIO_IDS, type LoadResult, type Scenario } from "./scenarios.ts";
import { summariseProfiles } from "./profile-summary.ts";

/** One scenario's window: what autocannon measured (LoadResult, less the 2xx count) and what the runner sampled around it. */
export interface ScenarioRow extends Omit<LoadResult, "ok_2xx"> {
  app: string;
  size: string;
  run: number;
  scenario: string;
  title: string;
  method: string;
  path: string;
  auth: string;
  connections: number;
  rss_mb_peak: number;
  rss_mb_end: number;
  app_cpu_pct: number;
  pg_cpu_pct: number | null;
  /** CPU time Quorum (and PostgreSQL) spent per request in the window: robust to other tenants' load. */
  app_cpu_ms_per_req: number | null;
  pg_cpu_ms_per_req: number | null;
  loadavg_1m_before: number;
  /** Scheduling priority of Quorum, PostgreSQL and the load generator (BENCH_NICE; 0 = as everyone else). */
  nice: number;
  other_cpu_pct_before: number;
  quiet_wait_s: number;
  host_busy_cpu_pct: number;
  loader_cpu_pct: number;
  /** Host busy minus Quorum, PostgreSQL and the load generator: everyone else on the machine. */
  rest_cpu_pct: number;
  loadavg_after: [number, number, number];
  rows_added?: Record<string, number>;
  note?: string;
  at: string;
}

const log = (m: string) => console.log(m);
const quiet = (m: string) => {
  if (process.env.BENCH_VERBOSE || !/^(postgres|initdb):/.test(m)) console.log(m);
};

const TICKS_PER_S = 100;

export async function runScenarios(opts: {
  label: string;
  info: BenchInfo;
  baseUrl: string;
  appPid: number;
  pgPid: number | undefined;
  dbUrl: string;
  list: Scenario[];
  runs: number;
  warmup: number;
  duration: number;
  connections: number;
  app: string;
  notes?: Record<string, string>;
  out: string;
  /** Before each scenario, wait up to quietWaitS for other processes to use under quietPct % of a core. */
  quietPct?: number;
  quietWaitS?: number;
  /** Number of the first run (when the caller interleaves runs itself). */
  firstRun?: number;
}): Promise<ScenarioRow[]> {
  const rows: ScenarioRow[] = [];
  const client = new pg.Client({ connectionString: opts.dbUrl, application_name: "quorum-bench-run" });
  client.on("error", () => {});
  await client.connect();
  try {
    const first = opts.firstRun ?? 1;
    for (let run = first; run < first + opts.runs; run++) {
      for (const s of opts.list) {
        const quietness = await waitForQuiet([opts.appPid, opts.pgPid ?? 0], opts.quietPct ?? 30, opts.quietWaitS ?? 0);
        const before = loadAvg();
        if (opts.warmup > 0) await load(opts.baseUrl, s, { connections: opts.connections, duration: opts.warmup });
        const counts = s.method === "POST" ? await countRows(client) : undefined;
        const rss = sampleRss(opts.appPid);
        const appT0 = cpuTicks(opts.appPid) ?? 0;
        const pgT0 = opts.pgPid ? treeCpuTicks(opts.pgPid) : 0;
        const host0 = hostTicks();
        const self0 = process.cpuUsage();
        const t0 = Date.now();
        const r = await load(opts.baseUrl, s, { connections: opts.connections, duration: opts.duration });
        const elapsed = (Date.now() - t0) / 1000;
        const mem = rss.stop();
        const host1 = hostTicks();
        const selfUse = process.cpuUsage(self0);
        const hostCpu = ((host1.busy - host0.busy) / Math.max(1, host1.total - host0.total)) * os.cpus().length * 100;
        const loaderCpu = ((selfUse.user + selfUse.system) / 1e6 / elapsed) * 100;
        const appCpu = (((cpuTicks(opts.appPid) ?? appT0) - appT0) / TICKS_PER_S / elapsed) * 100;
        const pgCpu = opts.pgPid ? ((treeCpuTicks(opts.pgPid) - pgT0) / TICKS_PER_S / elapsed) * 100 : null;
        let rowsAdded: Record<string, number> | undefined;
        if (counts) {
          const after = await countRows(client);
          rowsAdded = Object.fromEntries(Object.entries(after).map(([k, v]) => [k, v - (counts[k] ?? 0)]));
        }
        const row: ScenarioRow = {
          app: opts.app,
          size: opts.label,
          run,
          scenario: s.id,
          title: s.title,
          method: s.method,
          path: s.path.replace(opts.info.readToken, "…"),
          auth: s.auth,
          connections: opts.connections,
          duration_s: round(r.duration_s, 2),
          requests: r.requests,
          rps: round(r.rps, 1),
          p50_ms: r.p50_ms,
          p90_ms: r.p90_ms,
          p99_ms: r.p99_ms,
          mean_ms: round(r.mean_ms, 2),
          max_ms: r.max_ms,
          errors: r.errors,
          timeouts: r.timeouts,
          non2xx: r.non2xx,
          rss_mb_peak: mem.peak,
          rss_mb_end: mem.end,
          app_cpu_pct: Math.round(appCpu),
          pg_cpu_pct: pgCpu === null ? null : Math.round(pgCpu),
          app_cpu_ms_per_req: r.requests ? round(((appCpu / 100) * elapsed * 1000) / r.requests, 2) : null,
          pg_cpu_ms_per_req: r.requests && pgCpu !== null ? round(((pgCpu / 100) * elapsed * 1000) / r.requests, 2) : null,
          loadavg_1m_before: before[0],
          nice: process.env.BENCH_NICE ? Number(process.env.BENCH_NICE) : 0,
          other_cpu_pct_before: quietness.otherPct,
          quiet_wait_s: quietness.waited,
          host_busy_cpu_pct: Math.round(hostCpu),
          loader_cpu_pct: Math.round(loaderCpu),
          rest_cpu_pct: Math.round(hostCpu - appCpu - (pgCpu ?? 0) - loaderCpu),
          loadavg_after: loadAvg(),
          ...(rowsAdded ? { rows_added: rowsAdded } : {}),
          ...(opts.notes?.[s.id] ? { note: opts.notes[s.id] } : {}),
          at: new Date().toISOString(),
        };
        rows.push(row);
        await writeJsonLines(opts.out, [row]);
        log(
          `  run ${run} ${s.id.padEnd(3)} ${String(row.rps).padStart(8)} req/s  p50 ${row.p50_ms} ms  p99 ${row.p99_ms} ms  err ${row.errors}  non2xx ${row.non2xx}  RSS ${row.rss_mb_peak}/${row.rss_mb_end} MB  cpu app ${row.app_cpu_pct}% pg ${row.pg_cpu_pct}% rest ${row.rest_cpu_pct}%  load ${before[0]}`,
        );
      }
    }
    // Keep the data set stable: remove the actions the POST scenario created (their audit events stay: the trail is append-only).
    const del = await client.query("DELETE FROM actions WHERE description LIKE 'Bench POST:%'");
    if (del.rowCount) log(`  removed ${del.rowCount} actions created by scenario e`);
  } finally {
    await client.end().catch(() => {});
  }
  return rows;
}

async function countRows(client: pg.Client): Promise<Record<string, number>> {
  const r = await client.query(`SELECT (SELECT count(*) FROM actions)::int AS actions, (SELECT count(*) FROM audit_events)::int AS audit_events`);
  return r.rows[0] as Record<string, number>;
}

export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  if (n === 0) return NaN;
  return n % 2 ? s[(n - 1) / 2]! : (s[n / 2 - 1]! + s[n / 2]!) / 2;
}

/** Markdown table of medians per scenario (range when several runs). */
export function table(rows: ScenarioRow[]): string {
  const ids = [...new Set(rows.map((r) => r.scenario))];
  const lines = [
    "| scenario | req/s | p50 ms | p99 ms | errors | non-2xx | app RSS peak / end MB | app CPU % | PG CPU % | others' CPU % | app CPU ms/req | PG CPU ms/req | load 1m before | runs |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const id of ids) {
    const rs = rows.filter((r) => r.scenario === id);
    const f = (k: keyof ScenarioRow) => rs.map((r) => Number(r[k]));
    const cell = (k: keyof ScenarioRow, digits = 0) => {
      const v = f(k);
      const m = round(median(v), digits);
      return v.length > 1 ? `${m} (${round(Math.min(...v), digits)}–${round(Math.max(...v), digits)})` : `${m}`;
    };
    lines.push(
      `| ${id} ${rs[0]!.title} | ${cell("rps", 1)} | ${cell("p50_ms")} | ${cell("p99_ms")} | ${f("errors").reduce((a, b) => a + b, 0)} | ${f("non2xx").reduce((a, b) => a + b, 0)} | ${Math.max(...f("rss_mb_peak"))} / ${rs.at(-1)!.rss_mb_end} | ${cell("app_cpu_pct")} | ${cell("pg_cpu_pct")} | ${cell("rest_cpu_pct")} | ${cell("app_cpu_ms_per_req", 2)} | ${cell("pg_cpu_ms_per_req", 2)} | ${f("loadavg_1m_before").join(", ")} | ${rs.length} |`,
    );
  }
  return lines.join("\n");
}

export async function ensureData(label: string, actions: number): Promise<BenchInfo> {
  const existing = readInfo(label);
  if (existing && existing.actions === actions) return existing;
  log(`No bench data for ${label}: generating it first`);
  return generate({ label, actions, seed: 42, log: quiet });
}

async function main() {
  const a = args();
  const size = parseSize(a.get("size"));
  const runs = Number(a.get("runs") ?? 1);
  const warmup = Number(a.get("warmup") ?? 5);
  const duration = Number(a.get("duration") ?? 20);
  const connections = Number(a.get("connections") ?? 20);
  const port = Number(a.get("port") ?? 3999);
  const wanted = (a.get("scenarios") ?? SCENARIO_IDS.join(",")).split(",").map((s) => s.trim());
  const cpuProf = a.has("cpu-prof");
  const quietPct = Number(a.get("quiet-pct") ?? 30);
  const quietWaitS = Number(a.get("quiet-wait") ?? 60);
  const out = a.get("out") ?? path.join(RESULTS_DIR, `quorum-${size.label.toLowerCase()}.jsonl`);

  const info = await ensureData(size.label, size.actions);
  const db = await openBenchDatabase(size.label, quiet);
  const profDir = path.join(RESULTS_DIR, "profiles", `${size.label.toLowerCase()}-${wanted.join("")}-${Date.now()}`);
  if (cpuProf) await fs.mkdir(profDir, { recursive: true });
  let quorum: Awaited<ReturnType<typeof startQuorum>> | undefined;
  onInterrupt(async () => {
    await quorum?.stop();
    await db.stop();
  });
  const spawnedAt = Date.now();
  let measuringFrom: number | undefined;
  try {
    quorum = await startQuorum({
      label: size.label,
      databaseUrl: db.url,
      port,
      partnershipSlug: info.partnershipSlug,
      nodeArgs: cpuProf ? ["--cpu-prof", `--cpu-prof-dir=${profDir}`] : [],
      log,
    });
    const search = await pickSearchPath(quorum.url, info);
    const all = scenarios(info, search.path);
    const list: Scenario[] = [];
    for (const s of all.filter((x) => wanted.includes(x.id))) {
      const p = await probe(quorum.url, s);
      if (p.ok) list.push(s);
      else log(`  scenario ${s.id} skipped: ${p.message}`);
    }
    measuringFrom = (Date.now() - spawnedAt) / 1000;
    log(`Quorum RSS after start-up and one probe of each scenario: ${round(rssMb(quorum.pid) ?? NaN)} MB`);
    log(`Quorum ${size.label} — ${JSON.stringify(machine())}; load ${loadAvg().join(" ")}; nice ${process.env.BENCH_NICE ?? "0"}; search: ${search.note}`);
    const rows = await runScenarios({
      label: size.label,
      info,
      baseUrl: quorum.url,
      appPid: quorum.pid,
      pgPid: db.pgPid,
      dbUrl: db.url,
      list,
      runs,
      warmup,
      duration,
      connections,
      app: "quorum",
      notes: { g: search.note, b: "the API always sorts by due date (soonest first, undated last); sort=due is ignored" },
      out,
      quietPct,
      quietWaitS,
    });
    console.log(`\n### Quorum, ${size.label} actions (${connections} connections, ${warmup} s warm-up, ${duration} s)\n`);
    console.log(table(rows));
  } finally {
    await quorum?.stop();
    await db.stop();
  }
  if (cpuProf) console.log(`\nCPU profile (${profDir}):\n${await summariseProfiles(profDir, 30, measuringFrom ?? 0)}`);
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
}
