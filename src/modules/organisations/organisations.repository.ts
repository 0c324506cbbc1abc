import { and, asc, eq, ilike, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { containsPattern } from "../../platform/db/patterns.ts";
import { organisations, type OrganisationKind } from "./organisations.tables.ts";

export interface OrganisationFilter {
  q?: string | undefined;
  kind?: OrganisationKind | undefined;
  status?: "active" | "inactive" | "archived" | "all" | undefined;
}


/** Queries for organisations, always scoped to one partnership. */
export function organisationsRepository(db: Executor) {
  return {
    async list(partnershipId: string, filter: OrganisationFilter, page: number, limit: number) {
      const conditions: SQL[] = [eq(organisations.partnershipId, partnershipId)];
      if (filter.q) conditions.push(ilike(organisations.name, containsPattern(filter.q)));
      if (filter.kind) conditions.push(eq(organisations.kind, filter.kind));
      switch (filter.status ?? "active") {
        case "active":
          conditions.push(isNull(organisations.archivedAt), eq(organisations.active, true));
          break;
        case "inactive":
          conditions.push(isNull(organisations.archivedAt), eq(organisations.active, false));
          break;
        case "archived":
          conditions.push(isNotNull(organisations.archivedAt));
          break;
        case "all":
          break;
      }
      // limit + 1 rows tell whether there is a next page without a count(*).
      return db
        .select()
        .from(organisations)
        .where(and(...conditions))
        .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
    },
    async listAllCurrent(partnershipId: string) {
      return db
        .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
        .from(organisations)
        .where(and(eq(organisations.partnershipId, partnershipId), isNull(organisations.archivedAt)))
        .orderBy(asc(sql`lower(${organisations.name})`));
    },
    async find(partnershipId: string, id: string) {
      const [row] = await db
        .select()
        .from(organisations)
        .where(and(eq(organisations.partnershipId, partnershipId), eq(organisations.id, id)));
      return row;
    },
    async insert(values: typeof organisations.$inferInsert) {
      const [row] = await db.insert(organisations).values(values).returning();
      return row!;
    },
    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof organisations.$inferInsert>) {
      const [row] = await db
        .update(organisations)
        .set({ ...values, updatedAt: new Date(), version: sql`${organisations.version} + 1` })
        .where(and(eq(organisations.partnershipId, partnershipId), eq(organisations.id, id), eq(organisations.version, expectedVersion)))
        .returning();
      return row;
    },
  };
}
