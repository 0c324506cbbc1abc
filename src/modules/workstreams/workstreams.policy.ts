import { hasRole, isInsider, type Principal } from "../../platform/auth/principal.ts";
import { PORTFOLIO_MANAGERS, mayGovernPortfolio, seesUnpublishedPortfolio } from "./portfolio-access.ts";
import type { WorkstreamVisibility } from "./workstreams.repository.ts";

/**
 * Who may see and change workstreams: a thin reading of portfolio-access.ts, the one portfolio
 * policy. The definition of a workstream (name, SRO, leads, status, contributions, publication,
 * contributors) is for admins and the programme office alone; an assigned contributor may link
 * the workstream's decisions and agenda items (assertMayEditWorkstream), nothing else here.
 */
export const workstreamsPolicy = {
  visibility: (p: Principal): WorkstreamVisibility => ({ includeUnpublished: seesUnpublishedPortfolio(p) }),
  govern: (p: Principal) => mayGovernPortfolio(p),
  /** Controls are offered to those who could use them in the browser. */
  showGovernControls: (p: Principal) => hasRole(p, PORTFOLIO_MANAGERS),
  /** Contributor names are for insiders. */
  seeContributors: (p: Principal) => isInsider(p),
};
