import type { Database } from "../../platform/db/client.ts";
import { listHistory, type HistoryEntry } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import { londonDate } from "../../platform/time.ts";
import { assertMayEditWorkstream, mayEditWorkstream, mayGovernPortfolio } from "../workstreams/portfolio-access.ts";
import { computeLatestRatings, subjectKey, type LatestRatings } from "./maturity.latest.ts";
import { maturityPolicy } from "./maturity.policy.ts";
import {
  maturityRepository,
  type AssessmentQuery,
  type AssessmentRow,
  type AssessmentView,
  type DimensionRow,
  type FrameworkRow,
  type FrameworkView,
  type LevelRow,
  type MaturityRepository,
} from "./maturity.repository.ts";
import type { AssessmentChanges, AssessmentInput, FrameworkChanges, FrameworkInput, RatingInput, StructureInput } from "./maturity.schema.ts";

export const MATURITY_FRAMEWORK = "maturity_framework";
export const MATURITY_ASSESSMENT = "maturity_assessment";
const FRAMEWORK_NOT_FOUND = "Maturity framework not found";
const ASSESSMENT_NOT_FOUND = "Maturity assessment not found";

/** A framework with its matrix: dimensions in order, levels least mature first, a descriptor per cell. */
export interface FrameworkDetail {
  framework: FrameworkView;
  dimensions: DimensionRow[];
  levels: LevelRow[];
  /** Keyed `${dimensionId}:${levelId}`. */
  descriptors: Map<string, string>;
}

/** One rating as pages and the API show it. */
export interface RatingView {
  dimensionId: string;
  dimensionTitle: string;
  levelId: string;
  levelTitle: string;
  rank: number;
  evidence: string;
}

/** An assessment with its ratings in dimension order. */
export interface AssessmentDetail {
  assessment: AssessmentView;
  subjectName: string;
  ratings: RatingView[];
}

/** The workstreams list the framework form offers, once the workstreams service is registered. */
export interface WorkstreamsSource {
  list(ctx: RequestContext): Promise<{ id: string; name: string }[]>;
}

/** The organisations the assessment form offers. */
export interface OrganisationsSource {
  list(
    ctx: RequestContext,
    filter: { status?: "active" | "inactive" | "archived" | "all" },
    page: number,
    limit: number,
  ): Promise<{ id: string; name: string }[]>;
}

export const descriptorKey = (dimensionId: string, levelId: string) => `${dimensionId}:${levelId}`;

const subjectNameOf = (a: { organisationName: string | null; areaName: string | null }) => a.organisationName ?? a.areaName?.trim() ?? "";

/** Rank offset used while levels are renumbered (ranks are unique per framework). */
const RANK_SHIFT = 1000;

/**
 * Maturity frameworks (dimensions × levels with a descriptor per cell) and the assessments that
 * rate organisations or areas against them; the heat map of the latest ratings with the change
 * since each subject's previous assessment. Every change is audited.
 */
export function maturityService(deps: { db: Database; organisations: OrganisationsSource; workstreams?: WorkstreamsSource | undefined; today?: () => string }) {
  const repo = maturityRepository(deps.db);
  const today = deps.today ?? (() => londonDate(new Date()));

  /** A framework this viewer may see; 404 otherwise, so unpublished frameworks look like missing ones. */
  async function getFramework(ctx: RequestContext, id: string, r: MaturityRepository = repo): Promise<FrameworkView> {
    const row = await r.findFramework(ctx.partnership.id, id);
    if (!row || !maturityPolicy.view(ctx.principal, row)) throw new NotFound(FRAMEWORK_NOT_FOUND);
    return row;
  }

  async function detailOf(r: MaturityRepository, framework: FrameworkView): Promise<FrameworkDetail> {
    const pid = framework.partnershipId;
    const dimensions = await r.dimensions(pid, framework.id);
    const levels = await r.levels(pid, framework.id);
    const descriptors = await r.descriptors(pid, framework.id);
    return { framework, dimensions, levels, descriptors: new Map(descriptors.map((d) => [descriptorKey(d.dimensionId, d.levelId), d.text])) };
  }

  /** What the audit trail records of a framework: its row with its dimensions and levels by title. */
  async function frameworkSnapshot(r: MaturityRepository, row: FrameworkRow) {
    const dimensions = await r.dimensions(row.partnershipId, row.id);
    const levels = await r.levels(row.partnershipId, row.id);
    return { ...row, dimensions: dimensions.map((d) => d.title), levels: levels.map((l) => l.title) };
  }

  async function assessmentSnapshot(r: MaturityRepository, row: AssessmentRow) {
    const ratings = await r.ratingsOf(row.partnershipId, [row.id]);
    return { ...row, ratings: ratings.map((x) => `${x.dimensionTitle}: ${x.levelTitle}`) };
  }

  function requireManager(ctx: RequestContext): void {
    if (!maturityPolicy.manageFrameworks(ctx.principal)) throw new Forbidden();
  }

  async function checkWorkstream(r: MaturityRepository, ctx: RequestContext, workstreamId: string | null | undefined): Promise<void> {
    if (workstreamId && !(await r.workstreamExists(ctx.partnership.id, workstreamId)))
      throw new ValidationFailed({ workstreamId: "Select a workstream from the list" });
  }

  /**
   * Brings a framework's dimensions and levels to the given lists: listed ids are kept (renamed,
   * reordered), rows without an id added, unlisted ones removed unless a rating uses them.
   */
  async function applyStructure(r: MaturityRepository, ctx: RequestContext, frameworkId: string, structure: Partial<StructureInput>): Promise<void> {
    const pid = ctx.partnership.id;
    const currentDimensions = await r.dimensions(pid, frameworkId);
    const currentLevels = await r.levels(pid, frameworkId);
    const usage = await r.usage(pid, frameworkId);

    const checkList = (field: "dimensions" | "levels", rows: { id?: string | undefined; title: string }[], current: { id: string; title: string }[]) => {
      const known = new Set(current.map((c) => c.id));
      const ids = rows.map((x) => x.id).filter((id): id is string => Boolean(id));
      if (ids.some((id) => !known.has(id)))
        throw new ValidationFailed({ [field]: `Every ${field === "dimensions" ? "dimension" : "level"} id must be one of this framework's` });
      if (new Set(ids).size !== ids.length)
        throw new ValidationFailed({ [field]: `Each ${field === "dimensions" ? "dimension" : "level"} may be listed once` });
      const titles = rows.map((x) => x.title.trim().toLowerCase());
      const duplicate = rows.find((x, i) => titles.indexOf(x.title.trim().toLowerCase()) !== i);
      if (duplicate)
        throw new ValidationFailed({
          [field]: `“${duplicate.title}” is listed twice: give each ${field === "dimensions" ? "dimension" : "level"} a different title`,
        });
      const kept = new Set(ids);
      const removed = current.filter((c) => !kept.has(c.id));
      const inUse = removed.filter((c) => (usage[field].get(c.id) ?? 0) > 0);
      if (inUse.length > 0) {
        const names = inUse.map((c) => `“${c.title}” (${usage[field].get(c.id)} ${usage[field].get(c.id) === 1 ? "rating" : "ratings"})`).join(", ");
        throw new ValidationFailed({
          [field]: `${names} cannot be removed because assessments use ${inUse.length === 1 ? "it" : "them"}. Rename ${inUse.length === 1 ? "it" : "them"} instead, or change those assessments first`,
        });
      }
      return removed.map((c) => c.id);
    };

    let levelIds = currentLevels.map((l) => l.id);
    if (structure.levels) {
      const removed = checkList("levels", structure.levels, currentLevels);
      await r.deleteLevels(pid, removed);
      await r.shiftLevelRanks(pid, frameworkId, RANK_SHIFT);
      levelIds = [];
      for (const [i, level] of structure.levels.entries()) {
        if (level.id) {
          await r.updateLevel(pid, level.id, { title: level.title, rank: i + 1 });
          levelIds.push(level.id);
        } else {
          levelIds.push((await r.insertLevel({ partnershipId: pid, frameworkId, rank: i + 1, title: level.title })).id);
        }
      }
    }
    if (structure.dimensions) {
      const removed = checkList("dimensions", structure.dimensions, currentDimensions);
      await r.deleteDimensions(pid, removed);
      for (const [i, d] of structure.dimensions.entries()) {
        const values = { title: d.title, description: d.description, position: i };
        const id = d.id ?? (await r.insertDimension({ partnershipId: pid, frameworkId, ...values })).id;
        if (d.id) await r.updateDimension(pid, d.id, values);
        if (d.descriptors) {
          if (d.descriptors.length > levelIds.length)
            throw new ValidationFailed({ dimensions: `“${d.title}” has more descriptors than the framework has levels` });
          for (const [j, text] of d.descriptors.entries()) await r.setDescriptor(pid, id, levelIds[j]!, text.trim());
        }
      }
    }
  }

  /** Re-reads the stored record after a refused write, so the 409 carries the newer version. */
  async function conflictWith<T>(current: () => Promise<unknown>, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (err) {
      if (err instanceof Conflict) throw new Conflict(err.message, await current());
      throw err;
    }
  }

  /** Whether this principal may record and edit assessments against the framework. */
  async function mayAssess(ctx: RequestContext, framework: { workstreamId: string | null }): Promise<boolean> {
    if (mayGovernPortfolio(ctx.principal)) return true;
    if (!maturityPolicy.assessAny(ctx.principal) || !framework.workstreamId) return false;
    return mayEditWorkstream(deps.db, ctx, framework.workstreamId);
  }

  async function assertMayAssess(ctx: RequestContext, framework: { workstreamId: string | null }): Promise<void> {
    if (mayGovernPortfolio(ctx.principal)) return;
    if (!maturityPolicy.assessAny(ctx.principal) || !framework.workstreamId) throw new Forbidden();
    await assertMayEditWorkstream(deps.db, ctx, framework.workstreamId);
  }

  /** Every dimension rated once, with a level of this framework; the date not in the future; the organisation real. */
  async function checkAssessment(
    r: MaturityRepository,
    ctx: RequestContext,
    frameworkId: string,
    values: {
      organisationId?: string | null | undefined;
      assessorPersonId?: string | null | undefined;
      assessedOn?: string | undefined;
      ratings?: RatingInput[] | undefined;
    },
  ): Promise<void> {
    const pid = ctx.partnership.id;
    const errors: Record<string, string> = {};
    if (values.organisationId && !(await r.organisationExists(pid, values.organisationId))) errors.organisationId = "Select an organisation from the list";
    if (values.assessorPersonId && !(await r.personExists(pid, values.assessorPersonId)))
      errors.assessorPersonId = "Select the assessor from the list of people";
    if (values.assessedOn && values.assessedOn > today()) errors.assessedOn = "The date of the assessment must be today or in the past";
    if (values.ratings) {
      const dimensions = await r.dimensions(pid, frameworkId);
      const levels = new Set((await r.levels(pid, frameworkId)).map((l) => l.id));
      const dimensionIds = new Set(dimensions.map((d) => d.id));
      const seen = new Set<string>();
      for (const rating of values.ratings) {
        if (!dimensionIds.has(rating.dimensionId)) errors.ratings ??= "Every rating must name a dimension of this framework";
        else if (seen.has(rating.dimensionId)) errors.ratings ??= "Rate each dimension once";
        else if (!levels.has(rating.levelId)) errors[`rating-${rating.dimensionId}`] ??= "Select one of this framework's levels";
        seen.add(rating.dimensionId);
      }
      for (const d of dimensions) if (!seen.has(d.id)) errors[`rating-${d.id}`] ??= `Select a level for “${d.title}”`;
    }
    if (Object.keys(errors).length > 0) throw new ValidationFailed(errors);
  }

  async function withRatings(r: MaturityRepository, ctx: RequestContext, views: AssessmentView[]): Promise<AssessmentDetail[]> {
    const ratings = await r.ratingsOf(
      ctx.partnership.id,
      views.map((v) => v.id),
    );
    const byAssessment = new Map<string, RatingView[]>();
    for (const x of ratings) {
      const list = byAssessment.get(x.assessmentId) ?? [];
      list.push({
        dimensionId: x.dimensionId,
        dimensionTitle: x.dimensionTitle,
        levelId: x.levelId,
        levelTitle: x.levelTitle,
        rank: x.rank,
        evidence: x.evidence,
      });
      byAssessment.set(x.assessmentId, list);
    }
    return views.map((assessment) => ({ assessment, subjectName: subjectNameOf(assessment), ratings: byAssessment.get(assessment.id) ?? [] }));
  }

  /** An assessment this viewer may see (its framework published, or an insider); 404 otherwise. */
  async function getAssessmentView(ctx: RequestContext, id: string, r: MaturityRepository = repo): Promise<AssessmentView> {
    const row = await r.findAssessmentView(ctx.partnership.id, id);
    if (!row || !maturityPolicy.view(ctx.principal, { published: row.frameworkPublished })) throw new NotFound(ASSESSMENT_NOT_FOUND);
    return row;
  }

  async function getAssessment(ctx: RequestContext, id: string, r: MaturityRepository = repo): Promise<AssessmentDetail> {
    const [detail] = await withRatings(r, ctx, [await getAssessmentView(ctx, id, r)]);
    return detail!;
  }

  /** The heat map's data: per subject × dimension the latest level and the change since the previous rating. */
  async function latestRatings(ctx: RequestContext, frameworkId: string): Promise<LatestRatings> {
    const framework = await getFramework(ctx, frameworkId);
    const pid = ctx.partnership.id;
    const [dimensions, levels, assessments] = await Promise.all([
      repo.dimensions(pid, framework.id),
      repo.levels(pid, framework.id),
      repo.assessmentsOfFramework(pid, framework.id),
    ]);
    const ratings = await repo.ratingsOf(
      pid,
      assessments.map((a) => a.id),
    );
    const byAssessment = new Map<string, { dimensionId: string; levelId: string }[]>();
    for (const x of ratings)
      byAssessment.set(x.assessmentId, [...(byAssessment.get(x.assessmentId) ?? []), { dimensionId: x.dimensionId, levelId: x.levelId }]);
    return computeLatestRatings(
      dimensions,
      levels,
      assessments.map((a) => ({
        id: a.id,
        organisationId: a.organisationId,
        areaName: a.areaName,
        subjectName: subjectNameOf(a),
        assessedOn: a.assessedOn,
        createdAt: a.createdAt,
        ratings: byAssessment.get(a.id) ?? [],
        isExample: a.isExample,
      })),
    );
  }

  return {
    getFramework,
    getAssessment,
    latestRatings,
    mayAssess,
    today,

    /** A page of frameworks (limit + 1 rows) this viewer may see. */
    async listFrameworks(ctx: RequestContext, filter: { workstreamId?: string | undefined }, page: number, limit: number): Promise<FrameworkView[]> {
      return repo.listFrameworks(ctx.partnership.id, !maturityPolicy.seesUnpublished(ctx.principal), filter, page, limit);
    },

    /** The framework with its matrix. */
    async frameworkDetail(ctx: RequestContext, id: string): Promise<FrameworkDetail> {
      return detailOf(repo, await getFramework(ctx, id));
    },

    /** Ratings in use per dimension and level (the edit form marks what cannot be removed). */
    async usage(ctx: RequestContext, id: string) {
      await getFramework(ctx, id);
      return repo.usage(ctx.partnership.id, id);
    },

    /** The audit trail of a framework; null for the public. */
    async frameworkHistory(ctx: RequestContext, id: string): Promise<HistoryEntry[] | null> {
      await getFramework(ctx, id);
      if (!maturityPolicy.seesUnpublished(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, MATURITY_FRAMEWORK, id);
    },

    /** The audit trail of an assessment; null for the public. */
    async assessmentHistory(ctx: RequestContext, id: string): Promise<HistoryEntry[] | null> {
      await getAssessmentView(ctx, id);
      if (!maturityPolicy.seesUnpublished(ctx.principal)) return null;
      return listHistory(deps.db, ctx.partnership.id, MATURITY_ASSESSMENT, id);
    },

    /** Defines a framework with its dimensions, levels and descriptors (programme office only). */
    async createFramework(ctx: RequestContext, input: FrameworkInput): Promise<FrameworkDetail> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = maturityRepository(tx);
        await checkWorkstream(r, ctx, input.workstreamId);
        const row = await r.insertFramework({
          partnershipId: pid,
          title: input.title,
          description: input.description,
          workstreamId: input.workstreamId,
          published: input.published,
        });
        await applyStructure(r, ctx, row.id, { dimensions: input.dimensions, levels: input.levels });
        await auditedCreate(tx, ctx, MATURITY_FRAMEWORK, await frameworkSnapshot(r, row));
        return detailOf(r, (await r.findFramework(pid, row.id))!);
      });
    },

    /** Changes a framework's details and, when given, its dimensions, levels and descriptors; a stale version is a 409. */
    async updateFramework(ctx: RequestContext, id: string, version: number, changes: FrameworkChanges): Promise<FrameworkDetail> {
      requireManager(ctx);
      await getFramework(ctx, id);
      const pid = ctx.partnership.id;
      return conflictWith(
        async () => detailOf(repo, (await repo.findFramework(pid, id))!),
        () =>
          deps.db.transaction(async (tx) => {
            const r = maturityRepository(tx);
            await auditedUpdate(tx, ctx, {
              recordType: MATURITY_FRAMEWORK,
              notFound: FRAMEWORK_NOT_FOUND,
              find: async () => {
                const row = await r.lockFramework(pid, id);
                return row ? frameworkSnapshot(r, row) : undefined;
              },
              write: async (before) => {
                if (before.version !== version) return undefined;
                if (changes.workstreamId !== undefined) await checkWorkstream(r, ctx, changes.workstreamId);
                await applyStructure(r, ctx, id, {
                  ...(changes.dimensions ? { dimensions: changes.dimensions } : {}),
                  ...(changes.levels ? { levels: changes.levels } : {}),
                });
                const row = await r.updateFramework(pid, id, version, {
                  ...(changes.title !== undefined ? { title: changes.title } : {}),
                  ...(changes.description !== undefined ? { description: changes.description } : {}),
                  ...(changes.workstreamId !== undefined ? { workstreamId: changes.workstreamId } : {}),
                  ...(changes.published !== undefined ? { published: changes.published } : {}),
                });
                return row ? frameworkSnapshot(r, row) : undefined;
              },
            });
            return detailOf(r, (await r.findFramework(pid, id))!);
          }),
      );
    },

    /** A page of assessments (limit + 1 rows) this viewer may see, newest first, with their ratings. */
    async listAssessments(ctx: RequestContext, q: AssessmentQuery, page: number, limit: number): Promise<AssessmentDetail[]> {
      const rows = await repo.listAssessments(ctx.partnership.id, !maturityPolicy.seesUnpublished(ctx.principal), q, page, limit);
      return withRatings(repo, ctx, rows);
    },

    /**
     * A framework's assessments grouped by subject, each subject's oldest first (the page that
     * shows how a subject has moved over time). `subject` narrows it to one organisation or area.
     */
    async assessmentsBySubject(
      ctx: RequestContext,
      frameworkId: string,
      subject: { organisationId?: string | undefined; areaName?: string | undefined },
    ): Promise<{ key: string; name: string; organisationId: string | null; areaName: string | null; assessments: AssessmentDetail[] }[]> {
      const framework = await getFramework(ctx, frameworkId);
      const all = await withRatings(repo, ctx, await repo.assessmentsOfFramework(ctx.partnership.id, framework.id));
      const wanted =
        subject.organisationId || subject.areaName ? subjectKey({ organisationId: subject.organisationId ?? null, areaName: subject.areaName ?? null }) : null;
      const groups = new Map<string, AssessmentDetail[]>();
      for (const a of all) {
        const key = subjectKey(a.assessment);
        if (wanted && key !== wanted) continue;
        groups.set(key, [...(groups.get(key) ?? []), a]);
      }
      return [...groups.entries()]
        .map(([key, assessments]) => {
          const newest = assessments[assessments.length - 1]!;
          return { key, name: newest.subjectName, organisationId: newest.assessment.organisationId, areaName: newest.assessment.areaName, assessments };
        })
        .sort((a, b) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" }));
    },

    /** Records an assessment with a rating for every dimension (programme office, or contributors of the framework's workstream). */
    async createAssessment(ctx: RequestContext, input: AssessmentInput): Promise<AssessmentDetail> {
      if (!maturityPolicy.assessAny(ctx.principal)) throw new Forbidden();
      const framework = await getFramework(ctx, input.frameworkId);
      await assertMayAssess(ctx, framework);
      const pid = ctx.partnership.id;
      return deps.db.transaction(async (tx) => {
        const r = maturityRepository(tx);
        await checkAssessment(r, ctx, framework.id, input);
        const row = await r.insertAssessment({
          partnershipId: pid,
          frameworkId: framework.id,
          organisationId: input.organisationId,
          areaName: input.organisationId ? null : input.areaName,
          assessedOn: input.assessedOn,
          assessorName: input.assessorName,
          assessorPersonId: input.assessorPersonId,
          method: input.method,
          notes: input.notes,
        });
        await r.replaceRatings(pid, row.id, input.ratings);
        await auditedCreate(tx, ctx, MATURITY_ASSESSMENT, await assessmentSnapshot(r, row));
        return getAssessment(ctx, row.id, r);
      });
    },

    /** Changes an assessment; `ratings`, when given, is the whole new set. A stale version is a 409. */
    async updateAssessment(ctx: RequestContext, id: string, version: number, changes: AssessmentChanges): Promise<AssessmentDetail> {
      if (!maturityPolicy.assessAny(ctx.principal)) throw new Forbidden();
      const current = await getAssessmentView(ctx, id);
      await assertMayAssess(ctx, { workstreamId: current.frameworkWorkstreamId });
      const pid = ctx.partnership.id;
      return conflictWith(
        () => getAssessment(ctx, id),
        () =>
          deps.db.transaction(async (tx) => {
            const r = maturityRepository(tx);
            await auditedUpdate(tx, ctx, {
              recordType: MATURITY_ASSESSMENT,
              notFound: ASSESSMENT_NOT_FOUND,
              find: async () => {
                const row = await r.findAssessment(pid, id);
                return row ? assessmentSnapshot(r, row) : undefined;
              },
              write: async (before) => {
                if (before.version !== version) return undefined;
                // The subject: naming an organisation clears the area and the other way round.
                const subject =
                  changes.organisationId !== undefined || changes.areaName !== undefined
                    ? changes.organisationId
                      ? { organisationId: changes.organisationId, areaName: null }
                      : changes.areaName
                        ? { organisationId: null, areaName: changes.areaName }
                        : { organisationId: before.organisationId, areaName: before.areaName }
                    : {};
                if ("organisationId" in subject && !subject.organisationId && !subject.areaName?.trim())
                  throw new ValidationFailed({ organisationId: "Select the organisation assessed, or enter the name of the area" });
                await checkAssessment(r, ctx, before.frameworkId, {
                  organisationId: "organisationId" in subject && subject.organisationId !== before.organisationId ? subject.organisationId : undefined,
                  assessedOn: changes.assessedOn,
                  assessorPersonId: changes.assessorPersonId,
                  ratings: changes.ratings,
                });
                if (changes.ratings) await r.replaceRatings(pid, id, changes.ratings);
                const row = await r.updateAssessment(pid, id, version, {
                  ...subject,
                  ...(changes.assessedOn !== undefined ? { assessedOn: changes.assessedOn } : {}),
                  ...(changes.assessorName !== undefined ? { assessorName: changes.assessorName } : {}),
                  ...(changes.assessorPersonId !== undefined ? { assessorPersonId: changes.assessorPersonId } : {}),
                  ...(changes.method !== undefined ? { method: changes.method } : {}),
                  ...(changes.notes !== undefined ? { notes: changes.notes } : {}),
                });
                return row ? assessmentSnapshot(r, row) : undefined;
              },
            });
            return getAssessment(ctx, id, r);
          }),
      );
    },

    // -- Pickers for the forms

    /** Current workstreams, from the workstreams service once it is registered. */
    async workstreamChoices(ctx: RequestContext): Promise<{ id: string; name: string }[]> {
      if (deps.workstreams) return (await deps.workstreams.list(ctx)).map((w) => ({ id: w.id, name: w.name }));
      return repo.workstreamChoices(ctx.partnership.id);
    },

    async organisationChoices(ctx: RequestContext): Promise<{ id: string; name: string }[]> {
      return (await deps.organisations.list(ctx, { status: "active" }, 1, 1000)).slice(0, 1000).map((o) => ({ id: o.id, name: o.name }));
    },
  };
}

export type MaturityService = ReturnType<typeof maturityService>;
