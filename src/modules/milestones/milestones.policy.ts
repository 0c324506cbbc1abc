import { hasRole, type Principal } from "../../platform/auth/principal.ts";
import { seesUnpublishedPortfolio } from "../workstreams/portfolio-access.ts";
import type { PortfolioVisibility } from "./milestones.repository.ts";

/**
 * Who may see and change milestones and products. The rules are the portfolio's
 * (workstreams/portfolio-access.ts): insiders see everything; the public sees the milestones and
 * delivered products of published workstreams; changes need assertMayEditWorkstream (admins, the
 * programme office, and contributors assigned to the workstream).
 */
export const milestonesPolicy = {
  visibility: (p: Principal): PortfolioVisibility => ({ includeUnpublished: seesUnpublishedPortfolio(p) }),
  /** A product the viewer may see: planned products only for insiders. */
  viewProduct: (p: Principal, product: { status: "planned" | "delivered" }) => seesUnpublishedPortfolio(p) || product.status === "delivered",
  viewHistory: (p: Principal) => seesUnpublishedPortfolio(p),
  /** Roles that could edit some workstream's milestones (the service checks the workstream itself). */
  mightEdit: (p: Principal) => hasRole(p, ["admin", "secretary", "contributor"]),
};
