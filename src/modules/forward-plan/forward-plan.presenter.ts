import type { ForwardPlanRow, ForwardPlanView } from "./forward-plan.repository.ts";
import type { ForwardPlanOutput } from "./forward-plan.schema.ts";
import { monthOf } from "./forward-plan.service.ts";

/** The API view of a forward plan entry; entries from decisions the viewer may not see never reach here. */
export function presentForwardPlanEntry(view: ForwardPlanView): ForwardPlanOutput {
  const e = view.entry;
  return {
    id: e.id,
    bodyId: e.bodyId,
    title: e.title,
    kind: e.kind,
    targetMeeting: view.targetMeeting
      ? { id: view.targetMeeting.id, title: view.targetMeeting.title, startsAt: view.targetMeeting.startsAt.toISOString() }
      : null,
    targetMonth: monthOf(e.targetMonth),
    owner: view.owner,
    sourceDecision: view.source
      ? { id: view.source.id, text: view.source.text, decidedOn: view.source.decidedOn, body: { id: view.source.bodyId, name: view.source.bodyName } }
      : null,
    scheduledAgendaItem: view.scheduledItem ? { id: view.scheduledItem.id, meetingId: view.scheduledItem.meetingId } : null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/** The newer entry a stale write met (only managers, who may see it, ever write). */
export function presentForwardPlanConflict(current: ForwardPlanRow) {
  return {
    id: current.id,
    bodyId: current.bodyId,
    title: current.title,
    kind: current.kind,
    targetMeetingId: current.targetMeetingId,
    targetMonth: monthOf(current.targetMonth),
    ownerPersonId: current.ownerPersonId,
    scheduledAgendaItemId: current.scheduledAgendaItemId,
    removed: current.archivedAt !== null,
    version: current.version,
    updatedAt: current.updatedAt.toISOString(),
  };
}
