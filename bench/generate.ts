/**
 * Benchmark data generator: `npm run bench:generate -- --size 10k|100k|1M [--seed 42]`.
 *
 * Deterministic: every value comes from PostgreSQL's seeded hash `hashint8extended(i, seed)` and
 * every id is md5(seed:kind:index) as a uuid, so the same size and seed give the same rows (only
 * the bench credentials are random). Loads with set-based `INSERT … SELECT FROM generate_series`
 * in SQL (no row travels over the wire), into DATABASE_URL or an embedded PostgreSQL under
 * bench/.data/<size>. Foreign-key triggers are off while loading (session_replication_role =
 * replica) for speed; the ids are constructed to satisfy every foreign key, and a check at the end
 * proves it with anti-joins. Ends with VACUUM ANALYZE and writes bench/.data/<size>/bench.json
 * (target ids and credentials) for bench/run.ts.
 *
 * Shape (N = actions): decisions N/5, meetings N/20, agenda items N/2 (10 per meeting), item
 * minutes N/4, risks N/10, partnerships max(3, N/50,000), 8 bodies, 12 workstreams (the peer's
 * project names), 15 organisations and max(60, N/partnerships/100) people per partnership.
 * Partnership 0 is the target: its workstream "stroke" holds exactly 620 open actions (as the
 * peer's project "stroke" holds 620 open issues) plus some done ones; a public held meeting with
 * 20 Part I items, each with a paper; a user (admin) with read and write tokens and a session.
 */
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { runMigrations } from "../src/platform/db/migrate.ts";
import { PDFDocument, StandardFonts } from "pdf-lib";
import { args, dataDirFor, infoPath, openBenchDatabase, parseSize, quorumDataDir, round, type BenchInfo } from "./lib.ts";

const TOKEN_PREFIX = "qrm_"; // src/modules/accounts/accounts.service.ts
const hashSecret = (s: string) => createHash("sha256").update(s).digest("hex"); // src/platform/auth/secrets.ts
const newSecret = (prefix = "") => `${prefix}${randomBytes(32).toString("base64url")}`;

const WORKSTREAMS = [
  "mental-health",
  "local-care",
  "stroke",
  "digital",
  "prevention",
  "workforce",
  "productivity",
  "estates",
  "finance",
  "children",
  "primary-care",
  "urgent-care",
];
const STROKE = 2;
const STROKE_OPEN = 620;
const WORDS = (
  "review update agree assess deliver report capacity demand workforce estate digital record pathway discharge " +
  "urgent care primary community hospital acute mental health children adult social prevention screening " +
  "vaccination referral waiting list elective recovery funding budget forecast plan milestone risk issue " +
  "clinical governance assurance quality safety patient experience engagement consultation procurement contract " +
  "integration neighbourhood team frailty diabetes cardiology respiratory cancer maternity"
).split(" ");
const RARE_WORD = "thrombolysis"; // in ~1% of decisions and minutes: the search scenario's query
const REF_DAY = "2026-11-22"; // "today" for the data set, fixed so that runs are reproducible

export async function generate(opts: { label: string; actions: number; seed: number; log: (m: string) => void }): Promise<BenchInfo> {
  const { label, actions: N, seed, log } = opts;
  const P = Math.max(3, Math.floor(N / 50_000));
  const B = 8;
  const O = 15;
  const W = WORKSTREAMS.length;
  const NP = Math.max(60, Math.ceil(N / P / 100));
  const M = Math.ceil(N / 20);
  const MP = Math.ceil(M / P); // meetings per partnership (upper bound)
  const R = Math.ceil(N / 10);

  // SQL fragments: deterministic pseudo-random numbers and ids.
  const r = (k: number, i: string) => `((hashint8extended((${i})::int8 * 97 + ${k}, ${seed}) & 2147483647)::float8 / 2147483648.0)`;
  const ri = (k: number, i: string, n: number | string) => `floor(${r(k, i)} * (${n}))::int`;
  // md5 with the version (4) and variant (8) digits of RFC 9562 set, so the API's z.uuid() accepts them.
  const u = (kind: string, i: string) => `overlay(overlay(md5('${seed}:${kind}:' || (${i})::text) placing '4' from 13 for 1) placing '8' from 17 for 1)::uuid`;
  const words = `array[${WORDS.map((w) => `'${w}'`).join(",")}]::text[]`;
  const sentence = (k: number, i: string, n: number) =>
    `array_to_string(array(select (${words})[1 + ${ri(k, `(${i}) * 16 + j`, WORDS.length)}] from generate_series(1, ${n}) j), ' ')`;
  const rare = (k: number, i: string) => `case when ${r(k, i)} < 0.01 then ' ${RARE_WORD}' else '' end`;
  // Meeting m's partnership, index within it and start time.
  const mPart = (m: string) => `((${m}) % ${P})`;
  const mStart = (m: string) => `(timestamptz '2016-01-04 10:00:00+00' + (floor(((${m}) / ${P})::float8 * 4080 / ${MP}))::int * interval '1 day')`;

  const db = await openBenchDatabase(label, log);
  const client = new pg.Client({ connectionString: db.url, application_name: "quorum-bench-generate" });
  client.on("error", () => {});
  const timings: Record<string, number> = {};
  const started = Date.now();
  try {
    await client.connect();
    const step = async (name: string, sql: string | { text: string; values: unknown[] }) => {
      const t = Date.now();
      const res = await client.query(sql);
      const s = (Date.now() - t) / 1000;
      timings[name] = round((timings[name] ?? 0) + s, 2);
      log(`  ${name.padEnd(28)} ${String(res.rowCount ?? "").padStart(9)} rows  ${s.toFixed(2)} s`);
    };

    log(`Resetting the bench database and applying migrations`);
    await client.query("DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;");
    await runMigrations(db.url, () => {});
    await client.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET work_mem = '64MB'");

    log(`Loading ${label}: ${N} actions, ${P} partnerships, ${M} meetings (seed ${seed})`);
    await client.query("BEGIN");
    await step(
      "partnerships",
      `INSERT INTO partnerships (id, slug, name, short_name, hostnames)
       SELECT ${u("p", "p")}, case when p = 0 then 'bench-target' else 'bench-' || p end,
              'Bench partnership ' || p, 'BP' || p, '{}'::text[]
       FROM generate_series(0, ${P - 1}) p`,
    );
    await step(
      "organisations",
      `INSERT INTO organisations (partnership_id, id, name, kind)
       SELECT ${u("p", "g / " + O)}, ${u("o", "g")}, 'Organisation ' || g, (array['ccg_icb','nhs_trust','foundation_trust','local_authority','primary_care_network','voluntary_sector']::organisation_kind[])[1 + g % 6]
       FROM generate_series(0, ${P * O - 1}) g`,
    );
    await step(
      "people",
      `INSERT INTO people (partnership_id, id, name, job_title, organisation_id)
       SELECT ${u("p", "g / " + NP)}, ${u("pe", "g")}, 'Person ' || g, 'Programme lead', ${u("o", `(g / ${NP}) * ${O} + ${ri(1, "g", O)}`)}
       FROM generate_series(0, ${P * NP - 1}) g`,
    );
    await step(
      "bodies",
      `INSERT INTO bodies (partnership_id, id, name, short_name, slug, kind, parent_body_id, purpose, meets_in_public)
       SELECT ${u("p", "g / " + B)}, ${u("b", "g")},
              case when g % ${B} = 0 then 'Programme board' else 'Sub-board ' || (g % ${B}) end,
              case when g % ${B} = 0 then 'PB' else 'SB' || (g % ${B}) end,
              case when g % ${B} = 0 then 'programme-board' else 'sub-board-' || (g % ${B}) end,
              case when g % ${B} = 0 then 'programme_board'::body_kind else 'sub_board'::body_kind end,
              case when g % ${B} = 0 then null else ${u("b", `(g / ${B}) * ${B}`)} end,
              'Generated for the benchmark', true
       FROM generate_series(0, ${P * B - 1}) g`,
    );
    await step(
      "workstreams",
      `INSERT INTO workstreams (partnership_id, id, slug, name, description, sro_person_id, overseeing_body_id, status, published, position)
       SELECT ${u("p", "g / " + W)}, ${u("w", "g")}, (${`array[${WORKSTREAMS.map((w) => `'${w}'`).join(",")}]`})[1 + g % ${W}],
              initcap(replace((${`array[${WORKSTREAMS.map((w) => `'${w}'`).join(",")}]`})[1 + g % ${W}], '-', ' ')),
              'Generated for the benchmark', ${u("pe", `(g / ${W}) * ${NP} + g % ${W}`)}, ${u("b", `(g / ${W}) * ${B} + g % ${B}`)}, 'active', true, g % ${W}
       FROM generate_series(0, ${P * W - 1}) g`,
    );
    await step(
      "meetings",
      `INSERT INTO meetings (partnership_id, id, body_id, title, starts_at, ends_at, venue, has_public_session, status, agenda_published_at, minutes_status, created_at, updated_at)
       SELECT ${u("p", mPart("m"))}, ${u("m", "m")}, ${u("b", `${mPart("m")} * ${B} + (m / ${P}) % ${B}`)}, null,
              s, s + interval '2 hours', 'Room ' || (m % 7 + 1), true,
              case when s < timestamptz '${REF_DAY}' then (case when ${r(2, "m")} < 0.85 then 'minutes_approved' else 'held' end)::meeting_status
                   when s < timestamptz '${REF_DAY}' + interval '14 days' then 'agenda_published'::meeting_status
                   else 'planned'::meeting_status end,
              case when s < timestamptz '${REF_DAY}' + interval '14 days' then s - interval '7 days' end,
              case when s < timestamptz '${REF_DAY}' and ${r(2, "m")} < 0.85 then 'approved'::minutes_status end,
              s - interval '30 days', s
       FROM (SELECT m, ${mStart("m")} AS s FROM generate_series(0, ${M - 1}) m) x`,
    );
    const itemKinds = `array['welcome_and_apologies','declarations_of_interest','decision','update','decision','deep_dive','decision','for_noting','decision','any_other_business']::agenda_item_kind[]`;
    await step(
      "agenda_items",
      `INSERT INTO agenda_items (partnership_id, id, meeting_id, position, title, kind, purpose, duration_minutes, confidentiality, exemption_reason, recommendation)
       SELECT ${u("p", mPart("i / 10"))}, ${u("i", "i")}, ${u("m", "i / 10")}, i % 10 + 1,
              initcap(${sentence(3, "i", 4)}), (${itemKinds})[1 + i % 10],
              case when i % 2 = 0 and i % 10 >= 2 then 'for_decision'::agenda_item_purpose else 'for_information'::agenda_item_purpose end,
              10 + (i % 4) * 5,
              case when i % 10 in (3, 5, 7) and ${r(4, "i")} < 0.12 then 'part_2'::confidentiality else 'part_1'::confidentiality end,
              case when i % 10 in (3, 5, 7) and ${r(4, "i")} < 0.12 then 'Commercially sensitive (section 43)' end,
              case when i % 2 = 0 and i % 10 >= 2 then 'The board is asked to approve the proposal.' end
       FROM generate_series(0, ${M * 10 - 1}) i`,
    );
    await step(
      "item_minutes",
      `INSERT INTO item_minutes (partnership_id, agenda_item_id, discussion, public_summary, outcome)
       SELECT ${u("p", mPart("i / 10"))}, ${u("i", "i")}, 'The board discussed ' || ${sentence(5, "i", 12)} || ${rare(6, "i")},
              'The board discussed ' || ${sentence(7, "i", 8)} || ${rare(6, "i")}, 'Noted.'
       FROM generate_series(0, ${M * 10 - 1}) i
       WHERE i % 10 between 2 and 6`,
    );
    const kinds = `array['approved','agreed','endorsed','noted','ratified','approved_in_principle','deferred','rejected']::decision_kind[]`;
    await step(
      "decisions",
      `INSERT INTO decisions (partnership_id, id, body_id, meeting_id, agenda_item_id, decided_on, text, kind, position, created_at, updated_at)
       SELECT ${u("p", mPart("d / 4"))}, ${u("d", "d")}, ${u("b", `${mPart("d / 4")} * ${B} + ((d / 4) / ${P}) % ${B}`)},
              ${u("m", "d / 4")}, ${u("i", "(d / 4) * 10 + 2 * (d % 4) + 2")},
              (${mStart("d / 4")} AT TIME ZONE 'Europe/London')::date,
              'The board ' || (array['approved','agreed','endorsed','noted','ratified','approved in principle','deferred','rejected'])[1 + ${ri(8, "d", 8)}] || ' the ' || ${sentence(9, "d", 10)} || ${rare(10, "d")} || '.',
              (${kinds})[1 + ${ri(8, "d", 8)}], d % 4, ${mStart("d / 4")}, ${mStart("d / 4")}
       FROM generate_series(0, ${M * 4 - 1}) d`,
    );
    await step(
      "risks",
      `INSERT INTO risks (partnership_id, id, reference, workstream_id, title, cause, event, effect, owner_person_id, category,
                          inherent_likelihood, inherent_consequence, current_likelihood, current_consequence, target_likelihood, target_consequence,
                          review_on, status, published)
       SELECT ${u("p", `r % ${P}`)}, ${u("r", "r")}, r / ${P} + 1, ${u("w", `(r % ${P}) * ${W} + ${ri(11, "r", W)}`)},
              'Risk: ' || ${sentence(12, "r", 5)}, 'Cause', 'Event', 'Effect', ${u("pe", `(r % ${P}) * ${NP} + ${ri(13, "r", NP)}`)}, 'Delivery',
              4, 4, 1 + ${ri(14, "r", 5)}, 1 + ${ri(15, "r", 5)}, 1, 2,
              date '${REF_DAY}' + ${ri(16, "r", 120)}, case when ${r(17, "r")} < 0.7 then 'open'::risk_status else 'closed'::risk_status end, ${r(18, "r")} < 0.5
       FROM generate_series(0, ${R - 1}) r`,
    );
    // Actions: action a comes from meeting a / 20 (item a % 10 of it). Older actions are nearly all
    // closed (as in a real log); in partnership 0, 620 actions among its latest are the stroke
    // workstream's open ones, spaced so they span about two years at every size.
    const countP0 = 20 * (Math.floor((M - 1) / P) + 1);
    const step0 = Math.max(1, Math.floor((0.18 * countP0) / STROKE_OPEN));
    const fromEnd = `(${countP0 - 1} - (((a / 20) / ${P}) * 20 + a % 20))`;
    const inP0 = `(a / 20) % ${P} = 0`;
    const strokeOpen = `(${inP0} and ${fromEnd} % ${step0} = 0 and ${fromEnd} / ${step0} < ${STROKE_OPEN})`;
    const recent = `${mStart("a / 20")} > timestamptz '${REF_DAY}' - interval '365 days'`;
    const status = `case when ${strokeOpen} then 'open'
                         when ${recent} then (case when ${r(20, "a")} < 0.25 then 'open' when ${r(20, "a")} < 0.40 then 'in_progress' when ${r(20, "a")} < 0.95 then 'done' else 'dropped' end)
                         else (case when ${r(20, "a")} < 0.005 then 'open' when ${r(20, "a")} < 0.01 then 'in_progress' when ${r(20, "a")} < 0.91 then 'done' else 'dropped' end) end`;
    await step(
      "actions",
      `INSERT INTO actions (partnership_id, id, description, owner_person_id, due_on, status, dropped_reason, completed_on, body_id,
                            source_meeting_id, source_agenda_item_id, decision_id, workstream_id, version, created_at, updated_at)
       SELECT pid, id, description, owner, due, st::action_status,
              case when st = 'dropped' then 'No longer needed' end,
              case when st = 'done' then coalesce(due, ms::date + 30) end,
              body, mid, iid, did, wid, 1, ms, ms
       FROM (
         SELECT a, ${u("p", mPart("a / 20"))} AS pid, ${u("a", "a")} AS id,
                initcap(${sentence(21, "a", 7)}) AS description,
                ${u("pe", `${mPart("a / 20")} * ${NP} + ${ri(22, "a", NP)}`)} AS owner,
                case when ${r(23, "a")} < 0.05 then null else (${mStart("a / 20")})::date + 14 + ${ri(24, "a", 150)} end AS due,
                ${status} AS st,
                ${u("b", `${mPart("a / 20")} * ${B} + ((a / 20) / ${P}) % ${B}`)} AS body,
                ${u("m", "a / 20")} AS mid,
                ${u("i", "(a / 20) * 10 + a % 10")} AS iid,
                case when a % 10 in (2, 4, 6, 8) and ${r(25, "a")} < 0.5 then ${u("d", "(a / 20) * 4 + (a % 10 - 2) / 2")} end AS did,
                case when ${strokeOpen} then ${u("w", `${STROKE}`)}
                     when ${inP0} and ${r(26, "a")} < 0.05 then ${u("w", `${STROKE}`)}
                     when ${r(26, "a")} < 0.3 then null
                     else ${u("w", `${mPart("a / 20")} * ${W} + (${STROKE} + 1 + ${ri(27, "a", W - 1)}) % ${W}`)} end AS wid,
                ${mStart("a / 20")} AS ms
         FROM generate_series(0, ${N - 1}) a
       ) x`,
    );
    // Stroke actions that are not in the open block are done, so the workstream keeps 620 open.
    await step(
      "actions (stroke: done)",
      `UPDATE actions SET status = 'done', completed_on = coalesce(due_on, created_at::date + 30), dropped_reason = null
       WHERE partnership_id = ${u("p", "0")} AND workstream_id = ${u("w", `${STROKE}`)} AND status <> 'done'
         AND id NOT IN (SELECT ${u("a", "a")} FROM generate_series(0, ${N - 1}) a WHERE ${strokeOpen})`,
    );

    // The public held meeting with 20 items, each with a paper (partnership 0, programme board).
    const p0 = u("p", "0");
    await step(
      "target meeting",
      `INSERT INTO meetings (partnership_id, id, body_id, title, starts_at, ends_at, venue, has_public_session, status, agenda_published_at, minutes_status)
       VALUES (${p0}, ${u("tm", "0")}, ${u("b", "0")}, 'Programme board (bench: 20 items)', '2026-10-15 10:00+01', '2026-10-15 13:00+01', 'Council chamber', true, 'held', '2026-10-08 09:00+01', null)`,
    );
    await step(
      "target items",
      `INSERT INTO agenda_items (partnership_id, id, meeting_id, position, title, kind, purpose, duration_minutes, confidentiality)
       SELECT ${p0}, ${u("ti", "k")}, ${u("tm", "0")}, k + 1, 'Item ' || (k + 1) || ': ' || initcap(${sentence(30, "k", 4)}),
              (${itemKinds})[1 + k % 10], 'for_information', 10, 'part_1'
       FROM generate_series(0, 19) k`,
    );
    await step(
      "target papers",
      `INSERT INTO papers (partnership_id, id, agenda_item_id, title, position)
       SELECT ${p0}, ${u("tp", "k")}, ${u("ti", "k")}, 'Paper ' || (k + 1) || ': ' || initcap(${sentence(31, "k", 3)}), 0
       FROM generate_series(0, 19) k`,
    );
    // Real PDF bytes in the file store the server will use (bench/.data/<size>/quorum/files,
    // content-addressed as LocalFileStore does): the meeting page builds its board pack from them.
    const papers = await paperPdfs(20);
    const filesRoot = path.join(quorumDataDir(label), "files");
    for (const pdf of papers) {
      const dir = path.join(filesRoot, pdf.sha256.slice(0, 2), pdf.sha256.slice(2, 4));
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, pdf.sha256), pdf.bytes);
    }
    await step("target paper versions", {
      text: `INSERT INTO paper_versions (partnership_id, id, paper_id, version_number, file_name, format, media_type, size_bytes, sha256, page_count, extracted_text, uploaded_by_name, uploaded_at)
         SELECT ${p0}, ${u("tpv", "k")}, ${u("tp", "k")}, 1, 'paper-' || (k + 1) || '.pdf', 'pdf', 'application/pdf', ($1::int[])[k + 1], ($2::text[])[k + 1], 2,
                'Paper ' || (k + 1) || ' for the benchmark meeting.', 'Board office', '2026-10-07 12:00+01'
         FROM generate_series(0, 19) k`,
      values: [papers.map((x) => x.bytes.length), papers.map((x) => x.sha256)],
    });

    // The bench user: admin of partnership 0, with a read token, a write token and a session.
    const readToken = newSecret(TOKEN_PREFIX);
    const writeToken = newSecret(TOKEN_PREFIX);
    const sessionToken = newSecret();
    const userId = (await client.query<{ id: string }>(`SELECT ${u("user", "0")} AS id`)).rows[0]!.id;
    await client.query(`INSERT INTO users (id, email, name) VALUES ($1, 'bench-admin@example.invalid', 'Bench Admin')`, [userId]);
    await client.query(`INSERT INTO partnership_users (partnership_id, user_id, role) VALUES (${p0}, $1, 'admin')`, [userId]);
    for (const [n, tok, scope] of [
      [1, readToken, "read"],
      [2, writeToken, "write"],
    ] as const) {
      await client.query(
        `INSERT INTO personal_access_tokens (partnership_id, id, user_id, name, scope, token_hash, prefix) VALUES (${p0}, ${u("tok", String(n))}, $1, $2, $3, $4, $5)`,
        [userId, `bench ${scope}`, scope, hashSecret(tok), tok.slice(0, TOKEN_PREFIX.length + 6)],
      );
    }
    await client.query(`INSERT INTO sessions (token_hash, user_id, partnership_id, expires_at) VALUES ($1, $2, ${p0}, now() + interval '30 days')`, [
      hashSecret(sessionToken),
      userId,
    ]);
    await client.query("COMMIT");

    log("Checking every foreign key of the generated rows (anti-joins)");
    const t = Date.now();
    const broken = await checkForeignKeys(client);
    timings["fk check"] = round((Date.now() - t) / 1000, 2);
    if (broken.length > 0) throw new Error(`Generated rows break foreign keys: ${broken.join(", ")}`);
    log(`  every foreign key holds (${timings["fk check"]} s)`);

    await client.query("SET session_replication_role = origin");
    const tv = Date.now();
    await client.query("VACUUM ANALYZE");
    timings["vacuum analyze"] = round((Date.now() - tv) / 1000, 2);
    log(`  VACUUM ANALYZE ${timings["vacuum analyze"]} s`);

    const counts: Record<string, number> = {};
    for (const table of [
      "partnerships",
      "people",
      "bodies",
      "workstreams",
      "meetings",
      "agenda_items",
      "item_minutes",
      "decisions",
      "risks",
      "actions",
      "papers",
    ]) {
      counts[table] = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]!.n;
    }
    const size = (await client.query<{ b: string }>(`SELECT pg_database_size(current_database())::bigint AS b`)).rows[0]!.b;
    counts.databaseMb = Math.round(Number(size) / 2 ** 20);
    const ids = (
      await client.query<{
        open: number;
        action_id: string;
        workstream_id: string;
        partnership_id: string;
        body_id: string;
        person_id: string;
        meeting_id: string;
      }>(`SELECT
        (SELECT count(*)::int FROM actions WHERE partnership_id = ${p0} AND workstream_id = ${u("w", `${STROKE}`)} AND status = 'open') AS open,
        (SELECT id FROM actions WHERE partnership_id = ${p0} AND workstream_id = ${u("w", `${STROKE}`)} ORDER BY id LIMIT 1) AS action_id,
        ${u("w", `${STROKE}`)} AS workstream_id, ${p0} AS partnership_id, ${u("b", "0")} AS body_id, ${u("pe", "0")} AS person_id, ${u("tm", "0")} AS meeting_id`)
    ).rows[0]!;

    const info: BenchInfo = {
      size: label,
      actions: N,
      seed,
      generatedAt: new Date().toISOString(),
      generateSeconds: round((Date.now() - started) / 1000, 1),
      counts,
      partnershipSlug: "bench-target",
      partnershipId: ids.partnership_id,
      workstreamId: ids.workstream_id,
      workstreamSlug: WORKSTREAMS[STROKE]!,
      openActionsInWorkstream: ids.open,
      actionId: ids.action_id,
      bodyId: ids.body_id,
      ownerPersonId: ids.person_id,
      publicMeetingId: ids.meeting_id,
      searchWord: RARE_WORD,
      readToken,
      writeToken,
      sessionToken,
    };
    await fs.mkdir(dataDirFor(label), { recursive: true });
    await fs.writeFile(infoPath(label), JSON.stringify(info, null, 2), { mode: 0o600 });
    log(`Generated ${label} in ${info.generateSeconds} s: ${JSON.stringify(counts)}`);
    log(`Step timings (s): ${JSON.stringify(timings)}`);
    return info;
  } finally {
    await client.end().catch(() => {});
    await db.stop();
  }
}

/**
 * For data sets generated before the papers had files: writes the 20 PDFs to the file store and
 * points the target meeting's paper versions at them (`--papers-only`).
 */
export async function refreshPaperFiles(label: string, log: (m: string) => void): Promise<void> {
  const db = await openBenchDatabase(label, () => {});
  const client = new pg.Client({ connectionString: db.url });
  try {
    await client.connect();
    const papers = await paperPdfs(20);
    const filesRoot = path.join(quorumDataDir(label), "files");
    for (const pdf of papers) {
      const dir = path.join(filesRoot, pdf.sha256.slice(0, 2), pdf.sha256.slice(2, 4));
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(path.join(dir, pdf.sha256), pdf.bytes);
    }
    const res = await client.query(
      `UPDATE paper_versions v SET size_bytes = ($1::int[])[n], sha256 = ($2::text[])[n], page_count = 2
       FROM (SELECT k AS n, 'paper-' || k || '.pdf' AS file_name FROM generate_series(1, 20) k) f
       WHERE v.file_name = f.file_name AND v.partnership_id = (SELECT id FROM partnerships WHERE slug = 'bench-target')`,
      [papers.map((x) => x.bytes.length), papers.map((x) => x.sha256)],
    );
    log(`Wrote ${papers.length} paper files; updated ${res.rowCount} paper versions`);
  } finally {
    await client.end().catch(() => {});
    await db.stop();
  }
}

/** Small two-page PDFs with fixed dates, so that their bytes (and sha256) are the same every time. */
async function paperPdfs(n: number): Promise<Array<{ bytes: Buffer; sha256: string }>> {
  const out: Array<{ bytes: Buffer; sha256: string }> = [];
  for (let k = 0; k < n; k++) {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const fixed = new Date("2026-10-07T12:00:00Z");
    doc.setCreationDate(fixed);
    doc.setModificationDate(fixed);
    doc.setTitle(`Paper ${k + 1}`);
    for (let pageNo = 1; pageNo <= 2; pageNo++) {
      const page = doc.addPage([595, 842]);
      page.drawText(`Benchmark paper ${k + 1}, page ${pageNo}`, { x: 60, y: 760, size: 16, font });
      page.drawText(WORDS.slice((k * 7) % 40, ((k * 7) % 40) + 12).join(" "), { x: 60, y: 720, size: 11, font });
    }
    const bytes = Buffer.from(await doc.save({ useObjectStreams: false }));
    out.push({ bytes, sha256: createHash("sha256").update(bytes).digest("hex") });
  }
  return out;
}

/** Every foreign key in the schema, checked over the whole tables with one anti-join each. */
async function checkForeignKeys(client: pg.Client): Promise<string[]> {
  const fks = (
    await client.query<{ name: string; child: string; parent: string; ccols: string[]; pcols: string[] }>(`
      SELECT c.conname AS name, c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
             array(SELECT a.attname FROM unnest(c.conkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS ccols,
             array(SELECT a.attname FROM unnest(c.confkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.o)::text[] AS pcols
      FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`)
  ).rows;
  const broken: string[] = [];
  for (const fk of fks) {
    const q = (s: string) => `"${s}"`;
    const notNull = fk.ccols.map((c) => `ch.${q(c)} IS NOT NULL`).join(" AND ");
    const join = fk.ccols.map((c, i) => `pa.${q(fk.pcols[i]!)} = ch.${q(c)}`).join(" AND ");
    const res = await client.query(`SELECT 1 FROM ${fk.child} ch WHERE ${notNull} AND NOT EXISTS (SELECT 1 FROM ${fk.parent} pa WHERE ${join}) LIMIT 1`);
    if ((res.rowCount ?? 0) > 0) broken.push(fk.name);
  }
  return broken;
}

const isMain = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(new URL(import.meta.url).pathname);
if (isMain) {
  const a = args();
  const size = parseSize(a.get("size") ?? a.get("actions"));
  const seed = Number(a.get("seed") ?? 42);
  if (a.has("papers-only")) {
    refreshPaperFiles(size.label, (m) => console.log(m)).catch((err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    });
  } else
    generate({ label: size.label, actions: size.actions, seed, log: (m) => console.log(m) }).catch((err: unknown) => {
      console.error(err instanceof Error ? err.stack : err);
      process.exit(1);
    });
}
