import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";

/**
 * Who may see and write board updates. Deny by default. Published updates are public (their
 * published versions, never the working copy); drafts are for insiders only, and hidden from the
 * public as if they did not exist. Only the board office (admin, secretary) drafts, edits and
 * publishes them.
 */
export const boardUpdatesPolicy = {
  /** Whether the viewer may see drafts and the working copy of published updates. */
  seeDrafts: (p: Principal) => isInsider(p),
  /** Whether the viewer sees updates of archived bodies (the public does not, as with their meetings). */
  seeArchivedBodies: (p: Principal) => isInsider(p),
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => isInsider(p),
};
