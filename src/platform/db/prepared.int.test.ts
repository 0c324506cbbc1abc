import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "./client.ts";
import { prepared, statementName } from "./prepared.ts";
import { recordAudit } from "../audit/audit.ts";
import { auditEvents } from "../audit/audit.tables.ts";
import { createPartnership } from "../../../tests/factories/index.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/setup/database.ts";

let testDb: TestDatabase;
let database: DatabaseHandle;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openDatabase(testDb.url, { max: 2 });
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

describe("prepared statements", () => {
  it("gives every key its own name within PostgreSQL's 63 bytes, even keys that share a long beginning", () => {
    const long = "actions_list:bodyId,ownerPersonId,meetingId,dueFrom,dueTo,q|outstanding|";
    const a = statementName(`${long}|111:held,minutes_approved`);
    const b = statementName(`${long}|011:held,minutes_approved`);
    expect(a).not.toBe(b);
    expect(Buffer.byteLength(a)).toBeLessThanOrEqual(63);
    expect(statementName("auth_token")).toBe(statementName("auth_token"));
  });

  it("builds a query once on the database, reuses it with new values on every connection, and prepares it afresh in a transaction", async () => {
    const { db } = database;
    const [p1, p2] = [await createPartnership(db), await createPartnership(db)];
    let builds = 0;
    const byId = (executor: typeof db) =>
      prepared(executor, "test_partnership_name", () => {
        builds++;
        return executor.select({ name: sql<string>`name` }).from(sql`partnerships`).where(sql`id = ${sql.placeholder("id")}`);
      });
    const first = byId(db);
    expect(byId(db)).toBe(first);
    // More calls at once than the pool has connections: each connection parses the statement once.
    const names = await Promise.all([p1, p2, p1, p2, p1].map((p) => byId(db).execute({ id: p.id })));
    expect(names.map((r) => r[0]?.name)).toEqual([p1, p2, p1, p2, p1].map((p) => p.name));
    expect(builds).toBe(1);
    const inTx = await db.transaction(async (tx) => byId(tx as unknown as typeof db).execute({ id: p2.id }));
    expect(inTx[0]?.name).toBe(p2.name);
    expect(builds).toBe(2);
    const [{ prepared: count }] = (await db.execute(sql`select count(*)::int as prepared from pg_prepared_statements where name like 'test_partnership_name%'`)).rows as [
      { prepared: number },
    ];
    expect(count).toBe(1);
  });

  it("stores an audit event's missing snapshot as NULL and a snapshot as JSON, through the prepared insert", async () => {
    const { db } = database;
    const p = await createPartnership(db);
    const recordId = "0190a0d1-0000-7000-8000-000000000001";
    await db.transaction(async (tx) => {
      await recordAudit(tx, { partnershipId: p.id, actor: { userId: null, name: "Tester" }, recordType: "thing", recordId, action: "create", after: { name: "A", n: 1 } });
      await recordAudit(tx, { partnershipId: p.id, actor: { userId: null, name: "Tester" }, recordType: "thing", recordId, action: "update", before: { name: "A", n: 1 }, after: { name: "B", n: 2 } });
    });
    const rows = await db
      .select({ action: auditEvents.action, before: auditEvents.before, after: auditEvents.after, beforeIsNull: sql<boolean>`${auditEvents.before} is null` })
      .from(auditEvents)
      .where(eq(auditEvents.recordId, recordId))
      .orderBy(auditEvents.id);
    expect(rows).toEqual([
      { action: "create", before: null, after: { name: "A", n: 1 }, beforeIsNull: true },
      { action: "update", before: { name: "A", n: 1 }, after: { name: "B", n: 2 }, beforeIsNull: false },
    ]);
  });
});
