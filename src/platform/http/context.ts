import type { PartnershipRow } from "../../modules/partnerships/partnerships.tables.ts";
import type { Principal } from "../auth/principal.ts";

/** Everything a service needs to know about the request: the tenant, the actor, and for audit the request id. */
export interface RequestContext {
  partnership: PartnershipRow;
  principal: Principal;
  requestId: string;
}

/** The actor recorded in the audit trail. */
export function actorOf(ctx: RequestContext): { userId: string | null; name: string } {
  return ctx.principal.kind === "user" ? { userId: ctx.principal.userId, name: ctx.principal.name } : { userId: null, name: "Public" };
}
