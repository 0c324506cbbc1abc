import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { maySeeItem } from "../meetings/confidentiality.ts";
import type { Confidentiality, MeetingStatus } from "../meetings/meetings.tables.ts";

/** What deciding whether a paper may be seen needs to know of it, its agenda item and meeting. */
export interface PaperAccess {
  meeting: { status: MeetingStatus; agendaPublishedAt: Date | null };
  /** The item's own part, made Part II when its parent item is Part II (a sub-item never reveals more than its parent). */
  item: { confidentiality: Confidentiality };
  bodyArchived: boolean;
  paperArchived: boolean;
}

/**
 * Who may see and change papers. A paper has no confidentiality of its own: it inherits Part I or
 * Part II from its agenda item, and the public sees it only once the agenda is published
 * (confidentiality.ts decides both). Archived papers, and papers of archived bodies, are for the
 * partnership only. Deny by default.
 */
export const papersPolicy = {
  /** True when the principal may see (and download) the paper. */
  view: (p: Principal, a: PaperAccess) => maySeeItem(p, a.meeting, a.item) && ((!a.paperArchived && !a.bodyArchived) || isInsider(p)),
  /** True when the principal may see the agenda item, so as to attach papers to it. */
  viewItem: (p: Principal, a: Omit<PaperAccess, "paperArchived">) => maySeeItem(p, a.meeting, a.item) && (!a.bodyArchived || isInsider(p)),
  /** The board office and admins upload papers and new versions, and archive them. */
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  viewHistory: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  /** Archived papers stay on their page for the partnership; the public never sees them. */
  seeArchived: (p: Principal) => isInsider(p),
};
