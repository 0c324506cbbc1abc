import type { Database, Executor } from "../../platform/db/client.ts";
import { listHistory, recordAudit, auditSnapshot } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import { inAgendaOrder, neighbourFor, numberAgenda, overrunMinutes, type NumberedItem } from "./agenda-numbering.ts";
import { maySeeAgenda, maySeeConfidentiality, maySeeItem } from "./confidentiality.ts";
import { addCalendarDays, clearDaysBetween, fromLondon, toLondon } from "../../platform/time.ts";
import {
  meetingsRepository,
  type AgendaItemSearchRow,
  type AgendaItemView,
  type AgendaSearchVisibility,
  type AgendaTemplateItemRow,
  type MeetingFilter,
  type MeetingRow,
  type MeetingsRepository,
  type MeetingView,
} from "./meetings.repository.ts";
import { meetingsPolicy } from "./meetings.policy.ts";
import {
  CLEAR_DAYS_NOTICE,
  type AgendaItemChanges,
  type AgendaItemInput,
  type GenerateInput,
  type MeetingChanges,
  type MeetingInput,
  type TemplateItemInput,
} from "./meetings.schema.ts";
import { describeRule, expandRule } from "./schedule-rule.ts";
import { CONFIDENTIALITY, MEETING_STATUSES, type MeetingStatus } from "./meetings.tables.ts";

export const MEETING = "meeting";
export const AGENDA_ITEM = "agenda_item";
export const AGENDA_TEMPLATE_ITEM = "agenda_template_item";

const MEETING_NOT_FOUND = "Meeting not found";
const ITEM_NOT_FOUND = "Agenda item not found";
const BODY_NOT_FOUND = "Body not found";

/** An agenda item as a viewer sees it: numbered, timed, with its presenters and links. */
export type AgendaItem = NumberedItem<AgendaItemView>;

/** Statuses in which the agenda can still lose items: once held, an item may have minutes and decisions. */
const BEFORE_HELD: readonly MeetingStatus[] = ["planned", "agenda_published", "postponed"];
const CAN_CANCEL: readonly MeetingStatus[] = ["planned", "agenda_published", "postponed"];
const CAN_HOLD: readonly MeetingStatus[] = ["planned", "agenda_published"];
/** Changes a calendar subscriber would notice (iCalendar SEQUENCE). */
const CALENDAR_FIELDS = ["title", "startsAt", "endsAt", "venue", "onlineUrl", "status"] as const;

/** Refused because of the record's state, not its version: e.g. publishing a cancelled meeting's agenda. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

function calendarChanged(before: MeetingRow, values: Partial<MeetingRow>): boolean {
  return CALENDAR_FIELDS.some((f) => {
    if (!(f in values)) return false;
    const a = before[f];
    const b = values[f];
    return a instanceof Date && b instanceof Date ? a.getTime() !== b.getTime() : a !== b;
  });
}

/** The UTC instants of a day and times in England; field errors when a time does not exist or the end is not after the start. */
export function instantsOf(date: string, startTime: string, endTime: string): { startsAt: Date; endsAt: Date } {
  const startsAt = fromLondon(date, startTime);
  const endsAt = fromLondon(date, endTime);
  const errors: Record<string, string> = {};
  if (!startsAt) errors.startTime = "That start time does not exist on that day: the clocks go forward an hour";
  if (!endsAt) errors.endTime = "That end time does not exist on that day: the clocks go forward an hour";
  if (startsAt && endsAt && endsAt.getTime() <= startsAt.getTime()) errors.endTime = "The end time must be after the start time";
  if (!startsAt || !endsAt || Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  return { startsAt, endsAt };
}

/** Meetings of bodies, their agendas and standard opening items, with an audit trail. */
export function meetingsService(deps: { db: Database; now?: () => Date }) {
  const repo = meetingsRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  /** The meeting if this viewer may see it; 404 otherwise, so hidden meetings are indistinguishable from missing ones. */
  async function get(ctx: RequestContext, meetingId: string): Promise<MeetingView> {
    const row = await repo.find(ctx.partnership.id, meetingId);
    if (!row || !meetingsPolicy.view(ctx.principal, row)) throw new NotFound(MEETING_NOT_FOUND);
    return row;
  }

  function requireManager(ctx: RequestContext): void {
    if (!meetingsPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  /** A body the viewer may see (the public sees current bodies only). */
  async function visibleBody(ctx: RequestContext, bodyId: string) {
    const body = await repo.findBody(ctx.partnership.id, bodyId);
    if (!body || (body.archivedAt !== null && !meetingsPolicy.seeArchivedBodies(ctx.principal))) throw new NotFound(BODY_NOT_FOUND);
    return body;
  }

  async function currentBody(r: MeetingsRepository, ctx: RequestContext, bodyId: string, field = "bodyId") {
    const body = await r.findBody(ctx.partnership.id, bodyId);
    if (!body) throw new ValidationFailed({ [field]: "Select a body from the list" });
    if (body.archivedAt) throw new ValidationFailed({ [field]: `${body.name} is archived; select a current body` });
    return body;
  }

  /**
   * Every item of a meeting, timed over the whole agenda, then cut to what this viewer may see and
   * numbered over that: the public's numbering never reveals how many Part II items there are.
   */
  function visibleAgenda(ctx: RequestContext, meeting: MeetingRow, all: readonly AgendaItemView[]): AgendaItem[] {
    if (!maySeeAgenda(ctx.principal, meeting)) return [];
    const timed = numberAgenda(all, meeting);
    const visible = timed.filter((i) => maySeeItem(ctx.principal, meeting, i));
    const numbers = new Map(inAgendaOrder(visible).map((v) => [v.item.id, v]));
    return visible.filter((i) => numbers.has(i.id)).map((i) => ({ ...i, number: numbers.get(i.id)!.number, depth: numbers.get(i.id)!.depth }));
  }

  /** Checks that people, bodies and organisations named on an item belong to this partnership. */
  async function checkLinks(r: MeetingsRepository, ctx: RequestContext, input: Partial<Pick<AgendaItemInput, "presenters" | "bodyIds" | "organisationIds">>) {
    const pid = ctx.partnership.id;
    const errors: Record<string, string> = {};
    const personIds = input.presenters?.map((p) => p.personId) ?? [];
    if (personIds.length > 0 && (await r.countExisting(pid, "people", personIds)) !== personIds.length)
      errors.presenters = "Select presenters from the list of people";
    if (input.bodyIds?.length && (await r.countExisting(pid, "bodies", input.bodyIds)) !== input.bodyIds.length) errors.bodyIds = "Select bodies from the list";
    if (input.organisationIds?.length && (await r.countExisting(pid, "organisations", input.organisationIds)) !== input.organisationIds.length) {
      errors.organisationIds = "Select organisations from the list";
    }
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  }

  /** Checks an item's place: its parent is a top-level item of the same meeting, and a Part II parent has only Part II sub-items. */
  function checkPlacement(
    items: readonly AgendaItemView[],
    item: { id?: string; parentItemId: string | null; confidentiality: "part_1" | "part_2"; exemptionReason: string | null },
  ): void {
    if (item.confidentiality === "part_2" && !item.exemptionReason?.trim())
      throw new ValidationFailed({ exemptionReason: "Enter why the item is exempt from publication" });
    const children = item.id ? items.filter((i) => i.parentItemId === item.id) : [];
    if (item.confidentiality === "part_2" && children.some((c) => c.confidentiality === "part_1")) {
      throw new ValidationFailed({ confidentiality: "Its sub-items are Part I; make them Part II first, or move them" });
    }
    if (item.parentItemId === null) return;
    const parent = items.find((i) => i.id === item.parentItemId);
    if (!parent) throw new ValidationFailed({ parentItemId: "Select an item of this meeting" });
    if (parent.id === item.id) throw new ValidationFailed({ parentItemId: "An item cannot be its own sub-item" });
    if (parent.parentItemId !== null) throw new ValidationFailed({ parentItemId: "Select a main item: sub-items cannot have sub-items of their own" });
    if (children.length > 0) throw new ValidationFailed({ parentItemId: "This item has sub-items of its own, so it cannot become a sub-item" });
    if (parent.confidentiality === "part_2" && item.confidentiality === "part_1") {
      throw new ValidationFailed({ confidentiality: "Sub-items of a Part II item are Part II too" });
    }
  }

  async function lockedMeeting(r: MeetingsRepository, ctx: RequestContext, meetingId: string): Promise<MeetingRow> {
    const meeting = await r.lock(ctx.partnership.id, meetingId);
    if (!meeting) throw new NotFound(MEETING_NOT_FOUND);
    return meeting;
  }

  /** An item of a given meeting, if this viewer may see it (404 otherwise, Part II included). */
  async function getItemOf(ctx: RequestContext, meetingId: string, itemId: string): Promise<{ meeting: MeetingView; item: AgendaItem }> {
    const row = await repo.find(ctx.partnership.id, meetingId);
    if (!row || !meetingsPolicy.view(ctx.principal, row)) throw new NotFound(ITEM_NOT_FOUND);
    const item = visibleAgenda(ctx, row, await repo.listItems(ctx.partnership.id, meetingId)).find((i) => i.id === itemId);
    if (!item) throw new NotFound(ITEM_NOT_FOUND);
    return { meeting: row, item };
  }

  /** Adds an item inside a transaction the caller holds (the forward plan schedules within its own). */
  async function addItemIn(tx: Executor, ctx: RequestContext, meetingId: string, input: AgendaItemInput): Promise<AgendaItemView> {
    const r = meetingsRepository(tx);
    const pid = ctx.partnership.id;
    const meeting = await lockedMeeting(r, ctx, meetingId);
    if (meeting.status === "cancelled") throw stateConflict("This meeting is cancelled; its agenda can no longer change", "meeting_cancelled");
    const items = await r.listItems(pid, meetingId);
    checkPlacement(items, input);
    await checkLinks(r, ctx, input);
    const row = await r.insertItem({
      partnershipId: pid,
      meetingId,
      parentItemId: input.parentItemId,
      position: await r.nextPosition(pid, meetingId, input.parentItemId),
      title: input.title,
      kind: input.kind,
      purpose: input.purpose,
      durationMinutes: input.durationMinutes,
      confidentiality: input.confidentiality,
      exemptionReason: input.confidentiality === "part_2" ? input.exemptionReason : null,
      recommendation: input.recommendation,
    });
    await r.replacePresenters(pid, row.id, input.presenters);
    await r.replaceBodies(pid, row.id, input.bodyIds);
    await r.replaceOrganisations(pid, row.id, input.organisationIds);
    const view = (await r.findItem(pid, meetingId, row.id))!;
    await auditedCreate(tx, ctx, AGENDA_ITEM, view);
    return view;
  }

  /** A meeting write with the state check, optimistic concurrency, sequence bump and audit. */
  async function writeMeeting(
    ctx: RequestContext,
    id: string,
    version: number,
    action: string,
    values: (before: MeetingRow) => Partial<MeetingRow>,
    allowedFrom?: readonly MeetingStatus[],
    refusal?: (before: MeetingRow) => BadRequest,
  ): Promise<MeetingView> {
    requireManager(ctx);
    const pid = ctx.partnership.id;
    const row = await deps.db.transaction(async (tx) => {
      const r = meetingsRepository(tx);
      return auditedUpdate(tx, ctx, {
        recordType: MEETING,
        action,
        notFound: MEETING_NOT_FOUND,
        find: () => r.lock(pid, id),
        write: async (before) => {
          if (allowedFrom && !allowedFrom.includes(before.status) && before.version === version) {
            throw refusal?.(before) ?? stateConflict(`This meeting is ${before.status.replace("_", " ")}`, "meeting_state");
          }
          const changes = values(before);
          return r.update(pid, id, version, changes, calendarChanged(before, changes));
        },
      });
    });
    return (await repo.find(pid, row.id))!;
  }

  return {
    get,

    /** Meetings the viewer may see, soonest first (or newest first for past meetings); limit + 1 rows. */
    async list(
      ctx: RequestContext,
      filter: { bodyId?: string | undefined; from?: Date | undefined; to?: Date | undefined; order?: "asc" | "desc" },
      page: number,
      limit: number,
    ) {
      const f: MeetingFilter = { ...filter, order: filter.order ?? "asc", includeArchivedBodies: meetingsPolicy.seeArchivedBodies(ctx.principal) };
      return repo.list(ctx.partnership.id, f, page, limit);
    },

    /** Upcoming (from the start of today in England) or past meetings. */
    async listByWhen(ctx: RequestContext, when: "upcoming" | "past", bodyId: string | undefined, page: number, limit: number) {
      const startOfToday = fromLondon(toLondon(now()).date, "00:00") ?? now();
      const includeArchivedBodies = meetingsPolicy.seeArchivedBodies(ctx.principal);
      return repo.list(
        ctx.partnership.id,
        when === "upcoming"
          ? { bodyId, from: startOfToday, order: "asc", includeArchivedBodies }
          : { bodyId, to: startOfToday, order: "desc", includeArchivedBodies },
        page,
        limit,
      );
    },

    visibleBody,

    /** Current bodies for the meeting form's picker. */
    bodiesForPicker: (ctx: RequestContext) => repo.listBodiesForPicker(ctx.partnership.id),

    /** People, bodies and organisations for the agenda item form. */
    async itemFormChoices(ctx: RequestContext) {
      const pid = ctx.partnership.id;
      const [people, bodies, organisations] = await Promise.all([
        repo.listPeopleForPicker(pid),
        repo.listBodiesForPicker(pid),
        repo.listOrganisationsForPicker(pid),
      ]);
      return { people, bodies, organisations };
    },

    /** Names of the bodies and organisations an item concerns. */
    namesOf: (ctx: RequestContext, bodyIds: readonly string[], organisationIds: readonly string[]) =>
      repo.namesOf(ctx.partnership.id, bodyIds, organisationIds),

    async create(ctx: RequestContext, input: MeetingInput): Promise<MeetingView> {
      requireManager(ctx);
      const { startsAt, endsAt } = instantsOf(input.date, input.startTime, input.endTime);
      const row = await deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        await currentBody(r, ctx, input.bodyId);
        const inserted = await r.insert({
          partnershipId: ctx.partnership.id,
          bodyId: input.bodyId,
          title: input.title,
          startsAt,
          endsAt,
          venue: input.venue,
          onlineUrl: input.onlineUrl,
          hasPublicSession: input.hasPublicSession,
          hasPrivateSession: input.hasPrivateSession,
        });
        return auditedCreate(tx, ctx, MEETING, inserted);
      });
      return (await repo.find(ctx.partnership.id, row.id))!;
    },

    /**
     * Changes a meeting's details. Day and times are in England; a day or time left out keeps its
     * present value. Moving a postponed meeting to a new time reinstates it.
     */
    async update(ctx: RequestContext, id: string, version: number, changes: MeetingChanges): Promise<MeetingView> {
      return writeMeeting(
        ctx,
        id,
        version,
        "update",
        (before) => {
          const values: Partial<MeetingRow> = {};
          if (changes.title !== undefined) values.title = changes.title;
          if (changes.venue !== undefined) values.venue = changes.venue;
          if (changes.onlineUrl !== undefined) values.onlineUrl = changes.onlineUrl;
          if (changes.hasPublicSession !== undefined) values.hasPublicSession = changes.hasPublicSession;
          if (changes.hasPrivateSession !== undefined) values.hasPrivateSession = changes.hasPrivateSession;
          if (changes.date !== undefined || changes.startTime !== undefined || changes.endTime !== undefined) {
            const start = toLondon(before.startsAt);
            const end = toLondon(before.endsAt);
            const { startsAt, endsAt } = instantsOf(changes.date ?? start.date, changes.startTime ?? start.time, changes.endTime ?? end.time);
            values.startsAt = startsAt;
            values.endsAt = endsAt;
            if (before.status === "postponed" && startsAt.getTime() !== before.startsAt.getTime()) {
              values.status = before.agendaPublishedAt ? "agenda_published" : "planned";
            }
          }
          const hasPublic = values.hasPublicSession ?? before.hasPublicSession;
          const hasPrivate = values.hasPrivateSession ?? before.hasPrivateSession;
          if (!hasPublic && !hasPrivate) throw new ValidationFailed({ sessions: "Select a public session, a private session or both" });
          return values;
        },
        ["planned", "agenda_published", "held", "minutes_drafted", "minutes_approved", "postponed"],
        () => stateConflict("This meeting is cancelled; it can no longer be changed", "meeting_cancelled"),
      );
    },

    /** Cancels a meeting that has not been held; the reason is published with it. */
    cancel: (ctx: RequestContext, id: string, version: number, reason: string) =>
      writeMeeting(
        ctx,
        id,
        version,
        "cancel",
        () => ({ status: "cancelled", statusReason: reason }),
        CAN_CANCEL,
        (m) =>
          stateConflict(
            m.status === "cancelled" ? "This meeting is already cancelled" : "This meeting has been held, so it cannot be cancelled",
            "meeting_state",
          ),
      ),

    /**
     * Postpones a meeting that has not been held, with a reason. With a new day and times it moves
     * there and keeps its status; without, it waits as "postponed" until it is given a new time.
     */
    async postpone(
      ctx: RequestContext,
      id: string,
      version: number,
      reason: string,
      newTime: { date: string; startTime: string; endTime: string } | null,
    ): Promise<MeetingView> {
      const moved = newTime ? instantsOf(newTime.date, newTime.startTime, newTime.endTime) : null;
      return writeMeeting(
        ctx,
        id,
        version,
        "postpone",
        (before) =>
          moved
            ? {
                ...moved,
                statusReason: reason,
                status: before.status === "postponed" ? (before.agendaPublishedAt ? "agenda_published" : "planned") : before.status,
              }
            : { status: "postponed", statusReason: reason },
        CAN_CANCEL,
        (m) => stateConflict(m.status === "cancelled" ? "This meeting is cancelled" : "This meeting has been held, so it cannot be postponed", "meeting_state"),
      );
    },

    /**
     * Publishes the agenda: the public sees its Part I items and papers from now on. Fewer than
     * three clear days before the meeting is allowed but warned about.
     */
    async publishAgenda(ctx: RequestContext, id: string, version: number): Promise<{ meeting: MeetingView; warnings: string[] }> {
      const at = now();
      const meeting = await writeMeeting(
        ctx,
        id,
        version,
        "publish_agenda",
        () => ({ status: "agenda_published", agendaPublishedAt: at }),
        ["planned"],
        (m) =>
          stateConflict(
            m.status === "cancelled"
              ? "This meeting is cancelled"
              : m.status === "postponed"
                ? "This meeting is postponed; give it a new time first"
                : "The agenda has already been published",
            "meeting_state",
          ),
      );
      const clear = clearDaysBetween(at, meeting.startsAt);
      const warnings =
        meeting.startsAt.getTime() < at.getTime()
          ? ["The agenda was published after the meeting started"]
          : clear < CLEAR_DAYS_NOTICE
            ? [
                `The agenda was published with ${clear === 0 ? "no" : clear} clear day${clear === 1 ? "" : "s"} before the meeting; members should have at least ${CLEAR_DAYS_NOTICE}`,
              ]
            : [];
      return { meeting, warnings };
    },

    /** Records that the meeting took place (once it has started). */
    markHeld: (ctx: RequestContext, id: string, version: number) =>
      writeMeeting(
        ctx,
        id,
        version,
        "hold",
        (before) => {
          if (before.startsAt.getTime() > now().getTime())
            throw stateConflict("This meeting has not started yet, so it cannot be marked as held", "meeting_not_started");
          return { status: "held" };
        },
        CAN_HOLD,
        (m) =>
          stateConflict(
            m.status === "cancelled"
              ? "This meeting is cancelled"
              : m.status === "postponed"
                ? "This meeting is postponed"
                : "This meeting is already marked as held",
            "meeting_state",
          ),
      ),

    /**
     * The meetings a rule would produce for a body, each marked skipped when the body already has a
     * meeting that day; with `create`, the rest are created in one transaction.
     */
    async generate(ctx: RequestContext, input: GenerateInput, create: boolean) {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      const dates = expandRule(input);
      const rule = describeRule(input);
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        await currentBody(r, ctx, input.bodyId);
        await r.lockBodySchedule(pid, input.bodyId);
        const first = dates[0]!;
        const last = dates[dates.length - 1]!;
        const windowStart = fromLondon(addCalendarDays(first.date, -1), "00:00") ?? first.startsAt;
        const windowEnd = fromLondon(addCalendarDays(last.date, 2), "00:00") ?? last.endsAt;
        const taken = new Set((await r.startsOfBody(pid, input.bodyId, windowStart, windowEnd)).map((d) => toLondon(d).date));
        const planned = dates.map((d) => ({ ...d, skipped: taken.has(d.date), id: null as string | null }));
        if (!create) return { rule, meetings: planned };
        const rows = await r.insertMany(
          planned
            .filter((d) => !d.skipped)
            .map((d) => ({
              partnershipId: pid,
              bodyId: input.bodyId,
              startsAt: d.startsAt,
              endsAt: d.endsAt,
              venue: input.venue,
              onlineUrl: input.onlineUrl,
              hasPublicSession: input.hasPublicSession,
              hasPrivateSession: input.hasPrivateSession,
            })),
        );
        for (const row of rows) await auditedCreate(tx, ctx, MEETING, row);
        const byDate = new Map(rows.map((row) => [toLondon(row.startsAt).date, row.id]));
        return { rule, meetings: planned.map((d) => ({ ...d, id: d.skipped ? null : (byDate.get(d.date) ?? null) })) };
      });
    },

    // -- Agenda

    /** The visible items of a meeting in agenda order, numbered and timed (404 if the meeting is not visible). */
    async listItems(ctx: RequestContext, meetingId: string): Promise<AgendaItem[]> {
      const meeting = await get(ctx, meetingId);
      return visibleAgenda(ctx, meeting, await repo.listItems(ctx.partnership.id, meetingId));
    },

    /** The meeting page's agenda: visible items, whether the viewer may see the agenda at all, and any overrun. */
    async agenda(ctx: RequestContext, meetingId: string) {
      const meeting = await get(ctx, meetingId);
      const all = await repo.listItems(ctx.partnership.id, meetingId);
      const items = visibleAgenda(ctx, meeting, all);
      // The overrun counts every item, but only those who may see every item are told it.
      const overrun = items.length === all.length ? overrunMinutes(numberAgenda(all, meeting), meeting) : 0;
      return { meeting, items, agendaVisible: maySeeAgenda(ctx.principal, meeting), overrunMinutes: overrun };
    },

    /** Site-wide search: agenda items whose titles match the words, as far as this viewer may see the agenda, best match first. */
    async searchItems(ctx: RequestContext, q: string, options: { limit: number; offset: number }): Promise<AgendaItemSearchRow[]> {
      const p = ctx.principal;
      const agendaStatuses = MEETING_STATUSES.filter((status) => maySeeAgenda(p, { status, agendaPublishedAt: null }));
      const v: AgendaSearchVisibility = {
        confidentialities: CONFIDENTIALITY.filter((c) => maySeeConfidentiality(p, c)),
        agendaStatuses,
        agendaStatusesOncePublished: MEETING_STATUSES.filter(
          (status) => !agendaStatuses.includes(status) && maySeeAgenda(p, { status, agendaPublishedAt: new Date(0) }),
        ),
        includeArchivedBodies: meetingsPolicy.seeArchivedBodies(p),
      };
      return repo.searchItems(ctx.partnership.id, v, q, options.limit, options.offset);
    },

    /** An item and its meeting, if this viewer may see the item (404 otherwise, Part II included). */
    async getItem(ctx: RequestContext, itemId: string): Promise<{ meeting: MeetingView; item: AgendaItem }> {
      const meetingId = await repo.meetingIdOfItem(ctx.partnership.id, itemId);
      if (!meetingId) throw new NotFound(ITEM_NOT_FOUND);
      return getItemOf(ctx, meetingId, itemId);
    },

    getItemOf,

    /** Adds an item at the end of its level (used by the agenda builder and by the forward plan when scheduling). */
    async addItem(ctx: RequestContext, meetingId: string, input: AgendaItemInput, tx?: Executor): Promise<AgendaItem> {
      requireManager(ctx);
      await get(ctx, meetingId);
      const added = async (t: Executor) => {
        const view = await addItemIn(t, ctx, meetingId, input);
        // Re-read in the same transaction: a caller's transaction has not committed the item yet.
        const r = meetingsRepository(t);
        const agenda = numberAgenda(await r.listItems(ctx.partnership.id, meetingId), (await r.find(ctx.partnership.id, meetingId))!);
        const numbers = new Map(inAgendaOrder(agenda.filter((i) => maySeeConfidentiality(ctx.principal, i.confidentiality))).map((v) => [v.item.id, v.number]));
        const timed = agenda.find((i) => i.id === view.id)!;
        return { ...timed, number: numbers.get(view.id) ?? timed.number };
      };
      return tx ? added(tx) : deps.db.transaction(added);
    },

    async updateItem(ctx: RequestContext, meetingId: string, itemId: string, version: number, changes: AgendaItemChanges): Promise<AgendaItemView> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      await get(ctx, meetingId);
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        const meeting = await lockedMeeting(r, ctx, meetingId);
        const items = await r.listItems(pid, meetingId);
        return auditedUpdate(tx, ctx, {
          recordType: AGENDA_ITEM,
          notFound: ITEM_NOT_FOUND,
          find: async () => items.find((i) => i.id === itemId),
          write: async (before) => {
            if (before.version !== version) return undefined;
            if (meeting.status === "cancelled") throw stateConflict("This meeting is cancelled; its agenda can no longer change", "meeting_cancelled");
            const confidentiality = changes.confidentiality ?? before.confidentiality;
            const next = {
              id: itemId,
              parentItemId: changes.parentItemId !== undefined ? changes.parentItemId : before.parentItemId,
              confidentiality,
              exemptionReason: confidentiality === "part_2" ? (changes.exemptionReason !== undefined ? changes.exemptionReason : before.exemptionReason) : null,
            };
            checkPlacement(items, next);
            await checkLinks(r, ctx, changes);
            const values: Record<string, unknown> = {
              confidentiality: next.confidentiality,
              exemptionReason: next.exemptionReason,
            };
            for (const k of ["title", "kind", "purpose", "durationMinutes", "recommendation"] as const) if (changes[k] !== undefined) values[k] = changes[k];
            if (next.parentItemId !== before.parentItemId) {
              values.parentItemId = next.parentItemId;
              values.position = await r.nextPosition(pid, meetingId, next.parentItemId);
            }
            const row = await r.updateItem(pid, meetingId, itemId, version, values);
            if (!row) return undefined;
            if (changes.presenters) await r.replacePresenters(pid, itemId, changes.presenters);
            if (changes.bodyIds) await r.replaceBodies(pid, itemId, changes.bodyIds);
            if (changes.organisationIds) await r.replaceOrganisations(pid, itemId, changes.organisationIds);
            return r.findItem(pid, meetingId, itemId);
          },
        });
      });
    },

    /** Swaps an item with its neighbour at the same level; at either end nothing changes. */
    async moveItem(ctx: RequestContext, meetingId: string, itemId: string, direction: "up" | "down"): Promise<AgendaItemView> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      await get(ctx, meetingId);
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        await lockedMeeting(r, ctx, meetingId);
        const items = await r.listItems(pid, meetingId);
        const item = items.find((i) => i.id === itemId);
        if (!item) throw new NotFound(ITEM_NOT_FOUND);
        const neighbour = neighbourFor(items, itemId, direction);
        if (!neighbour) return item;
        // Renumber the level 0, 1, 2, ... with the two swapped, so equal or gapped positions still move.
        const siblings = inAgendaOrder(items.filter((i) => i.parentItemId === item.parentItemId)).map((s) => s.item);
        const a = siblings.indexOf(item);
        const b = siblings.indexOf(neighbour);
        [siblings[a], siblings[b]] = [neighbour, item];
        for (const [position, s] of siblings.entries()) {
          if (s.position === position) continue;
          await r.setItemPosition(pid, s.id, position);
        }
        const after = (await r.findItem(pid, meetingId, itemId))!;
        await recordAudit(tx, {
          partnershipId: pid,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: AGENDA_ITEM,
          recordId: itemId,
          action: direction === "up" ? "move_up" : "move_down",
          before: { position: item.position },
          after: { position: after.position },
        });
        return after;
      });
    },

    /** Removes an item (and its sub-items) before the meeting is held. */
    async removeItem(ctx: RequestContext, meetingId: string, itemId: string, version: number): Promise<void> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      await get(ctx, meetingId);
      await deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        const meeting = await lockedMeeting(r, ctx, meetingId);
        const items = await r.listItems(pid, meetingId);
        const item = items.find((i) => i.id === itemId);
        if (!item) throw new NotFound(ITEM_NOT_FOUND);
        if (item.version !== version) throw new Conflict(undefined, item);
        if (!BEFORE_HELD.includes(meeting.status)) throw stateConflict("The meeting has been held, so its items can no longer be removed", "meeting_held");
        const doomed = [...items.filter((i) => i.parentItemId === itemId), item];
        try {
          for (const d of doomed) {
            await r.deleteItem(pid, d.id);
            await recordAudit(tx, {
              partnershipId: pid,
              actor: actorOf(ctx),
              requestId: ctx.requestId,
              recordType: AGENDA_ITEM,
              recordId: d.id,
              action: "remove",
              before: auditSnapshot(d),
            });
          }
        } catch (err) {
          if ((err as { cause?: { code?: string }; code?: string }).cause?.code === "23503" || (err as { code?: string }).code === "23503") {
            throw stateConflict("Papers, decisions or a forward plan entry are attached to this item; remove or move them first", "item_in_use");
          }
          throw err;
        }
      });
    },

    /** Adds the body's standard opening items at the top of the agenda, skipping any it already has. */
    async addStandardItems(ctx: RequestContext, meetingId: string): Promise<number> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      await get(ctx, meetingId);
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        const meeting = await lockedMeeting(r, ctx, meetingId);
        if (meeting.status === "cancelled") throw stateConflict("This meeting is cancelled; its agenda can no longer change", "meeting_cancelled");
        const template = await r.listTemplate(pid, meeting.bodyId);
        const items = await r.listItems(pid, meetingId);
        const has = new Set(items.map((i) => `${i.kind}|${i.title.toLowerCase()}`));
        const adding = template.filter((t) => !has.has(`${t.kind}|${t.title.toLowerCase()}`));
        if (adding.length === 0) return 0;
        const top = inAgendaOrder(items.filter((i) => i.parentItemId === null)).map((v) => v.item);
        for (const [index, existing] of top.entries())
          if (existing.position !== adding.length + index) await r.setItemPosition(pid, existing.id, adding.length + index);
        for (const [position, t] of adding.entries()) {
          const row = await r.insertItem({ partnershipId: pid, meetingId, position, title: t.title, kind: t.kind, durationMinutes: t.durationMinutes });
          await auditedCreate(tx, ctx, AGENDA_ITEM, row);
        }
        return adding.length;
      });
    },

    // -- Standard opening items of a body

    async listTemplate(ctx: RequestContext, bodyId: string): Promise<AgendaTemplateItemRow[]> {
      await visibleBody(ctx, bodyId);
      return repo.listTemplate(ctx.partnership.id, bodyId);
    },

    async addTemplateItem(ctx: RequestContext, bodyId: string, input: TemplateItemInput): Promise<AgendaTemplateItemRow> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        await currentBody(r, ctx, bodyId, "title");
        await r.lockBodySchedule(pid, bodyId);
        const existing = await r.listTemplate(pid, bodyId);
        const position = existing.reduce((max, t) => Math.max(max, t.position + 1), 0);
        return auditedCreate(tx, ctx, AGENDA_TEMPLATE_ITEM, await r.insertTemplateItem({ partnershipId: pid, bodyId, position, ...input }));
      });
    },

    /** Moves a standard item up or down; false when it no longer exists (removed meanwhile). */
    async moveTemplateItem(ctx: RequestContext, bodyId: string, templateItemId: string, direction: "up" | "down"): Promise<boolean> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        await r.lockBodySchedule(pid, bodyId);
        const list = await r.listTemplate(pid, bodyId);
        const index = list.findIndex((t) => t.id === templateItemId);
        if (index < 0) return false;
        const other = direction === "up" ? index - 1 : index + 1;
        if (other < 0 || other >= list.length) return true;
        [list[index], list[other]] = [list[other]!, list[index]!];
        for (const [position, t] of list.entries()) if (t.position !== position) await r.setTemplatePosition(pid, t.id, position);
        await recordAudit(tx, {
          partnershipId: pid,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: AGENDA_TEMPLATE_ITEM,
          recordId: templateItemId,
          action: `move_${direction}`,
        });
        return true;
      });
    },

    /** Removes a standard item; false when it was already gone (a repeated submission is not an error). */
    async removeTemplateItem(ctx: RequestContext, bodyId: string, templateItemId: string): Promise<boolean> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = meetingsRepository(tx);
        const row = await r.deleteTemplateItem(pid, bodyId, templateItemId);
        if (!row) return false;
        await recordAudit(tx, {
          partnershipId: pid,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: AGENDA_TEMPLATE_ITEM,
          recordId: row.id,
          action: "remove",
          before: auditSnapshot(row),
        });
        return true;
      });
    },

    // -- History

    async history(ctx: RequestContext, meetingId: string) {
      if (!meetingsPolicy.viewHistory(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, MEETING, meetingId);
    },

    async itemHistory(ctx: RequestContext, item: { id: string; confidentiality: "part_1" | "part_2" }) {
      if (!meetingsPolicy.viewHistory(ctx.principal) || !maySeeConfidentiality(ctx.principal, item.confidentiality)) return null;
      return listHistory(deps.db, ctx.partnership.id, AGENDA_ITEM, item.id);
    },

    /** The instant now, as the service sees it (tests fix it). */
    now,
  };
}

export type MeetingsService = ReturnType<typeof meetingsService>;
