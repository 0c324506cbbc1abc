import type { HistoryEntry } from "../../platform/audit/audit.ts";
import { toLondon } from "../../platform/time.ts";
import type { AgendaItemView, MeetingRow, MeetingView } from "./meetings.repository.ts";
import {
  AGENDA_ITEM_KIND_LABELS,
  AGENDA_ITEM_PURPOSE_LABELS,
  CONFIDENTIALITY_LABELS,
  MEETING_STATUS_LABELS,
  type AgendaItemOutput,
  type MeetingOutput,
} from "./meetings.schema.ts";
import type { AgendaItem } from "./meetings.service.ts";
import type { AgendaItemKind, AgendaItemPurpose, Confidentiality, MeetingStatus } from "./meetings.tables.ts";

/** The API view of a meeting: nothing in the meeting record itself is confidential (its agenda is filtered separately). */
export function presentMeeting(m: MeetingView): MeetingOutput {
  return { ...presentMeetingRow(m), body: { id: m.body.id, name: m.body.name, shortName: m.body.shortName } };
}

function presentMeetingRow(m: MeetingRow): Omit<MeetingOutput, "body"> {
  const start = toLondon(m.startsAt);
  return {
    id: m.id,
    title: m.title,
    date: start.date,
    startTime: start.time,
    endTime: toLondon(m.endsAt).time,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    venue: m.venue,
    onlineUrl: m.onlineUrl,
    hasPublicSession: m.hasPublicSession,
    hasPrivateSession: m.hasPrivateSession,
    status: m.status,
    statusReason: m.statusReason,
    agendaPublishedAt: m.agendaPublishedAt?.toISOString() ?? null,
    minutesStatus: m.minutesStatus,
    sequence: m.sequence,
    version: m.version,
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The newer meeting a 409 reports (only managers write, and they may see every meeting). */
export function presentMeetingConflict(row: MeetingRow) {
  return { ...presentMeetingRow(row), bodyId: row.bodyId };
}

/** The API view of an agenda item the viewer may see (callers have already filtered Part II). */
export function presentItem(item: AgendaItem): AgendaItemOutput {
  return {
    id: item.id,
    meetingId: item.meetingId,
    parentItemId: item.parentItemId,
    number: item.number,
    title: item.title,
    kind: item.kind,
    purpose: item.purpose,
    durationMinutes: item.durationMinutes,
    startTime: item.startTime.toISOString(),
    startTimeLocal: toLondon(item.startTime).time,
    overruns: item.overruns,
    confidentiality: item.confidentiality,
    exemptionReason: item.exemptionReason,
    recommendation: item.recommendation,
    presenters: item.presenters.map((p) => ({ personId: p.personId, name: p.name, roleLabel: p.roleLabel })),
    bodyIds: item.bodyIds,
    organisationIds: item.organisationIds,
    version: item.version,
    updatedAt: item.updatedAt.toISOString(),
  };
}

/** The newer item a 409 reports, unnumbered (its place is not re-read for this). */
export function presentItemConflict(item: AgendaItemView) {
  return {
    id: item.id,
    meetingId: item.meetingId,
    parentItemId: item.parentItemId,
    title: item.title,
    kind: item.kind,
    purpose: item.purpose,
    durationMinutes: item.durationMinutes,
    confidentiality: item.confidentiality,
    exemptionReason: item.exemptionReason,
    recommendation: item.recommendation,
    presenters: item.presenters,
    bodyIds: item.bodyIds,
    organisationIds: item.organisationIds,
    version: item.version,
  };
}

const ACTION_TITLES: Record<string, string> = {
  cancel: "Cancelled",
  postpone: "Postponed",
  publish_agenda: "Agenda published",
  hold: "Marked as held",
  move_up: "Moved up",
  move_down: "Moved down",
  remove: "Removed",
};

// Identifiers and bookkeeping that mean nothing to a reader of the history.
const HIDDEN_FIELDS = new Set(["meetingId", "bodyId", "parentItemId", "position", "sequence", "bodyIds", "organisationIds", "agendaPublishedAt"]);

/** A history as people read it: times in England, enum values by labels, presenters by name. */
export function presentHistory(entries: readonly HistoryEntry[]): HistoryEntry[] {
  const readable = (field: string, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    switch (field) {
      case "startsAt":
      case "endsAt": {
        if (typeof value !== "string") return value;
        const t = toLondon(new Date(value));
        return `${t.date} ${t.time}`;
      }
      case "status":
        return MEETING_STATUS_LABELS[value as MeetingStatus] ?? value;
      case "kind":
        return AGENDA_ITEM_KIND_LABELS[value as AgendaItemKind] ?? value;
      case "purpose":
        return AGENDA_ITEM_PURPOSE_LABELS[value as AgendaItemPurpose] ?? value;
      case "confidentiality":
        return CONFIDENTIALITY_LABELS[value as Confidentiality] ?? value;
      case "presenters":
        return Array.isArray(value)
          ? value.map((p: { name?: string; roleLabel?: string | null }) => `${p.name ?? "someone"}${p.roleLabel ? ` (${p.roleLabel})` : ""}`)
          : value;
      default:
        return value;
    }
  };
  return entries.map((e) => ({
    ...e,
    action: ACTION_TITLES[e.action] ?? e.action,
    changes: e.changes
      .filter((c) => !HIDDEN_FIELDS.has(c.field))
      .map((c) => ({ field: c.field, from: readable(c.field, c.from), to: readable(c.field, c.to) })),
  }));
}
