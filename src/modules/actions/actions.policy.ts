import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import { maySeeConfidentiality, maySeeItem, maySeeOutcomes, maySeePart2 } from "../meetings/confidentiality.ts";
import { MEETING_STATUSES } from "../meetings/meetings.tables.ts";
import type { ActionView, ActionVisibility } from "./actions.repository.ts";

const MANAGERS = ["admin", "secretary"] as const;
const ANY_ROLE = ["admin", "secretary", "member", "contributor", "viewer"] as const;

/** True when the principal is signed in as the user linked to the action's owner (people.user_id). */
export function isOwner(p: Principal, action: Pick<ActionView, "ownerUserId">): boolean {
  return p.kind === "user" && action.ownerUserId !== null && action.ownerUserId === p.userId;
}

/**
 * Who may see and change actions. Deny by default.
 *
 * Seeing follows meetings/confidentiality.ts: an action recorded against a Part II item is Part II;
 * the public sees a Part I action once its meeting has been held (maySeeOutcomes), and never a
 * standalone action (one entered straight on a body's action log, not minuted at a meeting),
 * nor one of an archived body.
 *
 * Changing: the board office (admin, secretary) records and edits any action. The owner of an
 * action (the user linked to the owner person), whatever their role, contributors included, may
 * report progress and change its status, but not reword or reassign it.
 */
export const actionsPolicy = {
  /** What this viewer may see, as the repository applies it to lists and exports. */
  visibility(p: Principal): ActionVisibility {
    return {
      includePart2: maySeePart2(p),
      includeStandalone: isInsider(p),
      meetingStatuses: MEETING_STATUSES.filter((status) => maySeeOutcomes(p, { status })),
      includeArchivedBodies: isInsider(p),
    };
  },

  /** The same rule for one action, asked of confidentiality.ts directly. */
  view(p: Principal, a: ActionView): boolean {
    if (a.bodyArchived && !isInsider(p)) return false;
    if (a.sourceMeetingId === null || a.meetingStatus === null) return isInsider(p);
    const meeting = { status: a.meetingStatus, agendaPublishedAt: a.meetingAgendaPublishedAt };
    if (!maySeeOutcomes(p, meeting)) return false;
    if (a.sourceAgendaItemId !== null) {
      const confidentiality = a.itemConfidentiality ?? "part_2";
      return maySeeItem(p, meeting, { confidentiality }) && maySeeConfidentiality(p, confidentiality);
    }
    return true;
  },

  /** Records new actions and edits any action's wording, owner, due date and decision. */
  manage: (p: Principal) => mayWriteAs(p, MANAGERS),
  /** Offered the manager's controls in the browser. */
  showManageControls: (p: Principal) => hasRole(p, MANAGERS),

  /** Could report progress on some action: a write-capable user with a role here (checked before any lookup). */
  progressAny: (p: Principal) => mayWriteAs(p, ANY_ROLE),
  /** Reports progress and changes status: managers, and the owner with any role in the partnership. */
  progress: (p: Principal, a: Pick<ActionView, "ownerUserId">) => mayWriteAs(p, MANAGERS) || (isOwner(p, a) && mayWriteAs(p, ANY_ROLE)),
  showProgressControls: (p: Principal, a: Pick<ActionView, "ownerUserId">) => hasRole(p, MANAGERS) || (isOwner(p, a) && isInsider(p)),

  /**
   * Progress updates are working notes between the owner and the board office: insiders read
   * them; the public action log shows the action, its owner, due date and status only.
   */
  readProgress: (p: Principal) => isInsider(p),
  /** Why an action was dropped may touch confidential matters; insiders only. */
  readDroppedReason: (p: Principal) => isInsider(p),
  viewHistory: (p: Principal) => hasRole(p, MANAGERS),
  /** "My actions" is for anyone signed in. */
  viewMine: (p: Principal) => p.kind === "user",
};
