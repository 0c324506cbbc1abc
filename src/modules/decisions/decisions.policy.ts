import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { CONFIDENTIALITY, MEETING_STATUSES, type Confidentiality, type MeetingStatus } from "../meetings/meetings.tables.ts";
import { maySeeConfidentiality, maySeeOutcomes } from "../meetings/confidentiality.ts";
import type { DecisionVisibility } from "./decisions.repository.ts";

/**
 * Who may see and record decisions. Deny by default. A decision follows its agenda item: Part II
 * decisions only for those entitled to Part II (meetings/confidentiality.ts); Part I decisions are
 * public once the meeting has been held. Only admins and the board office record and change them.
 */
export const decisionsPolicy = {
  /** Whether this viewer may see a decision on this item of this meeting. */
  view: (p: Principal, meeting: { status: MeetingStatus }, item: { confidentiality: Confidentiality }, body: { archivedAt: Date | null }) =>
    maySeeConfidentiality(p, item.confidentiality) && maySeeOutcomes(p, meeting) && (body.archivedAt === null || isInsider(p)),

  /** The same rule, as the lists' WHERE clause needs it: every meeting status and part the viewer may see. */
  visibility: (p: Principal): DecisionVisibility => ({
    confidentialities: CONFIDENTIALITY.filter((c) => maySeeConfidentiality(p, c)),
    meetingStatuses: MEETING_STATUSES.filter((status) => maySeeOutcomes(p, { status })),
    includeArchivedBodies: isInsider(p),
  }),

  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => isInsider(p),
};
