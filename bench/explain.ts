/**
 * EXPLAIN (ANALYZE, BUFFERS) of the single SQL statement behind scenarios a, b and c (the same
 * text as minimal.ts, from PostgreSQL's statement log): `npx tsx bench/explain.ts --size 1M`.
 * Uses DATABASE_URL, or the embedded server of that size (started and stopped here).
 */
import pg from "pg";
import { args, openBenchDatabase, parseSize, readInfo } from "./lib.ts";
import { SQL } from "./minimal.ts";

const a = args();
const size = parseSize(a.get("size"));
const info = readInfo(size.label);
if (!info) throw new Error(`No bench data for ${size.label}`);
const db = await openBenchDatabase(size.label, () => {});
const client = new pg.Client({ connectionString: db.url });
try {
  await client.connect();
  const cases: Array<[string, string, unknown[]]> = [
    ["a", SQL.a, [info.partnershipId, "open", info.workstreamId, 26]],
    ["b", SQL.b, [info.partnershipId, "open", "in_progress", 101]],
    ["c", SQL.c, [info.partnershipId, info.actionId]],
  ];
  for (const [id, sql, values] of cases) {
    await client.query(sql, values); // warm the cache
    const r = await client.query<{ "QUERY PLAN": string }>(`EXPLAIN (ANALYZE, BUFFERS) ${sql}`, values);
    console.log(`\n## ${id}\n${r.rows.map((x) => x["QUERY PLAN"]).join("\n")}`);
  }
} finally {
  await client.end().catch(() => {});
  await db.stop();
}
