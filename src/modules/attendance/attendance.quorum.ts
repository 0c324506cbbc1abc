import type { PresentMember } from "../bodies/quorum.ts";
import type { AttendanceStatus } from "./attendance.tables.ts";

/** A member's seat on the body on the meeting date, as quorum counts it. */
export interface Seat {
  personId: string;
  voting: boolean;
  categories: readonly string[];
  organisationKind: string | null;
}

/** An attendance record, as quorum reads it. */
export interface AttendanceFact {
  personId: string;
  status: AttendanceStatus;
  deputyForPersonId: string | null;
  /** The kind of the attendee's own organisation. */
  organisationKind: string | null;
}

/**
 * Who counts towards quorum: members present, with their seats' vote and categories, and
 * deputies standing in for members, who carry the member's vote, categories and organisation
 * kind (the seat represents that organisation; the deputy's own is used only when the member has
 * none). Apologies, absences and others in attendance never count. `left` are those who left the
 * item (declared interests), who do not count for it. Pure.
 */
export function presentForQuorum(records: readonly AttendanceFact[], seats: readonly Seat[], left: ReadonlySet<string> = new Set()): PresentMember[] {
  const seatsOf = new Map<string, Seat[]>();
  for (const s of seats) seatsOf.set(s.personId, [...(seatsOf.get(s.personId) ?? []), s]);
  const out: PresentMember[] = [];
  for (const r of records) {
    if (left.has(r.personId)) continue;
    if (r.status === "present") {
      for (const s of seatsOf.get(r.personId) ?? [])
        out.push({ personId: r.personId, voting: s.voting, categories: s.categories, organisationKind: s.organisationKind });
    } else if (r.status === "deputy" && r.deputyForPersonId) {
      for (const s of seatsOf.get(r.deputyForPersonId) ?? []) {
        out.push({ personId: r.personId, voting: s.voting, categories: s.categories, organisationKind: s.organisationKind ?? r.organisationKind });
      }
    }
  }
  return out;
}
