import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { auditedCreate } from "../../platform/audit/audited.ts";
import { decisionEffects, type DecisionEffectKind } from "./portfolio.tables.ts";

export type DecisionEffectRow = typeof decisionEffects.$inferSelect;

export interface DecisionEffectInput {
  decisionId: string;
  workstreamId: string;
  kind: DecisionEffectKind;
  planId?: string | null;
  milestoneId?: string | null;
  riskId?: string | null;
  note?: string;
}

/**
 * Records what a decision did to the programme (approved a plan, changed a budget, a milestone or
 * a risk), inside the caller's transaction. The caller has already checked that the principal may
 * see the decision (services.decisions.get) and may edit the workstream.
 */
export async function recordDecisionEffect(tx: Executor, ctx: RequestContext, input: DecisionEffectInput): Promise<DecisionEffectRow> {
  const [row] = await tx
    .insert(decisionEffects)
    .values({
      partnershipId: ctx.partnership.id,
      decisionId: input.decisionId,
      workstreamId: input.workstreamId,
      kind: input.kind,
      planId: input.planId ?? null,
      milestoneId: input.milestoneId ?? null,
      riskId: input.riskId ?? null,
      note: input.note ?? "",
    })
    .returning();
  return auditedCreate(tx, ctx, "decision_effect", row!);
}

/**
 * Effects recorded against the given decisions or workstreams (unfiltered rows: callers keep only
 * those whose decision the principal may see, through services.decisions).
 */
export async function decisionEffectsWhere(
  db: Executor,
  ctx: RequestContext,
  where: { decisionIds?: readonly string[]; workstreamId?: string },
): Promise<DecisionEffectRow[]> {
  const conditions = [eq(decisionEffects.partnershipId, ctx.partnership.id)];
  if (where.decisionIds) {
    if (where.decisionIds.length === 0) return [];
    conditions.push(inArray(decisionEffects.decisionId, [...where.decisionIds]));
  }
  if (where.workstreamId) conditions.push(eq(decisionEffects.workstreamId, where.workstreamId));
  return db
    .select()
    .from(decisionEffects)
    .where(and(...conditions))
    .orderBy(asc(decisionEffects.createdAt));
}
