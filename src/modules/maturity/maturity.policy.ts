import { hasRole, type Principal } from "../../platform/auth/principal.ts";
import { mayGovernPortfolio, maySeeWorkstream, seesUnpublishedPortfolio } from "../workstreams/portfolio-access.ts";

/**
 * Who may see and change maturity frameworks and assessments (see workstreams/portfolio-access.ts,
 * the portfolio's single policy).
 *
 * Seeing: insiders see every framework; the public sees a framework, its heat map and its
 * assessments only when the framework is published (anything else is a 404).
 * Changing: frameworks (their wording, dimensions, levels, descriptors, publication) belong to the
 * programme office (mayGovernPortfolio). Assessments may also be recorded and edited by the
 * contributors of the framework's workstream (assertMayEditWorkstream in the service).
 */
export const maturityPolicy = {
  /** True when unpublished frameworks (and their assessments) are visible too. */
  seesUnpublished: (p: Principal): boolean => seesUnpublishedPortfolio(p),

  view: (p: Principal, framework: { published: boolean }): boolean => seesUnpublishedPortfolio(p) || framework.published,

  /** Whether to name the framework's workstream to this viewer (the public only sees published workstreams). */
  showWorkstream: (p: Principal, workstream: { published: boolean; archivedAt: Date | null }): boolean => maySeeWorkstream(p, workstream),

  manageFrameworks: (p: Principal): boolean => mayGovernPortfolio(p),

  /**
   * Could this principal record an assessment of some framework? (The route's first check; the
   * service then asks about the framework's workstream.) Contributors need a write-scoped session or token.
   */
  assessAny: (p: Principal): boolean => mayGovernPortfolio(p) || (p.kind === "user" && p.scope === "write" && hasRole(p, ["contributor"])),
};
