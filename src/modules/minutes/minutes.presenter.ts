import type { MeetingItemRef } from "../attendance/meetings-port.ts";
import type { ItemMinutesOutput, MinutesOutput } from "./minutes.schema.ts";
import type { ItemMinutesView, MeetingMinutes } from "./minutes.service.ts";

/**
 * The API view of one item's minutes. The service has already cut the items to those the viewer
 * may see and dropped the discussion for the public; this keeps it dropped rather than empty.
 */
export function presentItemMinutes(item: MeetingItemRef, minutes: ItemMinutesView): ItemMinutesOutput {
  return {
    agendaItemId: item.id,
    number: item.number,
    title: item.title,
    confidentiality: item.confidentiality,
    ...(minutes.discussion !== undefined ? { discussion: minutes.discussion } : {}),
    publicSummary: minutes.publicSummary,
    outcome: minutes.outcome,
    version: minutes.version,
  };
}

/** The API view of a meeting's minutes. */
export function presentMinutes(m: MeetingMinutes): MinutesOutput {
  return {
    meetingId: m.meeting.id,
    status: m.meeting.minutesStatus,
    approvedBy: m.approvedBy
      ? {
          decisionId: m.approvedBy.decisionId,
          meeting: m.approvedBy.meeting
            ? { id: m.approvedBy.meeting.id, startsAt: m.approvedBy.meeting.startsAt.toISOString(), title: m.approvedBy.meeting.title }
            : null,
        }
      : null,
    items: m.items.map(({ item, minutes }) => presentItemMinutes(item, minutes)),
  };
}
