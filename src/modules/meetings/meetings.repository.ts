import { and, asc, desc, eq, gte, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { englishVector, headline, rankOf, webQuery } from "../../platform/db/text-search.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { people } from "../people/people.tables.ts";
import {
  agendaItemBodies,
  agendaItemOrganisations,
  agendaItemPresenters,
  agendaItems,
  agendaTemplateItems,
  CONFIDENTIALITY,
  meetings,
  type Confidentiality,
  type MeetingStatus,
} from "./meetings.tables.ts";

export type MeetingRow = typeof meetings.$inferSelect;
export type AgendaItemRow = typeof agendaItems.$inferSelect;
export type AgendaTemplateItemRow = typeof agendaTemplateItems.$inferSelect;

/** The body a meeting belongs to, as lists and headings name it. */
export interface MeetingBody {
  id: string;
  name: string;
  shortName: string | null;
  /** The body's readable URL segment, for readable meeting links (/bodies/:slug/meetings/:date). */
  slug?: string | null;
}

/** A meeting with its body; `bodyArchived` decides whether the public may see it. */
export interface MeetingView extends MeetingRow {
  body: MeetingBody;
  bodyArchived: boolean;
}

/** Someone presenting an item, in order, with the role they present in. */
export interface PresenterView {
  personId: string;
  name: string;
  roleLabel: string | null;
}

/** An agenda item with its presenters and the bodies and organisations it concerns. */
export interface AgendaItemView extends AgendaItemRow {
  presenters: PresenterView[];
  bodyIds: string[];
  organisationIds: string[];
}

export interface MeetingFilter {
  bodyId?: string | undefined;
  /** Meetings starting at or after this instant. */
  from?: Date | undefined;
  /** Meetings starting before this instant. */
  to?: Date | undefined;
  /** Newest first (past meetings) or soonest first (upcoming). */
  order: "asc" | "desc";
  /** The public sees only meetings of current bodies. */
  includeArchivedBodies: boolean;
}

/** Which agenda items a viewer may search, worked out by the service from confidentiality.ts. */
export interface AgendaSearchVisibility {
  confidentialities: readonly Confidentiality[];
  /** Meeting statuses whose agenda the viewer sees. */
  agendaStatuses: readonly MeetingStatus[];
  /** Further statuses whose agenda the viewer sees only if it was published (a postponed meeting). */
  agendaStatusesOncePublished: readonly MeetingStatus[];
  includeArchivedBodies: boolean;
}

/** An agenda item found by site-wide search, with its title's matches marked. */
export interface AgendaItemSearchRow {
  itemId: string;
  itemTitle: string;
  meetingId: string;
  meetingTitle: string | null;
  startsAt: Date;
  bodyId: string;
  bodyName: string;
  bodySlug: string | null;
  rank: number;
  snippet: string;
}

/**
 * True when no ancestor of the agenda item is of a confidentiality the viewer may not see: an
 * agenda shows a sub-item only under its parent, so a Part I sub-item of a Part II item stays
 * hidden with it. `item` is the SQL of the item's row alias; true for those who may see every part.
 */
export function ancestorsVisible(
  item: { partnershipId: SQL | typeof agendaItems.partnershipId; parentItemId: SQL | typeof agendaItems.parentItemId },
  confidentialities: readonly Confidentiality[],
): SQL {
  const hidden = CONFIDENTIALITY.filter((c) => !confidentialities.includes(c));
  if (hidden.length === 0) return sql`true`;
  return sql`(${item.parentItemId} is null or not exists (
    with recursive up (id, parent_item_id, confidentiality) as (
      select p.id, p.parent_item_id, p.confidentiality from agenda_items p where p.partnership_id = ${item.partnershipId} and p.id = ${item.parentItemId}
      union all
      select p.id, p.parent_item_id, p.confidentiality from agenda_items p join up on p.partnership_id = ${item.partnershipId} and p.id = up.parent_item_id
    )
    select 1 from up where up.confidentiality in (${sql.join(
      hidden.map((c) => sql`${c}`),
      sql`, `,
    )})
  ))`;
}

const meetingColumns = {
  meeting: meetings,
  body: { id: bodies.id, name: bodies.name, shortName: bodies.shortName, slug: bodies.slug },
  bodyArchivedAt: bodies.archivedAt,
};

function toView(r: { meeting: MeetingRow; body: MeetingBody; bodyArchivedAt: Date | null }): MeetingView {
  return { ...r.meeting, body: r.body, bodyArchived: r.bodyArchivedAt !== null };
}

/** Queries for meetings, their agenda items and the bodies' standard opening items, always scoped to one partnership. */
export function meetingsRepository(db: Executor) {
  const withBody = () =>
    db
      .select(meetingColumns)
      .from(meetings)
      .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)));

  return {
    // -- Meetings

    async find(partnershipId: string, id: string): Promise<MeetingView | undefined> {
      const [row] = await withBody().where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, id)));
      return row ? toView(row) : undefined;
    },

    /** The meeting row, locked until the transaction ends: agenda changes to one meeting queue behind each other. */
    async lock(partnershipId: string, id: string): Promise<MeetingRow | undefined> {
      const [row] = await db
        .select()
        .from(meetings)
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, id)))
        .for("update");
      return row;
    },

    /** A page of meetings (limit + 1 rows) by start time. Uses meetings_starts_idx / meetings_body_starts_idx. */
    async list(partnershipId: string, filter: MeetingFilter, page: number, limit: number): Promise<MeetingView[]> {
      const conditions: SQL[] = [eq(meetings.partnershipId, partnershipId)];
      if (filter.bodyId) conditions.push(eq(meetings.bodyId, filter.bodyId));
      if (filter.from) conditions.push(gte(meetings.startsAt, filter.from));
      if (filter.to) conditions.push(lt(meetings.startsAt, filter.to));
      if (!filter.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
      const order = filter.order === "asc" ? [asc(meetings.startsAt), asc(meetings.id)] : [desc(meetings.startsAt), desc(meetings.id)];
      const rows = await withBody()
        .where(and(...conditions))
        .orderBy(...order)
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toView);
    },

    /** Start instants of a body's meetings (other than cancelled ones) in a window, to skip days already taken. */
    async startsOfBody(partnershipId: string, bodyId: string, from: Date, to: Date): Promise<Date[]> {
      const rows = await db
        .select({ startsAt: meetings.startsAt })
        .from(meetings)
        .where(
          and(
            eq(meetings.partnershipId, partnershipId),
            eq(meetings.bodyId, bodyId),
            gte(meetings.startsAt, from),
            lt(meetings.startsAt, to),
            ne(meetings.status, "cancelled"),
          ),
        );
      return rows.map((r) => r.startsAt);
    },

    /** Serialises schedule generation for one body until the transaction ends. */
    async lockBodySchedule(partnershipId: string, bodyId: string): Promise<void> {
      await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`quorum:body-meetings:${partnershipId}:${bodyId}`}, 0))`);
    },

    async insert(values: typeof meetings.$inferInsert): Promise<MeetingRow> {
      const [row] = await db.insert(meetings).values(values).returning();
      return row!;
    },

    async insertMany(values: (typeof meetings.$inferInsert)[]): Promise<MeetingRow[]> {
      if (values.length === 0) return [];
      return db.insert(meetings).values(values).returning();
    },

    /**
     * Updates only if the stored version is the one the writer read (undefined otherwise).
     * `calendarChange` also increments the iCalendar sequence.
     */
    async update(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof meetings.$inferInsert>,
      calendarChange: boolean,
      onlyIn?: readonly MeetingStatus[],
    ): Promise<MeetingRow | undefined> {
      const [row] = await db
        .update(meetings)
        .set({
          ...values,
          updatedAt: new Date(),
          version: sql`${meetings.version} + 1`,
          ...(calendarChange ? { sequence: sql`${meetings.sequence} + 1` } : {}),
        })
        .where(
          and(
            eq(meetings.partnershipId, partnershipId),
            eq(meetings.id, id),
            eq(meetings.version, expectedVersion),
            onlyIn ? inArray(meetings.status, [...onlyIn]) : undefined,
          ),
        )
        .returning();
      return row;
    },

    // -- Agenda items

    /** Every item of a meeting with presenters, bodies and organisations: four queries, whatever the agenda's length. */
    async listItems(partnershipId: string, meetingId: string): Promise<AgendaItemView[]> {
      const rows = await db
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.meetingId, meetingId)))
        .orderBy(asc(agendaItems.position), asc(agendaItems.id));
      return withLinks(partnershipId, rows);
    },

    async findItem(partnershipId: string, meetingId: string, itemId: string): Promise<AgendaItemView | undefined> {
      const rows = await db
        .select()
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.meetingId, meetingId), eq(agendaItems.id, itemId)));
      const [view] = await withLinks(partnershipId, rows);
      return view;
    },

    /**
     * Site-wide search of agenda item titles the viewer may see, best match first, then newest.
     * The vector is the expression of agenda_items_title_search_idx.
     */
    async searchItems(partnershipId: string, v: AgendaSearchVisibility, q: string, limit: number, offset: number): Promise<AgendaItemSearchRow[]> {
      const query = webQuery(q);
      const vector = englishVector(sql`${agendaItems.title}`);
      const agendaVisible: SQL[] = [];
      if (v.agendaStatuses.length > 0) agendaVisible.push(inArray(meetings.status, [...v.agendaStatuses]));
      if (v.agendaStatusesOncePublished.length > 0)
        agendaVisible.push(and(inArray(meetings.status, [...v.agendaStatusesOncePublished]), sql`${meetings.agendaPublishedAt} is not null`)!);
      const conditions: SQL[] = [
        eq(agendaItems.partnershipId, partnershipId),
        inArray(agendaItems.confidentiality, [...v.confidentialities]),
        or(...agendaVisible) ?? sql`false`,
        ancestorsVisible(agendaItems, v.confidentialities),
        sql`${vector} @@ ${query}`,
      ];
      if (!v.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
      // Every column is aliased: the joined tables share column names (id, title), which a subquery may not repeat.
      const hits = db
        .select({
          itemId: sql<string>`${agendaItems.id}`.as("item_id"),
          itemTitle: sql<string>`${agendaItems.title}`.as("item_title"),
          meetingId: sql<string>`${meetings.id}`.as("meeting_id"),
          meetingTitle: sql<string | null>`${meetings.title}`.as("meeting_title"),
          startsAt: sql`${meetings.startsAt}`.mapWith(meetings.startsAt).as("starts_at"),
          bodyId: sql<string>`${bodies.id}`.as("body_id"),
          bodyName: sql<string>`${bodies.name}`.as("body_name"),
          bodySlug: sql<string | null>`${bodies.slug}`.as("body_slug"),
          rank: rankOf(vector, query).as("rank"),
        })
        .from(agendaItems)
        .innerJoin(meetings, and(eq(meetings.partnershipId, agendaItems.partnershipId), eq(meetings.id, agendaItems.meetingId)))
        .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)))
        .where(and(...conditions))
        .orderBy(desc(sql`rank`), desc(meetings.startsAt), asc(agendaItems.id))
        .limit(limit)
        .offset(offset)
        .as("hits");
      return db
        .select({
          itemId: hits.itemId,
          itemTitle: hits.itemTitle,
          meetingId: hits.meetingId,
          meetingTitle: hits.meetingTitle,
          startsAt: hits.startsAt,
          bodyId: hits.bodyId,
          bodyName: hits.bodyName,
          bodySlug: hits.bodySlug,
          rank: hits.rank,
          snippet: headline(sql`${hits.itemTitle}`, query),
        })
        .from(hits)
        .orderBy(desc(hits.rank), desc(hits.startsAt), asc(hits.itemId));
    },

    /** The meeting an item belongs to, for contracts that know only the item. */
    async meetingIdOfItem(partnershipId: string, itemId: string): Promise<string | undefined> {
      const [row] = await db
        .select({ meetingId: agendaItems.meetingId })
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, itemId)));
      return row?.meetingId;
    },

    /** The position after the last of an item's siblings. */
    async nextPosition(partnershipId: string, meetingId: string, parentItemId: string | null): Promise<number> {
      const [row] = await db
        .select({ max: sql<number | null>`max(${agendaItems.position})` })
        .from(agendaItems)
        .where(
          and(
            eq(agendaItems.partnershipId, partnershipId),
            eq(agendaItems.meetingId, meetingId),
            parentItemId === null ? isNull(agendaItems.parentItemId) : eq(agendaItems.parentItemId, parentItemId),
          ),
        );
      return row?.max === null || row?.max === undefined ? 0 : Number(row.max) + 1;
    },

    async insertItem(values: typeof agendaItems.$inferInsert): Promise<AgendaItemRow> {
      const [row] = await db.insert(agendaItems).values(values).returning();
      return row!;
    },

    async updateItem(
      partnershipId: string,
      meetingId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof agendaItems.$inferInsert>,
    ): Promise<AgendaItemRow | undefined> {
      const [row] = await db
        .update(agendaItems)
        .set({ ...values, updatedAt: new Date(), version: sql`${agendaItems.version} + 1` })
        .where(
          and(
            eq(agendaItems.partnershipId, partnershipId),
            eq(agendaItems.meetingId, meetingId),
            eq(agendaItems.id, id),
            eq(agendaItems.version, expectedVersion),
          ),
        )
        .returning();
      return row;
    },

    /** Moves an item to a position (a reorder is a change to the item, so its version goes up). */
    async setItemPosition(partnershipId: string, id: string, position: number): Promise<AgendaItemRow> {
      const [row] = await db
        .update(agendaItems)
        .set({ position, updatedAt: new Date(), version: sql`${agendaItems.version} + 1` })
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, id)))
        .returning();
      return row!;
    },

    /** Deletes an item (its presenters and links go with it). */
    async deleteItem(partnershipId: string, id: string): Promise<void> {
      await db.delete(agendaItems).where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.id, id)));
    },

    async replacePresenters(partnershipId: string, agendaItemId: string, presenters: readonly { personId: string; roleLabel: string | null }[]): Promise<void> {
      await db
        .delete(agendaItemPresenters)
        .where(and(eq(agendaItemPresenters.partnershipId, partnershipId), eq(agendaItemPresenters.agendaItemId, agendaItemId)));
      if (presenters.length === 0) return;
      await db
        .insert(agendaItemPresenters)
        .values(presenters.map((p, position) => ({ partnershipId, agendaItemId, personId: p.personId, roleLabel: p.roleLabel, position })));
    },

    async replaceBodies(partnershipId: string, agendaItemId: string, bodyIds: readonly string[]): Promise<void> {
      await db.delete(agendaItemBodies).where(and(eq(agendaItemBodies.partnershipId, partnershipId), eq(agendaItemBodies.agendaItemId, agendaItemId)));
      if (bodyIds.length === 0) return;
      await db.insert(agendaItemBodies).values(bodyIds.map((bodyId) => ({ partnershipId, agendaItemId, bodyId })));
    },

    async replaceOrganisations(partnershipId: string, agendaItemId: string, organisationIds: readonly string[]): Promise<void> {
      await db
        .delete(agendaItemOrganisations)
        .where(and(eq(agendaItemOrganisations.partnershipId, partnershipId), eq(agendaItemOrganisations.agendaItemId, agendaItemId)));
      if (organisationIds.length === 0) return;
      await db.insert(agendaItemOrganisations).values(organisationIds.map((organisationId) => ({ partnershipId, agendaItemId, organisationId })));
    },

    // -- Standard opening items (per body)

    async listTemplate(partnershipId: string, bodyId: string): Promise<AgendaTemplateItemRow[]> {
      return db
        .select()
        .from(agendaTemplateItems)
        .where(and(eq(agendaTemplateItems.partnershipId, partnershipId), eq(agendaTemplateItems.bodyId, bodyId)))
        .orderBy(asc(agendaTemplateItems.position), asc(agendaTemplateItems.id));
    },

    async insertTemplateItem(values: typeof agendaTemplateItems.$inferInsert): Promise<AgendaTemplateItemRow> {
      const [row] = await db.insert(agendaTemplateItems).values(values).returning();
      return row!;
    },

    async setTemplatePosition(partnershipId: string, id: string, position: number): Promise<void> {
      await db
        .update(agendaTemplateItems)
        .set({ position })
        .where(and(eq(agendaTemplateItems.partnershipId, partnershipId), eq(agendaTemplateItems.id, id)));
    },

    async deleteTemplateItem(partnershipId: string, bodyId: string, id: string): Promise<AgendaTemplateItemRow | undefined> {
      const [row] = await db
        .delete(agendaTemplateItems)
        .where(and(eq(agendaTemplateItems.partnershipId, partnershipId), eq(agendaTemplateItems.bodyId, bodyId), eq(agendaTemplateItems.id, id)))
        .returning();
      return row;
    },

    // -- Reads of other modules' tables for names and pickers. Those modules own the records;
    //    the agenda needs only their names, joined here to avoid a query per item.

    async findBody(partnershipId: string, bodyId: string) {
      const [row] = await db
        .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName, archivedAt: bodies.archivedAt })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), eq(bodies.id, bodyId)));
      return row;
    },

    async listBodiesForPicker(partnershipId: string) {
      return db
        .select({ id: bodies.id, name: bodies.name, shortName: bodies.shortName })
        .from(bodies)
        .where(and(eq(bodies.partnershipId, partnershipId), isNull(bodies.archivedAt)))
        .orderBy(asc(sql`lower(${bodies.name})`), asc(bodies.id));
    },

    async listPeopleForPicker(partnershipId: string) {
      return db
        .select({ id: people.id, name: people.name, jobTitle: people.jobTitle, organisationName: organisations.name })
        .from(people)
        .leftJoin(organisations, and(eq(organisations.partnershipId, people.partnershipId), eq(organisations.id, people.organisationId)))
        .where(and(eq(people.partnershipId, partnershipId), isNull(people.archivedAt)))
        .orderBy(asc(sql`lower(${people.name})`), asc(people.id));
    },

    async listOrganisationsForPicker(partnershipId: string) {
      return db
        .select({ id: organisations.id, name: organisations.name })
        .from(organisations)
        .where(and(eq(organisations.partnershipId, partnershipId), isNull(organisations.archivedAt)))
        .orderBy(asc(sql`lower(${organisations.name})`), asc(organisations.id));
    },

    /** How many of the ids are people, bodies or organisations of this partnership (to check pickers' answers). */
    async countExisting(partnershipId: string, kind: "people" | "bodies" | "organisations", ids: readonly string[]): Promise<number> {
      if (ids.length === 0) return 0;
      const table = kind === "people" ? people : kind === "bodies" ? bodies : organisations;
      const [row] = await db
        .select({ n: sql<number>`count(*)::int` })
        .from(table)
        .where(and(eq(table.partnershipId, partnershipId), inArray(table.id, [...ids])));
      return row?.n ?? 0;
    },

    /** Names of bodies and organisations by id, for item pages. */
    async namesOf(partnershipId: string, bodyIds: readonly string[], organisationIds: readonly string[]) {
      // Sequential, not Promise.all: this may run on a transaction's single connection.
      const b =
        bodyIds.length === 0
          ? []
          : await db
              .select({ id: bodies.id, name: bodies.name })
              .from(bodies)
              .where(and(eq(bodies.partnershipId, partnershipId), inArray(bodies.id, [...bodyIds])));
      const o =
        organisationIds.length === 0
          ? []
          : await db
              .select({ id: organisations.id, name: organisations.name })
              .from(organisations)
              .where(and(eq(organisations.partnershipId, partnershipId), inArray(organisations.id, [...organisationIds])));
      return { bodies: new Map(b.map((r) => [r.id, r.name])), organisations: new Map(o.map((r) => [r.id, r.name])) };
    },
  };

  async function withLinks(partnershipId: string, rows: AgendaItemRow[]): Promise<AgendaItemView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // Sequential, not Promise.all: this may run on a transaction's single connection.
    const presenters = await db
      .select({
        agendaItemId: agendaItemPresenters.agendaItemId,
        personId: agendaItemPresenters.personId,
        name: people.name,
        roleLabel: agendaItemPresenters.roleLabel,
      })
      .from(agendaItemPresenters)
      .innerJoin(people, and(eq(people.partnershipId, agendaItemPresenters.partnershipId), eq(people.id, agendaItemPresenters.personId)))
      .where(and(eq(agendaItemPresenters.partnershipId, partnershipId), inArray(agendaItemPresenters.agendaItemId, ids)))
      .orderBy(asc(agendaItemPresenters.position), asc(people.name));
    const itemBodies = await db
      .select({ agendaItemId: agendaItemBodies.agendaItemId, bodyId: agendaItemBodies.bodyId })
      .from(agendaItemBodies)
      .where(and(eq(agendaItemBodies.partnershipId, partnershipId), inArray(agendaItemBodies.agendaItemId, ids)));
    const itemOrganisations = await db
      .select({ agendaItemId: agendaItemOrganisations.agendaItemId, organisationId: agendaItemOrganisations.organisationId })
      .from(agendaItemOrganisations)
      .where(and(eq(agendaItemOrganisations.partnershipId, partnershipId), inArray(agendaItemOrganisations.agendaItemId, ids)));
    return rows.map((r) => ({
      ...r,
      presenters: presenters.filter((p) => p.agendaItemId === r.id).map(({ personId, name, roleLabel }) => ({ personId, name, roleLabel })),
      bodyIds: itemBodies.filter((b) => b.agendaItemId === r.id).map((b) => b.bodyId),
      organisationIds: itemOrganisations.filter((o) => o.agendaItemId === r.id).map((o) => o.organisationId),
    }));
  }
}

export type MeetingsRepository = ReturnType<typeof meetingsRepository>;
