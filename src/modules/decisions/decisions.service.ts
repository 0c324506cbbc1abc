import type { Database, Executor } from "../../platform/db/client.ts";
import { listHistory } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import { maySeeItem } from "../meetings/confidentiality.ts";
import {
  decisionsRepository,
  type DecisionRow,
  type DecisionSearchRow,
  type DecisionView,
  type DecisionsRepository,
  type ItemContext,
} from "./decisions.repository.ts";
import { decisionsPolicy } from "./decisions.policy.ts";
import type { DecisionChanges, DecisionFilter, DecisionInput, SupersedeInput } from "./decisions.schema.ts";

export const DECISION = "decision";
const NOT_FOUND = "Decision not found";
const ITEM_NOT_FOUND = "Agenda item not found";

/** What the decisions module needs from attendance: whether the meeting was quorate for each item. */
export interface QuorumSource {
  quorumForMeeting(ctx: RequestContext, meetingId: string): Promise<{ perItem: ReadonlyMap<string, { quorate: boolean }> }>;
}

/** What it needs from minutes: approving an earlier meeting's minutes inside the decision's transaction. */
export interface MinutesApprover {
  approveMinutes(tx: Executor, ctx: RequestContext, meetingId: string, decisionId: string): Promise<unknown>;
}

/** What it needs from the forward plan: a recommendation lands on the other body's plan. */
export interface RecommendationSink {
  addFromRecommendation(tx: Executor, ctx: RequestContext, decision: DecisionRow): Promise<unknown>;
}

export interface DecisionsDeps {
  db: Database;
  forwardPlan: RecommendationSink;
  /** Until the attendance module is registered, no decision is flagged as taken while inquorate. */
  attendance?: QuorumSource | undefined;
  /** Until the minutes module is registered, decisions cannot approve minutes. */
  minutes?: MinutesApprover | undefined;
}

/** A decision with everything the log, the page, the CSV and the API show about it. */
export interface DecisionRecord extends DecisionView {
  bodies: { id: string; name: string }[];
  organisations: { id: string; name: string }[];
  approvesMinutesOf: { meetingId: string; startsAt: Date; title: string | null }[];
  /** Whether the viewer may see the decision that replaced this one (else the chain shows no link). */
  supersededByVisible: boolean;
  /** Decisions this one replaced that the viewer may see. */
  supersedesIds: string[];
}

/** The decision page: the record, its status chain in both directions, and which of it the viewer may see. */
export interface DecisionDetail {
  record: DecisionRecord;
  /** The decision that replaced this one, if the viewer may see it. */
  supersededBy: DecisionView | null;
  supersedes: DecisionView[];
}

const londonDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The calendar date of an instant in England: a decision is dated by its meeting's day there. */
export function londonDateOf(instant: Date): string {
  return londonDate.format(instant);
}

/** Refused because of the decision's state (already superseded, rescinded), not its version. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

/** Decisions: recorded against agenda items, linked, superseded or rescinded, listed and exported. */
export function decisionsService(deps: DecisionsDeps) {
  const repo = decisionsRepository(deps.db);

  function requireManager(ctx: RequestContext): void {
    if (!decisionsPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  const visibility = (ctx: RequestContext) => decisionsPolicy.visibility(ctx.principal);
  const mayView = (ctx: RequestContext, v: DecisionView) => decisionsPolicy.view(ctx.principal, v.meeting, v.item, v.body);

  async function withLinks(ctx: RequestContext, views: DecisionView[]): Promise<DecisionRecord[]> {
    const ids = views.map((v) => v.decision.id);
    const [links, approvals, chains] = await Promise.all([
      repo.linksFor(ctx.partnership.id, ids),
      repo.minutesApprovedBy(ctx.partnership.id, ids),
      repo.chains(
        ctx.partnership.id,
        visibility(ctx),
        views.map((v) => v.decision),
      ),
    ]);
    return views.map((v) => ({
      ...v,
      bodies: links.bodies.get(v.decision.id) ?? [],
      organisations: links.organisations.get(v.decision.id) ?? [],
      approvesMinutesOf: approvals.get(v.decision.id) ?? [],
      supersededByVisible: v.decision.supersededByDecisionId !== null && chains.visibleTargets.has(v.decision.supersededByDecisionId),
      supersedesIds: chains.supersedes.get(v.decision.id) ?? [],
    }));
  }

  /** A decision this viewer may see; 404 otherwise, so hidden decisions are indistinguishable from missing ones. */
  async function getView(ctx: RequestContext, id: string): Promise<DecisionView> {
    const view = await repo.findView(ctx.partnership.id, id);
    if (!view || !mayView(ctx, view)) throw new NotFound(NOT_FOUND);
    return view;
  }

  /** An agenda item the viewer may see, with its meeting and body; 404 otherwise. */
  async function itemContext(ctx: RequestContext, meetingId: string, itemId: string): Promise<ItemContext> {
    const found = await repo.findItemContext(ctx.partnership.id, meetingId, itemId);
    if (!found || !maySeeItem(ctx.principal, found.meeting, found.item)) throw new NotFound(ITEM_NOT_FOUND);
    return found;
  }

  /** Checks the links and the recommendation's receiving body; field errors name what to correct. */
  async function checkReferences(
    r: DecisionsRepository,
    ctx: RequestContext,
    values: { bodyIds?: string[] | undefined; organisationIds?: string[] | undefined },
  ) {
    const pid = ctx.partnership.id;
    if (values.bodyIds?.length) {
      const found = await r.existingBodies(pid, values.bodyIds);
      if (found.length !== values.bodyIds.length) throw new ValidationFailed({ bodyIds: "Select bodies from the list" });
    }
    if (values.organisationIds?.length) {
      const found = await r.existingOrganisations(pid, values.organisationIds);
      if (found.length !== values.organisationIds.length) throw new ValidationFailed({ organisationIds: "Select organisations from the list" });
    }
  }

  async function snapshotOf(r: DecisionsRepository, ctx: RequestContext, row: DecisionRow) {
    return { ...row, ...(await r.linkIds(ctx.partnership.id, row.id)) };
  }

  return {
    getView,
    itemContext,

    /** A page of the decision log (limit + 1 records); Part II and unpublished decisions are filtered in the query. */
    async list(ctx: RequestContext, filter: DecisionFilter, page: number, limit: number): Promise<DecisionRecord[]> {
      return withLinks(ctx, await repo.list(ctx.partnership.id, visibility(ctx), filter, page, limit));
    },

    /** Every decision matching the filters that the viewer may see, for the CSV export (capped; see EXPORT_LIMIT). */
    async listForExport(ctx: RequestContext, filter: DecisionFilter): Promise<DecisionRecord[]> {
      return withLinks(ctx, await repo.listForExport(ctx.partnership.id, visibility(ctx), filter));
    },

    /** Site-wide search: the decisions this viewer may see that match the words, best match first, then newest. */
    async search(ctx: RequestContext, q: string, options: { limit: number; offset: number }): Promise<DecisionSearchRow[]> {
      return repo.search(ctx.partnership.id, visibility(ctx), q, options.limit, options.offset);
    },

    /** A meeting's decisions that the viewer may see, in agenda order (for the meeting page and minutes). */
    async listForMeeting(ctx: RequestContext, meetingId: string): Promise<DecisionRecord[]> {
      return withLinks(ctx, await repo.listForMeeting(ctx.partnership.id, visibility(ctx), meetingId));
    },

    /**
     * The decisions among `ids` that the viewer may see, in one query (Part II and unheld meetings
     * are filtered in the WHERE clause), for batch readers such as the portfolio dashboard.
     */
    async listByIds(ctx: RequestContext, ids: readonly string[]): Promise<DecisionView[]> {
      return repo.visibleAmong(ctx.partnership.id, visibility(ctx), ids);
    },

    /** One decision as the API presents it. */
    async get(ctx: RequestContext, id: string): Promise<DecisionRecord> {
      const [record] = await withLinks(ctx, [await getView(ctx, id)]);
      return record!;
    },

    /** The decision page: the decision, its links, and its status chain as far as the viewer may see it. */
    async getDetail(ctx: RequestContext, id: string): Promise<DecisionDetail> {
      const view = await getView(ctx, id);
      const v = visibility(ctx);
      const [[record], supersedes, [supersededBy]] = await Promise.all([
        withLinks(ctx, [view]),
        repo.supersededBy(ctx.partnership.id, v, id),
        repo.visibleAmong(ctx.partnership.id, v, view.decision.supersededByDecisionId ? [view.decision.supersededByDecisionId] : []),
      ]);
      return { record: record!, supersedes, supersededBy: supersededBy ?? null };
    },

    /** The ids of the bodies and organisations a decision concerns (for the correction form). */
    async linkIds(ctx: RequestContext, id: string) {
      await getView(ctx, id);
      return repo.linkIds(ctx.partnership.id, id);
    },

    /** Earlier meetings of the item's body whose minutes this item may approve (only on a "minutes of the last meeting" item). */
    async minutesChoices(ctx: RequestContext, context: ItemContext) {
      if (context.item.kind !== "minutes_of_last_meeting") return [];
      return repo.earlierMeetings(ctx.partnership.id, context.meeting.bodyId, context.meeting.startsAt);
    },

    /** Whether this deployment can approve minutes through a decision yet. */
    canApproveMinutes: () => deps.minutes !== undefined,

    /**
     * Records a decision against an agenda item. Its body, meeting and date come from the item; it
     * is flagged when the meeting was not quorate for the item. In the same transaction it may
     * approve an earlier meeting's minutes, and a recommendation lands on the other body's forward plan.
     */
    async create(ctx: RequestContext, input: DecisionInput): Promise<DecisionRow> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      const meetingId = await repo.meetingOfItem(pid, input.agendaItemId);
      if (!meetingId) throw new NotFound(ITEM_NOT_FOUND);
      const context = await itemContext(ctx, meetingId, input.agendaItemId);
      if (context.meeting.status === "cancelled")
        throw stateConflict("This meeting was cancelled, so no decisions can be recorded against it", "meeting_cancelled");
      if (input.kind === "recommended") {
        if (!input.recommendedToBodyId) throw new ValidationFailed({ recommendedToBodyId: "Select the body the recommendation goes to" });
        const [to] = await repo.existingBodies(pid, [input.recommendedToBodyId]);
        if (!to) throw new ValidationFailed({ recommendedToBodyId: "Select the body the recommendation goes to" });
        if (to.archivedAt) throw new ValidationFailed({ recommendedToBodyId: `${to.name} is archived; select a current body` });
        if (to.id === context.body.id)
          throw new ValidationFailed({ recommendedToBodyId: "A body cannot make a recommendation to itself; select another body" });
      } else if (input.recommendedToBodyId) {
        throw new ValidationFailed({ recommendedToBodyId: "Only a recommendation goes to another body" });
      }
      await checkReferences(repo, ctx, input);

      let approves: { id: string } | undefined;
      if (input.approvesMinutesOfMeetingId) {
        const field = "approvesMinutesOfMeetingId";
        if (context.item.kind !== "minutes_of_last_meeting")
          throw new ValidationFailed({ [field]: "Only a decision on the minutes of the last meeting can approve minutes" });
        if (!deps.minutes) throw new ValidationFailed({ [field]: "Minutes cannot be approved through a decision yet" });
        const earlier = await repo.findMeeting(pid, input.approvesMinutesOfMeetingId);
        if (!earlier || earlier.bodyId !== context.meeting.bodyId || earlier.startsAt >= context.meeting.startsAt) {
          throw new ValidationFailed({ [field]: "Select an earlier meeting of the same body" });
        }
        if (earlier.minutesStatus === "approved") throw new ValidationFailed({ [field]: "The minutes of that meeting have already been approved" });
        approves = earlier;
      }

      // Quorum is read before the transaction: it is the attendance module's reading of the meeting.
      const quorum = deps.attendance ? await deps.attendance.quorumForMeeting(ctx, meetingId) : null;
      const takenWhileInquorate = quorum?.perItem.get(input.agendaItemId)?.quorate === false;

      return deps.db.transaction(async (tx) => {
        const r = decisionsRepository(tx);
        const row = await r.insert({
          partnershipId: pid,
          bodyId: context.meeting.bodyId,
          meetingId,
          agendaItemId: input.agendaItemId,
          decidedOn: londonDateOf(context.meeting.startsAt),
          text: input.text,
          kind: input.kind,
          recommendedToBodyId: input.recommendedToBodyId,
          takenWhileInquorate,
          position: await r.nextPosition(pid, input.agendaItemId),
        });
        await r.replaceLinks(pid, row.id, input);
        await auditedCreate(tx, ctx, DECISION, { ...row, bodyIds: [...input.bodyIds].sort(), organisationIds: [...input.organisationIds].sort() });
        if (approves && deps.minutes) await deps.minutes.approveMinutes(tx, ctx, approves.id, row.id);
        if (row.kind === "recommended") await deps.forwardPlan.addFromRecommendation(tx, ctx, row);
        return row;
      });
    },

    /** Corrects a decision's text, kind or links; a recommendation stays a recommendation (its forward plan entry depends on it). */
    async update(ctx: RequestContext, id: string, version: number, changes: DecisionChanges): Promise<DecisionRow> {
      requireManager(ctx);
      const current = await getView(ctx, id);
      if (changes.kind !== undefined && changes.kind !== current.decision.kind && (changes.kind === "recommended" || current.decision.kind === "recommended")) {
        throw new ValidationFailed({
          kind:
            current.decision.kind === "recommended"
              ? "A recommendation to another body cannot become another kind of decision; rescind it and record a new decision"
              : "To recommend to another body, record a new decision",
        });
      }
      await checkReferences(repo, ctx, changes);
      return deps.db.transaction(async (tx) => {
        const r = decisionsRepository(tx);
        const pid = ctx.partnership.id;
        const { bodyIds, organisationIds, ...fields } = changes;
        const after = await auditedUpdate(tx, ctx, {
          recordType: DECISION,
          notFound: NOT_FOUND,
          find: async () => {
            const row = await r.find(pid, id);
            return row ? snapshotOf(r, ctx, row) : undefined;
          },
          write: async () => {
            const row = await r.update(pid, id, version, fields);
            if (!row) return undefined;
            await r.replaceLinks(pid, id, { bodyIds, organisationIds });
            return snapshotOf(r, ctx, row);
          },
        });
        const { bodyIds: _b, organisationIds: _o, ...row } = after;
        return row;
      });
    },

    /** Decisions that may replace this one: in force, of its body or the bodies it concerns, taken on or after it. */
    async supersedeChoices(ctx: RequestContext, id: string): Promise<DecisionView[]> {
      const view = await getView(ctx, id);
      const links = await repo.linkIds(ctx.partnership.id, id);
      return repo.supersedeChoices(ctx.partnership.id, visibility(ctx), [view.decision.bodyId, ...links.bodyIds], view.decision.decidedOn, id);
    },

    /** Marks an in-force decision as superseded by a later one, which must itself be in force. */
    async supersede(ctx: RequestContext, id: string, input: SupersedeInput): Promise<DecisionRow> {
      requireManager(ctx);
      const view = await getView(ctx, id);
      const field = "supersededByDecisionId";
      if (input.supersededByDecisionId === id) throw new ValidationFailed({ [field]: "A decision cannot supersede itself" });
      const replacement = await repo.findView(ctx.partnership.id, input.supersededByDecisionId);
      if (!replacement || !mayView(ctx, replacement)) throw new ValidationFailed({ [field]: "Select the decision that replaces this one" });
      if (replacement.decision.status !== "in_force") throw new ValidationFailed({ [field]: "The replacing decision must itself be in force" });
      if (replacement.decision.decidedOn < view.decision.decidedOn)
        throw new ValidationFailed({ [field]: "The replacing decision must have been taken on or after this one" });
      return deps.db.transaction(async (tx) => {
        const r = decisionsRepository(tx);
        const pid = ctx.partnership.id;
        return auditedUpdate(tx, ctx, {
          recordType: DECISION,
          action: "supersede",
          notFound: NOT_FOUND,
          find: () => r.find(pid, id),
          write: async (before) => {
            if (before.version === input.version && before.status !== "in_force") {
              throw stateConflict(`This decision is already ${before.status === "rescinded" ? "rescinded" : "superseded"}`, "not_in_force");
            }
            return r.update(pid, id, input.version, { status: "superseded", supersededByDecisionId: input.supersededByDecisionId });
          },
        });
      });
    },

    /** Rescinds an in-force decision: it stays on the record, no longer in force. */
    async rescind(ctx: RequestContext, id: string, version: number): Promise<DecisionRow> {
      requireManager(ctx);
      await getView(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = decisionsRepository(tx);
        const pid = ctx.partnership.id;
        return auditedUpdate(tx, ctx, {
          recordType: DECISION,
          action: "rescind",
          notFound: NOT_FOUND,
          find: () => r.find(pid, id),
          write: async (before) => {
            if (before.version === version && before.status !== "in_force") {
              throw stateConflict(`This decision is already ${before.status === "rescinded" ? "rescinded" : "superseded"}`, "not_in_force");
            }
            return r.update(pid, id, version, { status: "rescinded" });
          },
        });
      });
    },

    /** Who changed the decision, and how; only for insiders, and only for decisions they may see. */
    async history(ctx: RequestContext, id: string) {
      if (!decisionsPolicy.viewHistory(ctx.principal)) return null;
      await getView(ctx, id);
      return listHistory(deps.db, ctx.partnership.id, DECISION, id);
    },
  };
}

export type DecisionsService = ReturnType<typeof decisionsService>;
