import type { Principal } from "../../platform/auth/principal.ts";
import { diffSnapshots, type HistoryEntry } from "../../platform/audit/audit.ts";
import type { AuditEventRow } from "../../platform/audit/audit.tables.ts";
import type { ActionUpdateRow, ActionView } from "./actions.repository.ts";
import { actionsPolicy } from "./actions.policy.ts";
import { ACTION_STATUS_LABELS, type ActionDetailOutput, type ActionOutput, type ActionUpdateOutput } from "./actions.schema.ts";
import type { ActionStatus } from "./actions.tables.ts";

/**
 * What each viewer sees of an action.
 *
 * Which actions reach a viewer at all is decided before this (actionsPolicy.visibility/view, from
 * meetings/confidentiality.ts): Part II actions only for admins, secretaries and members; Part I
 * actions for the public once their meeting has been held; standalone actions for insiders.
 *
 * Of a visible action, the public (open data, the public action log, CSV and API alike) sees
 * what a published action log shows: the description, the owner's name, the body, the due date,
 * the status with the derived "overdue" flag, the completion date, and where it came from (the
 * held meeting, its Part I item and decision, all public already). The public never sees:
 * - progress updates (text, dates or authors): working notes between the owner and the board
 *   office, not approved for publication; the board hears them under matters arising;
 * - the reason an action was dropped: it can touch confidential or personal matters;
 * - the audit history.
 * Signed-in users of the partnership see all of it (history: the board office only).
 */
export type ActionSummary = ActionOutput;

/** The API and matters-arising view of an action for this viewer. */
export function presentAction(a: ActionView, p: Principal, today: string): ActionOutput {
  return {
    id: a.id,
    description: a.description,
    status: a.status,
    overdue: isOverdueOn(a, today),
    dueOn: a.dueOn,
    completedOn: a.completedOn,
    droppedReason: actionsPolicy.readDroppedReason(p) ? a.droppedReason : null,
    owner: { id: a.ownerPersonId, name: a.ownerName },
    body: { id: a.bodyId, name: a.bodyName },
    meeting: a.sourceMeetingId && a.meetingStartsAt ? { id: a.sourceMeetingId, startsAt: a.meetingStartsAt.toISOString(), title: a.meetingTitle } : null,
    agendaItem: a.sourceAgendaItemId && a.itemTitle !== null ? { id: a.sourceAgendaItemId, title: a.itemTitle } : null,
    decisionId: a.decisionId,
    confidentiality: a.itemConfidentiality ?? "part_1",
    latestUpdate: actionsPolicy.readProgress(p) ? a.latestUpdate : null,
    version: a.version,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
  };
}

export function presentActionUpdate(u: ActionUpdateRow): ActionUpdateOutput {
  return { id: u.id, notedOn: u.notedOn, text: u.text, authorName: u.authorName, createdAt: u.createdAt.toISOString() };
}

/** One action with its progress updates (none for the public). */
export function presentActionDetail(a: ActionView, updates: readonly ActionUpdateRow[], p: Principal, today: string): ActionDetailOutput {
  const visible = actionsPolicy.readProgress(p) ? updates : [];
  const latest = visible[0];
  return {
    ...presentAction(a, p, today),
    latestUpdate: latest ? { notedOn: latest.notedOn, text: latest.text, authorName: latest.authorName } : null,
    updates: visible.map(presentActionUpdate),
  };
}

/** True when an action is still to do (open or in progress) and its due date is before today. Never stored. */
export function isOverdueOn(a: { status: ActionStatus; dueOn: string | null }, today: string): boolean {
  return (a.status === "open" || a.status === "in_progress") && a.dueOn !== null && a.dueOn < today;
}

/** The status as people read it, with "Overdue" where it applies. */
export function statusLabel(a: { status: ActionStatus; dueOn: string | null }, today: string): string {
  return isOverdueOn(a, today) ? `${ACTION_STATUS_LABELS[a.status]} (overdue)` : ACTION_STATUS_LABELS[a.status];
}

// ---------------------------------------------------------------------------------------------
// CSV

/**
 * One CSV cell: quoted when it holds a comma, quote or line break (quotes doubled, RFC 4180), and
 * guarded against formula injection: text starting with =, +, - or @ (or a tab or carriage return,
 * which some spreadsheets skip first) is prefixed with a single quote so it is shown, not run.
 */
export function csvCell(value: string | number | null | undefined): string {
  let text = value === null || value === undefined ? "" : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as a CSV document: UTF-8 byte order mark (so spreadsheets read the accents), CRLF line ends. */
export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const isoLondon = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/London", year: "numeric", month: "2-digit", day: "2-digit" });

/** The action log as CSV, with the same fields the viewer sees on the page. */
export function actionsCsv(rows: readonly ActionView[], p: Principal, today: string): string {
  const insider = actionsPolicy.readProgress(p);
  const header = ["ID", "Description", "Owner", "Body", "Due date", "Status", "Overdue", "Completed on", "Meeting date", "Agenda item", "Decision ID"];
  if (actionsPolicy.readDroppedReason(p)) header.push("Reason dropped");
  if (insider) header.push("Part", "Latest update date", "Latest update", "Latest update by");
  const lines = rows.map((a) => {
    const line: (string | null)[] = [
      a.id,
      a.description,
      a.ownerName,
      a.bodyName,
      a.dueOn,
      ACTION_STATUS_LABELS[a.status],
      isOverdueOn(a, today) ? "Yes" : "No",
      a.completedOn,
      a.meetingStartsAt ? isoLondon.format(a.meetingStartsAt) : null,
      a.itemTitle,
      a.decisionId,
    ];
    if (actionsPolicy.readDroppedReason(p)) line.push(a.droppedReason);
    if (insider)
      line.push(
        a.itemConfidentiality === "part_2" ? "Part II" : "Part I",
        a.latestUpdate?.notedOn ?? null,
        a.latestUpdate?.text ?? null,
        a.latestUpdate?.authorName ?? null,
      );
    return line;
  });
  return toCsv([header, ...lines]);
}

// ---------------------------------------------------------------------------------------------
// History

const FIELD_LABELS: Record<string, string> = {
  description: "Description",
  ownerPersonId: "Owner",
  dueOn: "Due date",
  status: "Status",
  droppedReason: "Reason dropped",
  completedOn: "Completed on",
  decisionId: "Decision",
};

/** How the fields of an action are named in its history. */
export const ACTION_HISTORY_LABELS = FIELD_LABELS;

const ACTION_TITLES: Record<string, string> = {
  create: "Action recorded",
  update: "Action edited",
  complete: "Marked done",
  drop: "Dropped",
  reopen: "Reopened",
  start: "Marked in progress",
  set_open: "Marked open",
};

// Identifiers and bookkeeping that mean nothing to a reader of the history.
const HIDDEN = new Set(["bodyId", "sourceMeetingId", "sourceAgendaItemId", "actionId", "status"]);

const longDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
const spell = (v: unknown) => (typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v) ? longDate.format(new Date(`${v}T00:00:00Z`)) : v);

/**
 * The audit trail of an action and its progress updates as people read it: each event titled by
 * what happened, owners by name, statuses by label, dates spelt out.
 */
export function presentActionHistory(events: readonly AuditEventRow[], personNames: ReadonlyMap<string, string>): HistoryEntry[] {
  const readable = (field: string, value: unknown): unknown => {
    if (value === null || value === undefined) return value;
    if (field === "ownerPersonId" && typeof value === "string") return personNames.get(value) ?? "a person no longer in the directory";
    if (field === "status") return ACTION_STATUS_LABELS[value as ActionStatus] ?? value;
    return spell(value);
  };
  return events.map((e) => {
    if (e.recordType === "action_update") {
      const after = e.after ?? {};
      return {
        id: e.id,
        occurredAt: e.occurredAt,
        actorName: e.actorName,
        action: `Progress update added (dated ${String(spell(after.notedOn))})`,
        changes: [],
      };
    }
    const changes = diffSnapshots(e.before ?? null, e.after ?? null)
      .filter((c) => !HIDDEN.has(c.field) && !(e.action === "create" && (c.to === null || c.to === undefined)))
      .map((c) => ({ field: c.field, from: readable(c.field, c.from), to: readable(c.field, c.to) }));
    return { id: e.id, occurredAt: e.occurredAt, actorName: e.actorName, action: ACTION_TITLES[e.action] ?? e.action, changes };
  });
}
