import { mayWriteAs, type Principal } from "../../platform/auth/principal.ts";

/** Who may change the partnership's own settings. Deny by default. */
export const partnershipsPolicy = {
  /** Administrators, in the browser or with a write token; a read token never changes anything. */
  manageSettings: (p: Principal) => mayWriteAs(p, ["admin"]),
};
