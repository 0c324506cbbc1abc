import type { Principal } from "../../platform/auth/principal.ts";
import { isInsider } from "../../platform/auth/principal.ts";
import type { InterestDeclarationRow, InterestView, MeetingDeclarationView } from "./interests.repository.ts";
import type { InterestDeclarationOutput, InterestOutput, MeetingDeclarationOutput } from "./interests.schema.ts";
import { isCurrent } from "./interests.service.ts";

/** The organisation an interest names, as the viewer may see it (archived ones only for insiders). */
export function visibleOrganisation(row: InterestView, viewer: Principal): { id: string; name: string } | null {
  if (row.organisationId === null || row.organisationName === null) return null;
  if (row.organisationArchived && !isInsider(viewer)) return null;
  return { id: row.organisationId, name: row.organisationName };
}

/**
 * The API view of a register entry: the person's name, never their contact details. The public
 * is shown an organisation only while it is current, as the organisations register shows it.
 */
export function presentInterest(row: InterestView, viewer: Principal, today: string): InterestOutput {
  return {
    id: row.id,
    person: { id: row.personId, name: row.personName },
    category: row.category,
    organisation: visibleOrganisation(row, viewer),
    description: row.description,
    startsOn: row.startsOn,
    endsOn: row.endsOn,
    current: isCurrent(row, today),
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** The newer interest a 409 reports (only managers write, so they see it whole). */
export function presentInterestConflict(viewer: Principal, today: string) {
  return (row: InterestView) => presentInterest(row, viewer, today);
}

export function presentInterestDeclaration(row: InterestDeclarationRow): InterestDeclarationOutput {
  return { id: row.id, personId: row.personId, declaredOn: row.declaredOn, nilReturn: row.nilReturn, createdAt: row.createdAt.toISOString() };
}

/** The API view of a declaration at a meeting (callers have already filtered what the viewer may see). */
export function presentMeetingDeclaration(row: MeetingDeclarationView): MeetingDeclarationOutput {
  return {
    id: row.id,
    meetingId: row.meetingId,
    agendaItemId: row.agendaItemId,
    person: { id: row.personId, name: row.personName },
    interestId: row.interestId,
    description: row.description,
    action: row.action,
    version: row.version,
    updatedAt: row.updatedAt.toISOString(),
  };
}
