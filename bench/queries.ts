/**
 * Which SQL each scenario issues: `npx tsx bench/queries.ts --size 10k [--scenarios a,c] [--full]`.
 * Turns on log_min_duration_statement=0 for the bench database, sends one request per scenario
 * (after one unlogged warm-up request) and prints the statements PostgreSQL ran for it, each with
 * its duration (parse/bind/execute as logged).
 */
import pg from "pg";
import { setTimeout as sleep } from "node:timers/promises";
import { args, openBenchDatabase, parseSize, readInfo, startQuorum } from "./lib.ts";
import { pickSearchPath, scenarios, SCENARIO_IDS } from "./scenarios.ts";

const a = args();
const size = parseSize(a.get("size"));
const info = readInfo(size.label);
if (!info) throw new Error(`No bench data for ${size.label}: run npm run bench:generate -- --size ${size.label}`);
const wanted = (a.get("scenarios") ?? SCENARIO_IDS.join(",")).split(",");
const full = a.has("full");

interface Logged {
  parse: number;
  bind: number;
  execute: number;
  text: string;
}
const statements: Logged[] = [];
let capturing = false;
const current = new Map<string, Logged>();
const db = await openBenchDatabase(size.label, (m) => {
  if (process.env.BENCH_RAW && capturing) console.error(m);
  if (!capturing) return;
  const match = /\[(\d+)\] LOG:\s+duration: ([\d.]+) ms\s+(parse|bind|execute|statement)[^:]*:\s(.*)$/.exec(m);
  if (!match) return;
  const backend = match[1]!;
  const ms = Number(match[2]);
  const phase = match[3]!;
  // Extended protocol, per backend: parse, bind (where an unnamed statement is planned), execute.
  let entry = current.get(backend);
  if (phase === "parse" || phase === "statement" || !entry) {
    entry = { parse: 0, bind: 0, execute: 0, text: match[4]! };
    statements.push(entry);
    current.set(backend, entry);
  }
  entry[phase === "statement" ? "execute" : (phase as "parse" | "bind" | "execute")] += ms;
  if (phase === "execute" || phase === "statement") current.delete(backend);
});
const admin = new pg.Client({ connectionString: db.url });
await admin.connect();
await admin.query(`ALTER DATABASE ${admin.escapeIdentifier(new URL(db.url).pathname.slice(1))} SET log_min_duration_statement = 0`);
await admin.end();
const quorum = await startQuorum({ label: size.label, databaseUrl: db.url, port: Number(a.get("port") ?? 3998), partnershipSlug: info.partnershipSlug });
try {
  const search = await pickSearchPath(quorum.url, info);
  for (const s of scenarios(info, search.path).filter((x) => wanted.includes(x.id))) {
    const send = () => fetch(quorum.url + s.path, { method: s.method, headers: s.headers, ...(s.body ? { body: s.body } : {}) }).then((r) => r.text());
    await send();
    await sleep(300);
    statements.length = 0;
    capturing = true;
    const t = performance.now();
    const body = await send();
    const ms = performance.now() - t;
    await sleep(1500);
    capturing = false;
    const sum = (k: "parse" | "bind" | "execute") => statements.reduce((acc, x) => acc + x[k], 0).toFixed(2);
    console.log(
      `\n## ${s.id} ${s.method} ${s.path.slice(0, 90)}  — ${statements.length} statements, ${body.length} bytes, ${ms.toFixed(0)} ms (one idle request); PostgreSQL parse ${sum("parse")} ms, bind/plan ${sum("bind")} ms, execute ${sum("execute")} ms`,
    );
    for (const st of statements)
      console.log(
        `  - [parse ${st.parse.toFixed(2)} / bind ${st.bind.toFixed(2)} / execute ${st.execute.toFixed(2)} ms] ${full ? st.text : st.text.replace(/\s+/g, " ").slice(0, 200)}`,
      );
  }
} finally {
  await quorum.stop();
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(`ALTER DATABASE ${c.escapeIdentifier(new URL(db.url).pathname.slice(1))} RESET log_min_duration_statement`);
  await c.query("DELETE FROM actions WHERE description LIKE 'Bench POST:%'");
  await c.end();
  await db.stop();
}
