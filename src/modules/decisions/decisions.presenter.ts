import type { DecisionRow } from "./decisions.repository.ts";
import type { DecisionOutput } from "./decisions.schema.ts";
import type { DecisionRecord } from "./decisions.service.ts";

/**
 * The API view of a decision. Records reach here already filtered by what the viewer may see (the
 * query applies meetings/confidentiality.ts); links to other decisions in the status chain are
 * given only when the viewer may see those decisions too.
 */
export function presentDecision(record: DecisionRecord): DecisionOutput {
  const d = record.decision;
  return {
    id: d.id,
    text: d.text,
    kind: d.kind,
    status: d.status,
    decidedOn: d.decidedOn,
    takenWhileInquorate: d.takenWhileInquorate,
    body: { id: record.body.id, name: record.body.name, shortName: record.body.shortName },
    meeting: { id: record.meeting.id, title: record.meeting.title, startsAt: record.meeting.startsAt.toISOString() },
    agendaItem: { id: record.item.id, title: record.item.title, confidentiality: record.item.confidentiality },
    recommendedToBody: record.recommendedTo,
    supersededByDecisionId: record.supersededByVisible ? d.supersededByDecisionId : null,
    supersedesDecisionIds: record.supersedesIds,
    approvesMinutesOf: record.approvesMinutesOf.map((m) => ({ meetingId: m.meetingId, startsAt: m.startsAt.toISOString() })),
    bodies: record.bodies,
    organisations: record.organisations,
    version: d.version,
    createdAt: d.createdAt.toISOString(),
    updatedAt: d.updatedAt.toISOString(),
  };
}

/** The newer decision a stale write met (only managers, who may see it, ever write). */
export function presentDecisionConflict(current: DecisionRow & { bodyIds?: string[]; organisationIds?: string[] }) {
  return {
    id: current.id,
    text: current.text,
    kind: current.kind,
    status: current.status,
    supersededByDecisionId: current.supersededByDecisionId,
    bodyIds: current.bodyIds ?? [],
    organisationIds: current.organisationIds ?? [],
    version: current.version,
    updatedAt: current.updatedAt.toISOString(),
  };
}
