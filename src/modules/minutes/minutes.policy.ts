import { hasRole, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { mayReadDiscussion, maySeeConfidentiality, maySeeMinutes } from "../meetings/confidentiality.ts";
import type { Confidentiality, MinutesStatus } from "../meetings/meetings.tables.ts";

/**
 * Who may see and write minutes. Deny by default; every visibility rule comes from
 * meetings/confidentiality.ts. Insiders read minutes as they are drafted, the public once they
 * are approved, and then only the public summaries and outcomes of Part I items.
 */
export const minutesPolicy = {
  view: (p: Principal, meeting: { minutesStatus: MinutesStatus | null }) => maySeeMinutes(p, meeting),
  /** An item's minutes follow the item: Part II only for those entitled to it. */
  viewItem: (p: Principal, item: { confidentiality: Confidentiality }) => maySeeConfidentiality(p, item.confidentiality),
  /** The discussion record is for insiders; the public reads the public summary. */
  readDiscussion: (p: Principal) => mayReadDiscussion(p),
  /** The board office (secretaries) and admins write and circulate minutes. */
  write: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showWriteControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
};
