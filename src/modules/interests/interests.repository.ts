import { aliasedTable, and, asc, desc, eq, exists, gte, inArray, isNull, lte, max, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { people } from "../people/people.tables.ts";
import { organisations } from "../organisations/organisations.tables.ts";
import { bodies, memberships } from "../bodies/bodies.tables.ts";
import { agendaItemOrganisations, agendaItems, meetings, type Confidentiality } from "../meetings/meetings.tables.ts";
import { attendance } from "../attendance/attendance.tables.ts";
import { interestDeclarations, interests, meetingDeclarations, type DeclarationAction, type InterestCategory } from "./interests.tables.ts";

export type InterestRow = typeof interests.$inferSelect;
export type InterestDeclarationRow = typeof interestDeclarations.$inferSelect;
export type MeetingDeclarationRow = typeof meetingDeclarations.$inferSelect;

export interface InterestFilter {
  personId?: string | undefined;
  organisationId?: string | undefined;
  category?: InterestCategory | undefined;
  /** Only interests current on `today`. */
  current?: boolean | undefined;
  /**
   * Only what the register publishes: current interests of current people who sit on a current
   * body today. Set for the public whatever else it asks.
   */
  publishedOnly?: boolean | undefined;
}

/** An interest with the names the register shows. */
export type InterestView = InterestRow & { personName: string; organisationName: string | null; organisationArchived: boolean };

/** A meeting with the body it belongs to. */
export interface MeetingRef {
  id: string;
  bodyId: string;
  bodyName: string;
  bodyShortName: string | null;
  bodyArchived: boolean;
  title: string | null;
  startsAt: Date;
  status: (typeof meetings.$inferSelect)["status"];
  agendaPublishedAt: Date | null;
  /** The meeting's calendar date in England, YYYY-MM-DD. */
  meetingDate: string;
}

export interface AgendaItemRef {
  id: string;
  parentItemId: string | null;
  position: number;
  title: string;
  confidentiality: Confidentiality;
}

export type MeetingDeclarationView = MeetingDeclarationRow & { personName: string; confidentiality: Confidentiality };

export interface ConflictFlag {
  agendaItemId: string;
  personId: string;
  personName: string;
  organisationId: string;
  organisationName: string;
  category: InterestCategory;
  description: string;
}

export interface OverdueDeclaration {
  personId: string;
  personName: string;
  /** The last annual declaration, if there ever was one. */
  lastDeclaredOn: string | null;
}

/** The interest is current on a date: started (or undated) and not yet ended. */
function currentOn(date: string | SQL): SQL {
  return and(
    isNull(interests.archivedAt),
    or(isNull(interests.startsOn), lte(interests.startsOn, sql`${date}`)),
    or(isNull(interests.endsOn), gte(interests.endsOn, sql`${date}`)),
  )!;
}

/** The person sits on a body that is not archived, on a date. */
function sitsOnABody(personId: SQL | typeof interests.personId, date: string, db: Executor): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(memberships)
      .innerJoin(bodies, and(eq(bodies.partnershipId, memberships.partnershipId), eq(bodies.id, memberships.bodyId)))
      .where(
        and(
          eq(memberships.partnershipId, interests.partnershipId),
          eq(memberships.personId, personId),
          lte(memberships.startsOn, date),
          or(isNull(memberships.endsOn), gte(memberships.endsOn, date)),
          isNull(bodies.archivedAt),
        ),
      ),
  );
}

const meetingDate = sql<string>`to_char((${meetings.startsAt} at time zone 'Europe/London')::date, 'YYYY-MM-DD')`;

/** Queries for the register of interests, annual declarations and declarations at meetings, always scoped to one partnership. */
export function interestsRepository(db: Executor) {
  function selectInterests() {
    return db
      .select({
        interest: interests,
        personName: people.name,
        organisationName: organisations.name,
        organisationArchivedAt: organisations.archivedAt,
      })
      .from(interests)
      .innerJoin(people, and(eq(people.partnershipId, interests.partnershipId), eq(people.id, interests.personId)))
      .leftJoin(organisations, and(eq(organisations.partnershipId, interests.partnershipId), eq(organisations.id, interests.organisationId)));
  }

  const toView = (r: { interest: InterestRow; personName: string; organisationName: string | null; organisationArchivedAt: Date | null }): InterestView => ({
    ...r.interest,
    personName: r.personName,
    organisationName: r.organisationName,
    organisationArchived: r.organisationArchivedAt !== null,
  });

  function interestConditions(partnershipId: string, filter: InterestFilter, today: string): SQL[] {
    const conditions: SQL[] = [eq(interests.partnershipId, partnershipId), isNull(interests.archivedAt)];
    if (filter.personId) conditions.push(eq(interests.personId, filter.personId));
    if (filter.organisationId) conditions.push(eq(interests.organisationId, filter.organisationId));
    if (filter.category) conditions.push(eq(interests.category, filter.category));
    if (filter.current || filter.publishedOnly) conditions.push(currentOn(today));
    if (filter.publishedOnly) conditions.push(isNull(people.archivedAt), sitsOnABody(interests.personId, today, db));
    return conditions;
  }

  return {
    /** A page of the register (limit + 1 rows), by person then category. */
    async listInterests(partnershipId: string, filter: InterestFilter, today: string, page: number, limit: number): Promise<InterestView[]> {
      const rows = await selectInterests()
        .where(and(...interestConditions(partnershipId, filter, today)))
        .orderBy(asc(sql`lower(${people.name})`), asc(interests.personId), asc(interests.category), desc(interests.startsOn), asc(interests.id))
        .limit(limit + 1)
        .offset((page - 1) * limit);
      return rows.map(toView);
    },

    /** One interest with its names; `publishedOnly` hides it unless the register publishes it today. */
    async findInterest(partnershipId: string, id: string, today: string, publishedOnly: boolean): Promise<InterestView | undefined> {
      const [row] = await selectInterests().where(and(eq(interests.id, id), ...interestConditions(partnershipId, { publishedOnly }, today)));
      return row ? toView(row) : undefined;
    },

    async findInterestRow(partnershipId: string, id: string): Promise<InterestRow | undefined> {
      const [row] = await db
        .select()
        .from(interests)
        .where(and(eq(interests.partnershipId, partnershipId), eq(interests.id, id), isNull(interests.archivedAt)));
      return row;
    },

    async insertInterest(values: typeof interests.$inferInsert): Promise<InterestRow> {
      const [row] = await db.insert(interests).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async updateInterest(
      partnershipId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof interests.$inferInsert>,
    ): Promise<InterestRow | undefined> {
      const [row] = await db
        .update(interests)
        .set({ ...values, updatedAt: new Date(), version: sql`${interests.version} + 1` })
        .where(and(eq(interests.partnershipId, partnershipId), eq(interests.id, id), eq(interests.version, expectedVersion)))
        .returning();
      return row;
    },

    /** Whether the person sits on a current body today (their interests are then published). */
    async sitsOnABody(partnershipId: string, personId: string, today: string): Promise<boolean> {
      const [row] = await db
        .select({ one: sql<number>`1` })
        .from(memberships)
        .innerJoin(bodies, and(eq(bodies.partnershipId, memberships.partnershipId), eq(bodies.id, memberships.bodyId)))
        .where(
          and(
            eq(memberships.partnershipId, partnershipId),
            eq(memberships.personId, personId),
            lte(memberships.startsOn, today),
            or(isNull(memberships.endsOn), gte(memberships.endsOn, today)),
            isNull(bodies.archivedAt),
          ),
        )
        .limit(1);
      return row !== undefined;
    },

    // -- Annual declarations

    /** A person's annual declarations and nil returns, newest first. */
    async listDeclarations(partnershipId: string, personId: string, limit = 100): Promise<InterestDeclarationRow[]> {
      return db
        .select()
        .from(interestDeclarations)
        .where(and(eq(interestDeclarations.partnershipId, partnershipId), eq(interestDeclarations.personId, personId)))
        .orderBy(desc(interestDeclarations.declaredOn), desc(interestDeclarations.createdAt))
        .limit(limit);
    },

    async insertDeclaration(values: typeof interestDeclarations.$inferInsert): Promise<InterestDeclarationRow> {
      const [row] = await db.insert(interestDeclarations).values(values).returning();
      return row!;
    },

    /**
     * People who sit on a current body today and have made no annual declaration (or nil return)
     * since `cutoff` exclusive, i.e. none in the last twelve months; longest overdue first.
     */
    async listOverdue(partnershipId: string, today: string, cutoff: string, personId?: string): Promise<OverdueDeclaration[]> {
      const lastDeclaredOn = max(interestDeclarations.declaredOn);
      const seated = db
        .selectDistinct({ personId: memberships.personId })
        .from(memberships)
        .innerJoin(bodies, and(eq(bodies.partnershipId, memberships.partnershipId), eq(bodies.id, memberships.bodyId)))
        .where(
          and(
            eq(memberships.partnershipId, partnershipId),
            lte(memberships.startsOn, today),
            or(isNull(memberships.endsOn), gte(memberships.endsOn, today)),
            isNull(bodies.archivedAt),
            personId ? eq(memberships.personId, personId) : undefined,
          ),
        )
        .as("seated");
      const rows = await db
        .select({ personId: people.id, personName: people.name, lastDeclaredOn })
        .from(seated)
        .innerJoin(people, and(eq(people.partnershipId, partnershipId), eq(people.id, seated.personId)))
        .leftJoin(
          interestDeclarations,
          and(eq(interestDeclarations.partnershipId, partnershipId), eq(interestDeclarations.personId, people.id), lte(interestDeclarations.declaredOn, today)),
        )
        .where(isNull(people.archivedAt))
        .groupBy(people.id, people.name)
        .having(or(isNull(lastDeclaredOn), lte(lastDeclaredOn, cutoff)))
        .orderBy(sql`${lastDeclaredOn} asc nulls first`, asc(sql`lower(${people.name})`));
      return rows.map((r) => ({ personId: r.personId, personName: r.personName, lastDeclaredOn: r.lastDeclaredOn }));
    },

    // -- Meetings

    /** A meeting with its body and its date in England. */
    async findMeeting(partnershipId: string, meetingId: string): Promise<MeetingRef | undefined> {
      const [row] = await db
        .select({
          id: meetings.id,
          bodyId: meetings.bodyId,
          bodyName: bodies.name,
          bodyShortName: bodies.shortName,
          bodyArchivedAt: bodies.archivedAt,
          title: meetings.title,
          startsAt: meetings.startsAt,
          status: meetings.status,
          agendaPublishedAt: meetings.agendaPublishedAt,
          meetingDate,
        })
        .from(meetings)
        .innerJoin(bodies, and(eq(bodies.partnershipId, meetings.partnershipId), eq(bodies.id, meetings.bodyId)))
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId)));
      if (!row) return undefined;
      const { bodyArchivedAt, ...rest } = row;
      return { ...rest, bodyArchived: bodyArchivedAt !== null };
    },

    /** The meeting's agenda items in agenda order (parents before their sub-items are numbered by the service). */
    async listItems(partnershipId: string, meetingId: string, includePart2: boolean): Promise<AgendaItemRef[]> {
      return db
        .select({
          id: agendaItems.id,
          parentItemId: agendaItems.parentItemId,
          position: agendaItems.position,
          title: agendaItems.title,
          confidentiality: agendaItems.confidentiality,
        })
        .from(agendaItems)
        .where(
          and(
            eq(agendaItems.partnershipId, partnershipId),
            eq(agendaItems.meetingId, meetingId),
            includePart2 ? undefined : eq(agendaItems.confidentiality, "part_1"),
          ),
        )
        .orderBy(asc(agendaItems.position), asc(agendaItems.createdAt), asc(agendaItems.id));
    },

    async findItem(partnershipId: string, meetingId: string, itemId: string): Promise<AgendaItemRef | undefined> {
      const [row] = await db
        .select({
          id: agendaItems.id,
          parentItemId: agendaItems.parentItemId,
          position: agendaItems.position,
          title: agendaItems.title,
          confidentiality: agendaItems.confidentiality,
        })
        .from(agendaItems)
        .where(and(eq(agendaItems.partnershipId, partnershipId), eq(agendaItems.meetingId, meetingId), eq(agendaItems.id, itemId)));
      return row;
    },

    /**
     * People to offer in the declaration form's person picker: those recorded as attending the
     * meeting and the members of its body on the meeting date, by name.
     */
    async listMeetingPeople(partnershipId: string, meetingId: string, bodyId: string, date: string) {
      const attended = exists(
        db
          .select({ one: sql`1` })
          .from(attendance)
          .where(and(eq(attendance.partnershipId, partnershipId), eq(attendance.meetingId, meetingId), eq(attendance.personId, people.id))),
      );
      const member = exists(
        db
          .select({ one: sql`1` })
          .from(memberships)
          .where(
            and(
              eq(memberships.partnershipId, partnershipId),
              eq(memberships.bodyId, bodyId),
              eq(memberships.personId, people.id),
              lte(memberships.startsOn, date),
              or(isNull(memberships.endsOn), gte(memberships.endsOn, date)),
            ),
          ),
      );
      return db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), or(attended, member)))
        .orderBy(asc(sql`lower(${people.name})`), asc(people.id));
    },

    /** Current people, for pickers. */
    async listPeopleForPicker(partnershipId: string) {
      return db
        .select({ id: people.id, name: people.name })
        .from(people)
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

    /** The registered interests of some people current on a date, for the declaration form's interest picker. */
    async listInterestsOfPeople(partnershipId: string, personIds: string[], date: string): Promise<InterestView[]> {
      if (personIds.length === 0) return [];
      const rows = await selectInterests()
        .where(and(eq(interests.partnershipId, partnershipId), inArray(interests.personId, personIds), currentOn(date)))
        .orderBy(asc(sql`lower(${people.name})`), asc(interests.category), asc(interests.id));
      return rows.map(toView);
    },

    // -- Declarations at meetings

    /** A meeting's declarations, with Part II items' declarations only when asked for. */
    async listMeetingDeclarations(partnershipId: string, meetingId: string, includePart2: boolean): Promise<MeetingDeclarationView[]> {
      const rows = await db
        .select({ declaration: meetingDeclarations, personName: people.name, confidentiality: agendaItems.confidentiality })
        .from(meetingDeclarations)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, meetingDeclarations.partnershipId), eq(agendaItems.id, meetingDeclarations.agendaItemId)))
        .innerJoin(people, and(eq(people.partnershipId, meetingDeclarations.partnershipId), eq(people.id, meetingDeclarations.personId)))
        .where(
          and(
            eq(meetingDeclarations.partnershipId, partnershipId),
            eq(meetingDeclarations.meetingId, meetingId),
            includePart2 ? undefined : eq(agendaItems.confidentiality, "part_1"),
          ),
        )
        .orderBy(asc(agendaItems.position), asc(sql`lower(${people.name})`), asc(meetingDeclarations.createdAt), asc(meetingDeclarations.id));
      return rows.map((r) => ({ ...r.declaration, personName: r.personName, confidentiality: r.confidentiality }));
    },

    async findMeetingDeclaration(partnershipId: string, meetingId: string, id: string): Promise<MeetingDeclarationView | undefined> {
      const [row] = await db
        .select({ declaration: meetingDeclarations, personName: people.name, confidentiality: agendaItems.confidentiality })
        .from(meetingDeclarations)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, meetingDeclarations.partnershipId), eq(agendaItems.id, meetingDeclarations.agendaItemId)))
        .innerJoin(people, and(eq(people.partnershipId, meetingDeclarations.partnershipId), eq(people.id, meetingDeclarations.personId)))
        .where(and(eq(meetingDeclarations.partnershipId, partnershipId), eq(meetingDeclarations.meetingId, meetingId), eq(meetingDeclarations.id, id)));
      return row ? { ...row.declaration, personName: row.personName, confidentiality: row.confidentiality } : undefined;
    },

    async insertMeetingDeclaration(values: typeof meetingDeclarations.$inferInsert): Promise<MeetingDeclarationRow> {
      const [row] = await db.insert(meetingDeclarations).values(values).returning();
      return row!;
    },

    async updateMeetingDeclaration(
      partnershipId: string,
      meetingId: string,
      id: string,
      expectedVersion: number,
      values: Partial<typeof meetingDeclarations.$inferInsert>,
    ): Promise<MeetingDeclarationRow | undefined> {
      const [row] = await db
        .update(meetingDeclarations)
        .set({ ...values, updatedAt: new Date(), version: sql`${meetingDeclarations.version} + 1` })
        .where(
          and(
            eq(meetingDeclarations.partnershipId, partnershipId),
            eq(meetingDeclarations.meetingId, meetingId),
            eq(meetingDeclarations.id, id),
            eq(meetingDeclarations.version, expectedVersion),
          ),
        )
        .returning();
      return row;
    },

    /** Who left the room for which item: declarations whose action was to leave the discussion or the decision. */
    async listPeopleWhoLeft(
      partnershipId: string,
      meetingId: string,
      includePart2: boolean,
    ): Promise<{ agendaItemId: string; personId: string; confidentiality: Confidentiality }[]> {
      const leftActions: DeclarationAction[] = ["left_discussion", "left_decision"];
      return db
        .selectDistinct({
          agendaItemId: meetingDeclarations.agendaItemId,
          personId: meetingDeclarations.personId,
          confidentiality: agendaItems.confidentiality,
        })
        .from(meetingDeclarations)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, meetingDeclarations.partnershipId), eq(agendaItems.id, meetingDeclarations.agendaItemId)))
        .where(
          and(
            eq(meetingDeclarations.partnershipId, partnershipId),
            eq(meetingDeclarations.meetingId, meetingId),
            inArray(meetingDeclarations.action, leftActions),
            includePart2 ? undefined : eq(agendaItems.confidentiality, "part_1"),
          ),
        );
    },

    /**
     * The automatic flag, in one query: for each agenda item of the meeting that concerns an
     * organisation, the members of the meeting's body (seated on the meeting date, in England)
     * with an interest naming that organisation that is current on that date.
     *
     *   select distinct ai.id, p.id, p.name, o.id, o.name, i.category, i.description
     *   from meetings mt
     *   join agenda_items ai on ai.meeting_id = mt.id
     *   join agenda_item_organisations aio on aio.agenda_item_id = ai.id
     *   join interests i on i.organisation_id = aio.organisation_id and <current on the meeting date>
     *   join memberships m on m.person_id = i.person_id and m.body_id = mt.body_id and <seated on the meeting date>
     *   join people p on p.id = i.person_id
     *   join organisations o on o.id = i.organisation_id
     *   where mt.partnership_id = $1 and mt.id = $2 [and ai.confidentiality = 'part_1']
     *   (every join also on partnership_id)
     */
    async listConflictFlags(
      partnershipId: string,
      meetingId: string,
      includePart2: boolean,
    ): Promise<(ConflictFlag & { position: number; interestId: string })[]> {
      const onDate = sql`(${meetings.startsAt} at time zone 'Europe/London')::date`;
      const seat = aliasedTable(memberships, "seat");
      return db
        .selectDistinct({
          agendaItemId: agendaItems.id,
          position: agendaItems.position,
          personId: people.id,
          personName: people.name,
          organisationId: organisations.id,
          organisationName: organisations.name,
          category: interests.category,
          description: interests.description,
          interestId: interests.id,
        })
        .from(meetings)
        .innerJoin(agendaItems, and(eq(agendaItems.partnershipId, meetings.partnershipId), eq(agendaItems.meetingId, meetings.id)))
        .innerJoin(
          agendaItemOrganisations,
          and(eq(agendaItemOrganisations.partnershipId, agendaItems.partnershipId), eq(agendaItemOrganisations.agendaItemId, agendaItems.id)),
        )
        .innerJoin(
          interests,
          and(
            eq(interests.partnershipId, agendaItemOrganisations.partnershipId),
            eq(interests.organisationId, agendaItemOrganisations.organisationId),
            currentOn(onDate),
          ),
        )
        .innerJoin(
          seat,
          and(
            eq(seat.partnershipId, interests.partnershipId),
            eq(seat.personId, interests.personId),
            eq(seat.bodyId, meetings.bodyId),
            lte(seat.startsOn, onDate),
            or(isNull(seat.endsOn), gte(seat.endsOn, onDate)),
          ),
        )
        .innerJoin(people, and(eq(people.partnershipId, interests.partnershipId), eq(people.id, interests.personId)))
        .innerJoin(organisations, and(eq(organisations.partnershipId, interests.partnershipId), eq(organisations.id, interests.organisationId)))
        .where(and(eq(meetings.partnershipId, partnershipId), eq(meetings.id, meetingId), includePart2 ? undefined : eq(agendaItems.confidentiality, "part_1")))
        .orderBy(asc(agendaItems.position), asc(people.name), asc(organisations.name), asc(interests.id));
    },
  };
}

export type InterestsRepository = ReturnType<typeof interestsRepository>;
