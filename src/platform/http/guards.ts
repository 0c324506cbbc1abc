import type { Principal } from "../auth/principal.ts";
import { Forbidden, Unauthorised } from "./errors.ts";

/** For pages: anonymous visitors are asked to sign in (401); signed-in users without the right get 403. */
export function requireAllowed(principal: Principal, allowed: boolean): void {
  if (allowed) return;
  if (principal.kind === "anonymous") throw new Unauthorised();
  throw new Forbidden();
}
