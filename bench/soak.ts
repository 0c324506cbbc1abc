/**
 * Soak: `npx tsx bench/soak.ts --size 10k [--minutes 10] [--connections 50] [--every 30]`.
 *
 * Mixed reads and writes for a long time: every connection cycles through scenarios a, b, c, d,
 * d2, e (the write), f and g, so one request in eight creates an action. Every `--every` seconds
 * it records requests, errors, non-2xx, mean and max latency of the interval and Quorum's RSS
 * (now and peak). Reports the RSS growth after the warm-up (the first interval) and appends
 * JSON lines to bench/results/soak-<size>.jsonl.
 */
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { args, loadAvg, machine, openBenchDatabase, parseSize, RESULTS_DIR, round, rssMb, startQuorum, writeJsonLines } from "./lib.ts";
import { ensureData } from "./run.ts";
import { pickSearchPath, scenarios } from "./scenarios.ts";

const a = args();
const size = parseSize(a.get("size"));
const minutes = Number(a.get("minutes") ?? 10);
const connections = Number(a.get("connections") ?? 50);
const every = Number(a.get("every") ?? 30);
const port = Number(a.get("port") ?? 3996);
const out = path.join(RESULTS_DIR, `soak-${size.label.toLowerCase()}.jsonl`);

const info = await ensureData(size.label, size.actions);
const db = await openBenchDatabase(size.label, () => {});
const quorum = await startQuorum({ label: size.label, databaseUrl: db.url, port, partnershipSlug: info.partnershipSlug });
const startedAt = new Date().toISOString();
try {
  const search = await pickSearchPath(quorum.url, info);
  const list = scenarios(info, search.path);
  console.log(
    `Soak ${size.label}: ${minutes} min, ${connections} connections, ${list.length} request kinds in rotation; ${JSON.stringify(machine())}; load ${loadAvg().join(" ")}`,
  );

  let window = { requests: 0, errors: 0, non2xx: 0, latencySum: 0, latencyMax: 0, rssPeak: 0 };
  const status = new Map<number, number>();
  const rssTimer = setInterval(() => {
    const v = rssMb(quorum.pid) ?? 0;
    if (v > window.rssPeak) window.rssPeak = v;
  }, 250);
  const samples: Array<Record<string, unknown>> = [];
  const t0 = Date.now();
  let finished!: (r: autocannon.Result) => void;
  const done = new Promise<autocannon.Result>((resolve) => (finished = resolve));
  const instance = autocannon(
    {
      url: quorum.url,
      connections,
      duration: minutes * 60,
      requests: list.map((s) => ({ method: s.method, path: s.path, headers: s.headers, ...(s.body ? { body: s.body } : {}) })),
    },
    (err, result) => {
      if (err) throw err;
      finished(result);
    },
  );
  instance.on("response", (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
    window.requests++;
    if (statusCode < 200 || statusCode >= 300) {
      window.non2xx++;
      status.set(statusCode, (status.get(statusCode) ?? 0) + 1);
    }
    window.latencySum += responseTime;
    if (responseTime > window.latencyMax) window.latencyMax = responseTime;
  });
  instance.on("reqError", () => window.errors++);
  const tick = setInterval(() => {
    const rss = rssMb(quorum.pid) ?? 0;
    const s = {
      t_s: Math.round((Date.now() - t0) / 1000),
      requests: window.requests,
      rps: round(window.requests / every, 1),
      errors: window.errors,
      non2xx: window.non2xx,
      mean_ms: window.requests ? round(window.latencySum / window.requests, 1) : 0,
      max_ms: round(window.latencyMax, 0),
      rss_mb: round(rss),
      rss_mb_peak: round(Math.max(window.rssPeak, rss)),
      loadavg_1m: loadAvg()[0],
    };
    samples.push(s);
    console.log(`  ${JSON.stringify(s)}`);
    window = { requests: 0, errors: 0, non2xx: 0, latencySum: 0, latencyMax: 0, rssPeak: 0 };
  }, every * 1000);
  const result = await done;
  clearInterval(tick);
  clearInterval(rssTimer);

  const afterWarmup = Number(samples[0]?.rss_mb ?? 0);
  const end = rssMb(quorum.pid) ?? 0;
  const peak = Math.max(...samples.map((s) => Number(s.rss_mb_peak)));
  const summary = {
    kind: "soak-summary",
    size: size.label,
    started_at: startedAt,
    minutes,
    connections,
    requests: result.requests.total,
    rps: round(result.requests.average, 1),
    p50_ms: result.latency.p50,
    p99_ms: result.latency.p99,
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    non2xx_by_status: Object.fromEntries(status),
    rss_mb_after_warmup: afterWarmup,
    rss_mb_end: round(end),
    rss_mb_peak: peak,
    rss_growth_pct_after_warmup: afterWarmup ? round(((end - afterWarmup) / afterWarmup) * 100, 1) : null,
    search: search.note,
    loadavg_end: loadAvg(),
  };
  await writeJsonLines(out, [...samples.map((s) => ({ kind: "soak-sample", size: size.label, started_at: startedAt, ...s })), summary]);
  console.log(JSON.stringify(summary, null, 2));
} finally {
  await quorum.stop();
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  const del = await c.query("DELETE FROM actions WHERE description LIKE 'Bench POST:%'");
  console.log(`removed ${del.rowCount} actions created during the soak`);
  await c.end();
  await db.stop();
}
