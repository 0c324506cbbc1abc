import { hasRole, isInsider, type Principal } from "../../platform/auth/principal.ts";
import type { Confidentiality, MeetingStatus } from "./meetings.tables.ts";
import type { MinutesStatus } from "./meetings.tables.ts";

/**
 * The one place that says who may see what of a meeting's record. Every module of the decision
 * trail (agenda, papers, attendance, declarations, minutes, decisions, actions) asks here, and
 * presenters, repositories' filters and the public website all follow it.
 *
 * - Part II (confidential) material: admins, the board office (secretary) and members only.
 *   Contributors (workstream leads) and viewers are insiders but not entitled to Part II.
 * - Insiders see every Part I thing as soon as it exists (drafts included).
 * - The public sees a meeting's date, time and venue always (unless its body is archived); Part I
 *   agenda items and papers once the agenda is published; Part I decisions and actions once the
 *   meeting has been held; Part I minutes (public summaries only) once the minutes are approved.
 * - Forward plans of current bodies that meet in public are public; an entry tied to Part II (from
 *   a Part II recommendation, or scheduled onto a Part II item) is Part II (forward-plan.policy.ts).
 * - tests/confidentiality/crawler.int.test.ts crawls the whole site as each role to prove all this.
 */
export const PART_2_ROLES = ["admin", "secretary", "member"] as const;

/** True when the principal may see Part II (confidential) items, papers, minutes, decisions and actions. */
export function maySeePart2(principal: Principal): boolean {
  return hasRole(principal, PART_2_ROLES);
}

/** True when the principal may see something of this confidentiality at all. */
export function maySeeConfidentiality(principal: Principal, confidentiality: Confidentiality): boolean {
  return confidentiality === "part_1" || maySeePart2(principal);
}

const AGENDA_PUBLISHED: readonly MeetingStatus[] = ["agenda_published", "held", "minutes_drafted", "minutes_approved"];
const HELD: readonly MeetingStatus[] = ["held", "minutes_drafted", "minutes_approved"];

/** The public sees a meeting's Part I agenda and papers once the agenda is published. */
export function maySeeAgenda(principal: Principal, meeting: { status: MeetingStatus; agendaPublishedAt: Date | null }): boolean {
  return isInsider(principal) || AGENDA_PUBLISHED.includes(meeting.status) || (meeting.status === "postponed" && meeting.agendaPublishedAt !== null);
}

/** The public sees a meeting's Part I decisions and actions once the meeting has been held. */
export function maySeeOutcomes(principal: Principal, meeting: { status: MeetingStatus }): boolean {
  return isInsider(principal) || HELD.includes(meeting.status);
}

/** The public sees Part I minutes (the public summaries, never the discussion) once approved. */
export function maySeeMinutes(principal: Principal, meeting: { minutesStatus: MinutesStatus | null }): boolean {
  return isInsider(principal) || meeting.minutesStatus === "approved";
}

/** Only insiders read the full discussion record; the public reads the public summary. */
export function mayReadDiscussion(principal: Principal): boolean {
  return isInsider(principal);
}

/** An item (and everything attached to it) is visible when its part and the meeting's stage allow. */
export function maySeeItem(principal: Principal, meeting: { status: MeetingStatus; agendaPublishedAt: Date | null }, item: { confidentiality: Confidentiality }): boolean {
  return maySeeConfidentiality(principal, item.confidentiality) && maySeeAgenda(principal, meeting);
}
