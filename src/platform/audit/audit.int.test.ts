import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "drizzle-orm";
import { openDatabase, type DatabaseHandle } from "../db/client.ts";
import { createOrganisation, createPartnership } from "../../../tests/factories/index.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/setup/database.ts";
import { diffSnapshots, listHistory } from "./audit.ts";

let testDb: TestDatabase;
let database: DatabaseHandle;
beforeAll(async () => {
  testDb = await createTestDatabase();
  database = openDatabase(testDb.url);
});
afterAll(async () => {
  await database.close();
  await testDb.drop();
});

/** Drizzle wraps the PostgreSQL error; the trigger's message is in its cause. */
const appendOnlyRefusal = (err: unknown) => /append-only/.test(String((err as { cause?: { message?: string } }).cause?.message));

describe("audit trail", () => {
  it("cannot be edited or deleted, even with SQL", async () => {
    const p = await createPartnership(database.db);
    const org = await createOrganisation(database.db, p.id, { name: "Audited Trust" });
    const history = await listHistory(database.db, p.id, "organisation", org.id);
    expect(history).toHaveLength(1);
    await expect(database.db.execute(sql`update audit_events set actor_name = 'Someone else'`)).rejects.toSatisfy(appendOnlyRefusal);
    await expect(database.db.execute(sql`delete from audit_events`)).rejects.toSatisfy(appendOnlyRefusal);
    await expect(database.db.execute(sql`truncate audit_events`)).rejects.toSatisfy(appendOnlyRefusal);
    expect(await listHistory(database.db, p.id, "organisation", org.id)).toHaveLength(1);
  });

  it("shows only the fields that changed", () => {
    expect(diffSnapshots({ name: "A", kind: "x", version: 1 }, { name: "B", kind: "x", version: 2 })).toEqual([{ field: "name", from: "A", to: "B" }]);
  });
});
