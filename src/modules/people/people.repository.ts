import { and, asc, desc, eq, ilike, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { containsPattern } from "../../platform/db/patterns.ts";
import { bodies, memberships, type MembershipRole } from "../bodies/bodies.tables.ts";
import { people } from "./people.tables.ts";

export interface PersonFilter {
  q?: string | undefined;
  organisationId?: string | undefined;
  status?: "current" | "archived" | "all" | undefined;
}

/** A person's seat on a body, with just enough of the body to name and link it. */
export interface PersonMembership {
  id: string;
  role: MembershipRole;
  voting: boolean;
  representing: string | null;
  startsOn: string;
  endsOn: string | null;
  body: { id: string; name: string; shortName: string | null; archived: boolean };
}

/** Queries for people, always scoped to one partnership. */
export function peopleRepository(db: Executor) {
  return {
    /** One page of people in name order; fetches limit + 1 rows so the caller can tell whether there is a next page. */
    async list(partnershipId: string, filter: PersonFilter, page: number, limit: number) {
      const conditions: SQL[] = [eq(people.partnershipId, partnershipId)];
      if (filter.q) conditions.push(ilike(people.name, containsPattern(filter.q)));
      if (filter.organisationId) conditions.push(eq(people.organisationId, filter.organisationId));
      switch (filter.status ?? "current") {
        case "current":
          conditions.push(isNull(people.archivedAt));
          break;
        case "archived":
          conditions.push(isNotNull(people.archivedAt));
          break;
        case "all":
          break;
      }
      // Ordered to match people_name_idx (partnership_id, lower(name), id).
      return db
        .select()
        .from(people)
        .where(and(...conditions))
        .orderBy(asc(sql`lower(${people.name})`), asc(people.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
    },

    /** One person of the partnership, archived or not; undefined when there is no such person here. */
    async find(partnershipId: string, id: string) {
      const [row] = await db
        .select()
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, id)));
      return row;
    },

    /** Inserts a person and returns the stored row. */
    async insert(values: typeof people.$inferInsert) {
      const [row] = await db.insert(people).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof people.$inferInsert>) {
      const [row] = await db
        .update(people)
        .set({ ...values, updatedAt: new Date(), version: sql`${people.version} + 1` })
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, id), eq(people.version, expectedVersion)))
        .returning();
      return row;
    },

    /**
     * The bodies a person sits or sat on, open-ended memberships first, then the most recently
     * ended, then the most recently started. Read-only: memberships are managed by the bodies module.
     *
     * select m.id, m.role, m.voting, m.representing, m.starts_on, m.ends_on, b.id, b.name, b.short_name, b.archived_at
     * from memberships m join bodies b on b.partnership_id = m.partnership_id and b.id = m.body_id
     * where m.partnership_id = $1 and m.person_id = $2 [and b.archived_at is null]
     * order by m.ends_on desc nulls first, m.starts_on desc, lower(b.name)
     */
    async listMembershipsOfPerson(partnershipId: string, personId: string, options: { includeArchivedBodies: boolean }): Promise<PersonMembership[]> {
      const conditions: SQL[] = [eq(memberships.partnershipId, partnershipId), eq(memberships.personId, personId)];
      if (!options.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
      const rows = await db
        .select({
          id: memberships.id,
          role: memberships.role,
          voting: memberships.voting,
          representing: memberships.representing,
          startsOn: memberships.startsOn,
          endsOn: memberships.endsOn,
          bodyId: bodies.id,
          bodyName: bodies.name,
          bodyShortName: bodies.shortName,
          bodyArchivedAt: bodies.archivedAt,
        })
        .from(memberships)
        .innerJoin(bodies, and(eq(bodies.partnershipId, memberships.partnershipId), eq(bodies.id, memberships.bodyId)))
        .where(and(...conditions))
        .orderBy(sql`${memberships.endsOn} desc nulls first`, desc(memberships.startsOn), asc(sql`lower(${bodies.name})`));
      return rows.map((r) => ({
        id: r.id,
        role: r.role,
        voting: r.voting,
        representing: r.representing,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
        body: { id: r.bodyId, name: r.bodyName, shortName: r.bodyShortName, archived: r.bodyArchivedAt !== null },
      }));
    },
  };
}
