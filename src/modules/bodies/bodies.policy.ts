import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import type { BodyRow, TermsOfReferenceRow } from "./bodies.tables.ts";

/**
 * Who may see and change governance bodies, their terms of reference and memberships. Deny by
 * default. A body's existence, purpose and members' names and roles are public information; drafts
 * of terms of reference, archived bodies and the reasons people left are for the partnership only.
 */
export const bodiesPolicy = {
  /** The public sees current bodies; insiders also see archived ones. */
  view: (p: Principal, body: Pick<BodyRow, "archivedAt">) => body.archivedAt === null || isInsider(p),
  seeArchived: (p: Principal) => isInsider(p),
  /** Admins and the board office set up bodies, members and terms of reference. */
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  /** Drafts are work in progress: only people with a role in the partnership see them. */
  viewTermsOfReference: (p: Principal, terms: Pick<TermsOfReferenceRow, "status">) => terms.status !== "draft" || isInsider(p),
  seeDrafts: (p: Principal) => isInsider(p),
  /** Why someone left a body can be personal; it is not published. */
  seeEndReasons: (p: Principal) => isInsider(p),
};
