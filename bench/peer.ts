/**
 * Side by side with the peer (Redmine 5): `npm run bench:peer [-- --live] [--runs 3] [--duration 20]`.
 *
 * Runs Quorum's scenarios a, b, c, d, e at 10k actions and compares them with Redmine's on its
 * 10,000-issue data set (../shared/bench/peer-redmine/):
 * - with `--live`: runs the peer harness now, in the same run (bash setup.sh; seed.sh; bench.sh;
 *   stop.sh redmine — root on Debian 12, minutes of apt and seeding the first time), then Quorum;
 * - without: reads the peer's recorded runs (results/measured-runs.jsonl), keeping only the clean
 *   ones (rest_cpu_pct ≤ 20: no other tenant using the CPU) and taking the median per scenario.
 * Prints ours/peer for req/s and for p99 (d: ours signed in vs the peer's anonymous d and its
 * signed-in d_auth). Appends the rows to bench/results/peer-10k.jsonl.
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { args, loadAvg, machine, openBenchDatabase, REPO_DIR, RESULTS_DIR, round, startQuorum, writeJsonLines } from "./lib.ts";
import { ensureData, median, runScenarios, table, type ScenarioRow } from "./run.ts";
import { scenarios } from "./scenarios.ts";

const PEER_DIR = process.env.PEER_DIR ?? path.resolve(REPO_DIR, "../shared/bench/peer-redmine");
const PEER_NAMES: Record<string, string> = {
  a: "a_api_list_project_open",
  b: "b_api_list_cross_project_due",
  c: "c_api_issue_show",
  d: "d_html_project_issues_anon",
  d_auth: "d_html_project_issues_session",
  e: "e_api_create_issue",
};

interface PeerRow {
  run?: string;
  scenario: string;
  rps: number;
  p50_ms: number;
  p99_ms: number;
  errors: number;
  timeouts?: number;
  rest_cpu_pct?: number;
  rss_mb_peak?: number;
}

const exec = promisify(execFile);

async function livePeer(): Promise<PeerRow[]> {
  const sh = (script: string, extra: string[] = [], env: Record<string, string> = {}) => {
    console.log(`peer: bash ${script} ${extra.join(" ")}`);
    return exec("bash", [path.join(PEER_DIR, script), ...extra], { cwd: PEER_DIR, env: { ...process.env, ...env }, maxBuffer: 64 * 2 ** 20 });
  };
  await sh("setup.sh");
  await sh("seed.sh");
  try {
    const { stdout } = await sh("bench.sh");
    return stdout
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => ({ ...(JSON.parse(l) as PeerRow), run: "live" }));
  } finally {
    await sh("stop.sh", ["redmine"]).catch(() => {});
  }
}

function recordedPeer(): PeerRow[] {
  const file = path.join(PEER_DIR, "results/measured-runs.jsonl");
  if (!existsSync(file)) throw new Error(`No recorded peer results at ${file}`);
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as PeerRow)
    .filter((r) => (r.rest_cpu_pct ?? 0) <= 20);
}

async function main() {
  const a = args();
  const live = a.has("live");
  const runs = Number(a.get("runs") ?? 1);
  const duration = Number(a.get("duration") ?? 20);
  const warmup = Number(a.get("warmup") ?? 5);
  const connections = Number(a.get("connections") ?? 20);
  const quietWaitS = Number(a.get("quiet-wait") ?? 15);

  const peer = live ? await livePeer() : recordedPeer();
  const info = await ensureData("10k", 10_000);
  const db = await openBenchDatabase("10k", () => {});
  let quorum;
  let ours: ScenarioRow[];
  try {
    quorum = await startQuorum({ label: "10k", databaseUrl: db.url, port: Number(a.get("port") ?? 3995), partnershipSlug: info.partnershipSlug });
    console.log(`Quorum 10k vs Redmine (${live ? "live, this run" : "recorded clean runs"}); ${JSON.stringify(machine())}; load ${loadAvg().join(" ")}`);
    ours = await runScenarios({
      label: "10k",
      info,
      baseUrl: quorum.url,
      appPid: quorum.pid,
      pgPid: db.pgPid,
      dbUrl: db.url,
      list: scenarios(info, "").filter((s) => ["a", "b", "c", "d", "e"].includes(s.id)),
      runs,
      warmup,
      duration,
      connections,
      app: "quorum",
      out: path.join(RESULTS_DIR, "peer-10k.jsonl"),
      quietPct: 30,
      quietWaitS,
    });
  } finally {
    await quorum?.stop();
    await db.stop();
  }
  if (live)
    await writeJsonLines(
      path.join(RESULTS_DIR, "peer-10k.jsonl"),
      peer.map((p) => ({ app: "redmine", ...p })),
    );

  console.log(`\n### Quorum at 10k (medians of ${runs})\n\n${table(ours)}\n`);
  console.log(
    `### Quorum / Redmine (peer: ${live ? "measured in this run" : `median of ${new Set(peer.map((p) => p.run)).size} recorded runs, clean rows only`})\n`,
  );
  console.log("| scenario | Quorum req/s | Redmine req/s | ours/peer req/s | Quorum p99 ms | Redmine p99 ms | ours/peer p99 |");
  console.log("|---|---|---|---|---|---|---|");
  const pairs: Array<[string, string]> = [
    ["a", "a"],
    ["b", "b"],
    ["c", "c"],
    ["d", "d"],
    ["d", "d_auth"],
    ["e", "e"],
  ];
  for (const [o, p] of pairs) {
    const q = ours.filter((r) => r.scenario === o);
    const r = peer.filter((x) => x.scenario === PEER_NAMES[p]);
    if (!q.length || !r.length) continue;
    const qr = median(q.map((x) => x.rps));
    const rr = median(r.map((x) => x.rps));
    const qp = median(q.map((x) => x.p99_ms));
    const rp = median(r.map((x) => x.p99_ms));
    console.log(`| ${o === p ? o : `${o} vs ${p}`} | ${round(qr, 1)} | ${round(rr, 1)} | ${round(qr / rr, 1)}× | ${qp} | ${rp} | ${round(qp / rp, 3)} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exit(1);
});
