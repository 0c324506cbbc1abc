/**
 * Tables for docs/performance.md from the recorded JSON lines in bench/results/:
 * `npx tsx bench/report.ts [--since 2026-11-22T14:00]`. Medians over the runs of each scenario
 * (ranges in brackets), CPU per request, the 1M/10k p99 ratios and the minimal-handler ratios.
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { args, RESULTS_DIR, round } from "./lib.ts";
import { median, type ScenarioRow } from "./run.ts";

const a = args();
const since = a.get("since") ?? "";

function read(file: string): ScenarioRow[] {
  const p = path.join(RESULTS_DIR, file);
  if (!existsSync(p)) return [];
  return readFileSync(p, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as ScenarioRow)
    .filter((r) => r.at >= since);
}

const cpuMs = (r: ScenarioRow, which: "app" | "pg") => {
  const stored = which === "app" ? r.app_cpu_ms_per_req : r.pg_cpu_ms_per_req;
  if (stored !== undefined && stored !== null) return stored < 0 ? NaN : stored;
  const pct = which === "app" ? r.app_cpu_pct : (r.pg_cpu_pct ?? 0);
  if (pct < 0) return NaN; // a PostgreSQL backend exited during the window (fixed in lib.ts treeCpuTicks since)
  return r.requests ? ((pct / 100) * r.duration_s * 1000) / r.requests : NaN;
};

function cell(all: number[], digits = 0): string {
  const xs = all.filter(Number.isFinite);
  if (!xs.length) return "–";
  const m = round(median(xs), digits);
  return xs.length > 1 ? `${m} (${round(Math.min(...xs), digits)}–${round(Math.max(...xs), digits)})` : `${m}`;
}

function sizeTable(rows: ScenarioRow[]): string {
  const ids = [...new Set(rows.map((r) => r.scenario))];
  const out = [
    "| scenario | req/s | p50 ms | p99 ms | errors / requests | non-2xx | RSS peak / end MB | Quorum CPU ms/req | PG CPU ms/req | others' CPU % of a core | load 1m | runs |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const id of ids) {
    const rs = rows.filter((r) => r.scenario === id);
    const sum = (k: keyof ScenarioRow) => rs.reduce((acc, r) => acc + Number(r[k]), 0);
    out.push(
      `| ${id} ${rs[0]!.title} | ${cell(
        rs.map((r) => r.rps),
        1,
      )} | ${cell(rs.map((r) => r.p50_ms))} | ${cell(rs.map((r) => r.p99_ms))} | ${sum("errors")} / ${sum("requests")} | ${sum("non2xx")} | ${round(Math.max(...rs.map((r) => r.rss_mb_peak)))} / ${rs.at(-1)!.rss_mb_end} | ${cell(
        rs.map((r) => cpuMs(r, "app")),
        2,
      )} | ${cell(
        rs.map((r) => cpuMs(r, "pg")),
        2,
      )} | ${cell(rs.map((r) => r.rest_cpu_pct ?? NaN))} | ${cell(
        rs.map((r) => r.loadavg_1m_before),
        1,
      )} | ${rs.length} |`,
    );
  }
  return out.join("\n");
}

const sizes = ["10k", "100k", "1m"];
const bySize = Object.fromEntries(sizes.map((s) => [s, read(`quorum-${s}.jsonl`)]));
for (const s of sizes) {
  const rows = bySize[s]!;
  if (!rows.length) {
    console.log(`\n### ${s}: no results\n`);
    continue;
  }
  console.log(`\n### Quorum at ${s === "1m" ? "1M" : s} actions\n\n${sizeTable(rows)}\n`);
}

const set2 = read("quorum-10k-set2.jsonl");
if (set2.length) console.log(`\n### Quorum at 10k actions, second set (quieter machine)\n\n${sizeTable(set2)}\n`);
const semi16 = read("quorum-10k-semi16.jsonl");
if (semi16.length) console.log(`\n### Quorum at 10k actions, Node started with --max-semi-space-size=16\n\n${sizeTable(semi16)}\n`);

// Scaling: p99 and CPU per request at 1M against 10k.
const s10 = bySize["10k"]!;
const s1m = bySize["1m"]!;
const s100 = bySize["100k"]!;
if (s10.length && (s1m.length || s100.length)) {
  console.log("\n### Scaling (medians): p99 and Quorum+PG CPU per request\n");
  // The second 10k set appears only when it has rows in the period reported (--since).
  const withSet2 = set2.length > 0;
  const head = ["scenario", "p99 10k", ...(withSet2 ? ["p99 10k, set 2"] : []), "p99 100k", "p99 1M", "p99 1M / 10k", ...(withSet2 ? ["p99 1M / 10k set 2"] : [])];
  head.push("CPU ms/req 10k", ...(withSet2 ? ["CPU ms/req 10k, set 2"] : []), "CPU ms/req 100k", "CPU ms/req 1M", "CPU 1M / 10k");
  console.log(`| ${head.join(" | ")} |`);
  console.log(`|${head.map(() => "---").join("|")}|`);
  for (const id of [...new Set(s10.map((r) => r.scenario))]) {
    const m = (rows: ScenarioRow[], f: (r: ScenarioRow) => number) => {
      const xs = rows.filter((r) => r.scenario === id).map(f);
      return xs.length ? median(xs) : NaN;
    };
    const p = (rows: ScenarioRow[]) => m(rows, (r) => r.p99_ms);
    const c = (rows: ScenarioRow[]) =>
      round(
        m(rows, (r) => cpuMs(r, "app") + cpuMs(r, "pg")),
        2,
      );
    const cells = [id, p(s10), ...(withSet2 ? [p(set2)] : []), p(s100), p(s1m), round(p(s1m) / p(s10), 2), ...(withSet2 ? [round(p(s1m) / p(set2), 2)] : [])];
    cells.push(c(s10), ...(withSet2 ? [c(set2)] : []), c(s100), c(s1m), round(c(s1m) / c(s10), 2));
    console.log(`| ${cells.join(" | ")} |`);
  }
}

for (const s of [...sizes, "10k-set2", ...sizes.map((x) => `${x}-prepared`)]) {
  const rows = read(`minimal-${s}.jsonl`);
  if (!rows.length) continue;
  const how = s.endsWith("-prepared") ? "named prepared statements" : "statements parsed and planned every time";
  console.log(`\n### Quorum / minimal handler at ${s.replace("-prepared", "")}, minimal with ${how} (same SQL, same pool size; medians, runs interleaved)\n`);
  console.log("| scenario | Quorum req/s | minimal req/s | ours/minimal | Quorum p99 ms | minimal p99 ms | Quorum CPU ms/req | minimal CPU ms/req | runs |");
  console.log("|---|---|---|---|---|---|---|---|---|");
  for (const id of ["a", "b", "c", "e"]) {
    const q = rows.filter((r) => r.app === "quorum" && r.scenario === id);
    const mm = rows.filter((r) => r.app === "minimal" && r.scenario === id);
    if (!q.length || !mm.length) continue;
    const qr = median(q.map((r) => r.rps));
    const mr = median(mm.map((r) => r.rps));
    console.log(
      `| ${id} | ${round(qr, 1)} | ${round(mr, 1)} | ${round(qr / mr, 2)} | ${median(q.map((r) => r.p99_ms))} | ${median(mm.map((r) => r.p99_ms))} | ${round(median(q.map((r) => cpuMs(r, "app"))), 2)} | ${round(median(mm.map((r) => cpuMs(r, "app"))), 2)} | ${q.length} |`,
    );
  }
}
