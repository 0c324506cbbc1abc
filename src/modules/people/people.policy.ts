import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import type { PersonRow } from "./people.tables.ts";

/** Who may see and change people in the directory. Deny by default. */
export const peoplePolicy = {
  /** The public sees current people; insiders also see archived ones. */
  view: (p: Principal, person: Pick<PersonRow, "archivedAt">) => person.archivedAt === null || isInsider(p),
  seeArchived: (p: Principal) => isInsider(p),
  /** E-mail addresses and account links are personal data: only people with a role in the partnership see them. */
  seeContactDetails: (p: Principal) => isInsider(p),
  /** Memberships of archived bodies are internal history, like the bodies themselves. */
  seeArchivedBodies: (p: Principal) => isInsider(p),
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => hasRole(p, ["admin", "secretary"]),
};
