import { hasRole, isInsider, mayWriteAs, type Principal } from "../../platform/auth/principal.ts";
import type { MeetingStatus } from "../meetings/meetings.tables.ts";
import { maySeeItem, maySeeOutcomes } from "../meetings/confidentiality.ts";
import type { Confidentiality } from "../meetings/meetings.tables.ts";

/**
 * Who may see and change the register of interests and declarations at meetings. Deny by default.
 *
 * The register is published: the current interests of people who sit on the partnership's bodies
 * are public (name, category, organisation, description, dates), never their contact details.
 * Ended interests, the interests of people who hold no seat, annual declarations and who is
 * overdue are for the partnership. Declarations at meetings follow the meeting's record
 * (confidentiality.ts): Part I ones are public once the meeting is held, Part II ones never.
 */
export const interestsPolicy = {
  /** Admins and the board office keep the register and record declarations. */
  manage: (p: Principal) => mayWriteAs(p, ["admin", "secretary"]),
  /** Controls are offered to those who could use them in the browser. */
  showManageControls: (p: Principal) => hasRole(p, ["admin", "secretary"]),
  /** The whole register (ended interests, people without a seat) is for the partnership. */
  seeWholeRegister: (p: Principal) => isInsider(p),
  /** Annual declarations, nil returns and who is overdue. */
  seeAnnualDeclarations: (p: Principal) => isInsider(p),
  /** The automatic flags are preparation for the meeting, not a published record. */
  seeFlags: (p: Principal) => isInsider(p),
  /** A meeting of an archived body is internal history, as the body is. */
  seeMeeting: (p: Principal, meeting: { bodyArchived: boolean }) => !meeting.bodyArchived || isInsider(p),
  /** A declaration is part of the meeting's outcomes, and of its item. */
  seeDeclaration: (p: Principal, meeting: { status: MeetingStatus; agendaPublishedAt: Date | null }, item: { confidentiality: Confidentiality }): boolean =>
    maySeeOutcomes(p, meeting) && maySeeItem(p, meeting, item),
};
