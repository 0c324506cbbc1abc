import type { Database, Executor } from "../../platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../platform/audit/audit.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import type { MeetingItemRef, MeetingRef, MeetingsPort } from "../attendance/meetings-port.ts";
import { CONFIDENTIALITY, MINUTES_STATUSES } from "../meetings/meetings.tables.ts";
import { meetingsPolicy } from "../meetings/meetings.policy.ts";
import {
  minutesRepository,
  type ItemMinutesRow,
  type MeetingRow,
  type MinutesRepository,
  type MinutesSearchRow,
  type MinutesSearchVisibility,
} from "./minutes.repository.ts";
import { minutesPolicy } from "./minutes.policy.ts";
import type { ItemMinutesChanges } from "./minutes.schema.ts";
import type { Principal } from "../../platform/auth/principal.ts";

export const ITEM_MINUTES = "item_minutes";
/** Status changes of the minutes as a whole are part of the meeting's own history. */
export const MEETING = "meeting";

const NOT_FOUND = "Minutes not found";
const ITEM_NOT_FOUND = "Agenda item not found";

/** One item's minutes as the viewer may read them; `discussion` only for insiders. */
export interface ItemMinutesView {
  discussion?: string;
  publicSummary: string;
  outcome: string;
  /** 0 when the item has no minutes yet. */
  version: number;
}

/** The minutes of a meeting, item by item in agenda order, as the viewer may read them. */
export interface MeetingMinutes {
  meeting: MeetingRef;
  items: { item: MeetingItemRef; minutes: ItemMinutesView }[];
  /** The decision that approved the minutes and, if the viewer may see it, the meeting it was taken at. */
  approvedBy: { decisionId: string; meeting: { id: string; startsAt: Date; title: string | null } | null } | null;
}

/** Refused because of the minutes' or meeting's state, not a version. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

const EMPTY = { discussion: "", publicSummary: "", outcome: "", version: 0 };

/** A stored row as the audit trail names it: minutes are keyed by their agenda item. */
const audited = (row: ItemMinutesRow) => ({ id: row.agendaItemId, ...row });

/** The minutes a viewer may search: the rules of minutesPolicy (and of meetings for archived bodies) as a WHERE clause. */
export function minutesSearchVisibility(p: Principal): MinutesSearchVisibility {
  return {
    confidentialities: CONFIDENTIALITY.filter((c) => minutesPolicy.viewItem(p, { confidentiality: c })),
    minutesStatuses: minutesPolicy.view(p, { minutesStatus: null }) ? "any" : MINUTES_STATUSES.filter((s) => minutesPolicy.view(p, { minutesStatus: s })),
    discussion: minutesPolicy.readDiscussion(p),
    includeArchivedBodies: meetingsPolicy.seeArchivedBodies(p),
  };
}

/**
 * Minutes: per agenda item a discussion summary (insiders only), a public summary and the
 * outcome; the minutes of the meeting as a whole go draft → circulated → approved, approval
 * only through a decision of a later meeting.
 */
export function minutesService(deps: { db: Database; meetings: MeetingsPort }) {
  const repo = minutesRepository(deps.db);
  const { meetings } = deps;

  function requireWriter(ctx: RequestContext): void {
    if (!minutesPolicy.write(ctx.principal)) throw new Forbidden();
  }

  /** The meeting if the viewer may read its minutes; 404 otherwise, so unpublished minutes do not leak. */
  async function visibleMeeting(ctx: RequestContext, meetingId: string): Promise<MeetingRef> {
    const meeting = await meetings.get(ctx, meetingId);
    if (!minutesPolicy.view(ctx.principal, meeting)) throw new NotFound(NOT_FOUND);
    return meeting;
  }

  /** The viewer's items with their minutes, filtered by item (Part II) and by reader (discussion). */
  async function itemsWithMinutes(ctx: RequestContext, meeting: MeetingRef) {
    const items = (await meetings.listItems(ctx, meeting.id)).filter((i) => minutesPolicy.viewItem(ctx.principal, i));
    const rows = new Map(
      (
        await repo.listForItems(
          ctx.partnership.id,
          items.map((i) => i.id),
        )
      ).map((r) => [r.agendaItemId, r]),
    );
    const insider = minutesPolicy.readDiscussion(ctx.principal);
    return items.map((item) => {
      const row = rows.get(item.id) ?? EMPTY;
      const minutes: ItemMinutesView = insider
        ? { discussion: row.discussion, publicSummary: row.publicSummary, outcome: row.outcome, version: row.version }
        : { publicSummary: row.publicSummary, outcome: row.outcome, version: row.version };
      return { item, minutes };
    });
  }

  async function recordMeetingChange(tx: Executor, ctx: RequestContext, action: string, before: MeetingRow, after: MeetingRow): Promise<void> {
    await recordAudit(tx, {
      partnershipId: ctx.partnership.id,
      actor: actorOf(ctx),
      requestId: ctx.requestId,
      recordType: MEETING,
      recordId: after.id,
      action,
      before: auditSnapshot({ minutesStatus: before.minutesStatus, status: before.status, minutesApprovedByDecisionId: before.minutesApprovedByDecisionId }),
      after: auditSnapshot({ minutesStatus: after.minutesStatus, status: after.status, minutesApprovedByDecisionId: after.minutesApprovedByDecisionId }),
    });
  }

  async function lockedMeeting(r: MinutesRepository, ctx: RequestContext, meetingId: string): Promise<MeetingRow> {
    const row = await r.lockMeeting(ctx.partnership.id, meetingId);
    if (!row) throw new NotFound("Meeting not found");
    return row;
  }

  /** Minutes are written for a meeting that took place, until they are approved. */
  function requireWritable(meeting: Pick<MeetingRef, "status" | "minutesStatus">): void {
    if (meeting.status === "cancelled" || meeting.status === "postponed")
      throw stateConflict(`This meeting was ${meeting.status}, so it has no minutes`, `meeting_${meeting.status}`);
    if (meeting.minutesStatus === "approved")
      throw stateConflict("These minutes have been approved; only a decision of a later meeting could change them", "minutes_approved");
  }

  return {
    /** The contract for other modules: each visible item's minutes; none when the viewer may not read them yet. */
    async forMeeting(ctx: RequestContext, meetingId: string): Promise<Map<string, Omit<ItemMinutesView, "version">>> {
      const meeting = await meetings.get(ctx, meetingId);
      if (!minutesPolicy.view(ctx.principal, meeting)) return new Map();
      return new Map(
        (await itemsWithMinutes(ctx, meeting))
          .filter(({ minutes }) => minutes.version > 0)
          .map(({ item, minutes: { version: _v, ...text } }) => [item.id, text]),
      );
    },

    /** Site-wide search: the items' minutes this viewer may read that match the words, best match first, then newest. */
    async search(ctx: RequestContext, q: string, options: { limit: number; offset: number }): Promise<MinutesSearchRow[]> {
      return repo.search(ctx.partnership.id, minutesSearchVisibility(ctx.principal), q, options.limit, options.offset);
    },

    /** The minutes page and API: every visible item with its minutes, and who approved them. */
    async get(ctx: RequestContext, meetingId: string): Promise<MeetingMinutes> {
      const meeting = await visibleMeeting(ctx, meetingId);
      const items = await itemsWithMinutes(ctx, meeting);
      let approvedBy: MeetingMinutes["approvedBy"] = null;
      if (meeting.minutesApprovedByDecisionId) {
        const at = await repo.meetingOfDecision(ctx.partnership.id, meeting.minutesApprovedByDecisionId);
        let visible: { id: string; startsAt: Date; title: string | null } | null = null;
        if (at) {
          try {
            const m = await meetings.get(ctx, at.id);
            visible = { id: m.id, startsAt: m.startsAt, title: m.title };
          } catch (err) {
            if (!(err instanceof NotFound)) throw err;
          }
        }
        approvedBy = { decisionId: meeting.minutesApprovedByDecisionId, meeting: visible };
      }
      return { meeting, items, approvedBy };
    },

    /**
     * Writes one item's minutes, if they are still the version the writer read (0: the item had
     * none). 409 with the newer minutes when someone else saved first.
     */
    async updateItem(
      ctx: RequestContext,
      meetingId: string,
      itemId: string,
      version: number,
      changes: ItemMinutesChanges,
    ): Promise<ItemMinutesView & { item: MeetingItemRef }> {
      requireWriter(ctx);
      const meeting = await meetings.get(ctx, meetingId);
      const found = (await meetings.listItems(ctx, meeting.id)).find((i) => i.id === itemId && minutesPolicy.viewItem(ctx.principal, i));
      if (!found) throw new NotFound(ITEM_NOT_FOUND);
      const item: MeetingItemRef = found;
      const view = (row: Pick<ItemMinutesRow, "discussion" | "publicSummary" | "outcome" | "version">) => ({
        item,
        discussion: row.discussion,
        publicSummary: row.publicSummary,
        outcome: row.outcome,
        version: row.version,
      });
      const write = () =>
        deps.db.transaction(async (tx) => {
          const r = minutesRepository(tx);
          requireWritable(await lockedMeeting(r, ctx, meeting.id));
          const before = await r.find(ctx.partnership.id, item.id);
          let after: ItemMinutesRow | undefined;
          if (!before) {
            if (version !== 0) throw new Conflict("These minutes have been removed since you read them", { ...EMPTY });
            after = await r.insert({ partnershipId: ctx.partnership.id, agendaItemId: item.id, ...changes });
            if (!after) throw new Conflict(undefined, (await r.find(ctx.partnership.id, item.id)) ?? { ...EMPTY });
          } else {
            if (before.version !== version) throw new Conflict(undefined, before);
            after = await r.update(ctx.partnership.id, item.id, version, changes);
            if (!after) throw new Conflict(undefined, (await r.find(ctx.partnership.id, item.id)) ?? before);
          }
          await recordAudit(tx, {
            partnershipId: ctx.partnership.id,
            actor: actorOf(ctx),
            requestId: ctx.requestId,
            recordType: ITEM_MINUTES,
            recordId: item.id,
            action: before ? "update" : "create",
            before: before ? auditSnapshot(audited(before)) : null,
            after: auditSnapshot(audited(after)),
          });
          return view(after);
        });
      try {
        return await write();
      } catch (err) {
        // The newer minutes, with the item they belong to, for the conflict page and the API's 409.
        if (err instanceof Conflict && err.current) throw new Conflict(err.message, view(err.current as ItemMinutesRow));
        throw err;
      }
    },

    /**
     * Starts drafting the minutes of a meeting that was held (the meeting becomes "minutes
     * drafted"), or returns circulated minutes to draft for changes.
     */
    async markDraft(ctx: RequestContext, meetingId: string): Promise<MeetingRow> {
      requireWriter(ctx);
      const meeting = await meetings.get(ctx, meetingId);
      return deps.db.transaction(async (tx) => {
        const r = minutesRepository(tx);
        const before = await lockedMeeting(r, ctx, meeting.id);
        requireWritable(before);
        if (before.minutesStatus === "draft") throw stateConflict("These minutes are already in draft", "minutes_draft");
        if (before.minutesStatus === null && before.status !== "held" && before.status !== "minutes_drafted")
          throw stateConflict("Record the meeting as held before drafting its minutes", "meeting_not_held");
        const after = await r.setMinutesStatus(ctx.partnership.id, meeting.id, { minutesStatus: "draft", status: "minutes_drafted" });
        await recordMeetingChange(tx, ctx, before.minutesStatus === "circulated" ? "return_minutes_to_draft" : "draft_minutes", before, after);
        return after;
      });
    },

    /** Circulates draft minutes to members, ahead of their approval at a later meeting. */
    async circulate(ctx: RequestContext, meetingId: string): Promise<MeetingRow> {
      requireWriter(ctx);
      const meeting = await meetings.get(ctx, meetingId);
      return deps.db.transaction(async (tx) => {
        const r = minutesRepository(tx);
        const before = await lockedMeeting(r, ctx, meeting.id);
        requireWritable(before);
        if (before.minutesStatus !== "draft")
          throw stateConflict(
            before.minutesStatus === "circulated" ? "These minutes have already been circulated" : "Start drafting the minutes before circulating them",
            before.minutesStatus === "circulated" ? "minutes_circulated" : "minutes_not_drafted",
          );
        const after = await r.setMinutesStatus(ctx.partnership.id, meeting.id, { minutesStatus: "circulated", status: "minutes_drafted" });
        await recordMeetingChange(tx, ctx, "circulate_minutes", before, after);
        return after;
      });
    },

    /**
     * Approves a meeting's minutes through a decision of a later meeting of the same body, inside
     * the decision's transaction (the decisions module calls this): the minutes become approved,
     * name the decision, and the meeting becomes "minutes approved".
     */
    async approveMinutes(tx: Executor, ctx: RequestContext, meetingId: string, decisionId: string): Promise<MeetingRow> {
      requireWriter(ctx);
      const r = minutesRepository(tx);
      const before = await lockedMeeting(r, ctx, meetingId);
      if (before.minutesStatus === "approved") throw stateConflict("These minutes have already been approved", "minutes_approved");
      requireWritable(before);
      const at = await r.meetingOfDecision(ctx.partnership.id, decisionId);
      if (!at || at.bodyId !== before.bodyId || at.startsAt.getTime() <= before.startsAt.getTime()) {
        throw new ValidationFailed({ approvesMinutesOfMeetingId: "Minutes are approved by a decision of a later meeting of the same body" });
      }
      const after = await r.setMinutesStatus(ctx.partnership.id, meetingId, {
        minutesStatus: "approved",
        status: "minutes_approved",
        minutesApprovedByDecisionId: decisionId,
      });
      await recordMeetingChange(tx, ctx, "approve_minutes", before, after);
      return after;
    },
  };
}

export type MinutesService = ReturnType<typeof minutesService>;
