import { and, asc, desc, eq, gte, inArray, isNull, lt, lte, ne, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../platform/db/client.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { agendaItems, meetings, type AgendaItemKind, type Confidentiality, type MeetingStatus, type MinutesStatus } from "../meetings/meetings.tables.ts";
import { decisionBodies, decisionOrganisations, decisions } from "./decisions.tables.ts";
import type { DecisionFilter } from "./decisions.schema.ts";
import { englishVector, headline, rankOf, webQuery } from "../../platform/db/text-search.ts";

export type DecisionRow = typeof decisions.$inferSelect;

/**
 * What a viewer may see of the decision trail, worked out by the service from
 * meetings/confidentiality.ts and applied here in the WHERE clause, so that nothing hidden is
 * ever fetched, listed, exported or counted.
 */
export interface DecisionVisibility {
  /** Item confidentialities the viewer may see (Part I only, or Part I and II). */
  confidentialities: readonly Confidentiality[];
  /** Meeting statuses whose outcomes the viewer may see (the public: once the meeting is held). */
  meetingStatuses: readonly MeetingStatus[];
  /** Whether decisions of archived bodies are listed. */
  includeArchivedBodies: boolean;
}

/** A decision with the body, meeting and agenda item it belongs to. */
export interface DecisionView {
  decision: DecisionRow;
  body: { id: string; name: string; shortName: string | null; archivedAt: Date | null };
  meeting: { id: string; title: string | null; startsAt: Date; status: MeetingStatus; agendaPublishedAt: Date | null; minutesStatus: MinutesStatus | null };
  item: { id: string; title: string; kind: AgendaItemKind; confidentiality: Confidentiality; position: number };
  recommendedTo: { id: string; name: string } | null;
}

/** A meeting and agenda item, as a decision recorded against the item needs them. */
export interface ItemContext {
  meeting: DecisionView["meeting"] & { bodyId: string };
  item: DecisionView["item"];
  body: DecisionView["body"];
}

/** A decision found by site-wide search, with a snippet whose matches are marked (platform/db/text-search.ts). */
export interface DecisionSearchRow {
  id: string;
  text: string;
  decidedOn: string;
  kind: DecisionRow["kind"];
  status: DecisionRow["status"];
  meetingId: string;
  meetingTitle: string | null;
  startsAt: Date;
  itemId: string;
  itemTitle: string;
  bodyId: string;
  bodyName: string;
  rank: number;
  snippet: string;
}

/** The most rows one CSV export holds; the log's filters narrow larger sets. */
export const EXPORT_LIMIT = 10_000;

/** Queries for decisions and their links, always scoped to one partnership. */
export function decisionsRepository(db: Executor) {
  const recommendedTo = alias(bodies, "recommended_to");

  const viewColumns = {
    decision: decisions,
    body: { id: bodies.id, name: bodies.name, shortName: bodies.shortName, archivedAt: bodies.archivedAt },
    meeting: {
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      status: meetings.status,
      agendaPublishedAt: meetings.agendaPublishedAt,
      minutesStatus: meetings.minutesStatus,
    },
    item: {
      id: agendaItems.id,
      title: agendaItems.title,
      kind: agendaItems.kind,
      confidentiality: agendaItems.confidentiality,
      position: agendaItems.position,
    },
    recommendedToId: recommendedTo.id,
    recommendedToName: recommendedTo.name,
  };

  function baseQuery() {
    return db
      .select(viewColumns)
      .from(decisions)
      .innerJoin(meetings, and(eq(meetings.partnershipId, decisions.partnershipId), eq(meetings.id, decisions.meetingId)))
      .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, decisions.partnershipId), eq(agendaItems.id, decisions.agendaItemId)))
      .innerJoin(bodies, and(eq(bodies.partnershipId, decisions.partnershipId), eq(bodies.id, decisions.bodyId)))
      .leftJoin(recommendedTo, and(eq(recommendedTo.partnershipId, decisions.partnershipId), eq(recommendedTo.id, decisions.recommendedToBodyId)));
  }

  type Raw = Awaited<ReturnType<ReturnType<typeof baseQuery>["execute"]>>[number];
  const toView = (r: Raw): DecisionView => ({
    decision: r.decision,
    body: r.body,
    meeting: r.meeting,
    item: r.item,
    recommendedTo: r.recommendedToId && r.recommendedToName !== null ? { id: r.recommendedToId, name: r.recommendedToName } : null,
  });

  function visible(partnershipId: string, v: DecisionVisibility): SQL[] {
    const conditions: SQL[] = [
      eq(decisions.partnershipId, partnershipId),
      inArray(agendaItems.confidentiality, [...v.confidentialities]),
      inArray(meetings.status, [...v.meetingStatuses]),
    ];
    if (!v.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
    return conditions;
  }

  function filtered(partnershipId: string, v: DecisionVisibility, f: DecisionFilter): SQL[] {
    const conditions = visible(partnershipId, v);
    if (f.bodyId) {
      // Taken by the body, or linked to it as a body the decision concerns.
      conditions.push(
        or(
          eq(decisions.bodyId, f.bodyId),
          sql`exists (select 1 from decision_bodies db where db.partnership_id = ${decisions.partnershipId} and db.decision_id = ${decisions.id} and db.body_id = ${f.bodyId})`,
        )!,
      );
    }
    if (f.meetingId) conditions.push(eq(decisions.meetingId, f.meetingId));
    if (f.kind) conditions.push(eq(decisions.kind, f.kind));
    if (f.status) conditions.push(eq(decisions.status, f.status));
    if (f.from) conditions.push(gte(decisions.decidedOn, f.from));
    if (f.to) conditions.push(lte(decisions.decidedOn, f.to));
    // The expression matches the proposed GIN index decisions_text_search_idx; 'english' must stay a literal.
    if (f.q) conditions.push(sql`to_tsvector('english', ${decisions.text}) @@ websearch_to_tsquery('english', ${f.q})`);
    return conditions;
  }

  return {
    /** A page of the decision log, newest first (limit + 1 rows tell whether there is more). */
    async list(partnershipId: string, v: DecisionVisibility, filter: DecisionFilter, page: number, limit: number): Promise<DecisionView[]> {
      const rows = await baseQuery()
        .where(and(...filtered(partnershipId, v, filter)))
        .orderBy(desc(decisions.decidedOn), desc(meetings.startsAt), asc(agendaItems.position), asc(decisions.position), asc(decisions.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toView);
    },

    /** Every matching decision (at most EXPORT_LIMIT), for the CSV export. */
    async listForExport(partnershipId: string, v: DecisionVisibility, filter: DecisionFilter): Promise<DecisionView[]> {
      const rows = await baseQuery()
        .where(and(...filtered(partnershipId, v, filter)))
        .orderBy(desc(decisions.decidedOn), desc(meetings.startsAt), asc(agendaItems.position), asc(decisions.position), asc(decisions.id))
        .limit(EXPORT_LIMIT);
      return rows.map(toView);
    },

    /** A meeting's decisions in agenda order. */
    async listForMeeting(partnershipId: string, v: DecisionVisibility, meetingId: string): Promise<DecisionView[]> {
      const rows = await baseQuery()
        .where(and(...visible(partnershipId, v), eq(decisions.meetingId, meetingId)))
        .orderBy(asc(agendaItems.position), asc(decisions.position), asc(decisions.id))
        .limit(1000);
      return rows.map(toView);
    },

    /**
     * Site-wide search: visible decisions matching the words, best match first, then newest. Only
     * the page's rows get a snippet (ts_headline is the costly part). The vector is the expression
     * of decisions_text_search_idx.
     */
    async search(partnershipId: string, v: DecisionVisibility, q: string, limit: number, offset: number): Promise<DecisionSearchRow[]> {
      const query = webQuery(q);
      const vector = englishVector(sql`${decisions.text}`);
      // Every column is aliased: the joined tables share column names (id, title), which a subquery may not repeat.
      const hits = db
        .select({
          id: sql<string>`${decisions.id}`.as("id"),
          text: sql<string>`${decisions.text}`.as("text"),
          decidedOn: sql`${decisions.decidedOn}`.mapWith(decisions.decidedOn).as("decided_on"),
          kind: sql`${decisions.kind}`.mapWith(decisions.kind).as("kind"),
          status: sql`${decisions.status}`.mapWith(decisions.status).as("status"),
          meetingId: sql<string>`${meetings.id}`.as("meeting_id"),
          meetingTitle: sql<string | null>`${meetings.title}`.as("meeting_title"),
          startsAt: sql`${meetings.startsAt}`.mapWith(meetings.startsAt).as("starts_at"),
          itemId: sql<string>`${agendaItems.id}`.as("item_id"),
          itemTitle: sql<string>`${agendaItems.title}`.as("item_title"),
          bodyId: sql<string>`${bodies.id}`.as("body_id"),
          bodyName: sql<string>`${bodies.name}`.as("body_name"),
          rank: rankOf(vector, query).as("rank"),
        })
        .from(decisions)
        .innerJoin(meetings, and(eq(meetings.partnershipId, decisions.partnershipId), eq(meetings.id, decisions.meetingId)))
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, decisions.partnershipId), eq(agendaItems.id, decisions.agendaItemId)))
        .innerJoin(bodies, and(eq(bodies.partnershipId, decisions.partnershipId), eq(bodies.id, decisions.bodyId)))
        .where(and(...visible(partnershipId, v), sql`${vector} @@ ${query}`))
        .orderBy(desc(sql`rank`), desc(meetings.startsAt), asc(decisions.id))
        .limit(limit)
        .offset(offset)
        .as("hits");
      return db
        .select({
          id: hits.id,
          text: hits.text,
          decidedOn: hits.decidedOn,
          kind: hits.kind,
          status: hits.status,
          meetingId: hits.meetingId,
          meetingTitle: hits.meetingTitle,
          startsAt: hits.startsAt,
          itemId: hits.itemId,
          itemTitle: hits.itemTitle,
          bodyId: hits.bodyId,
          bodyName: hits.bodyName,
          rank: hits.rank,
          snippet: headline(sql`${hits.text}`, query),
        })
        .from(hits)
        .orderBy(desc(hits.rank), desc(hits.startsAt), asc(hits.id));
    },

    /** One decision with its context, whoever may see it (the service applies the policy). */
    async findView(partnershipId: string, id: string): Promise<DecisionView | undefined> {
      const [row] = await baseQuery().where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.id, id)));
      return row ? toView(row) : undefined;
    },

    /** Visible decisions among `ids` (for links in a status chain). */
    async visibleAmong(partnershipId: string, v: DecisionVisibility, ids: readonly string[]): Promise<DecisionView[]> {
      if (ids.length === 0) return [];
      const rows = await baseQuery().where(and(...visible(partnershipId, v), inArray(decisions.id, [...ids])));
      return rows.map(toView);
    },

    /** The visible decisions that this one replaced. */
    async supersededBy(partnershipId: string, v: DecisionVisibility, id: string): Promise<DecisionView[]> {
      const rows = await baseQuery()
        .where(and(...visible(partnershipId, v), eq(decisions.supersededByDecisionId, id)))
        .orderBy(desc(decisions.decidedOn), asc(decisions.id));
      return rows.map(toView);
    },

    /**
     * The status chain of many decisions at once, as far as the viewer may see it: which of the
     * decisions that replaced them are visible, and which visible decisions each one replaced.
     */
    async chains(partnershipId: string, v: DecisionVisibility, rows: readonly DecisionRow[]) {
      const ids = rows.map((r) => r.id);
      const targets = [...new Set(rows.map((r) => r.supersededByDecisionId).filter((id): id is string => id !== null))];
      const visibleTargets =
        targets.length === 0
          ? []
          : await baseQuery()
              .where(and(...visible(partnershipId, v), inArray(decisions.id, targets)))
              .then((found) => found.map((r) => r.decision.id));
      const replaced =
        ids.length === 0
          ? []
          : await baseQuery()
              .where(and(...visible(partnershipId, v), inArray(decisions.supersededByDecisionId, ids)))
              .orderBy(asc(decisions.decidedOn), asc(decisions.id))
              .then((found) => found.map((r) => r.decision));
      const supersedes = new Map<string, string[]>();
      for (const r of replaced)
        if (r.supersededByDecisionId) supersedes.set(r.supersededByDecisionId, [...(supersedes.get(r.supersededByDecisionId) ?? []), r.id]);
      return { visibleTargets: new Set(visibleTargets), supersedes };
    },

    /** Visible in-force decisions of a body, on or after a date, other than `exceptId`: what may supersede a decision. */
    async supersedeChoices(
      partnershipId: string,
      v: DecisionVisibility,
      bodyIds: readonly string[],
      onOrAfter: string,
      exceptId: string,
    ): Promise<DecisionView[]> {
      const rows = await baseQuery()
        .where(
          and(
            ...visible(partnershipId, v),
            inArray(decisions.bodyId, [...bodyIds]),
            eq(decisions.status, "in_force"),
            gte(decisions.decidedOn, onOrAfter),
            ne(decisions.id, exceptId),
          ),
        )
        .orderBy(desc(decisions.decidedOn), asc(agendaItems.position), asc(decisions.position))
        .limit(200);
      return rows.map(toView);
    },

    async find(partnershipId: string, id: string): Promise<DecisionRow | undefined> {
      const [row] = await db
        .select()
        .from(decisions)
        .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.id, id)));
      return row;
    },

    /** Bodies and organisations linked to each decision, by name. */
    async linksFor(partnershipId: string, decisionIds: readonly string[]) {
      const ids = [...decisionIds];
      if (ids.length === 0)
        return { bodies: new Map<string, { id: string; name: string }[]>(), organisations: new Map<string, { id: string; name: string }[]>() };
      const [bodyRows, organisationRows] = await Promise.all([
        db
          .select({ decisionId: decisionBodies.decisionId, id: bodies.id, name: bodies.name })
          .from(decisionBodies)
          .innerJoin(bodies, and(eq(bodies.partnershipId, decisionBodies.partnershipId), eq(bodies.id, decisionBodies.bodyId)))
          .where(and(eq(decisionBodies.partnershipId, partnershipId), inArray(decisionBodies.decisionId, ids)))
          .orderBy(asc(sql`lower(${bodies.name})`)),
        db
          .select({ decisionId: decisionOrganisations.decisionId, id: organisations.id, name: organisations.name })
          .from(decisionOrganisations)
          .innerJoin(
            organisations,
            and(eq(organisations.partnershipId, decisionOrganisations.partnershipId), eq(organisations.id, decisionOrganisations.organisationId)),
          )
          .where(and(eq(decisionOrganisations.partnershipId, partnershipId), inArray(decisionOrganisations.decisionId, ids)))
          .orderBy(asc(sql`lower(${organisations.name})`)),
      ]);
      const group = (rows: { decisionId: string; id: string; name: string }[]) => {
        const map = new Map<string, { id: string; name: string }[]>();
        for (const r of rows) map.set(r.decisionId, [...(map.get(r.decisionId) ?? []), { id: r.id, name: r.name }]);
        return map;
      };
      return { bodies: group(bodyRows), organisations: group(organisationRows) };
    },

    /** Earlier meetings whose minutes each decision approved. */
    async minutesApprovedBy(partnershipId: string, decisionIds: readonly string[]) {
      if (decisionIds.length === 0) return new Map<string, { meetingId: string; startsAt: Date; title: string | null }[]>();
      const rows = await db
        .select({ decisionId: meetings.minutesApprovedByDecisionId, meetingId: meetings.id, startsAt: meetings.startsAt, title: meetings.title })
        .from(meetings)
        .where(and(eq(meetings.partnershipId, partnershipId), inArray(meetings.minutesApprovedByDecisionId, [...decisionIds])));
      const map = new Map<string, { meetingId: string; startsAt: Date; title: string | null }[]>();
      for (const r of rows)
        if (r.decisionId) map.set(r.decisionId, [...(map.get(r.decisionId) ?? []), { meetingId: r.meetingId, startsAt: r.startsAt, title: r.title }]);
      return map;
    },

    /** An agenda item with its meeting and body; undefined if the item is not on that meeting. */
    async findItemContext(partnershipId: string, meetingId: string, itemId: string): Promise<ItemContext | undefined> {
      const [row] = await db
        .select({
          meeting: { ...viewColumns.meeting, bodyId: meetings.bodyId },
          item: viewColumns.item,
          body: viewColumns.body,
        })
        .from(agendaItems)
        .innerJoin(meetings, and(eq(meetings.partnershipId, agendaItems.partnershipId), eq(meetings.id, agendaItems.meetingId)))
        .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)))
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, itemId), eq(agendaItems.meetingId, meetingId)));
      return row;
    },

    /** The meeting an agenda item belongs to, for API callers who name only the item. */
    async meetingOfItem(partnershipId: string, itemId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ meetingId: agendaItems.meetingId })
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, itemId)));
      return row?.meetingId;
    },

    /** Earlier meetings of a body, newest first: the meetings whose minutes a later meeting may approve. */
    async earlierMeetings(partnershipId: string, bodyId: string, before: Date) {
      return db
        .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt, status: meetings.status, minutesStatus: meetings.minutesStatus })
        .from(meetings)
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.bodyId, bodyId), lt(meetings.startsAt, before), ne(meetings.status, "cancelled")))
        .orderBy(desc(meetings.startsAt))
        .limit(24);
    },

    async findMeeting(partnershipId: string, meetingId: string) {
      const [row] = await db
        .select({ id: meetings.id, bodyId: meetings.bodyId, startsAt: meetings.startsAt, status: meetings.status, minutesStatus: meetings.minutesStatus })
        .from(meetings)
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
      return row;
    },

    /** Bodies of this partnership among `ids` (archived included: links to history stay valid). */
    async existingBodies(partnershipId: string, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: bodies.id, name: bodies.name, archivedAt: bodies.archivedAt })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), inArray(bodies.id, [...ids])));
    },

    async existingOrganisations(partnershipId: string, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return db
        .select({ id: organisations.id })
        .from(organisations)
        .where(and(eq(organisations.partnershipId, partnershipId), inArray(organisations.id, [...ids])));
    },

    /** The position after the item's last decision. */
    async nextPosition(partnershipId: string, itemId: string): Promise<number> {
      const [row] = await db
        .select({ next: sql<number>`coalesce(max(${decisions.position}), -1) + 1` })
        .from(decisions)
        .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.agendaItemId, itemId)));
      return Number(row?.next ?? 0);
    },

    async insert(values: typeof decisions.$inferInsert): Promise<DecisionRow> {
      const [row] = await db.insert(decisions).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof decisions.$inferInsert>): Promise<DecisionRow | undefined> {
      const [row] = await db
        .update(decisions)
        .set({ ...values, updatedAt: new Date(), version: sql`${decisions.version} + 1` })
        .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.id, id), eq(decisions.version, expectedVersion)))
        .returning();
      return row;
    },

    /** Replaces the bodies and organisations a decision concerns. */
    async replaceLinks(
      partnershipId: string,
      decisionId: string,
      links: { bodyIds?: readonly string[] | undefined; organisationIds?: readonly string[] | undefined },
    ) {
      if (links.bodyIds) {
        await db.delete(decisionBodies).where(and(eq(decisionBodies.partnershipId, partnershipId), eq(decisionBodies.decisionId, decisionId)));
        if (links.bodyIds.length > 0) await db.insert(decisionBodies).values(links.bodyIds.map((bodyId) => ({ partnershipId, decisionId, bodyId })));
      }
      if (links.organisationIds) {
        await db
          .delete(decisionOrganisations)
          .where(and(eq(decisionOrganisations.partnershipId, partnershipId), eq(decisionOrganisations.decisionId, decisionId)));
        if (links.organisationIds.length > 0) {
          await db.insert(decisionOrganisations).values(links.organisationIds.map((organisationId) => ({ partnershipId, decisionId, organisationId })));
        }
      }
    },

    /** The ids of the bodies and organisations a decision concerns, for the audit trail (one query after the other: `db` may be a transaction). */
    async linkIds(partnershipId: string, decisionId: string) {
      const b = await db
        .select({ id: decisionBodies.bodyId })
        .from(decisionBodies)
        .where(and(eq(decisionBodies.partnershipId, partnershipId), eq(decisionBodies.decisionId, decisionId)));
      const o = await db
        .select({ id: decisionOrganisations.organisationId })
        .from(decisionOrganisations)
        .where(and(eq(decisionOrganisations.partnershipId, partnershipId), eq(decisionOrganisations.decisionId, decisionId)));
      return { bodyIds: b.map((r) => r.id).sort(), organisationIds: o.map((r) => r.id).sort() };
    },
  };
}

export type DecisionsRepository = ReturnType<typeof decisionsRepository>;
