import { hasRole, isInsider, type Principal } from "../../platform/auth/principal.ts";
import { mayGovernPortfolio, maySeeWorkstream, seesUnpublishedPortfolio } from "../workstreams/portfolio-access.ts";
import type { PlanVisibility, WorkstreamRef } from "./plans.repository.ts";
import type { PlanRow, PlanStatus } from "./plans.tables.ts";

/** Statuses the public may see: approved plans, and earlier approved versions kept as "revised". */
export const PUBLIC_PLAN_STATUSES: readonly PlanStatus[] = ["approved", "revised"];

/**
 * Who may see and change plans and budgets; the portfolio-wide rules are in
 * workstreams/portfolio-access.ts. Editing a workstream's plans needs assertMayEditWorkstream
 * (checked in the service, as it needs the database); approving and returning to draft are for the
 * programme office alone.
 */
export const plansPolicy = {
  visibility: (p: Principal): PlanVisibility => ({ publicOnly: !seesUnpublishedPortfolio(p) }),

  /** Whether this viewer may see this plan of this workstream. */
  view: (p: Principal, workstream: Pick<WorkstreamRef, "published" | "archivedAt">, plan: Pick<PlanRow, "status">) =>
    maySeeWorkstream(p, workstream) && (seesUnpublishedPortfolio(p) || PUBLIC_PLAN_STATUSES.includes(plan.status)),

  govern: (p: Principal) => mayGovernPortfolio(p),
  /** Controls are offered to those who could use them in the browser (the service has the last word). */
  showGovernControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  showEditControls: (p: Principal) => hasRole(p, ["admin", "secretary", "contributor"]),
  viewHistory: (p: Principal) => isInsider(p),
};
