import type { Database, Executor } from "../../platform/db/client.ts";
import { listHistory } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import type { AgendaItemInput } from "../meetings/meetings.schema.ts";
import type { DecisionKind } from "../decisions/decisions.tables.ts";
import {
  forwardPlanRepository,
  OPEN_MEETING_STATUSES,
  type ForwardPlanRepository,
  type ForwardPlanRow,
  type ForwardPlanView,
} from "./forward-plan.repository.ts";
import { forwardPlanPolicy } from "./forward-plan.policy.ts";
import type { ForwardPlanChanges, ForwardPlanInput, ScheduleInput } from "./forward-plan.schema.ts";

export const FORWARD_PLAN_ENTRY = "forward_plan_entry";
const NOT_FOUND = "Forward plan entry not found";
const BODY_NOT_FOUND = "Body not found";

/** What the forward plan needs from meetings: putting an item on a meeting's agenda, inside the caller's transaction. */
export interface AgendaItemAdder {
  addItem(ctx: RequestContext, meetingId: string, input: AgendaItemInput, tx?: Executor): Promise<{ id: string }>;
}

/** A recommendation as the forward plan receives it from the decisions module. */
export interface Recommendation {
  id: string;
  text: string;
  kind: DecisionKind;
  bodyId: string;
  recommendedToBodyId: string | null;
}

export interface ForwardPlanDeps {
  db: Database;
  /** Until the meetings module is registered, entries cannot be scheduled onto a meeting. */
  meetings?: AgendaItemAdder | undefined;
  now?: () => Date;
}

/** Refused because of the entry's state (already scheduled, removed), not its version. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

/** A stored target month (first day) as YYYY-MM, and back. */
export const monthOf = (date: string | null) => (date ? date.slice(0, 7) : null);
const firstDayOf = (month: string | null | undefined) => (month ? `${month}-01` : month);

/** The first line of a recommendation, short enough for a forward plan title. */
export function titleFromRecommendation(text: string): string {
  const oneLine = text.replace(/\s+/g, " ").trim();
  if (oneLine.length <= 200) return oneLine;
  const cut = oneLine.slice(0, 200);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 150)).trimEnd()}…`;
}

/** Forward plans: each body's future business, from which agenda items are scheduled. */
export function forwardPlanService(deps: ForwardPlanDeps) {
  const repo = forwardPlanRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  function requireManager(ctx: RequestContext): void {
    if (!forwardPlanPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  async function getBody(ctx: RequestContext, bodyId: string) {
    const body = await repo.findBody(ctx.partnership.id, bodyId);
    if (!body) throw new NotFound(BODY_NOT_FOUND);
    return body;
  }

  /** The body, if the viewer may read its forward plan; 404 otherwise (the public reads plans of bodies that meet in public). */
  async function planBody(ctx: RequestContext, bodyId: string) {
    const body = await getBody(ctx, bodyId);
    if (!forwardPlanPolicy.viewPlanOf(ctx.principal, body)) throw new NotFound(BODY_NOT_FOUND);
    return body;
  }

  /** An entry the viewer may see; 404 otherwise (including entries from decisions they may not see). */
  async function get(ctx: RequestContext, id: string): Promise<ForwardPlanView> {
    const view = await repo.findView(ctx.partnership.id, id, forwardPlanPolicy.sourceVisibility(ctx.principal));
    if (!view || view.entry.archivedAt) throw new NotFound(NOT_FOUND);
    const body = await repo.findBody(ctx.partnership.id, view.entry.bodyId);
    if (!body || !forwardPlanPolicy.viewPlanOf(ctx.principal, body)) throw new NotFound(NOT_FOUND);
    return view;
  }

  /** Checks a target meeting (a coming meeting of the body) and an owner (a current person). */
  async function checkReferences(
    r: ForwardPlanRepository,
    ctx: RequestContext,
    bodyId: string,
    values: { targetMeetingId?: string | null | undefined; ownerPersonId?: string | null | undefined },
  ) {
    const pid = ctx.partnership.id;
    if (values.targetMeetingId) {
      const meeting = await r.findMeeting(pid, values.targetMeetingId);
      if (!meeting || meeting.bodyId !== bodyId) throw new ValidationFailed({ targetMeetingId: "Select a meeting of this body from the list" });
    }
    if (values.ownerPersonId && !(await r.personExists(pid, values.ownerPersonId)))
      throw new ValidationFailed({ ownerPersonId: "Select a person from the list" });
  }

  return {
    get,

    /** A body's whole current forward plan, ordered by target (the contract other modules use). */
    async listForBody(ctx: RequestContext, bodyId: string): Promise<ForwardPlanView[]> {
      await planBody(ctx, bodyId);
      return repo.list(ctx.partnership.id, bodyId, forwardPlanPolicy.sourceVisibility(ctx.principal), {}, 1, 1000);
    },

    /** A page of a body's forward plan (limit + 1 rows). */
    async list(ctx: RequestContext, bodyId: string, filter: { scheduled?: boolean | undefined }, page: number, limit: number): Promise<ForwardPlanView[]> {
      await planBody(ctx, bodyId);
      return repo.list(ctx.partnership.id, bodyId, forwardPlanPolicy.sourceVisibility(ctx.principal), filter, page, limit);
    },

    /** The body whose plan it is, for page headings (404 for bodies of other partnerships). */
    body: getBody,

    /** The body whose plan the viewer reads (404 when they may not read it). */
    planBody,

    /** Coming meetings of the body, for the target and scheduling pickers. */
    openMeetings: (ctx: RequestContext, bodyId: string) => repo.openMeetings(ctx.partnership.id, bodyId, now()),

    /** Whether entries can be scheduled onto meetings yet (the meetings module must be registered). */
    canSchedule: () => deps.meetings !== undefined,

    async create(ctx: RequestContext, input: ForwardPlanInput): Promise<ForwardPlanRow> {
      requireManager(ctx);
      const body = await getBody(ctx, input.bodyId);
      if (body.archivedAt) throw stateConflict(`${body.name} is archived; restore it before planning its business`, "body_archived");
      await checkReferences(repo, ctx, body.id, input);
      return deps.db.transaction(async (tx) =>
        auditedCreate(
          tx,
          ctx,
          FORWARD_PLAN_ENTRY,
          await forwardPlanRepository(tx).insert({
            partnershipId: ctx.partnership.id,
            bodyId: body.id,
            title: input.title,
            kind: input.kind,
            targetMeetingId: input.targetMeetingId,
            targetMonth: firstDayOf(input.targetMonth) ?? null,
            ownerPersonId: input.ownerPersonId,
          }),
        ),
      );
    },

    async update(ctx: RequestContext, id: string, version: number, changes: ForwardPlanChanges): Promise<ForwardPlanRow> {
      requireManager(ctx);
      const current = await get(ctx, id);
      await checkReferences(repo, ctx, current.entry.bodyId, changes);
      const { targetMonth, ...rest } = changes;
      const values = { ...rest, ...(targetMonth !== undefined ? { targetMonth: firstDayOf(targetMonth) ?? null } : {}) };
      // Choosing a meeting replaces a month, and the other way round.
      if (values.targetMeetingId) values.targetMonth = null;
      if (values.targetMonth) values.targetMeetingId = null;
      return deps.db.transaction(async (tx) => {
        const r = forwardPlanRepository(tx);
        return auditedUpdate(tx, ctx, {
          recordType: FORWARD_PLAN_ENTRY,
          notFound: NOT_FOUND,
          find: () => r.find(ctx.partnership.id, id),
          write: () => r.update(ctx.partnership.id, id, version, values),
        });
      });
    },

    /** Takes an entry off the plan (it keeps its history). */
    async remove(ctx: RequestContext, id: string, version: number): Promise<ForwardPlanRow> {
      requireManager(ctx);
      await get(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = forwardPlanRepository(tx);
        return auditedUpdate(tx, ctx, {
          recordType: FORWARD_PLAN_ENTRY,
          action: "remove",
          notFound: NOT_FOUND,
          find: () => r.find(ctx.partnership.id, id),
          write: () => r.update(ctx.partnership.id, id, version, { archivedAt: new Date() }),
        });
      });
    },

    /**
     * Puts an entry on a coming meeting's agenda (meetings.addItem) and records the item it became,
     * in one transaction. The owner becomes the presenter; an entry from a Part II recommendation
     * becomes a Part II item.
     */
    async schedule(ctx: RequestContext, id: string, input: ScheduleInput): Promise<{ entry: ForwardPlanRow; agendaItemId: string; meetingId: string }> {
      requireManager(ctx);
      const view = await get(ctx, id);
      const entry = view.entry;
      // Checked first for a clear answer; the versioned write inside the transaction is the guarantee.
      if (entry.version !== input.version) throw new Conflict(undefined, entry);
      if (entry.scheduledAgendaItemId) throw stateConflict("This business is already on an agenda", "already_scheduled");
      const meetingId = input.meetingId ?? entry.targetMeetingId;
      if (!meetingId) throw new ValidationFailed({ meetingId: "Select the meeting to put this on" });
      const meeting = await repo.findMeeting(ctx.partnership.id, meetingId);
      if (!meeting || meeting.bodyId !== entry.bodyId) throw new ValidationFailed({ meetingId: "Select a meeting of this body from the list" });
      if (!OPEN_MEETING_STATUSES.includes(meeting.status))
        throw new ValidationFailed({ meetingId: "That meeting has already taken place or was cancelled; select a coming meeting" });
      if (!deps.meetings) throw stateConflict("Business cannot be put on an agenda from the forward plan yet", "scheduling_unavailable");

      const adder = deps.meetings;
      const part2 = view.source?.confidentiality === "part_2";
      // One transaction: if the entry changed meanwhile (409), the new agenda item is rolled back too.
      const { updated, item } = await deps.db.transaction(async (tx) => {
        const item = await adder.addItem(
          ctx,
          meetingId,
          {
            title: entry.title,
            kind: entry.kind,
            purpose: null,
            durationMinutes: null,
            confidentiality: part2 ? "part_2" : "part_1",
            exemptionReason: part2 ? `Confidential recommendation of ${view.source?.bodyName ?? "another body"}, considered in Part II` : null,
            recommendation: null,
            parentItemId: null,
            presenters: entry.ownerPersonId ? [{ personId: entry.ownerPersonId, roleLabel: null }] : [],
            bodyIds: [],
            organisationIds: [],
          },
          tx,
        );
        const r = forwardPlanRepository(tx);
        const updated = await auditedUpdate(tx, ctx, {
          recordType: FORWARD_PLAN_ENTRY,
          action: "schedule",
          notFound: NOT_FOUND,
          find: () => r.find(ctx.partnership.id, id),
          write: () => r.update(ctx.partnership.id, id, input.version, { scheduledAgendaItemId: item.id, targetMeetingId: meetingId, targetMonth: null }),
        });
        return { updated, item };
      });
      return { entry: updated, agendaItemId: item.id, meetingId };
    },

    /**
     * Puts a recommendation of one body on the forward plan of the body it recommends to, inside
     * the transaction that records the decision (called by the decisions module).
     */
    async addFromRecommendation(tx: Executor, ctx: RequestContext, decision: Recommendation): Promise<ForwardPlanRow | null> {
      if (decision.kind !== "recommended" || !decision.recommendedToBodyId) return null;
      const row = await forwardPlanRepository(tx).insert({
        partnershipId: ctx.partnership.id,
        bodyId: decision.recommendedToBodyId,
        title: titleFromRecommendation(decision.text),
        kind: "decision",
        sourceDecisionId: decision.id,
      });
      return auditedCreate(tx, ctx, FORWARD_PLAN_ENTRY, row);
    },

    async history(ctx: RequestContext, id: string) {
      if (!forwardPlanPolicy.viewHistory(ctx.principal)) return null;
      await get(ctx, id);
      return listHistory(deps.db, ctx.partnership.id, FORWARD_PLAN_ENTRY, id);
    },
  };
}

export type ForwardPlanService = ReturnType<typeof forwardPlanService>;
