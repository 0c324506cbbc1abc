import type { Database } from "../../platform/db/client.ts";
import { listHistory, type HistoryEntry } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, NotFound, Unauthorised, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { toLondon } from "../../platform/time.ts";
import { assertMayEditWorkstream, mayEditWorkstream, mayGovernPortfolio, maySeeWorkstream, seesUnpublishedPortfolio } from "../workstreams/portfolio-access.ts";
import { recordDecisionEffect } from "../portfolio/decision-effects.ts";
import type { ActionSummary } from "../actions/actions.presenter.ts";
import {
  risksRepository,
  type IssueFilter,
  type IssueView,
  type ProgrammeIssueRow,
  type RegisterVisibility,
  type RiskFilter,
  type RiskReviewRow,
  type RiskRow,
  type RiskView,
  type RisksRepository,
} from "./risks.repository.ts";
import type { IssueChanges, IssueInput, RiskChanges, RiskImportRow, RiskInput, RiskReviewInput } from "./risks.schema.ts";
import type { IssueStatus, RiskStatus } from "./risks.tables.ts";
import { bandOf, bandOrderProblem, DEFAULT_BANDS, scoreOf, type Band, type BandThresholds } from "./scoring.ts";

export const RISK = "risk";
export const RISK_REVIEW = "risk_review";
export const ISSUE = "issue";
export const RISK_BANDS = "risk_bands";

const RISK_NOT_FOUND = "Risk not found";
const ISSUE_NOT_FOUND = "Issue not found";
const WORKSTREAM_NOT_FOUND = "Workstream not found";
/** The most rows one register, export or import carries. */
export const REGISTER_CAP = 5000;
const PORTFOLIO_ONLY = "Only the programme office may change the portfolio register";

/** What risks need of the actions module: mitigating actions as the viewer may see them, and adding one. */
export interface MitigatingActions {
  listForRisks(ctx: RequestContext, riskIds: readonly string[]): Promise<Map<string, ActionSummary[]>>;
  createForRisk(
    ctx: RequestContext,
    riskId: string,
    input: { description: string; ownerPersonId: string; dueOn: string | null; bodyId: string },
  ): Promise<{ id: string }>;
}

/** What risks need of the decisions module: a decision the viewer may see (404 otherwise), and recent decisions of a body. */
export interface DecisionsForRisks {
  get(ctx: RequestContext, id: string): Promise<{ decision: { id: string; text: string; decidedOn: string } }>;
  list(
    ctx: RequestContext,
    filter: { bodyId?: string | undefined },
    page: number,
    limit: number,
  ): Promise<{ decision: { id: string; text: string; decidedOn: string }; body: { name: string } }[]>;
}

export interface RisksDeps {
  db: Database;
  actions: MitigatingActions;
  decisions: DecisionsForRisks;
  /** Today's date in England (tests fix it). */
  today?: () => string;
}

/** A score with its band, as every page and the API show it. */
export interface Scored {
  likelihood: number;
  consequence: number;
  score: number;
  band: Band;
}

export type HeatMap = number[][];

/** A key risk for a deep dive: its score as of the date, and how it is managed. */
export interface KeyRisk {
  risk: RiskView;
  asOf: Scored;
  actions: ActionSummary[];
}

export interface RiskListOptions {
  workstreamId?: string | null | undefined;
  workstreamIds?: readonly string[] | undefined;
  status?: RiskStatus | undefined;
  band?: Band | undefined;
  q?: string | undefined;
}

/** The score range [from, below) of a band. */
function bandRange(band: Band, b: BandThresholds): { scoreFrom?: number; scoreBelow?: number } {
  switch (band) {
    case "low":
      return { scoreBelow: b.moderateFrom };
    case "moderate":
      return { scoreFrom: b.moderateFrom, scoreBelow: b.highFrom };
    case "high":
      return { scoreFrom: b.highFrom, scoreBelow: b.extremeFrom };
    case "extreme":
      return { scoreFrom: b.extremeFrom };
  }
}

/** What an import did to a register: the risks it added and changed, and how many of its rows changed nothing. */
export interface RiskImportResult {
  created: RiskRow[];
  updated: RiskRow[];
  unchanged: number;
}

const IMPORTED_FIELDS = [
  "title",
  "cause",
  "event",
  "effect",
  "category",
  "ownerPersonId",
  "inherentLikelihood",
  "inherentConsequence",
  "currentLikelihood",
  "currentConsequence",
  "targetLikelihood",
  "targetConsequence",
  "controls",
  "assurances",
  "reviewOn",
  "status",
] as const satisfies readonly (keyof RiskImportRow & keyof RiskRow)[];

/** The fields an imported row changes on the risk it names (none when the row matches it exactly). */
function importedChanges(before: RiskRow, row: RiskImportRow): Partial<Pick<RiskRow, (typeof IMPORTED_FIELDS)[number]>> {
  const changes: Record<string, unknown> = {};
  for (const field of IMPORTED_FIELDS) if (row[field] !== before[field]) changes[field] = row[field];
  return changes;
}

/**
 * The risks module's rules for a row that updates a risk, as the pages apply them: a risk becomes
 * occurred only by raising an issue, an occurred one stays so, and only an open risk's current
 * score is reviewed (a row may reopen a risk and review it at once).
 */
function importedStatusProblem(before: RiskRow, row: RiskImportRow): { field: string; message: string } | null {
  if (before.status === "occurred" && row.status !== "occurred")
    return { field: "status", message: `R${before.reference} has occurred and is managed as an issue; its status cannot change` };
  if (before.status !== "occurred" && row.status === "occurred")
    return { field: "status", message: "A risk becomes occurred when an issue is raised from it, on the risk's page" };
  const scoreChanged = row.currentLikelihood !== before.currentLikelihood || row.currentConsequence !== before.currentConsequence;
  if (scoreChanged && before.status !== "open" && row.status !== "open") {
    const field = row.currentLikelihood !== before.currentLikelihood ? "currentLikelihood" : "currentConsequence";
    return { field, message: "Only an open risk's current score can be reviewed; reopen it, or keep its current score" };
  }
  return null;
}

export function scored(likelihood: number, consequence: number, bands: BandThresholds): Scored {
  const score = scoreOf(likelihood, consequence);
  return { likelihood, consequence, score, band: bandOf(score, bands) };
}

/**
 * Risks and issues: registers per workstream and for the portfolio, scored on the NHS 5×5 matrix
 * with the partnership's bands; reviews that keep the history of the current score; issues, some
 * raised from risks that happened; the heat map. Who sees and changes what is decided by
 * workstreams/portfolio-access.ts; every change is audited.
 */
export function risksService(deps: RisksDeps) {
  const repo = risksRepository(deps.db);
  const today = deps.today ?? (() => toLondon(new Date()).date);

  const visibility = (ctx: RequestContext): RegisterVisibility => ({ includeUnpublished: seesUnpublishedPortfolio(ctx.principal) });

  async function bands(ctx: RequestContext): Promise<BandThresholds & { version: number | null }> {
    const row = await repo.findBands(ctx.partnership.id);
    return row
      ? { moderateFrom: row.moderateFrom, highFrom: row.highFrom, extremeFrom: row.extremeFrom, version: row.version }
      : { ...DEFAULT_BANDS, version: null };
  }

  /** A workstream the viewer may see, by id or slug; 404 otherwise. */
  async function workstream(ctx: RequestContext, idOrSlug: string) {
    const ws = await repo.findWorkstream(ctx.partnership.id, idOrSlug);
    if (!ws || !maySeeWorkstream(ctx.principal, ws)) throw new NotFound(WORKSTREAM_NOT_FOUND);
    return ws;
  }

  /** Refuses unless the principal may change the register (a workstream's, or the portfolio's when null). */
  async function assertMayEdit(ctx: RequestContext, workstreamId: string | null): Promise<void> {
    if (ctx.principal.kind === "anonymous") throw new Unauthorised();
    if (workstreamId) {
      await assertMayEditWorkstream(deps.db, ctx, workstreamId);
      return;
    }
    if (!mayGovernPortfolio(ctx.principal)) throw new Forbidden(PORTFOLIO_ONLY);
  }

  /** Every change needs a signed-in user: the public is asked to sign in before anything is looked up. */
  function requireSignedIn(ctx: RequestContext): void {
    if (ctx.principal.kind === "anonymous") throw new Unauthorised();
  }

  function assertMayPublish(ctx: RequestContext): void {
    if (ctx.principal.kind === "anonymous") throw new Unauthorised();
    if (!mayGovernPortfolio(ctx.principal)) throw new Forbidden("Only the programme office may publish risks and issues");
  }

  /** True when the principal may change the register (for showing controls). */
  async function mayEdit(ctx: RequestContext, workstreamId: string | null): Promise<boolean> {
    if (workstreamId) return mayEditWorkstream(deps.db, ctx, workstreamId);
    return mayGovernPortfolio(ctx.principal);
  }

  /** A risk the viewer may see; 404 otherwise, so hidden risks look like missing ones. */
  async function getRisk(ctx: RequestContext, id: string): Promise<RiskView> {
    const view = await repo.findRiskView(ctx.partnership.id, id);
    if (!view || !mayView(ctx, view)) throw new NotFound(RISK_NOT_FOUND);
    return view;
  }

  async function getIssue(ctx: RequestContext, id: string): Promise<IssueView> {
    const view = await repo.findIssueView(ctx.partnership.id, id);
    if (!view || !mayView(ctx, view)) throw new NotFound(ISSUE_NOT_FOUND);
    return view;
  }

  /** The public sees a published record, on the portfolio register or on a workstream it may see. */
  function mayView(ctx: RequestContext, record: { published: boolean; workstreamId: string | null; workstreamPublic: boolean }): boolean {
    if (seesUnpublishedPortfolio(ctx.principal)) return true;
    return record.published && (record.workstreamId === null || record.workstreamPublic);
  }

  /** The public sees a workstream record only when the workstream itself is visible. */
  async function assertWorkstreamVisible(ctx: RequestContext, workstreamId: string | null): Promise<void> {
    if (workstreamId === null || seesUnpublishedPortfolio(ctx.principal)) return;
    await workstream(ctx, workstreamId);
  }

  async function checkPerson(
    r: RisksRepository,
    ctx: RequestContext,
    field: string,
    personId: string | null | undefined,
    current?: string | null,
  ): Promise<void> {
    if (!personId) return;
    const person = await r.findPerson(ctx.partnership.id, personId);
    if (!person || (person.archivedAt && personId !== current)) throw new ValidationFailed({ [field]: "Select a person from the list" });
  }

  async function checkBody(r: RisksRepository, ctx: RequestContext, bodyId: string | null | undefined, current?: string | null): Promise<void> {
    if (!bodyId) return;
    const body = await r.findBody(ctx.partnership.id, bodyId);
    if (!body) throw new ValidationFailed({ escalatedToBodyId: "Select a body from the list" });
    if (body.archivedAt && bodyId !== current) throw new ValidationFailed({ escalatedToBodyId: `${body.name} is archived; select a current body` });
  }

  /** Re-reads the stored record after a refused write, so the 409 carries the newer one with its names. */
  async function withCurrent<T>(write: () => Promise<T>, reread: () => Promise<unknown>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict) throw new Conflict(err.message, (await reread()) ?? err.current);
      throw err;
    }
  }

  function riskFilter(b: BandThresholds, o: RiskListOptions): RiskFilter {
    return { workstreamId: o.workstreamId, workstreamIds: o.workstreamIds, status: o.status, q: o.q, ...(o.band ? bandRange(o.band, b) : {}) };
  }

  /** A decision the viewer may see, for linking a review; a field error otherwise. */
  async function checkDecision(ctx: RequestContext, decisionId: string | null): Promise<void> {
    if (!decisionId) return;
    await deps.decisions.get(ctx, decisionId).catch((err: unknown) => {
      if (err instanceof NotFound) throw new ValidationFailed({ decisionId: "Select a decision from the list" });
      throw err;
    });
  }

  const recordedBy = (ctx: RequestContext) => (ctx.principal.kind === "user" ? ctx.principal.name : "Public");

  async function heatMap(
    ctx: RequestContext,
    options: { workstreamId?: string | null | undefined; workstreamIds?: readonly string[] | undefined } = {},
  ): Promise<HeatMap> {
    const counts = await repo.heatMapCounts(ctx.partnership.id, visibility(ctx), { workstreamId: options.workstreamId, workstreamIds: options.workstreamIds });
    const grid: HeatMap = [1, 2, 3, 4, 5].map(() => [0, 0, 0, 0, 0]);
    for (const c of counts) grid[c.likelihood - 1]![c.consequence - 1] = c.count;
    return grid;
  }

  async function listRisks(ctx: RequestContext, options: RiskListOptions, page: number, limit: number): Promise<RiskView[]> {
    return repo.listRisks(ctx.partnership.id, visibility(ctx), riskFilter(await bands(ctx), options), page, limit);
  }

  return {
    bands,
    workstream,
    getRisk,
    getIssue,
    mayEdit,
    heatMap,
    listRisks,
    today,
    /** Whether the principal may publish and unpublish, and set the bands. */
    mayGovern: (ctx: RequestContext) => mayGovernPortfolio(ctx.principal),
    /** Workstreams for filters and forms (those the viewer may see). */
    workstreamChoices: (ctx: RequestContext) => repo.workstreamChoices(ctx.partnership.id, visibility(ctx)),

    /** A register: a workstream's, or the portfolio's (null); highest current score first. */
    async listForWorkstream(ctx: RequestContext, workstreamId: string | null): Promise<RiskView[]> {
      await assertWorkstreamVisible(ctx, workstreamId);
      return repo.listRisks(ctx.partnership.id, visibility(ctx), { workstreamId }, 1, REGISTER_CAP);
    },

    /** Open risks by current score, highest first (dashboard, highlight reports). */
    async top(ctx: RequestContext, options: { workstreamIds?: readonly string[] | undefined; limit: number }): Promise<RiskView[]> {
      return repo.topRisks(ctx.partnership.id, visibility(ctx), { workstreamIds: options.workstreamIds }, options.limit);
    },

    /** Every risk of a register, in reference order, for the export. */
    async listForExport(ctx: RequestContext, workstreamId: string | null): Promise<RiskView[]> {
      await assertWorkstreamVisible(ctx, workstreamId);
      return repo.allRisks(ctx.partnership.id, visibility(ctx), { workstreamId }, REGISTER_CAP);
    },

    /**
     * A deep dive's key risks: the workstream's open risks with their score as of the date (the
     * latest review on or before it; the current score when none was reviewed by then), highest
     * first, with controls and the mitigating actions the viewer may see.
     */
    async keyRisksAsOf(ctx: RequestContext, workstreamId: string, date: string): Promise<KeyRisk[]> {
      await assertWorkstreamVisible(ctx, workstreamId);
      const b = await bands(ctx);
      const rows = await repo.allRisks(ctx.partnership.id, visibility(ctx), { workstreamId, status: "open" }, REGISTER_CAP);
      const ids = rows.map((r) => r.id);
      const [reviews, actions] = await Promise.all([repo.reviewsAsOf(ctx.partnership.id, ids, date), deps.actions.listForRisks(ctx, ids)]);
      return rows
        .map((risk) => {
          const review = reviews.get(risk.id);
          const asOf = review ? scored(review.likelihood, review.consequence, b) : scored(risk.currentLikelihood, risk.currentConsequence, b);
          return { risk, asOf, actions: actions.get(risk.id) ?? [] };
        })
        .sort((a, z) => z.asOf.score - a.asOf.score || a.risk.reference - z.risk.reference);
    },

    /** The risk page: the risk, its reviews, mitigating actions and the issues raised from it. */
    async detail(ctx: RequestContext, id: string) {
      const risk = await getRisk(ctx, id);
      const [reviews, actions, issues, history] = await Promise.all([
        repo.listReviews(ctx.partnership.id, id),
        deps.actions.listForRisks(ctx, [id]),
        repo.issuesFromRisk(ctx.partnership.id, visibility(ctx), id),
        historyOf(ctx, RISK, id),
      ]);
      // Only decisions the viewer may see are linked from the review history.
      const decisionIds = [...new Set(reviews.map((r) => r.decisionId).filter((d): d is string => d !== null))];
      const visibleDecisions = new Map<string, string>();
      for (const d of decisionIds) {
        const found = await deps.decisions.get(ctx, d).catch((err: unknown) => {
          if (err instanceof NotFound) return null;
          throw err;
        });
        if (found) visibleDecisions.set(d, found.decision.text);
      }
      return { risk, reviews, actions: actions.get(id) ?? [], issues, visibleDecisions, history };
    },

    /** Recent decisions of the body overseeing the register (the review form's "decision that changed it"). */
    async decisionChoices(ctx: RequestContext, workstreamId: string | null) {
      const ws = workstreamId ? await repo.findWorkstream(ctx.partnership.id, workstreamId) : undefined;
      const rows = await deps.decisions.list(ctx, ws?.overseeingBodyId ? { bodyId: ws.overseeingBodyId } : {}, 1, 50);
      return rows.slice(0, 50).map((r) => ({ id: r.decision.id, text: r.decision.text, decidedOn: r.decision.decidedOn, bodyName: r.body.name }));
    },

    /** The body an action on this register would usually sit with: the workstream's overseeing body. */
    async defaultActionBody(ctx: RequestContext, workstreamId: string | null): Promise<string | null> {
      if (!workstreamId) return null;
      return (await repo.findWorkstream(ctx.partnership.id, workstreamId))?.overseeingBodyId ?? null;
    },

    /** Records a risk with the next reference, and its first score review (so the history starts with it). */
    async createRisk(ctx: RequestContext, input: RiskInput): Promise<RiskRow> {
      requireSignedIn(ctx);
      if (input.workstreamId) await workstream(ctx, input.workstreamId);
      await assertMayEdit(ctx, input.workstreamId);
      if (input.published) assertMayPublish(ctx);
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = risksRepository(tx);
        await checkPerson(r, ctx, "ownerPersonId", input.ownerPersonId);
        await checkBody(r, ctx, input.escalatedToBodyId);
        const reference = await r.nextReference(pid, "risk");
        const row = await r.insertRisk({ partnershipId: pid, reference, ...input });
        await auditedCreate(tx, ctx, RISK, row);
        const review = await r.insertReview({
          partnershipId: pid,
          riskId: row.id,
          reviewedOn: today(),
          likelihood: row.currentLikelihood,
          consequence: row.currentConsequence,
          note: "Risk recorded",
          recordedByName: recordedBy(ctx),
        });
        await auditedCreate(tx, ctx, RISK_REVIEW, review);
        return row;
      });
    },

    /**
     * Imports many rows into one register in one transaction: all or nothing (the import module
     * validates rows first and reports each problem). A row with a reference updates that risk,
     * which must be on this register; a row without one records a new risk with the next reference.
     * A changed current score is recorded as a review, so its history is kept; rows that change
     * nothing are left alone (no new version, no audit entry). Problems come back as one
     * ValidationFailed with fields "<row index>.<field>".
     */
    async importMany(ctx: RequestContext, workstreamId: string | null, rows: readonly RiskImportRow[]): Promise<RiskImportResult> {
      requireSignedIn(ctx);
      if (workstreamId) await workstream(ctx, workstreamId);
      await assertMayEdit(ctx, workstreamId);
      if (rows.length > REGISTER_CAP) throw new ValidationFailed({ _form: `Import at most ${REGISTER_CAP} risks at a time` });
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            const people = [...new Set(rows.map((row) => row.ownerPersonId).filter((p): p is string => p !== null))];
            const found = await r.existingPeople(pid, people);
            if (found.length !== people.length) throw new ValidationFailed({ ownerPersonId: "Every owner must be a person in this partnership" });

            const references = [...new Set(rows.map((row) => row.reference).filter((n): n is number => typeof n === "number"))];
            const existing = new Map((await r.risksByReference(pid, references)).map((row) => [row.reference, row]));
            const errors: FieldErrors = {};
            const seen = new Set<number>();
            const updates: { row: RiskImportRow; before: RiskRow }[] = [];
            const additions: RiskImportRow[] = [];
            rows.forEach((row, i) => {
              if (row.reference === null || row.reference === undefined) {
                additions.push(row);
                return;
              }
              const before = existing.get(row.reference);
              if (!before || before.workstreamId !== workstreamId) errors[`${i}.reference`] = `R${row.reference} is not on this register`;
              else if (seen.has(row.reference)) errors[`${i}.reference`] = `R${row.reference} appears more than once in the file; keep one row for it`;
              else {
                const problem = importedStatusProblem(before, row);
                if (problem) errors[`${i}.${problem.field}`] = problem.message;
                else updates.push({ row, before });
              }
              seen.add(row.reference);
            });
            if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);

            const on = today();
            const result: RiskImportResult = { created: [], updated: [], unchanged: 0 };
            for (const { row, before } of updates) {
              const changes = importedChanges(before, row);
              if (Object.keys(changes).length === 0) {
                result.unchanged++;
                continue;
              }
              const after = await auditedUpdate(tx, ctx, {
                recordType: RISK,
                notFound: RISK_NOT_FOUND,
                find: () => r.findRisk(pid, before.id),
                write: (current) => (current.version === before.version ? r.updateRisk(pid, before.id, before.version, changes) : Promise.resolve(undefined)),
              });
              if (changes.currentLikelihood !== undefined || changes.currentConsequence !== undefined) {
                const review = await r.insertReview({
                  partnershipId: pid,
                  riskId: after.id,
                  reviewedOn: on,
                  likelihood: after.currentLikelihood,
                  consequence: after.currentConsequence,
                  note: "Score changed by an import",
                  recordedByName: recordedBy(ctx),
                });
                await auditedCreate(tx, ctx, RISK_REVIEW, review);
              }
              result.updated.push(after);
            }

            if (additions.length > 0) {
              const first = await r.nextReference(pid, "risk");
              const inserted = await r.insertRisks(
                additions.map(({ reference: _reference, ...row }, i) => ({ partnershipId: pid, workstreamId, reference: first + i, ...row })),
              );
              await r.insertReviews(
                inserted.map((row) => ({
                  partnershipId: pid,
                  riskId: row.id,
                  reviewedOn: on,
                  likelihood: row.currentLikelihood,
                  consequence: row.currentConsequence,
                  note: "Risk imported",
                  recordedByName: recordedBy(ctx),
                })),
              );
              for (const row of inserted) await auditedCreate(tx, ctx, RISK, row);
              result.created = inserted;
            }
            return result;
          }),
        async () => null,
      );
    },

    /** Changes a risk's description, owner, inherent and target scores, controls and the like; a stale version is a 409. */
    async updateRisk(ctx: RequestContext, id: string, version: number, changes: RiskChanges): Promise<RiskRow> {
      requireSignedIn(ctx);
      const current = await getRisk(ctx, id);
      await assertMayEdit(ctx, current.workstreamId);
      if (changes.published !== undefined && changes.published !== current.published) assertMayPublish(ctx);
      if (changes.status !== undefined && changes.status !== current.status && current.status === "occurred")
        throw new ValidationFailed({ status: "This risk has occurred and is managed as an issue; it cannot be reopened or closed here" });
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            return auditedUpdate(tx, ctx, {
              recordType: RISK,
              notFound: RISK_NOT_FOUND,
              find: () => r.findRisk(pid, id),
              write: async (before) => {
                if (before.version !== version) return undefined;
                await checkPerson(r, ctx, "ownerPersonId", changes.ownerPersonId, before.ownerPersonId);
                await checkBody(r, ctx, changes.escalatedToBodyId, before.escalatedToBodyId);
                return r.updateRisk(pid, id, version, changes);
              },
            });
          }),
        () => repo.findRiskView(pid, id),
      );
    },

    /** Closes or reopens a risk. */
    async setRiskStatus(ctx: RequestContext, id: string, version: number, status: "open" | "closed"): Promise<RiskRow> {
      requireSignedIn(ctx);
      const current = await getRisk(ctx, id);
      await assertMayEdit(ctx, current.workstreamId);
      if (current.status === "occurred") throw new ValidationFailed({ status: "This risk has occurred and is managed as an issue" });
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            return auditedUpdate(tx, ctx, {
              recordType: RISK,
              action: status === "closed" ? "close" : "reopen",
              notFound: RISK_NOT_FOUND,
              find: () => r.findRisk(pid, id),
              write: (before) => (before.version === version ? r.updateRisk(pid, id, version, { status }) : Promise.resolve(undefined)),
            });
          }),
        () => repo.findRiskView(pid, id),
      );
    },

    /** Publishes or unpublishes a risk (the programme office). */
    async setRiskPublished(ctx: RequestContext, id: string, version: number, published: boolean): Promise<RiskRow> {
      requireSignedIn(ctx);
      assertMayPublish(ctx);
      await getRisk(ctx, id);
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            return auditedUpdate(tx, ctx, {
              recordType: RISK,
              action: published ? "publish" : "unpublish",
              notFound: RISK_NOT_FOUND,
              find: () => r.findRisk(pid, id),
              write: (before) => (before.version === version ? r.updateRisk(pid, id, version, { published }) : Promise.resolve(undefined)),
            });
          }),
        () => repo.findRiskView(pid, id),
      );
    },

    /**
     * Reviews a risk: a new current likelihood and consequence (a row in its history), with a note
     * and optionally the decision that changed it (recorded as a decision effect, so the decision's
     * page shows it). The risk's current score changes in the same transaction.
     */
    async reviewRisk(ctx: RequestContext, id: string, input: RiskReviewInput): Promise<RiskReviewRow> {
      requireSignedIn(ctx);
      const current = await getRisk(ctx, id);
      await assertMayEdit(ctx, current.workstreamId);
      if (current.status !== "open") throw new ValidationFailed({ _form: "Only an open risk can be reviewed" });
      const on = today();
      const reviewedOn = input.reviewedOn ?? on;
      if (reviewedOn > on) throw new ValidationFailed({ reviewedOn: "The date of the review must be today or in the past" });
      await checkDecision(ctx, input.decisionId);
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            const before = current;
            await auditedUpdate(tx, ctx, {
              recordType: RISK,
              action: "review",
              notFound: RISK_NOT_FOUND,
              find: () => r.findRisk(pid, id),
              write: (row) =>
                row.version === input.version
                  ? r.updateRisk(pid, id, input.version, { currentLikelihood: input.likelihood, currentConsequence: input.consequence })
                  : Promise.resolve(undefined),
            });
            const review = await r.insertReview({
              partnershipId: pid,
              riskId: id,
              reviewedOn,
              likelihood: input.likelihood,
              consequence: input.consequence,
              note: input.note,
              decisionId: input.decisionId,
              recordedByName: recordedBy(ctx),
            });
            await auditedCreate(tx, ctx, RISK_REVIEW, review);
            if (input.decisionId && before.workstreamId) {
              const from = scoreOf(before.currentLikelihood, before.currentConsequence);
              const to = scoreOf(input.likelihood, input.consequence);
              await recordDecisionEffect(tx, ctx, {
                decisionId: input.decisionId,
                workstreamId: before.workstreamId,
                kind: "changes_risk",
                riskId: id,
                note: `R${before.reference} current score changed from ${from} to ${to}`,
              });
            }
            return review;
          }),
        () => repo.findRiskView(pid, id),
      );
    },

    /** Adds a mitigating action to a risk, through the actions module. */
    async addMitigatingAction(
      ctx: RequestContext,
      riskId: string,
      input: { description: string; ownerPersonId: string; dueOn: string | null; bodyId: string },
    ) {
      requireSignedIn(ctx);
      const risk = await getRisk(ctx, riskId);
      await assertMayEdit(ctx, risk.workstreamId);
      return deps.actions.createForRisk(ctx, riskId, input);
    },

    /**
     * Raises an issue from a risk that happened: the issue is linked to the risk, on the same
     * register, and the risk's status becomes "occurred", in one transaction.
     */
    async raiseIssue(
      ctx: RequestContext,
      riskId: string,
      version: number,
      input: Omit<IssueInput, "workstreamId" | "raisedFromRiskId">,
    ): Promise<ProgrammeIssueRow> {
      requireSignedIn(ctx);
      const risk = await getRisk(ctx, riskId);
      await assertMayEdit(ctx, risk.workstreamId);
      if (input.published) assertMayPublish(ctx);
      if (risk.status === "occurred") throw new ValidationFailed({ _form: "An issue has already been raised from this risk" });
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            await auditedUpdate(tx, ctx, {
              recordType: RISK,
              action: "occurred",
              notFound: RISK_NOT_FOUND,
              find: () => r.findRisk(pid, riskId),
              write: (row) => (row.version === version ? r.updateRisk(pid, riskId, version, { status: "occurred" }) : Promise.resolve(undefined)),
            });
            return insertIssue(r, tx, ctx, { ...input, workstreamId: risk.workstreamId, raisedFromRiskId: riskId });
          }),
        () => repo.findRiskView(pid, riskId),
      );
    },

    // -- Issues

    /** An issue register: a workstream's, or the portfolio's (null); open first, by priority. */
    async listIssues(ctx: RequestContext, options: { workstreamId: string | null }): Promise<IssueView[]> {
      await assertWorkstreamVisible(ctx, options.workstreamId);
      return repo.listIssues(ctx.partnership.id, visibility(ctx), { workstreamId: options.workstreamId }, 1, REGISTER_CAP);
    },

    /** A page of issues (limit + 1 rows). */
    async listIssuesPage(ctx: RequestContext, filter: IssueFilter, page: number, limit: number): Promise<IssueView[]> {
      return repo.listIssues(ctx.partnership.id, visibility(ctx), filter, page, limit);
    },

    async createIssue(ctx: RequestContext, input: IssueInput): Promise<ProgrammeIssueRow> {
      requireSignedIn(ctx);
      if (input.workstreamId) await workstream(ctx, input.workstreamId);
      await assertMayEdit(ctx, input.workstreamId);
      if (input.published) assertMayPublish(ctx);
      return deps.db.transaction(async (tx) => insertIssue(risksRepository(tx), tx, ctx, input));
    },

    async updateIssue(ctx: RequestContext, id: string, version: number, changes: IssueChanges): Promise<ProgrammeIssueRow> {
      requireSignedIn(ctx);
      const current = await getIssue(ctx, id);
      await assertMayEdit(ctx, current.workstreamId);
      if (changes.published !== undefined && changes.published !== current.published) assertMayPublish(ctx);
      const status: IssueStatus = changes.status ?? current.status;
      const resolution = changes.resolution !== undefined ? changes.resolution : current.resolution;
      if (status !== "open" && !resolution?.trim()) throw new ValidationFailed({ resolution: "Enter how the issue was resolved" });
      const values: Partial<ProgrammeIssueRow> = { ...changes };
      if (changes.status && changes.status !== "open" && current.status === "open" && changes.resolvedOn === undefined) values.resolvedOn = today();
      if (changes.status === "open") values.resolvedOn = null;
      const pid = ctx.partnership.id;
      return withCurrent(
        () =>
          deps.db.transaction(async (tx) => {
            const r = risksRepository(tx);
            return auditedUpdate(tx, ctx, {
              recordType: ISSUE,
              action: changes.status === "resolved" && current.status !== "resolved" ? "resolve" : undefined,
              notFound: ISSUE_NOT_FOUND,
              find: () => r.findIssue(pid, id),
              write: async (before) => {
                if (before.version !== version) return undefined;
                await checkPerson(r, ctx, "ownerPersonId", changes.ownerPersonId, before.ownerPersonId);
                await checkBody(r, ctx, changes.escalatedToBodyId, before.escalatedToBodyId);
                return r.updateIssue(pid, id, version, values);
              },
            });
          }),
        () => repo.findIssueView(pid, id),
      );
    },

    /** The audit trail of a risk (with its reviews) or an issue; insiders only. */
    history: (ctx: RequestContext, recordType: typeof RISK | typeof ISSUE, id: string) => historyOf(ctx, recordType, id),

    /** Sets the partnership's band thresholds (1 < moderate < high < extreme ≤ 25). */
    async updateBands(ctx: RequestContext, version: number | undefined, values: BandThresholds): Promise<BandThresholds> {
      if (ctx.principal.kind === "anonymous") throw new Unauthorised();
      if (!mayGovernPortfolio(ctx.principal)) throw new Forbidden("Only the programme office may change the risk bands");
      const problem = bandOrderProblem(values);
      if (problem) throw new ValidationFailed({ [problem.field]: problem.message });
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = risksRepository(tx);
        const existing = await r.findBands(pid);
        if (!existing) {
          if (version !== undefined) throw new Conflict(undefined, null);
          const row = await r.insertBands({ partnershipId: pid, ...values });
          if (!row) throw new Conflict();
          await auditedCreate(tx, ctx, RISK_BANDS, { ...row, id: pid });
          return row;
        }
        const after = await auditedUpdate(tx, ctx, {
          recordType: RISK_BANDS,
          notFound: "Bands not found",
          find: async () => ({ ...existing, id: pid }),
          write: async () => {
            if (version === undefined || version !== existing.version) return undefined;
            const row = await r.updateBands(pid, version, values);
            return row ? { ...row, id: pid } : undefined;
          },
        });
        return after;
      });
    },
  };

  async function insertIssue(r: RisksRepository, tx: Parameters<typeof auditedCreate>[0], ctx: RequestContext, input: IssueInput): Promise<ProgrammeIssueRow> {
    const pid = ctx.partnership.id;
    await checkPerson(r, ctx, "ownerPersonId", input.ownerPersonId);
    await checkBody(r, ctx, input.escalatedToBodyId);
    const raisedOn = input.raisedOn ?? today();
    if (raisedOn > today()) throw new ValidationFailed({ raisedOn: "The date the issue was raised must be today or in the past" });
    const reference = await r.nextReference(pid, "issue");
    const row = await r.insertIssue({
      partnershipId: pid,
      reference,
      workstreamId: input.workstreamId,
      title: input.title,
      description: input.description,
      impact: input.impact,
      priority: input.priority,
      ownerPersonId: input.ownerPersonId,
      raisedOn,
      escalatedToBodyId: input.escalatedToBodyId,
      raisedFromRiskId: input.raisedFromRiskId ?? null,
      published: input.published,
    });
    return auditedCreate(tx, ctx, ISSUE, row);
  }

  async function historyOf(ctx: RequestContext, recordType: string, id: string): Promise<HistoryEntry[] | null> {
    if (!seesUnpublishedPortfolio(ctx.principal)) return null;
    return listHistory(deps.db, ctx.partnership.id, recordType, id);
  }
}

export type RisksService = ReturnType<typeof risksService>;
