import type { MilestoneRow, ProductRow, ProductView } from "./milestones.repository.ts";
import type { MilestoneOutput, ProductOutput } from "./milestones.schema.ts";
import type { MilestoneSummary } from "./milestones.service.ts";
import { slippageDays } from "./slippage.ts";

/**
 * The API view of a milestone. Rows reach here already filtered by what the viewer may see (the
 * query applies workstreams/portfolio-access.ts); slippage is derived here, never stored.
 */
export function presentMilestone(m: MilestoneSummary): MilestoneOutput {
  return {
    id: m.id,
    workstream: { id: m.workstream.id, slug: m.workstream.slug, name: m.workstream.name },
    planId: m.planId,
    title: m.title,
    description: m.description,
    baselineOn: m.baselineOn,
    forecastOn: m.forecastOn,
    actualOn: m.actualOn,
    status: m.status,
    slippageDays: m.slippageDays,
    isExample: m.isExample,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The newer milestone a stale write met (only those who may edit the workstream ever write). */
export function presentMilestoneConflict(current: MilestoneRow) {
  return {
    id: current.id,
    title: current.title,
    baselineOn: current.baselineOn,
    forecastOn: current.forecastOn,
    actualOn: current.actualOn,
    status: current.status,
    slippageDays: slippageDays(current),
    version: current.version,
    updatedAt: current.updatedAt.toISOString(),
  };
}

export function presentProduct(p: ProductView): ProductOutput {
  return {
    id: p.id,
    workstream: { id: p.workstream.id, slug: p.workstream.slug, name: p.workstream.name },
    planId: p.planId,
    title: p.title,
    description: p.description,
    status: p.status,
    plannedOn: p.plannedOn,
    deliveredOn: p.deliveredOn,
    evidenceUrl: p.evidenceUrl,
    isExample: p.isExample,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

export function presentProductConflict(current: ProductRow) {
  return {
    id: current.id,
    title: current.title,
    status: current.status,
    plannedOn: current.plannedOn,
    deliveredOn: current.deliveredOn,
    evidenceUrl: current.evidenceUrl,
    version: current.version,
    updatedAt: current.updatedAt.toISOString(),
  };
}
