import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { CONFIDENTIALITY, MEETING_STATUSES } from "../meetings/meetings.tables.ts";
import { maySeeConfidentiality, maySeeOutcomes } from "../meetings/confidentiality.ts";
import type { SourceVisibility } from "./forward-plan.repository.ts";

/**
 * Who may see and change forward plans. Deny by default. A forward plan is the board office's
 * working list of future business, not a published record: people with a role in the partnership
 * read it; admins and secretaries change it. An entry that came from a recommendation follows its
 * source decision, so one from a Part II decision is seen only by those entitled to Part II.
 */
export const forwardPlanPolicy = {
  view: (p: Principal) => isInsider(p),
  sourceVisibility: (p: Principal): SourceVisibility => ({
    confidentialities: CONFIDENTIALITY.filter((c) => maySeeConfidentiality(p, c)),
    meetingStatuses: MEETING_STATUSES.filter((status) => maySeeOutcomes(p, { status })),
  }),
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => isInsider(p),
};
