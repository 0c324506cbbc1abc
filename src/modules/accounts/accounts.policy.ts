import { hasRole, type Principal } from "../../platform/auth/principal.ts";

/** Who may do what with user accounts and tokens. */
export const accountsPolicy = {
  /** Only admins invite people, change roles and issue reset links. */
  manageUsers: (p: Principal) => hasRole(p, ["admin"]) && p.kind === "user" && p.via === "session",
  /** Anyone signed in manages their own password and tokens (in the browser, not with a token). */
  manageOwnAccount: (p: Principal) => p.kind === "user" && p.via === "session",
};
