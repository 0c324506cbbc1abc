import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import type { OrganisationRow } from "./organisations.tables.ts";

/** Who may see and change organisations. Deny by default. */
export const organisationsPolicy = {
  /** The public sees current organisations; insiders also see archived ones. */
  view: (p: Principal, org: Pick<OrganisationRow, "archivedAt">) => org.archivedAt === null || isInsider(p),
  seeArchived: (p: Principal) => isInsider(p),
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => hasRole(p, ["admin", "secretary"]),
};
