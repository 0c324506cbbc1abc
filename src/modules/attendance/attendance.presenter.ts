import type { QuorumEvaluation } from "../bodies/quorum.ts";
import type { AttendanceView } from "./attendance.repository.ts";
import type { AttendanceOutput, QuorumOutput } from "./attendance.schema.ts";
import type { MeetingItemRef } from "./meetings-port.ts";
import type { MeetingQuorum } from "./attendance.service.ts";

/** The API view of an attendance record; attendance the viewer may see carries nothing confidential. */
export function presentAttendance(row: AttendanceView): AttendanceOutput {
  return {
    meetingId: row.meetingId,
    person: { id: row.personId, name: row.personName, jobTitle: row.personJobTitle, organisationName: row.organisationName },
    status: row.status,
    deputyFor: row.deputyForPersonId ? { id: row.deputyForPersonId, name: row.deputyForName ?? "" } : null,
    note: row.note,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

const presentResult = (r: QuorumEvaluation) => ({ quorate: r.quorate, votingPresent: r.votingPresent, required: r.required, shortfalls: [...r.shortfalls] });

/**
 * The API view of a meeting's quorum: overall, and per agenda item for the items the viewer may
 * see (the caller passes only those), so a Part II item's existence never shows.
 */
export function presentQuorum(
  meetingId: string,
  meetingDate: string,
  rule: { termsOfReference: { id: string; versionLabel: string }; description: string } | null,
  quorum: MeetingQuorum,
  items: readonly MeetingItemRef[],
): QuorumOutput {
  return {
    meetingId,
    meetingDate,
    rule: rule ? { termsOfReferenceId: rule.termsOfReference.id, versionLabel: rule.termsOfReference.versionLabel, description: rule.description } : null,
    overall: quorum.overall ? presentResult(quorum.overall) : null,
    items: items.flatMap((item) => {
      const result = quorum.perItem.get(item.id);
      return result ? [{ agendaItemId: item.id, number: item.number, title: item.title, result: presentResult(result) }] : [];
    }),
  };
}
