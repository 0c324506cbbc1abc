import { afterAll, beforeAll, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { createTestApp, type TestApp } from "../../../tests/setup/app.ts";
import { createBody } from "../../../tests/factories/index.ts";
import { decisionsRepository } from "../decisions/decisions.repository.ts";
import { minutesRepository } from "../minutes/minutes.repository.ts";
import { meetingsRepository } from "../meetings/meetings.repository.ts";
import { boardUpdatesRepository } from "../board-updates/board-updates.repository.ts";

/**
 * Each source's query must repeat its GIN index's expression exactly, or PostgreSQL silently scans
 * every row. This runs every search query under EXPLAIN, on enough rows for the planner to care,
 * and checks that each uses its full-text index. (The indexes are created here if the migration
 * does not have them yet; see the search indexes in the *.tables.ts files.)
 */
let t: TestApp;
const captured: { text: string; values: unknown[] }[] = [];

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  const pid = t.partnership.id;
  await db.execute(
    sql.raw(`
    create index if not exists item_minutes_public_search_idx on item_minutes using gin (to_tsvector('english', public_summary || ' ' || outcome));
    create index if not exists item_minutes_discussion_search_idx on item_minutes using gin (to_tsvector('english', discussion));
    create index if not exists agenda_items_title_search_idx on agenda_items using gin (to_tsvector('english', title));
    create index if not exists board_updates_search_idx on board_updates using gin (to_tsvector('english', title || ' ' || markdown));
    create index if not exists board_update_versions_search_idx on board_update_versions using gin (to_tsvector('english', title || ' ' || markdown));
  `),
  );
  const body = await createBody(db, pid, { name: "Board" });
  await db.execute(sql`insert into meetings (partnership_id, id, body_id, starts_at, ends_at, status, minutes_status)
    select ${pid}, gen_random_uuid(), ${body.id}, now() - (g || ' days')::interval, now() - (g || ' days')::interval, 'minutes_approved', 'approved'
    from generate_series(1, 2000) g`);
  await db.execute(sql`insert into agenda_items (partnership_id, id, meeting_id, position, title, kind)
    select ${pid}, gen_random_uuid(), m.id, g, 'Item about finance and estates ' || g, 'update'
    from meetings m, generate_series(1, 8) g where m.partnership_id = ${pid}`);
  await db.execute(sql`insert into decisions (partnership_id, id, body_id, meeting_id, agenda_item_id, decided_on, text, kind)
    select ${pid}, gen_random_uuid(), ${body.id}, a.meeting_id, a.id, current_date, 'The board approved the finance report number ' || a.position, 'approved'
    from agenda_items a where a.partnership_id = ${pid}`);
  await db.execute(sql`insert into item_minutes (partnership_id, agenda_item_id, discussion, public_summary, outcome)
    select ${pid}, a.id, 'Discussed finance at length', 'Finance summary', 'Noted' from agenda_items a where a.partnership_id = ${pid}`);
  await db.execute(sql`insert into board_updates (partnership_id, id, meeting_id, body_id, slug, title, markdown, status, first_published_at)
    select ${pid}, gen_random_uuid(), m.id, ${body.id}, 'u-' || m.id, 'Update', 'The board met about finance.', 'published', now()
    from meetings m where m.partnership_id = ${pid}`);
  await db.execute(sql`insert into board_update_versions (partnership_id, id, board_update_id, number, title, markdown, published_by_name)
    select ${pid}, gen_random_uuid(), u.id, 1, u.title, u.markdown, 'System' from board_updates u where u.partnership_id = ${pid}`);
  await db.execute(sql`analyze`);

  // Capture the SQL each repository sends, to EXPLAIN it afterwards.
  const pool = t.database.pool;
  const original = pool.query.bind(pool) as (config: unknown, values?: unknown) => unknown;
  (pool as unknown as { query: unknown }).query = (config: unknown, values?: unknown) => {
    if (typeof config === "object" && config !== null && "text" in config) {
      captured.push({ text: (config as { text: string }).text, values: (values as unknown[] | undefined) ?? (config as { values?: unknown[] }).values ?? [] });
    }
    return original(config, values);
  };
  const words = "engagement";
  await decisionsRepository(db).search(
    pid,
    { confidentialities: ["part_1"], meetingStatuses: ["held", "minutes_approved"], includeArchivedBodies: false },
    words,
    21,
    0,
  );
  await minutesRepository(db).search(
    pid,
    { confidentialities: ["part_1"], minutesStatuses: ["approved"], discussion: true, includeArchivedBodies: false },
    words,
    21,
    0,
  );
  await meetingsRepository(db).searchItems(
    pid,
    { confidentialities: ["part_1"], agendaStatuses: ["held"], agendaStatusesOncePublished: ["postponed"], includeArchivedBodies: false },
    words,
    21,
    0,
  );
  await boardUpdatesRepository(db).search(pid, { statuses: ["draft", "published"], includeArchivedBodies: false }, words, 21, 0);
  (pool as unknown as { query: unknown }).query = original;
});
afterAll(async () => {
  await t.close();
});

it("uses a full-text index for every source", async () => {
  const expected = [
    ["decisions_text_search_idx"],
    ["item_minutes_public_search_idx", "item_minutes_discussion_search_idx"],
    ["agenda_items_title_search_idx"],
    ["board_update_versions_search_idx", "board_updates_search_idx"],
  ];
  expect(captured).toHaveLength(expected.length);
  for (const [i, query] of captured.entries()) {
    const plan = await t.database.pool.query<{ "QUERY PLAN": string }>(`explain ${query.text}`, query.values);
    const text = plan.rows.map((r) => r["QUERY PLAN"]).join("\n");
    for (const index of expected[i]!) expect(text, text).toContain(`Bitmap Index Scan on ${index}`);
  }
});
