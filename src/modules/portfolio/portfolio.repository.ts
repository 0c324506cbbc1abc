import { and, asc, eq, inArray, isNull, or, type SQL } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { seesUnpublishedPortfolio } from "../workstreams/portfolio-access.ts";
import { workstreams } from "../workstreams/workstreams.tables.ts";
import { plans } from "../plans/plans.tables.ts";
import { PUBLIC_PLAN_STATUSES } from "../plans/plans.policy.ts";
import { milestones } from "../milestones/milestones.tables.ts";
import { risks } from "../risks/risks.tables.ts";
import { decisionEffects } from "./portfolio.tables.ts";

/** Queries of the portfolio module's own table (decision effects), always scoped to one partnership. */
export function portfolioRepository(db: Executor) {
  return {
    /**
     * A decision's effects with the names of what they changed, as the viewer may see them
     * (workstreams/portfolio-access.ts, applied in the WHERE clause): the public sees effects on
     * published, unarchived workstreams only, and of those only effects on plans it may see
     * (approved, or earlier approved versions), on milestones, and on published risks.
     */
    async effectsOfDecision(ctx: RequestContext, decisionId: string) {
      const conditions: SQL[] = [eq(decisionEffects.partnershipId, ctx.partnership.id), eq(decisionEffects.decisionId, decisionId)];
      if (!seesUnpublishedPortfolio(ctx.principal)) {
        conditions.push(
          eq(workstreams.published, true),
          isNull(workstreams.archivedAt),
          or(
            and(inArray(decisionEffects.kind, ["approves_plan", "changes_budget"]), inArray(plans.status, [...PUBLIC_PLAN_STATUSES])),
            eq(decisionEffects.kind, "changes_milestone"),
            and(eq(decisionEffects.kind, "changes_risk"), eq(risks.published, true)),
          )!,
        );
      }
      const rows = await db
        .select({
          effect: decisionEffects,
          workstream: { id: workstreams.id, slug: workstreams.slug, name: workstreams.name },
          planId: plans.id,
          planYear: plans.financialYear,
          planRevision: plans.revision,
          milestoneId: milestones.id,
          milestoneTitle: milestones.title,
          riskId: risks.id,
          riskReference: risks.reference,
          riskTitle: risks.title,
        })
        .from(decisionEffects)
        .innerJoin(workstreams, and(eq(workstreams.partnershipId, decisionEffects.partnershipId), eq(workstreams.id, decisionEffects.workstreamId)))
        .leftJoin(plans, and(eq(plans.partnershipId, decisionEffects.partnershipId), eq(plans.id, decisionEffects.planId)))
        .leftJoin(milestones, and(eq(milestones.partnershipId, decisionEffects.partnershipId), eq(milestones.id, decisionEffects.milestoneId)))
        .leftJoin(risks, and(eq(risks.partnershipId, decisionEffects.partnershipId), eq(risks.id, decisionEffects.riskId)))
        .where(and(...conditions))
        .orderBy(asc(workstreams.position), asc(workstreams.name), asc(decisionEffects.createdAt), asc(decisionEffects.id))
        .limit(1000);
      return rows.map((r) => ({
        ...r.effect,
        workstream: r.workstream,
        plan:
          r.planId !== null && r.planYear !== null && r.planRevision !== null ? { id: r.planId, financialYear: r.planYear, revision: r.planRevision } : null,
        milestone: r.milestoneId !== null && r.milestoneTitle !== null ? { id: r.milestoneId, title: r.milestoneTitle } : null,
        risk: r.riskId !== null && r.riskReference !== null && r.riskTitle !== null ? { id: r.riskId, reference: r.riskReference, title: r.riskTitle } : null,
      }));
    },
  };
}

export type PortfolioRepository = ReturnType<typeof portfolioRepository>;
