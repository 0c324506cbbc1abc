import type { Principal } from "../auth/principal.ts";

/** What every page needs from the request to draw the frame around its content. */
export interface ViewContext {
  partnershipName: string;
  principal: Principal;
  csrfToken: string;
  path: string;
  /** A one-off message after a redirect, e.g. "Organisation created". */
  flash?: string | undefined;
}
