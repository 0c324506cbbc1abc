import { and, asc, eq, inArray, isNull, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { prepared } from "../../platform/db/prepared.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { partnershipObjectives } from "../partnerships/partnerships.tables.ts";
import { partnershipUsers, users } from "../accounts/accounts.tables.ts";
import { agendaItems } from "../meetings/meetings.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { decisionEffects } from "../portfolio/portfolio.tables.ts";
import {
  agendaItemWorkstreams,
  decisionWorkstreams,
  workstreamContributors,
  workstreamLeads,
  workstreamObjectives,
  workstreamOrganisations,
  workstreams,
  type WorkstreamRow,
  type WorkstreamStatus,
} from "./workstreams.tables.ts";

export type { WorkstreamRow };

/** A workstream with the names of its SRO and overseeing body, fetched in the same query. */
export interface WorkstreamView extends WorkstreamRow {
  sro: { id: string; name: string } | null;
  overseeingBody: { id: string; name: string } | null;
}

/** What the viewer may see of the portfolio's workstreams, applied in the WHERE clause. */
export interface WorkstreamVisibility {
  /** Unpublished and archived workstreams (insiders). */
  includeUnpublished: boolean;
}

export type WorkstreamRef = { id: string; slug: string; name: string };

/** Queries for workstreams and their links, always scoped to one partnership. */
export function workstreamsRepository(db: Executor) {
  const base = () =>
    db
      .select({ workstream: workstreams, sroId: people.id, sroName: people.name, bodyId: bodies.id, bodyName: bodies.name })
      .from(workstreams)
      .leftJoin(people, and(eq(people.partnershipId, workstreams.partnershipId), eq(people.id, workstreams.sroPersonId)))
      .leftJoin(bodies, and(eq(bodies.partnershipId, workstreams.partnershipId), eq(bodies.id, workstreams.overseeingBodyId)));

  type Raw = Awaited<ReturnType<ReturnType<typeof base>["execute"]>>[number];
  const toView = (r: Raw): WorkstreamView => ({
    ...r.workstream,
    sro: r.sroId && r.sroName !== null ? { id: r.sroId, name: r.sroName } : null,
    overseeingBody: r.bodyId && r.bodyName !== null ? { id: r.bodyId, name: r.bodyName } : null,
  });

  /** The public sees published, unarchived workstreams only. */
  function visible(partnershipId: string, v: WorkstreamVisibility): SQL[] {
    const conditions: SQL[] = [eq(workstreams.partnershipId, partnershipId)];
    if (!v.includeUnpublished) conditions.push(eq(workstreams.published, true), isNull(workstreams.archivedAt));
    return conditions;
  }

  return {
    async list(partnershipId: string, v: WorkstreamVisibility, status: WorkstreamStatus | undefined): Promise<WorkstreamView[]> {
      const conditions = visible(partnershipId, v);
      if (status) conditions.push(eq(workstreams.status, status));
      const rows = await base()
        .where(and(...conditions))
        .orderBy(asc(workstreams.position), asc(sql`lower(${workstreams.name})`), asc(workstreams.id))
        .limit(500);
      return rows.map(toView);
    },

    /** One workstream by id or slug, whoever may see it (the service applies the policy). */
    async find(partnershipId: string, idOrSlug: string): Promise<WorkstreamView | undefined> {
      const byId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
      // Every workstream page and API call starts here: a prepared statement (platform/db/prepared.ts).
      const query = prepared(db, byId ? "workstreams_find_by_id" : "workstreams_find_by_slug", () =>
        base().where(and(eq(workstreams.partnershipId, sql.placeholder("partnershipId")), eq(byId ? workstreams.id : workstreams.slug, sql.placeholder("key")))),
      );
      const [row] = await query.execute({ partnershipId, key: idOrSlug });
      return row ? toView(row) : undefined;
    },

    async findRow(partnershipId: string, id: string): Promise<WorkstreamRow | undefined> {
      const [row] = await db
        .select()
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.id, id)));
      return row;
    },

    async slugTaken(partnershipId: string, slug: string, exceptId?: string): Promise<boolean> {
      const [row] = await db
        .select({ id: workstreams.id })
        .from(workstreams)
        .where(and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.slug, slug)));
      return row !== undefined && row.id !== exceptId;
    },

    async nextPosition(partnershipId: string): Promise<number> {
      const [row] = await db
        .select({ next: sql<number>`coalesce(max(${workstreams.position}), -1) + 1` })
        .from(workstreams)
        .where(eq(workstreams.partnershipId, partnershipId));
      return Number(row?.next ?? 0);
    },

    async insert(values: typeof workstreams.$inferInsert): Promise<WorkstreamRow> {
      const [row] = await db.insert(workstreams).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof workstreams.$inferInsert>,
    ): Promise<WorkstreamRow | undefined> {
      const [row] = await db
        .update(workstreams)
        .set({ ...values, updatedAt: new Date(), version: sql`${workstreams.version} + 1` })
        .where(and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.id, id), eq(workstreams.version, expectedVersion)))
        .returning();
      return row;
    },

    // -- Leads, organisations, contributions

    async leads(partnershipId: string, workstreamId: string) {
      return db
        .select({ personId: workstreamLeads.personId, name: people.name, roleLabel: workstreamLeads.roleLabel })
        .from(workstreamLeads)
        .innerJoin(people, and(eq(people.partnershipId, workstreamLeads.partnershipId), eq(people.id, workstreamLeads.personId)))
        .where(and(eq(workstreamLeads.partnershipId, partnershipId), eq(workstreamLeads.workstreamId, workstreamId)))
        .orderBy(asc(workstreamLeads.position), asc(people.name));
    },

    async organisations(partnershipId: string, workstreamId: string) {
      return db
        .select({ id: organisations.id, name: organisations.name })
        .from(workstreamOrganisations)
        .innerJoin(
          organisations,
          and(eq(organisations.partnershipId, workstreamOrganisations.partnershipId), eq(organisations.id, workstreamOrganisations.organisationId)),
        )
        .where(and(eq(workstreamOrganisations.partnershipId, partnershipId), eq(workstreamOrganisations.workstreamId, workstreamId)))
        .orderBy(asc(sql`lower(${organisations.name})`));
    },

    /** Every current objective of the partnership, in order, with this workstream's contribution (none when not recorded). */
    async contributions(partnershipId: string, workstreamId: string) {
      const rows = await db
        .select({
          objectiveId: partnershipObjectives.id,
          objectiveTitle: partnershipObjectives.title,
          level: workstreamObjectives.level,
          rationale: workstreamObjectives.rationale,
        })
        .from(partnershipObjectives)
        .leftJoin(
          workstreamObjectives,
          and(
            eq(workstreamObjectives.partnershipId, partnershipObjectives.partnershipId),
            eq(workstreamObjectives.objectiveId, partnershipObjectives.id),
            eq(workstreamObjectives.workstreamId, workstreamId),
          ),
        )
        .where(and(eq(partnershipObjectives.partnershipId, partnershipId), isNull(partnershipObjectives.archivedAt)))
        .orderBy(asc(partnershipObjectives.position));
      return rows.map((r) => ({ objectiveId: r.objectiveId, objectiveTitle: r.objectiveTitle, level: r.level ?? "none", rationale: r.rationale ?? "" }));
    },

    async currentObjectives(partnershipId: string) {
      return db
        .select({ id: partnershipObjectives.id, title: partnershipObjectives.title, description: partnershipObjectives.description })
        .from(partnershipObjectives)
        .where(and(eq(partnershipObjectives.partnershipId, partnershipId), isNull(partnershipObjectives.archivedAt)))
        .orderBy(asc(partnershipObjectives.position));
    },

    async countExisting(partnershipId: string, what: "people" | "bodies" | "organisations", ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const table = what === "people" ? people : what === "bodies" ? bodies : organisations;
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(and(eq(table.partnershipId, partnershipId), inArray(table.id, [...ids])));
      return Number(row?.n ?? 0);
    },

    /** Replaces the leads, organisations and contributions that are given. */
    async replaceLinks(
      partnershipId: string,
      workstreamId: string,
      links: {
        leads?: readonly { personId: string; roleLabel: string | null }[] | undefined;
        organisationIds?: readonly string[] | undefined;
        contributions?: readonly { objectiveId: string; level: "none" | "some" | "major"; rationale: string }[] | undefined;
      },
    ) {
      const mine = <T extends typeof workstreamLeads | typeof workstreamOrganisations | typeof workstreamObjectives>(t: T) =>
        and(eq(t.partnershipId, partnershipId), eq(t.workstreamId, workstreamId));
      if (links.leads) {
        await db.delete(workstreamLeads).where(mine(workstreamLeads));
        if (links.leads.length > 0)
          await db
            .insert(workstreamLeads)
            .values(links.leads.map((l, position) => ({ partnershipId, workstreamId, personId: l.personId, roleLabel: l.roleLabel, position })));
      }
      if (links.organisationIds) {
        await db.delete(workstreamOrganisations).where(mine(workstreamOrganisations));
        if (links.organisationIds.length > 0)
          await db.insert(workstreamOrganisations).values(links.organisationIds.map((organisationId) => ({ partnershipId, workstreamId, organisationId })));
      }
      if (links.contributions) {
        const ids = links.contributions.map((c) => c.objectiveId);
        if (ids.length > 0) {
          await db.delete(workstreamObjectives).where(and(mine(workstreamObjectives), inArray(workstreamObjectives.objectiveId, ids)));
          await db
            .insert(workstreamObjectives)
            .values(links.contributions.map((c) => ({ partnershipId, workstreamId, objectiveId: c.objectiveId, level: c.level, rationale: c.rationale })));
        }
      }
    },

    /** The links as ids, for the audit trail (one query after the other: `db` may be a transaction). */
    async linkSnapshot(partnershipId: string, workstreamId: string) {
      const leads = await db
        .select({ personId: workstreamLeads.personId, roleLabel: workstreamLeads.roleLabel })
        .from(workstreamLeads)
        .where(and(eq(workstreamLeads.partnershipId, partnershipId), eq(workstreamLeads.workstreamId, workstreamId)))
        .orderBy(asc(workstreamLeads.position));
      const orgs = await db
        .select({ id: workstreamOrganisations.organisationId })
        .from(workstreamOrganisations)
        .where(and(eq(workstreamOrganisations.partnershipId, partnershipId), eq(workstreamOrganisations.workstreamId, workstreamId)));
      const contributions = await db
        .select({ objectiveId: workstreamObjectives.objectiveId, level: workstreamObjectives.level, rationale: workstreamObjectives.rationale })
        .from(workstreamObjectives)
        .where(and(eq(workstreamObjectives.partnershipId, partnershipId), eq(workstreamObjectives.workstreamId, workstreamId)))
        .orderBy(asc(workstreamObjectives.objectiveId));
      return {
        leads: leads.map((l) => (l.roleLabel ? `${l.personId} (${l.roleLabel})` : l.personId)),
        organisationIds: orgs.map((o) => o.id).sort(),
        contributions: contributions.map((c) => `${c.objectiveId}: ${c.level}${c.rationale ? ` (${c.rationale})` : ""}`),
      };
    },

    // -- Contributors (users with the contributor role here)

    async contributors(partnershipId: string, workstreamId: string) {
      return db
        .select({ userId: users.id, name: users.name })
        .from(workstreamContributors)
        .innerJoin(users, eq(users.id, workstreamContributors.userId))
        .where(and(eq(workstreamContributors.partnershipId, partnershipId), eq(workstreamContributors.workstreamId, workstreamId)))
        .orderBy(asc(sql`lower(${users.name})`));
    },

    /** Users with the contributor role in this partnership, for the assignment picker. */
    async contributorChoices(partnershipId: string) {
      return db
        .select({ userId: users.id, name: users.name })
        .from(partnershipUsers)
        .innerJoin(users, eq(users.id, partnershipUsers.userId))
        .where(and(eq(partnershipUsers.partnershipId, partnershipId), eq(partnershipUsers.role, "contributor"), isNull(users.disabledAt)))
        .orderBy(asc(sql`lower(${users.name})`));
    },

    async isContributorUser(partnershipId: string, userId: string): Promise<boolean> {
      const [row] = await db
        .select({ userId: partnershipUsers.userId })
        .from(partnershipUsers)
        .where(and(eq(partnershipUsers.partnershipId, partnershipId), eq(partnershipUsers.userId, userId), eq(partnershipUsers.role, "contributor")));
      return row !== undefined;
    },

    async addContributor(partnershipId: string, workstreamId: string, userId: string): Promise<boolean> {
      const rows = await db.insert(workstreamContributors).values({ partnershipId, workstreamId, userId }).onConflictDoNothing().returning();
      return rows.length > 0;
    },

    async removeContributor(partnershipId: string, workstreamId: string, userId: string): Promise<boolean> {
      const rows = await db
        .delete(workstreamContributors)
        .where(
          and(
            eq(workstreamContributors.partnershipId, partnershipId),
            eq(workstreamContributors.workstreamId, workstreamId),
            eq(workstreamContributors.userId, userId),
          ),
        )
        .returning();
      return rows.length > 0;
    },

    // -- Links to the decision trail. Only ids are read here: what the viewer may see of the
    //    decisions and items themselves comes from the decisions and meetings services.

    /** The meetings whose decisions or items reach this workstream, with the linked ids. */
    async trailLinks(partnershipId: string, workstreamId: string) {
      const linkedDecisions = await db
        .select({ decisionId: decisionWorkstreams.decisionId, meetingId: decisions.meetingId })
        .from(decisionWorkstreams)
        .innerJoin(decisions, and(eq(decisions.partnershipId, decisionWorkstreams.partnershipId), eq(decisions.id, decisionWorkstreams.decisionId)))
        .where(and(eq(decisionWorkstreams.partnershipId, partnershipId), eq(decisionWorkstreams.workstreamId, workstreamId)));
      const effects = await db
        .select({ decisionId: decisionEffects.decisionId, meetingId: decisions.meetingId, kind: decisionEffects.kind, note: decisionEffects.note })
        .from(decisionEffects)
        .innerJoin(decisions, and(eq(decisions.partnershipId, decisionEffects.partnershipId), eq(decisions.id, decisionEffects.decisionId)))
        .where(and(eq(decisionEffects.partnershipId, partnershipId), eq(decisionEffects.workstreamId, workstreamId)))
        .orderBy(asc(decisionEffects.createdAt));
      const items = await db
        .select({ agendaItemId: agendaItemWorkstreams.agendaItemId, meetingId: agendaItems.meetingId })
        .from(agendaItemWorkstreams)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, agendaItemWorkstreams.partnershipId), eq(agendaItems.id, agendaItemWorkstreams.agendaItemId)))
        .where(and(eq(agendaItemWorkstreams.partnershipId, partnershipId), eq(agendaItemWorkstreams.workstreamId, workstreamId)));
      return { linkedDecisions, effects, items };
    },

    async linkDecision(partnershipId: string, workstreamId: string, decisionId: string): Promise<boolean> {
      const rows = await db.insert(decisionWorkstreams).values({ partnershipId, workstreamId, decisionId }).onConflictDoNothing().returning();
      return rows.length > 0;
    },

    async unlinkDecision(partnershipId: string, workstreamId: string, decisionId: string): Promise<boolean> {
      const rows = await db
        .delete(decisionWorkstreams)
        .where(
          and(
            eq(decisionWorkstreams.partnershipId, partnershipId),
            eq(decisionWorkstreams.workstreamId, workstreamId),
            eq(decisionWorkstreams.decisionId, decisionId),
          ),
        )
        .returning();
      return rows.length > 0;
    },

    async linkAgendaItem(partnershipId: string, workstreamId: string, agendaItemId: string): Promise<boolean> {
      const rows = await db.insert(agendaItemWorkstreams).values({ partnershipId, workstreamId, agendaItemId }).onConflictDoNothing().returning();
      return rows.length > 0;
    },

    async unlinkAgendaItem(partnershipId: string, workstreamId: string, agendaItemId: string): Promise<boolean> {
      const rows = await db
        .delete(agendaItemWorkstreams)
        .where(
          and(
            eq(agendaItemWorkstreams.partnershipId, partnershipId),
            eq(agendaItemWorkstreams.workstreamId, workstreamId),
            eq(agendaItemWorkstreams.agendaItemId, agendaItemId),
          ),
        )
        .returning();
      return rows.length > 0;
    },

    /** Visible workstreams linked to each decision (directly or through a recorded effect). */
    async forDecisions(partnershipId: string, v: WorkstreamVisibility, decisionIds: readonly string[]) {
      if (decisionIds.length === 0) return [];
      const ids = [...decisionIds];
      const direct = db
        .select({ key: decisionWorkstreams.decisionId, workstreamId: decisionWorkstreams.workstreamId })
        .from(decisionWorkstreams)
        .where(and(eq(decisionWorkstreams.partnershipId, partnershipId), inArray(decisionWorkstreams.decisionId, ids)));
      const effects = db
        .select({ key: decisionEffects.decisionId, workstreamId: decisionEffects.workstreamId })
        .from(decisionEffects)
        .where(and(eq(decisionEffects.partnershipId, partnershipId), inArray(decisionEffects.decisionId, ids)));
      const links = direct.union(effects).as("links");
      return db
        .select({ key: links.key, id: workstreams.id, slug: workstreams.slug, name: workstreams.name })
        .from(links)
        .innerJoin(workstreams, and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.id, links.workstreamId)))
        .where(and(...visible(partnershipId, v)))
        .orderBy(asc(workstreams.position), asc(workstreams.name));
    },

    /**
     * Every (workstream, decision) pair linking the given visible workstreams to decisions:
     * directly, through a recorded effect, or through a linked agenda item's decisions. One query,
     * ids only (the caller asks the decisions service which of them the viewer may see).
     */
    async decisionLinksFor(partnershipId: string, v: WorkstreamVisibility, workstreamIds: readonly string[]) {
      if (workstreamIds.length === 0) return [];
      const ids = [...workstreamIds];
      const direct = db
        .select({ workstreamId: decisionWorkstreams.workstreamId, decisionId: decisionWorkstreams.decisionId })
        .from(decisionWorkstreams)
        .where(and(eq(decisionWorkstreams.partnershipId, partnershipId), inArray(decisionWorkstreams.workstreamId, ids)));
      const effects = db
        .select({ workstreamId: decisionEffects.workstreamId, decisionId: decisionEffects.decisionId })
        .from(decisionEffects)
        .where(and(eq(decisionEffects.partnershipId, partnershipId), inArray(decisionEffects.workstreamId, ids)));
      const viaItems = db
        .select({ workstreamId: agendaItemWorkstreams.workstreamId, decisionId: decisions.id })
        .from(agendaItemWorkstreams)
        .innerJoin(
          decisions,
          and(eq(decisions.partnershipId, agendaItemWorkstreams.partnershipId), eq(decisions.agendaItemId, agendaItemWorkstreams.agendaItemId)),
        )
        .where(and(eq(agendaItemWorkstreams.partnershipId, partnershipId), inArray(agendaItemWorkstreams.workstreamId, ids)));
      const links = direct.union(effects).union(viaItems).as("links");
      return db
        .select({ workstreamId: links.workstreamId, decisionId: links.decisionId })
        .from(links)
        .innerJoin(workstreams, and(eq(workstreams.partnershipId, partnershipId), eq(workstreams.id, links.workstreamId)))
        .where(and(...visible(partnershipId, v)))
        .limit(10_000);
    },

    /** Each given visible workstream's contribution to each current objective (one query, for the objectives matrix). */
    async contributionsFor(partnershipId: string, v: WorkstreamVisibility, workstreamIds: readonly string[]) {
      if (workstreamIds.length === 0) return [];
      return db
        .select({
          workstreamId: workstreamObjectives.workstreamId,
          objectiveId: workstreamObjectives.objectiveId,
          level: workstreamObjectives.level,
          rationale: workstreamObjectives.rationale,
        })
        .from(workstreamObjectives)
        .innerJoin(workstreams, and(eq(workstreams.partnershipId, workstreamObjectives.partnershipId), eq(workstreams.id, workstreamObjectives.workstreamId)))
        .where(
          and(
            eq(workstreamObjectives.partnershipId, partnershipId),
            inArray(workstreamObjectives.workstreamId, [...workstreamIds]),
            ...visible(partnershipId, v),
          ),
        );
    },

    /** Visible workstreams linked to each agenda item. */
    async forAgendaItems(partnershipId: string, v: WorkstreamVisibility, itemIds: readonly string[]) {
      if (itemIds.length === 0) return [];
      return db
        .select({ key: agendaItemWorkstreams.agendaItemId, id: workstreams.id, slug: workstreams.slug, name: workstreams.name })
        .from(agendaItemWorkstreams)
        .innerJoin(workstreams, and(eq(workstreams.partnershipId, agendaItemWorkstreams.partnershipId), eq(workstreams.id, agendaItemWorkstreams.workstreamId)))
        .where(
          and(eq(agendaItemWorkstreams.partnershipId, partnershipId), inArray(agendaItemWorkstreams.agendaItemId, [...itemIds]), ...visible(partnershipId, v)),
        )
        .orderBy(asc(workstreams.position), asc(workstreams.name));
    },
  };
}

export type WorkstreamsRepository = ReturnType<typeof workstreamsRepository>;
