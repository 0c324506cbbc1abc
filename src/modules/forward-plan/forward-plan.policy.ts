import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { CONFIDENTIALITY, MEETING_STATUSES } from "../meetings/meetings.tables.ts";
import { maySeeConfidentiality, maySeeOutcomes } from "../meetings/confidentiality.ts";
import type { SourceVisibility } from "./forward-plan.repository.ts";

/**
 * Who may see and change forward plans. Deny by default. A forward plan is the body's list of
 * future business. It is published (issue 5): the public reads the forward plans of current bodies
 * that meet in public — every current (not removed) entry of them; plans of bodies that meet in
 * private stay with people with a role in the partnership, and the public gets 404 for them.
 * Admins and secretaries change plans. Entries carry no Part II flag of their own, so Part II
 * follows what an entry is tied to: one that came from a Part II recommendation, or that has been
 * scheduled onto a Part II agenda item, is seen only by those entitled to Part II (see
 * meetings/confidentiality.ts).
 */
export const forwardPlanPolicy = {
  /** Whether the principal may read this body's forward plan at all. */
  viewPlanOf: (p: Principal, body: { meetsInPublic: boolean; archivedAt: Date | null }) => isInsider(p) || (body.meetsInPublic && body.archivedAt === null),
  sourceVisibility: (p: Principal): SourceVisibility => ({
    confidentialities: CONFIDENTIALITY.filter((c) => maySeeConfidentiality(p, c)),
    meetingStatuses: MEETING_STATUSES.filter((status) => maySeeOutcomes(p, { status })),
  }),
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => isInsider(p),
};
