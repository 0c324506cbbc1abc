import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../platform/db/client.ts";
import { containsPattern } from "../../platform/db/patterns.ts";
import { auditEvents, type AuditEventRow } from "../../platform/audit/audit.tables.ts";
import { organisations, type OrganisationKind } from "../organisations/organisations.tables.ts";
import { people } from "../people/people.tables.ts";
import { bodies, memberships, termsOfReference, type BodyKind, type BodyRow, type MembershipRow, type TermsOfReferenceRow } from "./bodies.tables.ts";

export interface BodyFilter {
  q?: string | undefined;
  kind?: BodyKind | undefined;
  status?: "current" | "archived" | "all" | undefined;
}

/** A body with the names and ids around it that lists and the API show. */
export interface BodyWithRelations extends BodyRow {
  parentName: string | null;
  /** Direct sub-bodies, by name. */
  subBodyIds: string[];
}

/** One body in a sub-body tree, with its depth below the root (1 = reports directly to it). */
export interface BodyTreeRow {
  id: string;
  parentBodyId: string;
  name: string;
  shortName: string | null;
  kind: BodyKind;
  archived: boolean;
  depth: number;
}

/** A body above another in the structure; depth 1 is the direct parent. */
export interface AncestorRow {
  id: string;
  name: string;
  shortName: string | null;
  archived: boolean;
  depth: number;
}

/** A membership with the person (and their organisation) it belongs to. */
export interface MembershipView extends MembershipRow {
  personName: string;
  personJobTitle: string | null;
  organisationName: string | null;
  organisationKind: OrganisationKind | null;
}

/** An audit event about a body, one of its memberships or one of its terms of reference. */
export interface BodyHistoryEvent extends AuditEventRow {
  /** For membership events: whose membership. */
  personName: string | null;
  /** For terms-of-reference events: which version. */
  versionLabel: string | null;
}

/** Which memberships to list: those not ended by `today`, those ended before it, or all. */
export type MembershipStatus = "current" | "past" | "all";

// Hierarchies are walked with recursive CTEs. Each carries the path it has followed and stops at a
// repeat, so even a corrupted (cyclic) structure cannot make a query loop; the depth cap is a second guard.
const MAX_DEPTH = 50;

/** Queries for governance bodies, their memberships and terms of reference, always scoped to one partnership. */
export function bodiesRepository(db: Executor) {
  const parent = alias(bodies, "parent");

  /** Direct sub-bodies' ids as a correlated subquery (uses bodies_parent_idx). */
  const subBodyIdsOf = (includeArchived: boolean) =>
    sql<string[]>`array(select c.id::text from bodies c where c.partnership_id = ${bodies.partnershipId} and c.parent_body_id = ${bodies.id}${
      includeArchived ? sql`` : sql` and c.archived_at is null`
    } order by lower(c.name), c.id)`;

  const withRelations = (includeArchivedChildren: boolean) => ({
    body: bodies,
    parentName: parent.name,
    subBodyIds: subBodyIdsOf(includeArchivedChildren),
  });

  const flatten = (r: { body: BodyRow; parentName: string | null; subBodyIds: string[] }): BodyWithRelations => ({
    ...r.body,
    parentName: r.parentName,
    subBodyIds: r.subBodyIds,
  });

  const membershipView = {
    membership: memberships,
    personName: people.name,
    personJobTitle: people.jobTitle,
    organisationName: organisations.name,
    organisationKind: organisations.kind,
  };
  const toMembershipView = (r: {
    membership: MembershipRow;
    personName: string;
    personJobTitle: string | null;
    organisationName: string | null;
    organisationKind: OrganisationKind | null;
  }): MembershipView => ({
    ...r.membership,
    personName: r.personName,
    personJobTitle: r.personJobTitle,
    organisationName: r.organisationName,
    organisationKind: r.organisationKind,
  });
  const membershipsWithPeople = () =>
    db
      .select(membershipView)
      .from(memberships)
      .innerJoin(people, and(eq(people.partnershipId, memberships.partnershipId), eq(people.id, memberships.personId)))
      .leftJoin(organisations, and(eq(organisations.partnershipId, people.partnershipId), eq(organisations.id, people.organisationId)));

  return {
    /** Current bodies at the top of the structure (no parent), for the home page. */
    async listTopLevel(partnershipId: string) {
      return db
        .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, purpose: bodies.purpose, slug: bodies.slug })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), isNull(bodies.archivedAt), isNull(bodies.parentBodyId)))
        .orderBy(asc(sql`lower(${bodies.name})`));
    },

    /** A page of bodies (limit + 1 rows, so the caller can tell whether there is a next page). */
    async list(partnershipId: string, filter: BodyFilter, page: number, limit: number, includeArchivedChildren: boolean): Promise<BodyWithRelations[]> {
      const conditions: SQL[] = [eq(bodies.partnershipId, partnershipId)];
      if (filter.q) conditions.push(or(ilike(bodies.name, containsPattern(filter.q)), ilike(bodies.shortName, containsPattern(filter.q)))!);
      if (filter.kind) conditions.push(eq(bodies.kind, filter.kind));
      switch (filter.status ?? "current") {
        case "current":
          conditions.push(isNull(bodies.archivedAt));
          break;
        case "archived":
          conditions.push(isNotNull(bodies.archivedAt));
          break;
        case "all":
          break;
      }
      const rows = await db
        .select(withRelations(includeArchivedChildren))
        .from(bodies)
        .leftJoin(parent, and(eq(parent.partnershipId, bodies.partnershipId), eq(parent.id, bodies.parentBodyId)))
        .where(and(...conditions))
        .orderBy(asc(sql`lower(${bodies.name})`), asc(bodies.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(flatten);
    },

    /** Bodies for pickers (parent body, ratifying body), by name; archived ones only when asked. */
    async listForPicker(partnershipId: string, includeArchived = false) {
      return db
        .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, parentBodyId: bodies.parentBodyId, archivedAt: bodies.archivedAt })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), includeArchived ? undefined : isNull(bodies.archivedAt)))
        .orderBy(asc(sql`lower(${bodies.name})`), asc(bodies.id));
    },

    /** A body by its readable URL segment (unique in the partnership). */
    async findBySlug(partnershipId: string, slug: string): Promise<BodyRow | undefined> {
      const [row] = await db
        .select()
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.slug, slug)));
      return row;
    },

    async find(partnershipId: string, id: string): Promise<BodyRow | undefined> {
      const [row] = await db
        .select()
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.id, id)));
      return row;
    },

    /** A body with its parent's name and its direct sub-bodies' ids. */
    async findWithRelations(partnershipId: string, id: string, includeArchivedChildren: boolean): Promise<BodyWithRelations | undefined> {
      const [row] = await db
        .select(withRelations(includeArchivedChildren))
        .from(bodies)
        .leftJoin(parent, and(eq(parent.partnershipId, bodies.partnershipId), eq(parent.id, bodies.parentBodyId)))
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.id, id)));
      return row ? flatten(row) : undefined;
    },

    /**
     * Every body below `id`, at any depth, in one recursive query, ordered by depth then name.
     * Without archived bodies, the walk stops at an archived body: what hangs below it is hidden too.
     */
    async descendants(partnershipId: string, id: string, includeArchived: boolean): Promise<BodyTreeRow[]> {
      const current = includeArchived ? sql`` : sql` and b.archived_at is null`;
      const result = await db.execute<{
        id: string;
        parent_body_id: string;
        name: string;
        short_name: string | null;
        kind: BodyKind;
        archived: boolean;
        depth: number;
      }>(sql`
        with recursive tree as (
          select b.id, b.parent_body_id, b.name, b.short_name, b.kind, b.archived_at is not null as archived, 1 as depth, array[b.id] as path
          from bodies b
          where b.partnership_id = ${partnershipId} and b.parent_body_id = ${id}${current}
          union all
          select b.id, b.parent_body_id, b.name, b.short_name, b.kind, b.archived_at is not null, t.depth + 1, t.path || b.id
          from bodies b
          join tree t on b.partnership_id = ${partnershipId} and b.parent_body_id = t.id
          where b.id <> all(t.path) and b.id <> ${id} and t.depth < ${MAX_DEPTH}${current}
        )
        select id, parent_body_id, name, short_name, kind, archived, depth from tree order by depth, lower(name), id`);
      return result.rows.map((r) => ({
        id: r.id,
        parentBodyId: r.parent_body_id,
        name: r.name,
        shortName: r.short_name,
        kind: r.kind,
        archived: r.archived,
        depth: Number(r.depth),
      }));
    },

    /** The chain of bodies above `id`, nearest first (its parent, then the parent's parent, ...). */
    async ancestors(partnershipId: string, id: string): Promise<AncestorRow[]> {
      const result = await db.execute<{ id: string; name: string; short_name: string | null; archived: boolean; depth: number }>(sql`
        with recursive up as (
          select p.id, p.parent_body_id, p.name, p.short_name, p.archived_at is not null as archived, 1 as depth, array[${id}::uuid, p.id] as path
          from bodies b
          join bodies p on p.partnership_id = b.partnership_id and p.id = b.parent_body_id
          where b.partnership_id = ${partnershipId} and b.id = ${id}
          union all
          select p.id, p.parent_body_id, p.name, p.short_name, p.archived_at is not null, u.depth + 1, u.path || p.id
          from bodies p
          join up u on p.partnership_id = ${partnershipId} and p.id = u.parent_body_id
          where p.id <> all(u.path) and u.depth < ${MAX_DEPTH}
        )
        select id, name, short_name, archived, depth from up order by depth`);
      return result.rows.map((r) => ({ id: r.id, name: r.name, shortName: r.short_name, archived: r.archived, depth: Number(r.depth) }));
    },

    /** True when `candidateId` is `id` itself or lies anywhere below it: making it the parent would close a loop. */
    async isSelfOrDescendant(partnershipId: string, id: string, candidateId: string): Promise<boolean> {
      if (id === candidateId) return true;
      const result = await db.execute<{ found: boolean }>(sql`
        with recursive up as (
          select b.id, b.parent_body_id, array[b.id] as path, 0 as depth
          from bodies b
          where b.partnership_id = ${partnershipId} and b.id = ${candidateId}
          union all
          select p.id, p.parent_body_id, u.path || p.id, u.depth + 1
          from bodies p
          join up u on p.partnership_id = ${partnershipId} and p.id = u.parent_body_id
          where p.id <> all(u.path) and u.depth < ${MAX_DEPTH}
        )
        select exists (select 1 from up where id = ${id}) as found`);
      return result.rows[0]?.found === true;
    },

    /** True when the body has sub-bodies that are not archived. */
    async hasCurrentSubBodies(partnershipId: string, id: string): Promise<boolean> {
      const [row] = await db
        .select({ id: bodies.id })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.parentBodyId, id), isNull(bodies.archivedAt)))
        .limit(1);
      return row !== undefined;
    },

    /**
     * Serialises changes to the partnership's body structure until the transaction ends, so two
     * concurrent re-parentings cannot together create a loop that neither would alone.
     */
    async lockStructure(partnershipId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`quorum:body-structure:${partnershipId}`}, 0))`);
    },

    /** Serialises changes to one body's memberships or terms of reference until the transaction ends. */
    async lockBody(partnershipId: string, bodyId: string, what: "memberships" | "terms-of-reference"): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`quorum:body-${what}:${partnershipId}:${bodyId}`}, 0))`);
    },

    async insert(values: typeof bodies.$inferInsert): Promise<BodyRow> {
      const [row] = await db.insert(bodies).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof bodies.$inferInsert>): Promise<BodyRow | undefined> {
      const [row] = await db
        .update(bodies)
        .set({ ...values, updatedAt: new Date(), version: sql`${bodies.version} + 1` })
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.id, id), eq(bodies.version, expectedVersion)))
        .returning();
      return row;
    },

    // -- People, for the member picker. The people module owns them; membership needs only a
    //    read of names and organisations, joined here to avoid a query per member.

    /** Current people of the partnership for the member picker, by name. */
    async listPeopleForPicker(partnershipId: string) {
      return db
        .select({ id: people.id, name: people.name, jobTitle: people.jobTitle, organisationName: organisations.name })
        .from(people)
        .leftJoin(organisations, and(eq(organisations.partnershipId, people.partnershipId), eq(organisations.id, people.organisationId)))
        .where(and(eq(people.partnershipId, partnershipId), isNull(people.archivedAt)))
        .orderBy(asc(sql`lower(${people.name})`), asc(people.id));
    },

    async findPerson(partnershipId: string, personId: string) {
      const [row] = await db
        .select({ id: people.id, name: people.name, archivedAt: people.archivedAt })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, personId)));
      return row;
    },

    // -- Memberships

    /**
     * A body's memberships. Current means not ended by `today` (an end date is the last day of the
     * seat); current ones come by role (chair first) then name, past ones most recently ended first.
     */
    async listMemberships(
      partnershipId: string,
      bodyId: string,
      status: MembershipStatus,
      today: string,
      page: number,
      limit: number,
    ): Promise<MembershipView[]> {
      const conditions: SQL[] = [eq(memberships.partnershipId, partnershipId), eq(memberships.bodyId, bodyId)];
      if (status === "current") conditions.push(or(isNull(memberships.endsOn), gte(memberships.endsOn, today))!);
      if (status === "past") conditions.push(lt(memberships.endsOn, today));
      const order =
        status === "past"
          ? [desc(memberships.endsOn), asc(sql`lower(${people.name})`), asc(memberships.id)]
          : status === "current"
            ? [asc(memberships.role), asc(sql`lower(${people.name})`), asc(memberships.id)]
            : [desc(memberships.startsOn), asc(sql`lower(${people.name})`), asc(memberships.id)];
      const rows = await membershipsWithPeople()
        .where(and(...conditions))
        .orderBy(...order)
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toMembershipView);
    },

    async findMembership(partnershipId: string, bodyId: string, id: string): Promise<MembershipView | undefined> {
      const [row] = await membershipsWithPeople().where(
        and(eq(memberships.partnershipId, partnershipId), eq(memberships.bodyId, bodyId), eq(memberships.id, id)),
      );
      return row ? toMembershipView(row) : undefined;
    },

    /** The membership row alone, as the audit trail records it. */
    async findMembershipRow(partnershipId: string, bodyId: string, id: string): Promise<MembershipRow | undefined> {
      const [row] = await db
        .select()
        .from(memberships)
        .where(and(eq(memberships.partnershipId, partnershipId), eq(memberships.bodyId, bodyId), eq(memberships.id, id)));
      return row;
    },

    /** The person's membership of the body that is open on or after `from`, if any (other than `exceptId`). */
    async findOverlappingMembership(
      partnershipId: string,
      bodyId: string,
      personId: string,
      from: string,
      exceptId?: string,
    ): Promise<MembershipRow | undefined> {
      const [row] = await db
        .select()
        .from(memberships)
        .where(
          and(
            eq(memberships.partnershipId, partnershipId),
            eq(memberships.bodyId, bodyId),
            eq(memberships.personId, personId),
            or(isNull(memberships.endsOn), gte(memberships.endsOn, from)),
            exceptId ? ne(memberships.id, exceptId) : undefined,
          ),
        )
        .orderBy(asc(memberships.startsOn))
        .limit(1);
      return row;
    },

    async insertMembership(values: typeof memberships.$inferInsert): Promise<MembershipRow> {
      const [row] = await db.insert(memberships).values(values).returning();
      return row!;
    },

    /** Ends a membership that has not ended, if the stored version is the one the writer read. */
    async endMembership(
      partnershipId: string,
      bodyId: string,
      id: string,
      expectedVersion: number,
      endsOn: string,
      endReason: string,
    ): Promise<MembershipRow | undefined> {
      const [row] = await db
        .update(memberships)
        .set({ endsOn, endReason, updatedAt: new Date(), version: sql`${memberships.version} + 1` })
        .where(
          and(
            eq(memberships.partnershipId, partnershipId),
            eq(memberships.bodyId, bodyId),
            eq(memberships.id, id),
            eq(memberships.version, expectedVersion),
            isNull(memberships.endsOn),
          ),
        )
        .returning();
      return row;
    },

    /** Every representation category in use in the partnership: on memberships and in quorum rules. */
    async knownCategories(partnershipId: string): Promise<string[]> {
      const result = await db.execute<{ category: string }>(sql`
        select category from (
          select unnest(categories) as category from memberships where partnership_id = ${partnershipId}
          union
          select r->'criterion'->>'category'
          from terms_of_reference t, jsonb_array_elements(t.quorum_representation) r
          where t.partnership_id = ${partnershipId} and r->'criterion'->>'type' = 'memberCategory'
        ) c
        where category is not null and category <> ''
        order by category`);
      return result.rows.map((r) => r.category);
    },

    // -- Terms of reference

    /** A body's versions of its terms of reference, newest first; drafts only when asked. */
    async listTermsOfReference(partnershipId: string, bodyId: string, includeDrafts: boolean, page: number, limit: number): Promise<TermsOfReferenceRow[]> {
      return db
        .select()
        .from(termsOfReference)
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            isNull(termsOfReference.archivedAt),
            includeDrafts ? undefined : ne(termsOfReference.status, "draft"),
          ),
        )
        .orderBy(desc(termsOfReference.createdAt), desc(termsOfReference.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
    },

    async findTermsOfReference(partnershipId: string, bodyId: string, id: string): Promise<TermsOfReferenceRow | undefined> {
      const [row] = await db
        .select()
        .from(termsOfReference)
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            eq(termsOfReference.id, id),
            isNull(termsOfReference.archivedAt),
          ),
        );
      return row;
    },

    /** The version in force now: the ratified one (there is at most one per body). */
    async findRatified(partnershipId: string, bodyId: string): Promise<TermsOfReferenceRow | undefined> {
      const [row] = await db
        .select()
        .from(termsOfReference)
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            eq(termsOfReference.status, "ratified"),
            isNull(termsOfReference.archivedAt),
          ),
        )
        .orderBy(desc(termsOfReference.ratifiedOn), desc(termsOfReference.createdAt))
        .limit(1);
      return row;
    },

    /** The version in force on a date: the latest ratified (now or since superseded) on or before it. */
    async findInForceOn(partnershipId: string, bodyId: string, date: string): Promise<TermsOfReferenceRow | undefined> {
      const [row] = await db
        .select()
        .from(termsOfReference)
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            inArray(termsOfReference.status, ["ratified", "superseded"]),
            sql`${termsOfReference.ratifiedOn} <= ${date}`,
            isNull(termsOfReference.archivedAt),
          ),
        )
        .orderBy(desc(termsOfReference.ratifiedOn), desc(termsOfReference.createdAt))
        .limit(1);
      return row;
    },

    /** True when another version of the body's terms already has this label (case and spacing ignored). */
    async versionLabelTaken(partnershipId: string, bodyId: string, label: string, exceptId?: string): Promise<boolean> {
      const [row] = await db
        .select({ id: termsOfReference.id })
        .from(termsOfReference)
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            sql`lower(btrim(${termsOfReference.versionLabel})) = lower(btrim(${label}))`,
            isNull(termsOfReference.archivedAt),
            exceptId ? ne(termsOfReference.id, exceptId) : undefined,
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    async insertTermsOfReference(values: typeof termsOfReference.$inferInsert): Promise<TermsOfReferenceRow> {
      const [row] = await db.insert(termsOfReference).values(values).returning();
      return row!;
    },

    /** Changes a draft, if it is still a draft at the version the writer read. */
    async updateDraft(partnershipId: string, bodyId: string, id: string, expectedVersion: number, values: Partial<typeof termsOfReference.$inferInsert>) {
      const [row] = await db
        .update(termsOfReference)
        .set({ ...values, updatedAt: new Date(), version: sql`${termsOfReference.version} + 1` })
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            eq(termsOfReference.id, id),
            eq(termsOfReference.version, expectedVersion),
            eq(termsOfReference.status, "draft"),
          ),
        )
        .returning();
      return row;
    },

    /** Marks every ratified version of the body other than `exceptId` as superseded; returns them before and after. */
    async supersedeRatified(partnershipId: string, bodyId: string, exceptId: string) {
      const before = await db
        .select()
        .from(termsOfReference)
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            eq(termsOfReference.status, "ratified"),
            ne(termsOfReference.id, exceptId),
          ),
        )
        .for("update");
      if (before.length === 0) return [];
      const after = await db
        .update(termsOfReference)
        .set({ status: "superseded", updatedAt: new Date(), version: sql`${termsOfReference.version} + 1` })
        .where(
          and(
            eq(termsOfReference.partnershipId, partnershipId),
            eq(termsOfReference.bodyId, bodyId),
            inArray(
              termsOfReference.id,
              before.map((r) => r.id),
            ),
          ),
        )
        .returning();
      return before.map((b) => ({ before: b, after: after.find((a) => a.id === b.id)! }));
    },

    // -- History

    /**
     * The audit trail of a body together with its memberships and terms of reference, newest first,
     * with the person or version label each event concerns.
     */
    async history(partnershipId: string, bodyId: string, limit = 200): Promise<BodyHistoryEvent[]> {
      const m = alias(memberships, "m");
      const t = alias(termsOfReference, "t");
      const rows = await db
        .select({ event: auditEvents, personName: people.name, versionLabel: termsOfReference.versionLabel })
        .from(auditEvents)
        .leftJoin(
          memberships,
          and(eq(auditEvents.recordType, "membership"), eq(memberships.partnershipId, auditEvents.partnershipId), eq(memberships.id, auditEvents.recordId)),
        )
        .leftJoin(people, and(eq(people.partnershipId, memberships.partnershipId), eq(people.id, memberships.personId)))
        .leftJoin(
          termsOfReference,
          and(
            eq(auditEvents.recordType, "terms_of_reference"),
            eq(termsOfReference.partnershipId, auditEvents.partnershipId),
            eq(termsOfReference.id, auditEvents.recordId),
          ),
        )
        .where(
          and(
            eq(auditEvents.partnershipId, partnershipId),
            or(
              and(eq(auditEvents.recordType, "body"), eq(auditEvents.recordId, bodyId)),
              and(
                eq(auditEvents.recordType, "membership"),
                inArray(
                  auditEvents.recordId,
                  db
                    .select({ id: m.id })
                    .from(m)
                    .where(and(eq(m.partnershipId, partnershipId), eq(m.bodyId, bodyId))),
                ),
              ),
              and(
                eq(auditEvents.recordType, "terms_of_reference"),
                inArray(
                  auditEvents.recordId,
                  db
                    .select({ id: t.id })
                    .from(t)
                    .where(and(eq(t.partnershipId, partnershipId), eq(t.bodyId, bodyId))),
                ),
              ),
            ),
          ),
        )
        .orderBy(desc(auditEvents.id))
        .limit(limit);
      return rows.map((r) => ({ ...r.event, personName: r.personName, versionLabel: r.versionLabel }));
    },
  };
}

export type BodiesRepository = ReturnType<typeof bodiesRepository>;
