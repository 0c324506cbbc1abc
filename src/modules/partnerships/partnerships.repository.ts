import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { partnershipObjectives, partnerships } from "./partnerships.tables.ts";

/** Queries for partnerships (tenants) and their objectives. */
export function partnershipsRepository(db: Executor) {
  return {
    async findByHostname(hostname: string) {
      const [row] = await db
        .select()
        .from(partnerships)
        .where(sql`${hostname} = any(${partnerships.hostnames})`);
      return row;
    },
    async findBySlug(slug: string) {
      const [row] = await db.select().from(partnerships).where(eq(partnerships.slug, slug));
      return row;
    },
    async findById(id: string) {
      const [row] = await db.select().from(partnerships).where(eq(partnerships.id, id));
      return row;
    },
    async findFirst() {
      const [row] = await db.select().from(partnerships).orderBy(asc(partnerships.createdAt), asc(partnerships.id)).limit(1);
      return row;
    },
    async insert(values: typeof partnerships.$inferInsert) {
      const [row] = await db.insert(partnerships).values(values).returning();
      return row!;
    },
    async update(id: string, expectedVersion: number, values: Partial<typeof partnerships.$inferInsert>) {
      const [row] = await db
        .update(partnerships)
        .set({ ...values, updatedAt: new Date(), version: sql`${partnerships.version} + 1` })
        .where(and(eq(partnerships.id, id), eq(partnerships.version, expectedVersion)))
        .returning();
      return row;
    },
    async listObjectives(partnershipId: string) {
      return db
        .select()
        .from(partnershipObjectives)
        .where(and(eq(partnershipObjectives.partnershipId, partnershipId), isNull(partnershipObjectives.archivedAt)))
        .orderBy(asc(partnershipObjectives.position));
    },
    async insertObjective(values: typeof partnershipObjectives.$inferInsert) {
      const [row] = await db.insert(partnershipObjectives).values(values).returning();
      return row!;
    },
    async updateObjective(partnershipId: string, id: string, values: Partial<typeof partnershipObjectives.$inferInsert>) {
      const [row] = await db
        .update(partnershipObjectives)
        .set({ ...values, updatedAt: new Date(), version: sql`${partnershipObjectives.version} + 1` })
        .where(and(eq(partnershipObjectives.partnershipId, partnershipId), eq(partnershipObjectives.id, id)))
        .returning();
      return row;
    },
  };
}
