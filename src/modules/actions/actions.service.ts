import type { Database } from "../../platform/db/client.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, NotFound, Unauthorised, ValidationFailed } from "../../platform/http/errors.ts";
import type { BodiesService } from "../bodies/bodies.service.ts";
import { actionsRepository, type ActionFilter, type ActionRow, type ActionUpdateRow, type ActionView, type ActionsRepository } from "./actions.repository.ts";
import { actionsPolicy } from "./actions.policy.ts";
import type { ActionChanges, ActionInput, ActionStatusFilter, ActionStatusInput, ActionUpdateInput } from "./actions.schema.ts";
import { presentAction, presentActionHistory, type ActionSummary } from "./actions.presenter.ts";
import type { HistoryEntry } from "../../platform/audit/audit.ts";
import { assertMayEditWorkstream, mayGovernPortfolio } from "../workstreams/portfolio-access.ts";

export const ACTION = "action";
export const ACTION_UPDATE = "action_update";

const NOT_FOUND = "Action not found";
/** The most rows one CSV export carries; the filters narrow larger logs. */
export const EXPORT_CAP = 20_000;

const londonDate = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** Today's date in England as YYYY-MM-DD: "overdue" is judged against the English calendar day. */
export function todayInLondon(now: Date = new Date()): string {
  return londonDate.format(now);
}

/** The agenda item an action is being recorded against, with its meeting and body. */
export interface ItemForAction {
  item: { id: string; title: string; confidentiality: "part_1" | "part_2"; meetingId: string };
  meeting: { id: string; bodyId: string; title: string | null; startsAt: Date; body: { name: string } };
}

/** What actions need of the meetings service: an agenda item this viewer may see (404 otherwise). */
export interface MeetingsForActions {
  getItem(ctx: RequestContext, itemId: string): Promise<ItemForAction>;
  getItemOf(ctx: RequestContext, meetingId: string, itemId: string): Promise<ItemForAction>;
}

/**
 * Actions: who will do what by when, from which meeting, item and decision; progress updates;
 * status changes; the action log, "my actions" and matters arising. Every change is audited.
 */
export function actionsService(deps: { db: Database; bodies: BodiesService; meetings: MeetingsForActions; today?: () => string }) {
  const repo = actionsRepository(deps.db);
  const today = deps.today ?? (() => todayInLondon());

  /** The action if this viewer may see it; 404 otherwise, so hidden actions look like missing ones. */
  async function get(ctx: RequestContext, id: string, r: ActionsRepository = repo): Promise<ActionView> {
    const row = await r.findView(ctx.partnership.id, id);
    if (!row || !actionsPolicy.view(ctx.principal, row)) throw new NotFound(NOT_FOUND);
    return row;
  }

  function requireManager(ctx: RequestContext): void {
    if (!actionsPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  async function checkOwner(r: ActionsRepository, ctx: RequestContext, personId: string, current?: string): Promise<void> {
    const person = await r.findPerson(ctx.partnership.id, personId);
    // An archived owner may stay on an action already theirs, but nobody archived is given a new one.
    if (!person || (person.archivedAt && personId !== current)) throw new ValidationFailed({ ownerPersonId: "Select the person who owns the action" });
  }

  async function checkDecision(r: ActionsRepository, ctx: RequestContext, itemId: string | null, decisionId: string | null): Promise<void> {
    if (decisionId === null) return;
    if (itemId === null) throw new ValidationFailed({ decisionId: "Only an action recorded against an agenda item can be linked to a decision" });
    const onItem = await r.decisionsOnItem(ctx.partnership.id, itemId);
    if (!onItem.some((d) => d.id === decisionId)) throw new ValidationFailed({ decisionId: "Select a decision taken on the same agenda item" });
  }

  /** An agenda item of a meeting for a new action; 404 unless it exists and this viewer may see it. */
  async function findItem(ctx: RequestContext, meetingId: string, itemId: string): Promise<ItemForAction> {
    return deps.meetings.getItemOf(ctx, meetingId, itemId);
  }

  /** Re-reads the stored action after a refused write, so the 409 carries the newer record with its names. */
  async function conflictWithCurrent(ctx: RequestContext, id: string, err: unknown): Promise<never> {
    if (err instanceof Conflict) throw new Conflict(err.message, (await repo.findView(ctx.partnership.id, id)) ?? err.current);
    throw err;
  }

  async function audit<T>(ctx: RequestContext, id: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      return conflictWithCurrent(ctx, id, err);
    }
  }

  /** The mitigating actions of each risk that this viewer may see (risk registers, risk pages, deep dives). */
  async function listForRisks(ctx: RequestContext, riskIds: readonly string[]): Promise<Map<string, ActionSummary[]>> {
    const byRisk = new Map<string, ActionSummary[]>();
    if (riskIds.length === 0) return byRisk;
    const rows = await repo.listForExport(ctx.partnership.id, actionsPolicy.visibility(ctx.principal), { riskIds }, today(), EXPORT_CAP);
    const on = today();
    for (const r of rows) {
      if (!r.riskId) continue;
      const list = byRisk.get(r.riskId) ?? [];
      list.push(presentAction(r, ctx.principal, on));
      byRisk.set(r.riskId, list);
    }
    return byRisk;
  }

  return {
    get,
    listForRisks,
    today,
    findItem,

    /** A page of the action log (limit + 1 rows) that this viewer may see. */
    async list(ctx: RequestContext, filter: ActionFilter, page: number, limit: number): Promise<ActionView[]> {
      return repo.list(ctx.partnership.id, actionsPolicy.visibility(ctx.principal), filter, today(), page, limit);
    },

    /** Every matching action this viewer may see (up to EXPORT_CAP), with its latest update, for the CSV export. */
    async listForExport(ctx: RequestContext, filter: ActionFilter): Promise<ActionView[]> {
      return repo.listForExport(ctx.partnership.id, actionsPolicy.visibility(ctx.principal), filter, today(), EXPORT_CAP);
    },

    /**
     * A page of a workstream's actions (limit + 1 rows) that this viewer may see (Part II and
     * unheld meetings' actions filtered as in the action log). The caller has already checked that
     * the viewer may see the workstream (src/modules/workstreams/portfolio-access.ts).
     */
    async listForWorkstream(
      ctx: RequestContext,
      workstreamId: string,
      options: { status?: ActionStatusFilter | undefined; page: number; limit: number },
    ): Promise<ActionView[]> {
      const visibility = actionsPolicy.visibility(ctx.principal);
      return repo.listForWorkstream(ctx.partnership.id, visibility, workstreamId, options.status, today(), options.page, options.limit);
    },

    /**
     * Outstanding and overdue action counts per workstream as this viewer may see them (Part II
     * and unheld meetings' actions filtered as in the action log), in one query; workstreams
     * without outstanding actions are absent from the map. The caller has checked the workstreams.
     */
    async outstandingForWorkstreams(ctx: RequestContext, workstreamIds: readonly string[]): Promise<Map<string, { outstanding: number; overdue: number }>> {
      const rows = await repo.outstandingCountsForWorkstreams(ctx.partnership.id, actionsPolicy.visibility(ctx.principal), workstreamIds, today());
      return new Map(rows.map((r) => [r.workstreamId, { outstanding: r.outstanding, overdue: r.overdue }]));
    },

    /**
     * The signed-in user's actions: those owned by the people linked to their account. `people` is
     * empty when the account is linked to nobody in the directory (then there are no rows).
     */
    async listMine(
      ctx: RequestContext,
      filter: ActionFilter,
      page: number,
      limit: number,
    ): Promise<{ people: { id: string; name: string }[]; rows: ActionView[] }> {
      const p = ctx.principal;
      if (p.kind !== "user") throw new Unauthorised();
      const linked = await repo.peopleLinkedTo(ctx.partnership.id, p.userId);
      if (linked.length === 0) return { people: [], rows: [] };
      const rows = await repo.list(
        ctx.partnership.id,
        actionsPolicy.visibility(p),
        { ...filter, ownerPersonId: undefined, ownerUserId: p.userId },
        today(),
        page,
        limit,
      );
      return { people: linked, rows };
    },

    /**
     * Matters arising: the body's open and in-progress actions raised at its meetings before
     * `before` (or entered standalone before it), soonest due first, with owner, due date, overdue
     * flag and (unless `brief`) latest update, as this viewer may see them; at most `limit` (1,000
     * by default). The meetings module shows these on the next meeting.
     */
    async openForBody(ctx: RequestContext, bodyId: string, before: Date, options: { limit?: number; brief?: boolean } = {}): Promise<ActionSummary[]> {
      const rows = await repo.openForBody(ctx.partnership.id, actionsPolicy.visibility(ctx.principal), bodyId, before, {
        limit: options.limit ?? 1000,
        withLatestUpdate: !options.brief,
      });
      const on = today();
      return rows.map((r) => presentAction(r, ctx.principal, on));
    },

    /** The actions recorded at a meeting that this viewer may see, in agenda order. */
    async listForMeeting(ctx: RequestContext, meetingId: string): Promise<ActionSummary[]> {
      const rows = await repo.listForMeeting(ctx.partnership.id, actionsPolicy.visibility(ctx.principal), meetingId);
      const on = today();
      return rows.map((r) => presentAction(r, ctx.principal, on));
    },

    /** The mitigating actions of one risk that this viewer may see, soonest due first. */
    async listForRisk(ctx: RequestContext, riskId: string): Promise<ActionSummary[]> {
      return (await listForRisks(ctx, [riskId])).get(riskId) ?? [];
    },

    /**
     * Records a mitigating action on a risk: a standalone action on the given body's action log,
     * linked to the risk and its workstream. Whoever may change the risk's workstream (its
     * assigned contributors, the programme office) may add one; portfolio-level risks are the
     * programme office's (workstreams/portfolio-access.ts).
     */
    async createForRisk(
      ctx: RequestContext,
      riskId: string,
      input: { description: string; ownerPersonId: string; dueOn: string | null; bodyId: string },
    ): Promise<ActionView> {
      if (ctx.principal.kind === "anonymous") throw new Unauthorised();
      const pid = ctx.partnership.id;
      const placement = await repo.riskPlacement(pid, riskId);
      if (!placement) throw new NotFound("Risk not found");
      if (placement.workstreamId) await assertMayEditWorkstream(deps.db, ctx, placement.workstreamId);
      else if (!mayGovernPortfolio(ctx.principal)) throw new Forbidden("Only the programme office may change the portfolio register");
      const body = await deps.bodies.get(ctx, input.bodyId).catch((err: unknown) => {
        if (err instanceof NotFound) return null;
        throw err;
      });
      if (!body) throw new ValidationFailed({ bodyId: "Select the body whose action log holds the action" });
      if (body.archivedAt) throw new ValidationFailed({ bodyId: `${body.name} is archived; select a current body` });
      return deps.db.transaction(async (tx) => {
        const r = actionsRepository(tx);
        await checkOwner(r, ctx, input.ownerPersonId);
        const row = await r.insert({
          partnershipId: pid,
          description: input.description,
          ownerPersonId: input.ownerPersonId,
          dueOn: input.dueOn,
          bodyId: body.id,
          riskId,
          workstreamId: placement.workstreamId,
        });
        await auditedCreate(tx, ctx, ACTION, row);
        return (await r.findView(pid, row.id))!;
      });
    },

    /** Progress updates, newest first; the public reads none (see actionsPolicy.readProgress). */
    async updates(ctx: RequestContext, action: ActionView): Promise<ActionUpdateRow[]> {
      if (!actionsPolicy.readProgress(ctx.principal)) return [];
      return repo.listUpdates(ctx.partnership.id, action.id);
    },

    /** The audit trail of an action and its updates, as people read it; null for those who may not see it. */
    async history(ctx: RequestContext, action: ActionView, updates: readonly ActionUpdateRow[]): Promise<HistoryEntry[] | null> {
      if (!actionsPolicy.viewHistory(ctx.principal)) return null;
      const events = await repo.history(
        ctx.partnership.id,
        action.id,
        updates.map((u) => u.id),
      );
      const ownerIds = new Set<string>();
      for (const e of events) for (const s of [e.before, e.after]) if (typeof s?.ownerPersonId === "string") ownerIds.add(s.ownerPersonId);
      return presentActionHistory(events, await repo.personNames(ctx.partnership.id, [...ownerIds]));
    },

    // -- Pickers for the forms
    ownerChoices: (ctx: RequestContext) => deps.bodies.listPeopleForPicker(ctx),
    bodyChoices: (ctx: RequestContext) => deps.bodies.listForPicker(ctx),
    async decisionChoices(ctx: RequestContext, itemId: string | null) {
      return itemId ? repo.decisionsOnItem(ctx.partnership.id, itemId) : [];
    },

    /** Records an action against an agenda item (meeting and body follow from it) or standalone on a body's log. */
    async create(ctx: RequestContext, input: ActionInput): Promise<ActionView> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      let placement: { bodyId: string; sourceMeetingId: string | null; sourceAgendaItemId: string | null };
      if (input.agendaItemId) {
        const found = await deps.meetings.getItem(ctx, input.agendaItemId).catch((err: unknown) => {
          if (err instanceof NotFound) throw new ValidationFailed({ agendaItemId: "Select an agenda item of a meeting in this partnership" });
          throw err;
        });
        placement = { bodyId: found.meeting.bodyId, sourceMeetingId: found.meeting.id, sourceAgendaItemId: found.item.id };
      } else {
        const body = input.bodyId
          ? await deps.bodies.get(ctx, input.bodyId).catch((err: unknown) => {
              if (err instanceof NotFound) return null;
              throw err;
            })
          : null;
        if (!body) throw new ValidationFailed({ bodyId: "Select the body whose action log holds the action" });
        if (body.archivedAt) throw new ValidationFailed({ bodyId: `${body.name} is archived; select a current body` });
        placement = { bodyId: body.id, sourceMeetingId: null, sourceAgendaItemId: null };
      }
      return deps.db.transaction(async (tx) => {
        const r = actionsRepository(tx);
        await checkOwner(r, ctx, input.ownerPersonId);
        await checkDecision(r, ctx, placement.sourceAgendaItemId, input.decisionId);
        const row = await r.insert({
          partnershipId: pid,
          description: input.description,
          ownerPersonId: input.ownerPersonId,
          dueOn: input.dueOn,
          decisionId: input.decisionId,
          ...placement,
        });
        await auditedCreate(tx, ctx, ACTION, row);
        return (await r.findView(pid, row.id))!;
      });
    },

    /** Changes an action's wording, owner, due date or decision; a stale version is a 409. */
    async update(ctx: RequestContext, id: string, version: number, changes: ActionChanges): Promise<ActionView> {
      requireManager(ctx);
      await get(ctx, id);
      const pid = ctx.partnership.id;
      return audit(ctx, id, () =>
        deps.db.transaction(async (tx) => {
          const r = actionsRepository(tx);
          await auditedUpdate(tx, ctx, {
            recordType: ACTION,
            notFound: NOT_FOUND,
            find: () => r.find(pid, id),
            write: async (before: ActionRow) => {
              if (before.version !== version) return undefined;
              if (changes.ownerPersonId !== undefined) await checkOwner(r, ctx, changes.ownerPersonId, before.ownerPersonId);
              if (changes.decisionId !== undefined) await checkDecision(r, ctx, before.sourceAgendaItemId, changes.decisionId);
              return r.update(pid, id, version, {
                ...(changes.description !== undefined ? { description: changes.description } : {}),
                ...(changes.ownerPersonId !== undefined ? { ownerPersonId: changes.ownerPersonId } : {}),
                ...(changes.dueOn !== undefined ? { dueOn: changes.dueOn } : {}),
                ...(changes.decisionId !== undefined ? { decisionId: changes.decisionId } : {}),
              });
            },
          });
          return (await r.findView(pid, id))!;
        }),
      );
    },

    /**
     * Moves an action to a new status: done on a date (today unless given), dropped with a reason,
     * or back to open or in progress (clearing both). Managers and the action's owner only.
     */
    async changeStatus(ctx: RequestContext, id: string, input: ActionStatusInput): Promise<ActionView> {
      // Refused before the lookup: the public and read-only tokens may never change an action.
      if (!actionsPolicy.progressAny(ctx.principal)) throw new Forbidden();
      const action = await get(ctx, id);
      if (!actionsPolicy.progress(ctx.principal, action)) throw new Forbidden();
      const pid = ctx.partnership.id;
      const on = today();
      let values: Partial<ActionRow>;
      let verb: string;
      switch (input.status) {
        case "done": {
          const completedOn = input.completedOn ?? on;
          if (completedOn > on) throw new ValidationFailed({ completedOn: "The date the action was completed must be today or in the past" });
          values = { status: "done", completedOn, droppedReason: null };
          verb = "complete";
          break;
        }
        case "dropped":
          values = { status: "dropped", droppedReason: input.droppedReason, completedOn: null };
          verb = "drop";
          break;
        default:
          values = { status: input.status, completedOn: null, droppedReason: null };
          verb = action.status === "done" || action.status === "dropped" ? "reopen" : input.status === "in_progress" ? "start" : "set_open";
      }
      return audit(ctx, id, () =>
        deps.db.transaction(async (tx) => {
          const r = actionsRepository(tx);
          await auditedUpdate(tx, ctx, {
            recordType: ACTION,
            action: verb,
            notFound: NOT_FOUND,
            find: () => r.find(pid, id),
            write: (before) => (before.version === input.version ? r.update(pid, id, input.version, values) : Promise.resolve(undefined)),
          });
          return (await r.findView(pid, id))!;
        }),
      );
    },

    /** Adds a dated progress update (today unless given); managers and the action's owner only. */
    async addUpdate(ctx: RequestContext, id: string, input: ActionUpdateInput): Promise<ActionUpdateRow> {
      // Refused before the lookup: the public and read-only tokens may never change an action.
      if (!actionsPolicy.progressAny(ctx.principal)) throw new Forbidden();
      const action = await get(ctx, id);
      if (!actionsPolicy.progress(ctx.principal, action)) throw new Forbidden();
      const p = ctx.principal;
      const on = today();
      const notedOn = input.notedOn ?? on;
      if (notedOn > on) throw new ValidationFailed({ notedOn: "The date of the update must be today or in the past" });
      return deps.db.transaction(async (tx) => {
        const row = await actionsRepository(tx).insertUpdate({
          partnershipId: ctx.partnership.id,
          actionId: action.id,
          notedOn,
          text: input.text,
          authorName: p.kind === "user" ? p.name : "Public",
        });
        return auditedCreate(tx, ctx, ACTION_UPDATE, row);
      });
    },
  };
}

export type ActionsService = ReturnType<typeof actionsService>;
