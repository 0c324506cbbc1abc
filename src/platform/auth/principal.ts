import type { Role, TokenScope } from "../../modules/accounts/accounts.tables.ts";

/** Who is asking: nobody (the public), or a user with an optional role in the current partnership. */
export type Principal =
  | { kind: "anonymous" }
  | {
      kind: "user";
      userId: string;
      name: string;
      email: string;
      /** Role in the partnership being served; null when the user has none here (public access only). */
      role: Role | null;
      via: "session" | "token";
      /** For tokens: read tokens may never change anything. */
      scope: TokenScope;
    };

export const ANONYMOUS: Principal = { kind: "anonymous" };

/** The role a principal holds in this partnership, or null for the public. */
export function roleOf(principal: Principal): Role | null {
  return principal.kind === "user" ? principal.role : null;
}

/** True for anyone with a role in the partnership: they may read internal (not public) records. */
export function isInsider(principal: Principal): boolean {
  return roleOf(principal) !== null;
}

/** True when the principal holds one of the roles and, for tokens, write scope. */
export function mayWriteAs(principal: Principal, roles: readonly Role[]): boolean {
  if (principal.kind !== "user" || principal.role === null) return false;
  if (principal.scope !== "write") return false;
  return roles.includes(principal.role);
}

/** True when the principal holds one of the roles (reads and writes alike). */
export function hasRole(principal: Principal, roles: readonly Role[]): boolean {
  const role = roleOf(principal);
  return role !== null && roles.includes(role);
}
