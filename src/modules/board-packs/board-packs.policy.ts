import type { Principal } from "../../platform/auth/principal.ts";
import { maySeePart2 } from "../meetings/confidentiality.ts";

/**
 * Who may have which board pack. The public pack is the meeting's public view as a PDF, so it
 * follows the agenda's publication (confidentiality.ts, through the meetings and papers services).
 * The full pack carries Part II material: only those entitled to Part II (admin, secretary,
 * member) may have it; anyone else asking is refused (403, or 401 to sign in).
 */
export const boardPacksPolicy = {
  /** True when the principal may download the full pack, Part II included. */
  downloadFull: (p: Principal) => maySeePart2(p),
};
