import { and, asc, desc, eq, gte, ilike, inArray, isNotNull, isNull, lt, lte, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { prepared } from "../../platform/db/prepared.ts";
import { containsPattern } from "../../platform/db/patterns.ts";
import { auditEvents, type AuditEventRow } from "../../platform/audit/audit.tables.ts";
import { bodies } from "../bodies/bodies.tables.ts";
import { people } from "../people/people.tables.ts";
import { decisions } from "../decisions/decisions.tables.ts";
import { agendaItems, meetings, MEETING_STATUSES, type Confidentiality, type MeetingStatus } from "../meetings/meetings.tables.ts";
import { risks } from "../risks/risks.tables.ts";
import { actionUpdates, actions, type ActionStatus } from "./actions.tables.ts";
import type { ActionStatusFilter } from "./actions.schema.ts";

export type ActionRow = typeof actions.$inferSelect;
export type ActionUpdateRow = typeof actionUpdates.$inferSelect;

/** The most recent progress update of an action, as the lists carry it. */
export interface LatestUpdate {
  notedOn: string;
  text: string;
  authorName: string;
}

/** An action with the names around it that every list and page shows, fetched in the same query. */
export interface ActionView extends ActionRow {
  ownerName: string;
  /** The user account linked to the owner (people.user_id): that user may report progress. */
  ownerUserId: string | null;
  bodyName: string;
  bodyShortName: string | null;
  bodyArchived: boolean;
  meetingStartsAt: Date | null;
  meetingTitle: string | null;
  meetingStatus: MeetingStatus | null;
  meetingAgendaPublishedAt: Date | null;
  itemTitle: string | null;
  /** Null for actions not recorded against an item (they are Part I). */
  itemConfidentiality: Confidentiality | null;
  /** Filled only when asked for (CSV export, matters arising). */
  latestUpdate: LatestUpdate | null;
}

/**
 * Which actions a viewer may see, worked out by the service from meetings/confidentiality.ts and
 * the bodies policy, and applied here in SQL so that lists, counts and exports never carry more.
 */
export interface ActionVisibility {
  /** Actions recorded against Part II items. */
  includePart2: boolean;
  /** Actions not recorded at a meeting (standalone entries on a body's action log). */
  includeStandalone: boolean;
  /** Meeting statuses at which the meeting's actions are visible (maySeeOutcomes). */
  meetingStatuses: readonly MeetingStatus[];
  /** Actions of archived bodies. */
  includeArchivedBodies: boolean;
}

export interface ActionFilter {
  bodyId?: string | undefined;
  ownerPersonId?: string | undefined;
  /** Actions owned by any person linked to this user account ("my actions"). */
  ownerUserId?: string | undefined;
  meetingId?: string | undefined;
  status?: ActionStatusFilter | undefined;
  dueFrom?: string | undefined;
  dueTo?: string | undefined;
  q?: string | undefined;
  /** Mitigating actions of these risks (risk registers and deep dives). */
  riskIds?: readonly string[] | undefined;
}

const OUTSTANDING: ActionStatus[] = ["open", "in_progress"];

/** Puts a value into a query: as itself, or as a named placeholder of a prepared statement. */
type Bind = <T>(name: string, value: T) => T | SQLWrapper;
// An array is one parameter (a PostgreSQL array), not a list to spread.
const immediate: Bind = (_name, value) => (Array.isArray(value) ? sql.param(value) : value);
function placeholdersInto(params: Record<string, unknown>): Bind {
  return <T,>(name: string, value: T) => {
    params[name] = value;
    return sql.placeholder(name);
  };
}

/** Queries for actions and their progress updates, always scoped to one partnership. */
export function actionsRepository(db: Executor) {
  const latestUpdate = sql<LatestUpdate | null>`(
    select json_build_object('notedOn', u.noted_on, 'text', u.text, 'authorName', u.author_name)
    from action_updates u
    where u.partnership_id = ${actions.partnershipId} and u.action_id = ${actions.id}
    order by u.noted_on desc, u.created_at desc
    limit 1)`;

  const columns = (withLatestUpdate: boolean) => ({
    action: actions,
    ownerName: people.name,
    ownerUserId: people.userId,
    bodyName: bodies.name,
    bodyShortName: bodies.shortName,
    bodyArchivedAt: bodies.archivedAt,
    meetingStartsAt: meetings.startsAt,
    meetingTitle: meetings.title,
    meetingStatus: meetings.status,
    meetingAgendaPublishedAt: meetings.agendaPublishedAt,
    itemTitle: agendaItems.title,
    itemConfidentiality: agendaItems.confidentiality,
    latestUpdate: withLatestUpdate ? latestUpdate : sql<LatestUpdate | null>`null`,
  });

  type Selected = {
    action: ActionRow;
    ownerName: string;
    ownerUserId: string | null;
    bodyName: string;
    bodyShortName: string | null;
    bodyArchivedAt: Date | null;
    meetingStartsAt: Date | null;
    meetingTitle: string | null;
    meetingStatus: MeetingStatus | null;
    meetingAgendaPublishedAt: Date | null;
    itemTitle: string | null;
    itemConfidentiality: Confidentiality | null;
    latestUpdate: LatestUpdate | null;
  };

  const flatten = ({ action, bodyArchivedAt, ...r }: Selected): ActionView => ({ ...action, ...r, bodyArchived: bodyArchivedAt !== null });

  /** Actions joined to their owner, body, meeting and item: one query, however many rows. */
  const joined = (withLatestUpdate: boolean) =>
    db
      .select(columns(withLatestUpdate))
      .from(actions)
      .innerJoin(people, and(eq(people.partnershipId, actions.partnershipId), eq(people.id, actions.ownerPersonId)))
      .innerJoin(bodies, and(eq(bodies.partnershipId, actions.partnershipId), eq(bodies.id, actions.bodyId)))
      .leftJoin(meetings, and(eq(meetings.partnershipId, actions.partnershipId), eq(meetings.id, actions.sourceMeetingId)))
      .leftJoin(agendaItems, and(eq(agendaItems.partnershipId, actions.partnershipId), eq(agendaItems.id, actions.sourceAgendaItemId)));

  /** The visibility rules as SQL conditions on the joined query. */
  function visible(v: ActionVisibility): SQL[] {
    const conditions: SQL[] = [];
    if (!v.includePart2) conditions.push(or(isNull(agendaItems.confidentiality), eq(agendaItems.confidentiality, "part_1"))!);
    if (!v.includeArchivedBodies) conditions.push(isNull(bodies.archivedAt));
    const everyMeeting = MEETING_STATUSES.every((s) => v.meetingStatuses.includes(s));
    if (!(everyMeeting && v.includeStandalone)) {
      const fromMeeting = everyMeeting
        ? isNotNull(actions.sourceMeetingId)
        : v.meetingStatuses.length === 0
          ? sql`false`
          : and(isNotNull(actions.sourceMeetingId), inArray(meetings.status, [...v.meetingStatuses]))!;
      conditions.push(v.includeStandalone ? or(isNull(actions.sourceMeetingId), fromMeeting)! : fromMeeting);
    }
    return conditions;
  }

  /**
   * The filter as SQL conditions. Each value goes through `bind`: as a value for a one-off query,
   * or as a placeholder of a prepared statement (`shapeOf` names the form the conditions take).
   */
  function filtered(partnershipId: string, filter: ActionFilter, today: string, bind: Bind = immediate): SQL[] {
    const conditions: SQL[] = [eq(actions.partnershipId, bind("partnershipId", partnershipId))];
    if (filter.bodyId) conditions.push(eq(actions.bodyId, bind("bodyId", filter.bodyId)));
    if (filter.ownerPersonId) conditions.push(eq(actions.ownerPersonId, bind("ownerPersonId", filter.ownerPersonId)));
    if (filter.ownerUserId) conditions.push(eq(people.userId, bind("ownerUserId", filter.ownerUserId)));
    if (filter.meetingId) conditions.push(eq(actions.sourceMeetingId, bind("meetingId", filter.meetingId)));
    switch (filter.status) {
      case undefined:
        break;
      case "outstanding":
        conditions.push(inArray(actions.status, OUTSTANDING));
        break;
      case "overdue":
        conditions.push(inArray(actions.status, OUTSTANDING), lt(actions.dueOn, bind("today", today)));
        break;
      default:
        conditions.push(eq(actions.status, filter.status));
    }
    if (filter.dueFrom) conditions.push(gte(actions.dueOn, bind("dueFrom", filter.dueFrom)));
    if (filter.dueTo) conditions.push(lte(actions.dueOn, bind("dueTo", filter.dueTo)));
    if (filter.q) conditions.push(ilike(actions.description, bind("q", containsPattern(filter.q))));
    if (filter.riskIds) conditions.push(filter.riskIds.length === 0 ? sql`false` : sql`${actions.riskId} = any(${bind("riskIds", [...filter.riskIds])}::uuid[])`);
    return conditions;
  }

  /** What decides the SQL text of `filtered` and `visible`: which filters are present, never their values. */
  function shapeOf(filter: ActionFilter, v: ActionVisibility): string {
    const present = (["bodyId", "ownerPersonId", "ownerUserId", "meetingId", "dueFrom", "dueTo", "q"] as const).filter((k) => filter[k]).join(",");
    const risks = filter.riskIds ? (filter.riskIds.length === 0 ? "none" : "some") : "";
    const seen = `${+v.includePart2}${+v.includeStandalone}${+v.includeArchivedBodies}:${[...v.meetingStatuses].sort().join(",")}`;
    return `${present}|${filter.status ?? ""}|${risks}|${seen}`;
  }

  /**
   * Due date ascending, undated last. With a body and a two-status filter the same order is
   * written as an expression, so the planner reads the body's rows by index and sorts them rather
   * than walking the whole partnership in due-date order (see the plans above `list`).
   */
  function dueOrder(filter: ActionFilter): SQL {
    const twoStatuses = filter.status === "outstanding" || filter.status === "overdue";
    return filter.bodyId && twoStatuses ? asc(sql`coalesce(${actions.dueOn}, 'infinity'::date)`) : asc(actions.dueOn);
  }

  return {
    /**
     * A page of the action log (limit + 1 rows, so the caller can tell whether there is a next
     * page), soonest due first, undated last. One query: owner, body, meeting and item names are
     * joined by primary key (Memoize), never fetched per row.
     *
     * Plans, from EXPLAIN ANALYZE on 200,000 actions in one partnership (PostgreSQL 17; old
     * actions mostly done or dropped, 20 bodies, 50 owners; times for the first page of 25):
     * - no filter, or status only (outstanding, overdue): Index Scan on actions_due_idx
     *   (partnership_id, due_on, id), already in the order asked for (ASC NULLS LAST, id): no sort,
     *   and the scan stops after limit + 1 visible rows. 0.3 ms; overdue 1 ms; the public's
     *   outstanding log 6 ms (it skips Part II, standalone and unheld meetings' rows).
     * - body with one status: Index Scan on actions_body_status_due_idx (partnership_id, body_id,
     *   status, due_on) + Incremental Sort on id. 0.4 ms.
     * - body with outstanding or overdue (two statuses): the due-order scan would walk past every
     *   done action of every body (33–43 ms here), so `dueOrder` sorts by an expression the
     *   planner cannot take from actions_due_idx: it then reads the body's open and in-progress
     *   rows from actions_body_status_due_idx and keeps the top 26 (top-N heapsort). 2 ms.
     * - owner: Index Scan on actions_owner_idx (partnership_id, owner_person_id, status) + top-N
     *   heapsort. 1.3 ms.
     * - words (q): ILIKE cannot use an index, so a rare word means a parallel seq scan of the
     *   partnership's actions (150 ms here); a trigram or full-text index would fix that.
     * - deep pages: OFFSET reads the skipped rows (page 200: 55 ms).
     */
    async list(partnershipId: string, visibility: ActionVisibility, filter: ActionFilter, today: string, page: number, limit: number): Promise<ActionView[]> {
      const params: Record<string, unknown> = { limit: limit + 1, offset: (page - 1) * limit };
      const bind = placeholdersInto(params);
      const conditions = and(...filtered(partnershipId, filter, today, bind), ...visible(visibility));
      const query = prepared(db, `actions_list:${shapeOf(filter, visibility)}`, () =>
        joined(false)
          .where(conditions)
          .orderBy(dueOrder(filter), asc(actions.id))
          .limit(sql.placeholder("limit"))
          .offset(sql.placeholder("offset")),
      );
      return (await query.execute(params)).map(flatten);
    },

    /** Every matching action (up to `cap`), with its latest update, for the CSV export. */
    async listForExport(partnershipId: string, visibility: ActionVisibility, filter: ActionFilter, today: string, cap: number): Promise<ActionView[]> {
      const rows = await joined(true)
        .where(and(...filtered(partnershipId, filter, today), ...visible(visibility)))
        .orderBy(dueOrder(filter), asc(actions.id))
        .limit(cap);
      return rows.map(flatten);
    },

    /**
     * Matters arising: a body's open and in-progress actions raised at its meetings before `before`
     * (or standalone ones entered before it), soonest due first, each with its latest update.
     */
    async openForBody(
      partnershipId: string,
      visibility: ActionVisibility,
      bodyId: string,
      before: Date,
      options: { limit: number; withLatestUpdate: boolean },
    ): Promise<ActionView[]> {
      const rows = await joined(options.withLatestUpdate)
        .where(
          and(
            eq(actions.partnershipId, partnershipId),
            eq(actions.bodyId, bodyId),
            inArray(actions.status, OUTSTANDING),
            or(lt(meetings.startsAt, before), and(isNull(actions.sourceMeetingId), lt(actions.createdAt, before))),
            ...visible(visibility),
          ),
        )
        .orderBy(asc(actions.dueOn), asc(meetings.startsAt), asc(actions.id))
        .limit(options.limit);
      return rows.map(flatten);
    },

    /** The actions recorded at a meeting, in agenda order, each with its latest update. */
    async listForMeeting(partnershipId: string, visibility: ActionVisibility, meetingId: string): Promise<ActionView[]> {
      const rows = await joined(true)
        .where(and(eq(actions.partnershipId, partnershipId), eq(actions.sourceMeetingId, meetingId), ...visible(visibility)))
        .orderBy(asc(agendaItems.position), asc(actions.createdAt), asc(actions.id))
        .limit(1000);
      return rows.map(flatten);
    },

    /**
     * A page of one workstream's actions (limit + 1 rows). With one status, the rows come in
     * index order from actions_workstream_status_due_idx (partnership_id, workstream_id, status,
     * due_on, id): soonest due first, undated last, no sort. Without a status, outstanding actions
     * come first, then the rest, each by due date (a sort over the workstream's rows only).
     * EXPLAIN ANALYZE (40,000 actions, 20 workstreams, status=open, limit 26): Limit over an Index
     * Scan on that index, owner/body/meeting/item joined per row; no Sort node.
     */
    async listForWorkstream(
      partnershipId: string,
      visibility: ActionVisibility,
      workstreamId: string,
      status: ActionStatusFilter | undefined,
      today: string,
      page: number,
      limit: number,
    ): Promise<ActionView[]> {
      const order =
        status === undefined ? [asc(sql`case when ${actions.status} in ('open', 'in_progress') then 0 else 1 end`), asc(actions.dueOn)] : [asc(actions.dueOn)];
      const params: Record<string, unknown> = { workstreamId, limit: limit + 1, offset: (page - 1) * limit };
      const bind = placeholdersInto(params);
      const conditions = and(...filtered(partnershipId, { status }, today, bind), eq(actions.workstreamId, sql.placeholder("workstreamId")), ...visible(visibility));
      const query = prepared(db, `actions_workstream:${shapeOf({ status }, visibility)}`, () =>
        joined(false)
          .where(conditions)
          .orderBy(...order, asc(actions.id))
          .limit(sql.placeholder("limit"))
          .offset(sql.placeholder("offset")),
      );
      return (await query.execute(params)).map(flatten);
    },

    /**
     * Outstanding (open or in progress) actions per workstream, and how many of them are overdue,
     * as the viewer may see them: one grouped query for any number of workstreams (the dashboard).
     */
    async outstandingCountsForWorkstreams(
      partnershipId: string,
      visibility: ActionVisibility,
      workstreamIds: readonly string[],
      today: string,
    ): Promise<{ workstreamId: string; outstanding: number; overdue: number }[]> {
      if (workstreamIds.length === 0) return [];
      const rows = await db
        .select({
          workstreamId: sql<string>`${actions.workstreamId}`,
          outstanding: sql<number>`count(*)::int`,
          overdue: sql<number>`(count(*) filter (where ${actions.dueOn} < ${today}))::int`,
        })
        .from(actions)
        .innerJoin(bodies, and(eq(bodies.partnershipId, actions.partnershipId), eq(bodies.id, actions.bodyId)))
        .leftJoin(meetings, and(eq(meetings.partnershipId, actions.partnershipId), eq(meetings.id, actions.sourceMeetingId)))
        .leftJoin(agendaItems, and(eq(agendaItems.partnershipId, actions.partnershipId), eq(agendaItems.id, actions.sourceAgendaItemId)))
        .where(
          and(
            eq(actions.partnershipId, partnershipId),
            inArray(actions.workstreamId, [...workstreamIds]),
            inArray(actions.status, OUTSTANDING),
            ...visible(visibility),
          ),
        )
        .groupBy(actions.workstreamId);
      return rows.map((r) => ({ workstreamId: r.workstreamId, outstanding: Number(r.outstanding), overdue: Number(r.overdue) }));
    },

    /** One action with its names, whatever its visibility (the service decides). */
    async findView(partnershipId: string, id: string): Promise<ActionView | undefined> {
      const query = prepared(db, "actions_find_view", () =>
        joined(false).where(and(eq(actions.partnershipId, sql.placeholder("partnershipId")), eq(actions.id, sql.placeholder("id")))),
      );
      const [row] = await query.execute({ partnershipId, id });
      return row ? flatten(row) : undefined;
    },

    async find(partnershipId: string, id: string): Promise<ActionRow | undefined> {
      const [row] = await db
        .select()
        .from(actions)
        .where(and(eq(actions.partnershipId, partnershipId), eq(actions.id, id)));
      return row;
    },

    async insert(values: typeof actions.$inferInsert): Promise<ActionRow> {
      const [row] = await db.insert(actions).values(values).returning();
      return row!;
    },

    /** Updates only if the stored version is the one the writer read; undefined means someone else got there first. */
    async update(partnershipId: string, id: string, expectedVersion: number, values: Partial<typeof actions.$inferInsert>): Promise<ActionRow | undefined> {
      const [row] = await db
        .update(actions)
        .set({ ...values, updatedAt: new Date(), version: sql`${actions.version} + 1` })
        .where(and(eq(actions.partnershipId, partnershipId), eq(actions.id, id), eq(actions.version, expectedVersion)))
        .returning();
      return row;
    },

    // -- Progress updates

    async listUpdates(partnershipId: string, actionId: string): Promise<ActionUpdateRow[]> {
      const query = prepared(db, "action_updates_list", () =>
        db
          .select()
          .from(actionUpdates)
          .where(and(eq(actionUpdates.partnershipId, sql.placeholder("partnershipId")), eq(actionUpdates.actionId, sql.placeholder("actionId"))))
          .orderBy(desc(actionUpdates.notedOn), desc(actionUpdates.createdAt))
          .limit(500),
      );
      return query.execute({ partnershipId, actionId });
    },

    async insertUpdate(values: typeof actionUpdates.$inferInsert): Promise<ActionUpdateRow> {
      const [row] = await db.insert(actionUpdates).values(values).returning();
      return row!;
    },

    /** The audit trail of an action and of its progress updates, newest first. */
    async history(partnershipId: string, actionId: string, updateIds: readonly string[]): Promise<AuditEventRow[]> {
      const ofUpdates = updateIds.length > 0 ? and(eq(auditEvents.recordType, "action_update"), inArray(auditEvents.recordId, [...updateIds])) : undefined;
      const ofAction = and(eq(auditEvents.recordType, "action"), eq(auditEvents.recordId, actionId))!;
      return db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.partnershipId, partnershipId), ofUpdates ? or(ofAction, ofUpdates) : ofAction))
        .orderBy(desc(auditEvents.id))
        .limit(300);
    },

    // -- Reads of the records an action hangs on. The decisions and people modules own them; an
    //    action needs only to check that the ones named exist in this partnership and belong
    //    together, and the lists above join names to avoid a query per row.

    /** The decisions taken on an agenda item, for the decision picker and to check a link. */
    async decisionsOnItem(partnershipId: string, itemId: string) {
      return db
        .select({ id: decisions.id, text: decisions.text, decidedOn: decisions.decidedOn })
        .from(decisions)
        .where(and(eq(decisions.partnershipId, partnershipId), eq(decisions.agendaItemId, itemId)))
        .orderBy(asc(decisions.position), asc(decisions.id));
    },

    /** The workstream of a risk (null for the portfolio register), for placing a mitigating action; undefined if no such risk. */
    async riskPlacement(partnershipId: string, riskId: string): Promise<{ workstreamId: string | null } | undefined> {
      const [row] = await db
        .select({ workstreamId: risks.workstreamId })
        .from(risks)
        .where(and(eq(risks.partnershipId, partnershipId), eq(risks.id, riskId)));
      return row;
    },

    async findPerson(partnershipId: string, personId: string) {
      const [row] = await db
        .select({ id: people.id, name: people.name, archivedAt: people.archivedAt })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.id, personId)));
      return row;
    },

    /** The people of this partnership linked to a user account. */
    async peopleLinkedTo(partnershipId: string, userId: string) {
      return db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), eq(people.userId, userId)))
        .orderBy(asc(people.name));
    },

    /** Names of people by id (for the history of owner changes). */
    async personNames(partnershipId: string, ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .select({ id: people.id, name: people.name })
        .from(people)
        .where(and(eq(people.partnershipId, partnershipId), inArray(people.id, [...ids])));
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}

export type ActionsRepository = ReturnType<typeof actionsRepository>;
