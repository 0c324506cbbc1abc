import type { IssueView, RiskReviewRow, RiskView } from "./risks.repository.ts";
import type { IssueOutput, RiskOutput } from "./risks.schema.ts";
import { scored } from "./risks.service.ts";
import type { BandThresholds } from "./scoring.ts";

/** How people cite a risk: "R12". */
export const riskReference = (n: number) => `R${n}`;
/** How people cite an issue: "I7". */
export const issueReference = (n: number) => `I${n}`;

/**
 * What the API shows of a risk. Which risks reach a viewer at all is decided before this
 * (portfolio-access.ts, applied in the repository's queries): the public sees only published
 * risks of published workstreams, and then all of the risk's fields.
 */
export function presentRisk(r: RiskView, bands: BandThresholds): RiskOutput {
  return {
    id: r.id,
    reference: riskReference(r.reference),
    workstream: r.workstream,
    title: r.title,
    cause: r.cause,
    event: r.event,
    effect: r.effect,
    category: r.category,
    owner: r.ownerPersonId && r.ownerName !== null ? { id: r.ownerPersonId, name: r.ownerName } : null,
    inherent: scored(r.inherentLikelihood, r.inherentConsequence, bands),
    current: scored(r.currentLikelihood, r.currentConsequence, bands),
    target: scored(r.targetLikelihood, r.targetConsequence, bands),
    controls: r.controls,
    assurances: r.assurances,
    reviewOn: r.reviewOn,
    status: r.status,
    escalatedTo: r.escalatedToBodyId && r.escalatedToBodyName !== null ? { id: r.escalatedToBodyId, name: r.escalatedToBodyName } : null,
    published: r.published,
    isExample: r.isExample,
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

export function presentReview(review: RiskReviewRow, bands: BandThresholds) {
  const s = scored(review.likelihood, review.consequence, bands);
  return {
    id: review.id,
    reviewedOn: review.reviewedOn,
    likelihood: review.likelihood,
    consequence: review.consequence,
    score: s.score,
    band: s.band,
    note: review.note,
    decisionId: review.decisionId,
    recordedByName: review.recordedByName,
  };
}

export function presentIssue(i: IssueView): IssueOutput {
  return {
    id: i.id,
    reference: issueReference(i.reference),
    workstream: i.workstream,
    title: i.title,
    description: i.description,
    impact: i.impact,
    priority: i.priority,
    owner: i.ownerPersonId && i.ownerName !== null ? { id: i.ownerPersonId, name: i.ownerName } : null,
    raisedFromRisk:
      i.raisedFromRiskId && i.raisedFromRiskReference !== null ? { id: i.raisedFromRiskId, reference: riskReference(i.raisedFromRiskReference) } : null,
    raisedOn: i.raisedOn,
    status: i.status,
    resolution: i.resolution,
    resolvedOn: i.resolvedOn,
    escalatedTo: i.escalatedToBodyId && i.escalatedToBodyName !== null ? { id: i.escalatedToBodyId, name: i.escalatedToBodyName } : null,
    published: i.published,
    isExample: i.isExample,
    version: i.version,
    createdAt: i.createdAt.toISOString(),
    updatedAt: i.updatedAt.toISOString(),
  };
}

/** A risk's sentence in the cause–event–effect form the NHS registers use. */
export function riskStatement(r: { cause: string; event: string; effect: string }): string {
  const event = r.event.trim();
  if (!event) return "";
  const trim = (s: string) => s.trim().replace(/[.;]+$/, "");
  let text = `There is a risk that ${trim(event)}`;
  if (r.cause.trim()) text += `, caused by ${trim(r.cause)}`;
  if (r.effect.trim()) text += `, resulting in ${trim(r.effect)}`;
  return `${text}.`;
}
