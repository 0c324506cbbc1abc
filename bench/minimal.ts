/**
 * The limit: `npx tsx bench/minimal.ts --size 10k [--runs 1] [--duration 20] [--prepared]`.
 *
 * A minimal Fastify server (`--serve`, started as its own process like Quorum) that answers the
 * same URLs as scenarios a, b, c and e with the one SQL statement Quorum's repository issues for
 * them (copied from PostgreSQL's statement log: `npx tsx bench/queries.ts --full`), through a
 * pg.Pool of the same size (10), returning the rows as JSON. No authentication, no validation, no
 * presenter, no audit, no transaction: the floor for this machine, database and driver. The driver
 * mode runs the scenarios against both servers in turn and prints ours/minimal.
 *
 * With `--prepared` the minimal handler sends each statement as a named prepared statement (parsed
 * once per connection, plan reusable), as Quorum does for these queries since ADR 0006; the rows
 * go to minimal-<size>-prepared.jsonl. Without it, every statement is parsed and planned afresh.
 */
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import Fastify from "fastify";
import pg from "pg";
import { args, loadAvg, machine, openBenchDatabase, parseSize, REPO_DIR, RESULTS_DIR, round, startQuorum } from "./lib.ts";
import { median, runScenarios, table, ensureData, type ScenarioRow } from "./run.ts";
import { scenarios } from "./scenarios.ts";

const SELECT = `select "actions"."partnership_id", "actions"."id", "actions"."description", "actions"."owner_person_id", "actions"."due_on", "actions"."status", "actions"."dropped_reason", "actions"."completed_on", "actions"."body_id", "actions"."source_meeting_id", "actions"."source_agenda_item_id", "actions"."decision_id", "actions"."workstream_id", "actions"."risk_id", "actions"."version", "actions"."created_at", "actions"."updated_at", "people"."name", "people"."user_id", "bodies"."name", "bodies"."short_name", "bodies"."archived_at", "meetings"."starts_at", "meetings"."title", "meetings"."status", "meetings"."agenda_published_at", "agenda_items"."title", "agenda_items"."confidentiality", null from "actions" inner join "people" on ("people"."partnership_id" = "actions"."partnership_id" and "people"."id" = "actions"."owner_person_id") inner join "bodies" on ("bodies"."partnership_id" = "actions"."partnership_id" and "bodies"."id" = "actions"."body_id") left join "meetings" on ("meetings"."partnership_id" = "actions"."partnership_id" and "meetings"."id" = "actions"."source_meeting_id") left join "agenda_items" on ("agenda_items"."partnership_id" = "actions"."partnership_id" and "agenda_items"."id" = "actions"."source_agenda_item_id")`;

export const SQL = {
  a: `${SELECT} where ("actions"."partnership_id" = $1 and "actions"."status" = $2 and "actions"."workstream_id" = $3) order by "actions"."due_on" asc, "actions"."id" asc limit $4`,
  b: `${SELECT} where ("actions"."partnership_id" = $1 and "actions"."status" in ($2, $3)) order by "actions"."due_on" asc, "actions"."id" asc limit $4`,
  c: `${SELECT} where ("actions"."partnership_id" = $1 and "actions"."id" = $2)`,
  e: `insert into "actions" ("partnership_id", "id", "description", "owner_person_id", "due_on", "status", "dropped_reason", "completed_on", "body_id", "source_meeting_id", "source_agenda_item_id", "decision_id", "workstream_id", "risk_id", "version", "created_at", "updated_at") values ($1, $2, $3, $4, $5, default, default, default, $6, $7, $8, $9, default, default, default, default, default) returning "partnership_id", "id", "description", "owner_person_id", "due_on", "status", "dropped_reason", "completed_on", "body_id", "source_meeting_id", "source_agenda_item_id", "decision_id", "workstream_id", "risk_id", "version", "created_at", "updated_at"`,
};

async function serve() {
  const partnershipId = process.env.BENCH_PARTNERSHIP_ID!;
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  pool.on("error", () => {});
  const named = process.env.BENCH_MINIMAL_PREPARED === "1";
  const name = (id: string) => (named ? { name: `minimal_${id}` } : {});
  const app = Fastify({ logger: false });
  app.get("/health", async () => ({ ok: true }));
  app.get<{ Params: { id: string }; Querystring: { status?: string; limit?: string } }>("/api/v1/workstreams/:id/actions", async (req) => {
    const limit = Number(req.query.limit ?? 25);
    const r = await pool.query({ ...name("a"), text: SQL.a, values: [partnershipId, req.query.status ?? "open", req.params.id, limit + 1], rowMode: "array" });
    return { data: r.rows.slice(0, limit) };
  });
  app.get<{ Querystring: { limit?: string } }>("/api/v1/actions", async (req) => {
    const limit = Number(req.query.limit ?? 25);
    const r = await pool.query({ ...name("b"), text: SQL.b, values: [partnershipId, "open", "in_progress", limit + 1], rowMode: "array" });
    return { data: r.rows.slice(0, limit) };
  });
  app.get<{ Params: { id: string } }>("/api/v1/actions/:id", async (req, reply) => {
    const r = await pool.query({ ...name("c"), text: SQL.c, values: [partnershipId, req.params.id], rowMode: "array" });
    return r.rows[0] ?? reply.code(404).send({ error: "not found" });
  });
  app.post<{ Body: { description: string; ownerPersonId: string; dueOn: string | null; bodyId: string } }>("/api/v1/actions", async (req, reply) => {
    const b = req.body;
    const r = await pool.query({ ...name("e"), text: SQL.e, values: [partnershipId, randomUUID(), b.description, b.ownerPersonId, b.dueOn, b.bodyId, null, null, null] });
    return reply.code(201).send(r.rows[0]);
  });
  await app.listen({ port: Number(process.env.PORT), host: "127.0.0.1" });
  const stop = async () => {
    await app.close();
    await pool.end();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

async function drive() {
  const a = args();
  const size = parseSize(a.get("size"));
  const runs = Number(a.get("runs") ?? 1);
  const duration = Number(a.get("duration") ?? 20);
  const warmup = Number(a.get("warmup") ?? 5);
  const connections = Number(a.get("connections") ?? 20);
  const quietWaitS = Number(a.get("quiet-wait") ?? 15);
  const preparedMode = a.has("prepared");
  const out = a.get("out") ?? path.join(RESULTS_DIR, `minimal-${size.label.toLowerCase()}${preparedMode ? "-prepared" : ""}.jsonl`);
  const info = await ensureData(size.label, size.actions);
  const db = await openBenchDatabase(size.label, () => {});
  const port = Number(a.get("port") ?? 3997);
  const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--serve"], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: db.url,
      BENCH_PARTNERSHIP_ID: info.partnershipId,
      BENCH_MINIMAL_PREPARED: preparedMode ? "1" : "0",
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const minimalUrl = `http://127.0.0.1:${port}`;
  let quorum;
  const rows: ScenarioRow[] = [];
  try {
    for (let i = 0; ; i++) {
      if (
        await fetch(`${minimalUrl}/health`)
          .then((r) => r.ok)
          .catch(() => false)
      )
        break;
      if (i > 200) throw new Error("minimal server did not start");
      await sleep(100);
    }
    quorum = await startQuorum({ label: size.label, databaseUrl: db.url, port: port + 1, partnershipSlug: info.partnershipSlug });
    const list = scenarios(info, "").filter((s) => ["a", "b", "c", "e"].includes(s.id));
    console.log(`minimal vs Quorum, ${size.label}; ${JSON.stringify(machine())}; load ${loadAvg().join(" ")}`);
    const common = { label: size.label, info, pgPid: db.pgPid, dbUrl: db.url, list, runs: 1, warmup, duration, connections, out, quietPct: 30, quietWaitS };
    // Alternate minimal and Quorum run by run, so that both see the same machine noise.
    for (let run = 1; run <= runs; run++) {
      for (const r of await runScenarios({ ...common, baseUrl: minimalUrl, appPid: child.pid!, app: "minimal", firstRun: run })) rows.push(r);
      for (const r of await runScenarios({ ...common, baseUrl: quorum.url, appPid: quorum.pid, app: "quorum", firstRun: run })) rows.push(r);
    }
  } finally {
    await quorum?.stop();
    child.kill("SIGTERM");
    await Promise.race([exited, sleep(10_000)]);
    if (child.exitCode === null) child.kill("SIGKILL");
    await db.stop();
  }
  console.log(`\n### Minimal handler, ${size.label}\n\n${table(rows.filter((r) => r.app === "minimal"))}`);
  console.log(`\n### Quorum, ${size.label}\n\n${table(rows.filter((r) => r.app === "quorum"))}`);
  console.log(`\n### Quorum / minimal, ${size.label} (medians of ${runs} run(s))\n`);
  console.log("| scenario | Quorum req/s | minimal req/s | ours/minimal req/s | Quorum p99 ms | minimal p99 ms |");
  console.log("|---|---|---|---|---|---|");
  for (const id of ["a", "b", "c", "e"]) {
    const q = rows.filter((r) => r.app === "quorum" && r.scenario === id);
    const m = rows.filter((r) => r.app === "minimal" && r.scenario === id);
    if (!q.length || !m.length) continue;
    const qr = median(q.map((r) => r.rps));
    const mr = median(m.map((r) => r.rps));
    console.log(`| ${id} | ${round(qr, 1)} | ${round(mr, 1)} | ${round(qr / mr, 2)} | ${median(q.map((r) => r.p99_ms))} | ${median(m.map((r) => r.p99_ms))} |`);
  }
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain && process.argv.includes("--serve")) void serve();
else if (isMain)
  drive().catch((err: unknown) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
