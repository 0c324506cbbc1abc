import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { bodies } from "./bodies.tables.ts";

/** Queries for governance bodies, always scoped to one partnership. */
export function bodiesRepository(db: Executor) {
  return {
    /** Current bodies at the top of the structure (no parent), for the home page. */
    async listTopLevel(partnershipId: string) {
      return db
        .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, purpose: bodies.purpose })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), isNull(bodies.archivedAt), isNull(bodies.parentBodyId)))
        .orderBy(asc(sql`lower(${bodies.name})`));
    },
  };
}
