import type { Database, Executor } from "../../platform/db/client.ts";
import { listHistory, type HistoryEntry } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Conflict, NotFound, Unauthorised, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { isCalendarDate, londonDate } from "../../platform/time.ts";
import { assertMayEditWorkstream, mayEditWorkstream, maySeeWorkstream } from "../workstreams/portfolio-access.ts";
import { decisionEffectsWhere, recordDecisionEffect } from "../portfolio/decision-effects.ts";
import type { MilestoneStatus, ProductStatus } from "./milestones.tables.ts";
import {
  milestonesRepository,
  type MilestoneRow,
  type MilestoneView,
  type MilestonesRepository,
  type ProductRow,
  type ProductView,
  type WorkstreamRef,
} from "./milestones.repository.ts";
import { milestonesPolicy } from "./milestones.policy.ts";
import {
  MILESTONE_STATUS_LABELS,
  TITLE_MAX,
  type MilestoneChanges,
  type MilestoneFilter,
  type MilestoneInput,
  type ProductChanges,
  type ProductFilter,
  type ProductInput,
} from "./milestones.schema.ts";
import { slippageDays } from "./slippage.ts";

export const MILESTONE = "milestone";
export const PRODUCT = "product";
const MILESTONE_NOT_FOUND = "Milestone not found";
const PRODUCT_NOT_FOUND = "Product not found";
const WORKSTREAM_NOT_FOUND = "Workstream not found";

/** A milestone with its workstream and its slippage (derived, never stored). */
export interface MilestoneSummary extends MilestoneView {
  slippageDays: number;
}

/** A decision that changed a milestone, as the milestone page lists it. */
export interface MilestoneDecisionEffect {
  decisionId: string;
  decisionText: string;
  decidedOn: string;
  note: string;
  recordedAt: Date;
}

/** What milestones need of the decisions service: a decision this viewer may see (404 otherwise), and a body's recent ones. */
export interface DecisionsForMilestones {
  get(ctx: RequestContext, id: string): Promise<{ decision: { id: string; text: string; decidedOn: string } }>;
  list(
    ctx: RequestContext,
    filter: { bodyId?: string | undefined },
    page: number,
    limit: number,
  ): Promise<{ decision: { id: string; text: string; decidedOn: string } }[]>;
}

/** One milestone of an import: the same fields the export gives. */
export interface MilestoneImportRow {
  /** The id of a milestone of the same workstream to update; null or absent adds a new milestone. */
  id?: string | null;
  title: string;
  description: string;
  baselineOn: string;
  forecastOn: string | null;
  actualOn: string | null;
  status: MilestoneStatus;
}

const todayInLondon = () => londonDate(new Date());

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
/** "31 May 2018" from "2018-05-31" (a calendar date, so formatted in UTC). */
const formatDate = (iso: string | null) => (iso ? longDate.format(new Date(`${iso}T00:00:00Z`)) : "");

/**
 * The rules across a milestone's fields, shared by the forms, the API and imports:
 * - complete needs the date achieved, and only a complete milestone has one;
 * - the date achieved is today or earlier (England's calendar day);
 * - at risk and late need a forecast date, so that the slippage they report is known.
 * A forecast after the baseline with a status other than late is allowed: "late" is the lead's
 * judgement, which the pages suggest but never force.
 */
export function milestoneProblems(m: { status: MilestoneStatus; forecastOn: string | null; actualOn: string | null }, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (m.status === "complete" && !m.actualOn) errors.actualOn = "Enter the date the milestone was achieved: a complete milestone needs one";
  if (m.status !== "complete" && m.actualOn) errors.actualOn = "Only a complete milestone has a date achieved: select Complete, or remove the date";
  if (m.actualOn && m.actualOn > today) errors.actualOn = "The date achieved must be today or in the past";
  if ((m.status === "at_risk" || m.status === "late") && !m.forecastOn)
    errors.forecastOn = `Enter the forecast date: a milestone ${m.status === "late" ? "that is late" : "at risk"} needs one`;
  return errors;
}

/** The rules across a product's fields: delivered needs its date, not in the future, and only delivered products have one. */
export function productProblems(p: { status: ProductStatus; deliveredOn: string | null; evidenceUrl: string | null }, today: string): FieldErrors {
  const errors: FieldErrors = {};
  if (p.status === "delivered" && !p.deliveredOn) errors.deliveredOn = "Enter the date the product was delivered";
  if (p.status !== "delivered" && p.deliveredOn) errors.deliveredOn = "Only a delivered product has a date delivered";
  if (p.deliveredOn && p.deliveredOn > today) errors.deliveredOn = "The date delivered must be today or in the past";
  if (p.status !== "delivered" && p.evidenceUrl) errors.evidenceUrl = "Add the evidence when the product is delivered";
  return errors;
}

/** True when a forecast after the baseline suggests the milestone is late (a hint, never a rule). */
export function suggestsLate(m: { status: MilestoneStatus; baselineOn: string; forecastOn: string | null }): boolean {
  return m.status !== "late" && m.status !== "complete" && m.forecastOn !== null && m.forecastOn > m.baselineOn;
}

/** What changed in words, for the decision's trail: "Forecast moved from 31 May 2018 to 30 June 2018". */
export function describeMilestoneChange(
  before: Pick<MilestoneRow, "baselineOn" | "forecastOn" | "status">,
  after: Pick<MilestoneRow, "baselineOn" | "forecastOn" | "status">,
): string {
  const parts: string[] = [];
  if (before.baselineOn !== after.baselineOn) parts.push(`Baseline moved from ${formatDate(before.baselineOn)} to ${formatDate(after.baselineOn)}`);
  if (before.forecastOn !== after.forecastOn) {
    if (before.forecastOn && after.forecastOn) parts.push(`Forecast moved from ${formatDate(before.forecastOn)} to ${formatDate(after.forecastOn)}`);
    else if (after.forecastOn) parts.push(`Forecast set to ${formatDate(after.forecastOn)}`);
    else parts.push(`Forecast of ${formatDate(before.forecastOn)} removed`);
  }
  if (before.status !== after.status) parts.push(`Status changed from ${MILESTONE_STATUS_LABELS[before.status]} to ${MILESTONE_STATUS_LABELS[after.status]}`);
  return parts.join("; ");
}

/** What an import did to a workstream's milestones: those it added and changed, and how many rows changed nothing. */
export interface MilestoneImportResult {
  created: MilestoneRow[];
  updated: MilestoneRow[];
  unchanged: number;
}

const IMPORTED_FIELDS = ["title", "description", "baselineOn", "forecastOn", "actualOn", "status"] as const satisfies readonly (keyof MilestoneImportRow &
  keyof MilestoneRow)[];

const withSlippage = (m: MilestoneView): MilestoneSummary => ({ ...m, slippageDays: slippageDays(m) });

/**
 * Milestones and products of the workstreams: derived slippage, what is due and late across the
 * portfolio, what a deep dive reports as achieved and delivered, and every change audited, with
 * the decision that agreed a change of dates or status recorded on the decision's trail.
 */
export function milestonesService(deps: { db: Database; decisions: DecisionsForMilestones; today?: () => string }) {
  const repo = milestonesRepository(deps.db);
  const today = deps.today ?? todayInLondon;
  const visibility = (ctx: RequestContext) => milestonesPolicy.visibility(ctx.principal);

  /** A workstream the viewer may see, by id or slug; 404 otherwise. */
  async function getWorkstream(ctx: RequestContext, idOrSlug: string): Promise<WorkstreamRef> {
    const ws = await repo.findWorkstream(ctx.partnership.id, idOrSlug);
    if (!ws || !maySeeWorkstream(ctx.principal, ws)) throw new NotFound(WORKSTREAM_NOT_FOUND);
    return ws;
  }

  /** Workstream ids narrowed to the visible ones happen in SQL; this only keeps one workstream's rows. */
  async function visibleWorkstreamId(ctx: RequestContext, workstreamId: string): Promise<string | null> {
    const ws = await repo.findWorkstream(ctx.partnership.id, workstreamId);
    return ws && maySeeWorkstream(ctx.principal, ws) ? ws.id : null;
  }

  async function assertEdit(db: Executor, ctx: RequestContext, workstreamId: string): Promise<void> {
    // The public is asked to sign in; everyone else is told whether they may.
    if (ctx.principal.kind === "anonymous") throw new Unauthorised();
    await assertMayEditWorkstream(db, ctx, workstreamId);
  }

  async function get(ctx: RequestContext, id: string): Promise<MilestoneSummary> {
    const m = await repo.findMilestoneView(ctx.partnership.id, id);
    if (!m || !maySeeWorkstream(ctx.principal, m.workstream)) throw new NotFound(MILESTONE_NOT_FOUND);
    return withSlippage(m);
  }

  async function getProduct(ctx: RequestContext, id: string): Promise<ProductView> {
    const p = await repo.findProductView(ctx.partnership.id, id);
    if (!p || !maySeeWorkstream(ctx.principal, p.workstream) || !milestonesPolicy.viewProduct(ctx.principal, p)) throw new NotFound(PRODUCT_NOT_FOUND);
    return p;
  }

  /** A decision named as agreeing a change: it must be one the viewer may see. */
  async function checkDecision(ctx: RequestContext, decisionId: string): Promise<void> {
    try {
      await deps.decisions.get(ctx, decisionId);
    } catch (err) {
      if (err instanceof NotFound) throw new ValidationFailed({ decisionId: "Select a decision from the list" });
      throw err;
    }
  }

  /** Re-reads the stored record after a refused write, so the 409 carries the newer record with its workstream. */
  async function rethrowConflict<T>(write: () => Promise<T>, reread: () => Promise<unknown>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict) throw new Conflict(err.message, (await reread()) ?? err.current);
      throw err;
    }
  }

  const rejectIf = (errors: FieldErrors) => {
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  };

  async function insertMilestone(
    r: MilestonesRepository,
    tx: Executor,
    ctx: RequestContext,
    workstreamId: string,
    input: MilestoneImportRow,
    position: number,
  ) {
    const row = await r.insertMilestone({
      partnershipId: ctx.partnership.id,
      workstreamId,
      title: input.title,
      description: input.description,
      baselineOn: input.baselineOn,
      forecastOn: input.forecastOn,
      actualOn: input.actualOn,
      status: input.status,
      position,
    });
    return auditedCreate(tx, ctx, MILESTONE, row);
  }

  return {
    today,
    get,
    getProduct,
    getWorkstream,

    /** Throws 401 (the public), 403 or 404 unless the viewer may change this workstream's milestones and products. */
    assertMayEdit: (ctx: RequestContext, workstreamId: string) => assertEdit(deps.db, ctx, workstreamId),

    /** Whether the viewer may change this workstream's milestones and products (to offer the controls). */
    async mayEdit(ctx: RequestContext, workstreamId: string): Promise<boolean> {
      if (!milestonesPolicy.mightEdit(ctx.principal)) return false;
      return mayEditWorkstream(deps.db, ctx, workstreamId);
    },

    /** A workstream's milestones with their slippage, in baseline order; none when the workstream is not visible. */
    async listForWorkstream(ctx: RequestContext, workstreamId: string): Promise<MilestoneSummary[]> {
      const id = await visibleWorkstreamId(ctx, workstreamId);
      if (!id) return [];
      return (await repo.milestonesOfWorkstream(ctx.partnership.id, id)).map(withSlippage);
    },

    /** Every milestone of a workstream, for the spreadsheet export (the same rows as listForWorkstream). */
    async listForExport(ctx: RequestContext, workstreamId: string): Promise<MilestoneSummary[]> {
      const id = await visibleWorkstreamId(ctx, workstreamId);
      if (!id) return [];
      return (await repo.milestonesOfWorkstream(ctx.partnership.id, id)).map(withSlippage);
    },

    /** Milestones not complete whose forecast (or, without one, baseline) date falls within from–to, inclusive. */
    async due(ctx: RequestContext, q: { from: string; to: string; workstreamIds?: readonly string[] | undefined }): Promise<MilestoneSummary[]> {
      const rows = await repo.listMilestones(ctx.partnership.id, visibility(ctx), { open: true, dueFrom: q.from, dueTo: q.to, workstreamIds: q.workstreamIds });
      return rows.map(withSlippage);
    },

    /** Late milestones: marked late, or not complete with a forecast (or baseline) date before `asOf`. */
    async late(ctx: RequestContext, q: { asOf: string; workstreamIds?: readonly string[] | undefined }): Promise<MilestoneSummary[]> {
      const rows = await repo.listMilestones(ctx.partnership.id, visibility(ctx), { lateAsOf: q.asOf, workstreamIds: q.workstreamIds });
      return rows.map(withSlippage);
    },

    /** For deep dives: milestones of the workstream complete with a date achieved on or before `date`. */
    async achievedBy(ctx: RequestContext, workstreamId: string, date: string): Promise<MilestoneSummary[]> {
      const rows = await repo.listMilestones(ctx.partnership.id, visibility(ctx), { workstreamIds: [workstreamId], achievedBy: date });
      return rows.map(withSlippage);
    },

    /** For deep dives: products of the workstream delivered on or before `date`. */
    async productsDeliveredBy(ctx: RequestContext, workstreamId: string, date: string): Promise<ProductView[]> {
      return repo.listProducts(ctx.partnership.id, visibility(ctx), { workstreamIds: [workstreamId], deliveredBy: date });
    },

    /** A page of milestones (limit + 1 rows) for the API. */
    async list(ctx: RequestContext, filter: MilestoneFilter, page: number, limit: number): Promise<MilestoneSummary[]> {
      const rows = await repo.listMilestones(
        ctx.partnership.id,
        visibility(ctx),
        { workstreamIds: filter.workstreamId ? [filter.workstreamId] : undefined, status: filter.status, dueFrom: filter.dueFrom, dueTo: filter.dueTo },
        page,
        limit + 1,
      );
      return rows.map(withSlippage);
    },

    /** The visible workstreams, for the portfolio view's filter. */
    workstreamChoices: (ctx: RequestContext) => repo.workstreamChoices(ctx.partnership.id, visibility(ctx)),

    /** Recent decisions of the workstream's overseeing body, for "the decision that agreed this change". */
    async decisionChoices(ctx: RequestContext, workstream: WorkstreamRef): Promise<{ id: string; text: string; decidedOn: string }[]> {
      if (!workstream.overseeingBodyId) return [];
      const records = await deps.decisions.list(ctx, { bodyId: workstream.overseeingBodyId }, 1, 50);
      return records.slice(0, 50).map((r) => ({ id: r.decision.id, text: r.decision.text, decidedOn: r.decision.decidedOn }));
    },

    /** The decisions that changed this milestone that the viewer may see, oldest first. */
    async decisionEffects(ctx: RequestContext, milestone: MilestoneView): Promise<MilestoneDecisionEffect[]> {
      const effects = (await decisionEffectsWhere(deps.db, ctx, { workstreamId: milestone.workstreamId })).filter((e) => e.milestoneId === milestone.id);
      const out: MilestoneDecisionEffect[] = [];
      for (const e of effects) {
        try {
          const { decision } = await deps.decisions.get(ctx, e.decisionId);
          out.push({ decisionId: decision.id, decisionText: decision.text, decidedOn: decision.decidedOn, note: e.note, recordedAt: e.createdAt });
        } catch (err) {
          // A decision the viewer may not see (Part II, or a meeting not yet held) is left out.
          if (!(err instanceof NotFound)) throw err;
        }
      }
      return out;
    },

    async history(ctx: RequestContext, id: string): Promise<HistoryEntry[] | null> {
      if (!milestonesPolicy.viewHistory(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, MILESTONE, id);
    },

    async productHistory(ctx: RequestContext, id: string): Promise<HistoryEntry[] | null> {
      if (!milestonesPolicy.viewHistory(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, PRODUCT, id);
    },

    /** Adds a milestone to a workstream. */
    async create(ctx: RequestContext, input: MilestoneInput): Promise<MilestoneSummary> {
      await assertEdit(deps.db, ctx, input.workstreamId);
      rejectIf(milestoneProblems(input, today()));
      const row = await deps.db.transaction(async (tx) => {
        const r = milestonesRepository(tx);
        return insertMilestone(r, tx, ctx, input.workstreamId, input, await r.nextMilestonePosition(ctx.partnership.id, input.workstreamId));
      });
      return get(ctx, row.id);
    },

    /**
     * Imports many milestones into a workstream in one transaction: all or nothing. A row with an
     * id updates that milestone, which must belong to this workstream (the same rules as a change
     * on its page, audited); a row without one adds a new milestone. Rows that change nothing are
     * left alone. Every row is checked first; the problems come back as one ValidationFailed with
     * fields "<row index>.<field>".
     */
    async importMany(ctx: RequestContext, workstreamId: string, rows: readonly MilestoneImportRow[]): Promise<MilestoneImportResult> {
      await assertEdit(deps.db, ctx, workstreamId);
      const on = today();
      const errors: FieldErrors = {};
      rows.forEach((row, i) => {
        if (!row.title.trim()) errors[`${i}.title`] = "Enter the milestone's title";
        else if (row.title.length > TITLE_MAX) errors[`${i}.title`] = `The title must be ${TITLE_MAX} characters or fewer`;
        for (const field of ["baselineOn", "forecastOn", "actualOn"] as const) {
          const value = row[field];
          if ((value !== null || field === "baselineOn") && !isCalendarDate(value ?? "")) errors[`${i}.${field}`] = "Enter a real date, like 2018-06-30";
        }
        if (Object.keys(errors).some((k) => k.startsWith(`${i}.`) && k !== `${i}.title`)) return;
        for (const [field, message] of Object.entries(milestoneProblems(row, on))) errors[`${i}.${field}`] = message;
      });
      rejectIf(errors);
      const pid = ctx.partnership.id;
      return rethrowConflict(
        () =>
          deps.db.transaction(async (tx) => {
            const r = milestonesRepository(tx);
            const ids = [...new Set(rows.map((row) => row.id).filter((id): id is string => typeof id === "string"))];
            const existing = new Map((await r.milestonesById(pid, ids)).map((m) => [m.id, m]));
            const seen = new Set<string>();
            rows.forEach((row, i) => {
              if (!row.id) return;
              const before = existing.get(row.id);
              if (!before || before.workstreamId !== workstreamId)
                errors[`${i}.id`] = "No milestone of this workstream has this ID; leave the ID blank to add the row as a new milestone";
              else if (seen.has(row.id)) errors[`${i}.id`] = "This ID appears more than once in the file; keep one row for the milestone";
              seen.add(row.id);
            });
            rejectIf(errors);

            const result: MilestoneImportResult = { created: [], updated: [], unchanged: 0 };
            let position = await r.nextMilestonePosition(pid, workstreamId);
            for (const row of rows) {
              const before = row.id ? existing.get(row.id) : undefined;
              if (!before) {
                result.created.push(await insertMilestone(r, tx, ctx, workstreamId, row, position++));
                continue;
              }
              const next = Object.fromEntries(IMPORTED_FIELDS.map((f) => [f, row[f]])) as Pick<MilestoneRow, (typeof IMPORTED_FIELDS)[number]>;
              if (IMPORTED_FIELDS.every((f) => next[f] === before[f])) {
                result.unchanged++;
                continue;
              }
              const after = await auditedUpdate(tx, ctx, {
                recordType: MILESTONE,
                notFound: MILESTONE_NOT_FOUND,
                find: () => r.findMilestone(pid, before.id),
                write: (current) => (current.version === before.version ? r.updateMilestone(pid, before.id, before.version, next) : Promise.resolve(undefined)),
              });
              result.updated.push(after);
            }
            return result;
          }),
        async () => null,
      );
    },

    /**
     * Changes a milestone; a stale version is a 409. When the baseline, forecast or status changes,
     * `decisionId` names the decision that agreed it, recorded on the decision's trail with what moved.
     */
    async update(ctx: RequestContext, id: string, version: number, changes: MilestoneChanges, decisionId: string | null = null): Promise<MilestoneSummary> {
      const current = await get(ctx, id);
      await assertEdit(deps.db, ctx, current.workstreamId);
      if (decisionId) await checkDecision(ctx, decisionId);
      const pid = ctx.partnership.id;
      const on = today();
      await rethrowConflict(
        () =>
          deps.db.transaction(async (tx) => {
            const r = milestonesRepository(tx);
            let read: MilestoneRow | undefined;
            const after = await auditedUpdate(tx, ctx, {
              recordType: MILESTONE,
              notFound: MILESTONE_NOT_FOUND,
              find: () => r.findMilestone(pid, id),
              write: async (before) => {
                if (before.version !== version) return undefined;
                read = before;
                const status = changes.status ?? before.status;
                // Leaving "complete" drops the date achieved unless a new one is given.
                const actualOn = changes.actualOn !== undefined ? changes.actualOn : status !== "complete" ? null : before.actualOn;
                const next = {
                  title: changes.title ?? before.title,
                  description: changes.description ?? before.description,
                  baselineOn: changes.baselineOn ?? before.baselineOn,
                  forecastOn: changes.forecastOn !== undefined ? changes.forecastOn : before.forecastOn,
                  actualOn,
                  status,
                };
                rejectIf(milestoneProblems(next, on));
                if (decisionId && describeMilestoneChange(before, next) === "")
                  throw new ValidationFailed({ decisionId: "A decision can be recorded only with a change to the baseline, forecast or status" });
                return r.updateMilestone(pid, id, version, next);
              },
            });
            if (decisionId && read) {
              const before = read;
              await recordDecisionEffect(tx, ctx, {
                decisionId,
                workstreamId: after.workstreamId,
                kind: "changes_milestone",
                milestoneId: after.id,
                note: describeMilestoneChange(before, after),
              });
            }
            return after;
          }),
        () => repo.findMilestoneView(pid, id).then((m) => (m ? withSlippage(m) : undefined)),
      );
      return get(ctx, id);
    },

    // -- Products

    async listProducts(ctx: RequestContext, filter: ProductFilter, page: number, limit: number): Promise<ProductView[]> {
      return repo.listProducts(
        ctx.partnership.id,
        visibility(ctx),
        { workstreamIds: filter.workstreamId ? [filter.workstreamId] : undefined, status: filter.status },
        page,
        limit + 1,
      );
    },

    /** A workstream's products the viewer may see (the public: delivered ones), soonest first. */
    async productsForWorkstream(ctx: RequestContext, workstreamId: string): Promise<ProductView[]> {
      return repo.listProducts(ctx.partnership.id, visibility(ctx), { workstreamIds: [workstreamId] });
    },

    async createProduct(ctx: RequestContext, input: ProductInput): Promise<ProductView> {
      await assertEdit(deps.db, ctx, input.workstreamId);
      rejectIf(productProblems(input, today()));
      const row = await deps.db.transaction(async (tx) => {
        const r = milestonesRepository(tx);
        const row = await r.insertProduct({
          partnershipId: ctx.partnership.id,
          workstreamId: input.workstreamId,
          title: input.title,
          description: input.description,
          status: input.status,
          plannedOn: input.plannedOn,
          deliveredOn: input.deliveredOn,
          evidenceUrl: input.evidenceUrl,
        });
        return auditedCreate(tx, ctx, PRODUCT, row);
      });
      return getProduct(ctx, row.id);
    },

    /** Changes a product (marking it delivered included); a stale version is a 409. */
    async updateProduct(ctx: RequestContext, id: string, version: number, changes: ProductChanges): Promise<ProductView> {
      const current = await getProduct(ctx, id);
      await assertEdit(deps.db, ctx, current.workstreamId);
      const pid = ctx.partnership.id;
      const on = today();
      await rethrowConflict(
        () =>
          deps.db.transaction(async (tx) => {
            const r = milestonesRepository(tx);
            return auditedUpdate(tx, ctx, {
              recordType: PRODUCT,
              action: changes.status === "delivered" && current.status !== "delivered" ? "deliver" : "update",
              notFound: PRODUCT_NOT_FOUND,
              find: () => r.findProduct(pid, id),
              write: async (before: ProductRow) => {
                if (before.version !== version) return undefined;
                const status = changes.status ?? before.status;
                // Back to planned: the delivery date and evidence go with it unless sent.
                const delivered = status === "delivered";
                const next = {
                  title: changes.title ?? before.title,
                  description: changes.description ?? before.description,
                  plannedOn: changes.plannedOn !== undefined ? changes.plannedOn : before.plannedOn,
                  status,
                  deliveredOn: changes.deliveredOn !== undefined ? changes.deliveredOn : delivered ? before.deliveredOn : null,
                  evidenceUrl: changes.evidenceUrl !== undefined ? changes.evidenceUrl : delivered ? before.evidenceUrl : null,
                };
                rejectIf(productProblems(next, on));
                return r.updateProduct(pid, id, version, next);
              },
            });
          }),
        () => repo.findProductView(pid, id),
      );
      return getProduct(ctx, id);
    },
  };
}

export type MilestonesService = ReturnType<typeof milestonesService>;
