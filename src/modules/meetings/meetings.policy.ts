import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";

/**
 * Who may see and change meetings and their agendas. Deny by default. What each viewer may see
 * of a meeting's content (Part II, the agenda before publication, outcomes, minutes) is decided in
 * confidentiality.ts; this policy covers the meeting record itself and who may change things.
 */
export const meetingsPolicy = {
  /** The public sees a meeting's date, time and venue unless its body is archived; insiders see all. */
  view: (p: Principal, meeting: { bodyArchived: boolean }) => !meeting.bodyArchived || isInsider(p),
  seeArchivedBodies: (p: Principal) => isInsider(p),
  /** The board office (secretaries) and admins schedule meetings and build agendas. */
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => hasRole(p, ["admin", "secretary"]),
};
