import { z } from "zod";
import { formString, datePartsOf, formDate, versionFormField, optionalUuidField } from "../../platform/http/forms.ts";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { CONFIDENTIALITY } from "../meetings/meetings.tables.ts";
import { isoDateField } from "../bodies/bodies.schema.ts";
import { ACTION_STATUSES, type ActionStatus } from "./actions.tables.ts";

export const ACTION_STATUS_LABELS: Record<ActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/**
 * What the action log can be filtered by. "outstanding" is open or in progress; "overdue" is
 * outstanding with a due date before today in England. Neither is ever stored.
 */
export const ACTION_STATUS_FILTERS = ["outstanding", "overdue", "open", "in_progress", "done", "dropped"] as const;
export type ActionStatusFilter = (typeof ACTION_STATUS_FILTERS)[number];

export const ACTION_STATUS_FILTER_LABELS: Record<ActionStatusFilter, string> = {
  outstanding: "Outstanding (open or in progress)",
  overdue: "Overdue",
  open: "Open",
  in_progress: "In progress",
  done: "Done",
  dropped: "Dropped",
};

/** The longest action description, progress update and reason accepted. */
const DESCRIPTION_MAX = 2000;
const UPDATE_MAX = 5000;
const REASON_MAX = 1000;

// ---------------------------------------------------------------------------------------------
// Filters: the same for the page, the CSV export and the API

const uuidFilter = (what: string) => blankAsUnset(z.uuid({ error: `must be the id of ${what}` }));

export const actionListQuery = z.object({
  ...paginationQuery,
  bodyId: uuidFilter("a body"),
  ownerPersonId: uuidFilter("a person"),
  meetingId: uuidFilter("a meeting").describe("Actions recorded at this meeting"),
  status: blankAsUnset(z.enum([...ACTION_STATUS_FILTERS, "all"])).describe(
    "outstanding = open or in progress; overdue = outstanding and due before today (Europe/London); all or absent = every status",
  ),
  dueFrom: blankAsUnset(isoDateField).describe("Due on or after (YYYY-MM-DD)"),
  dueTo: blankAsUnset(isoDateField).describe("Due on or before (YYYY-MM-DD)"),
  q: blankAsUnset(z.string().trim().max(200)).describe("Words in the description"),
});
export type ActionListQuery = z.output<typeof actionListQuery>;
export type ActionFilterInput = Omit<ActionListQuery, "page" | "limit">;

// ---------------------------------------------------------------------------------------------
// JSON API: inputs

const description = safeText(DESCRIPTION_MAX).min(1, "Enter what is to be done");
const personId = z.uuid({ error: "must be the id of a person in this partnership" });

/**
 * A new action: recorded against an agenda item (its meeting and body follow from the item) or
 * standalone on a body's action log. Exactly one of `agendaItemId` and `bodyId`.
 */
export const actionInput = z
  .strictObject({
    description,
    ownerPersonId: personId,
    dueOn: isoDateField.nullish().transform((v) => v ?? null),
    agendaItemId: z.uuid({ error: "must be the id of an agenda item" }).optional(),
    decisionId: z
      .uuid({ error: "must be the id of a decision on the same agenda item" })
      .nullish()
      .transform((v) => v ?? null),
    bodyId: z.uuid({ error: "must be the id of a body in this partnership" }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.agendaItemId && !v.bodyId)
      ctx.addIssue({ code: "custom", path: ["bodyId"], message: "give agendaItemId (an action from a meeting) or bodyId (a standalone action)" });
    if (v.agendaItemId && v.bodyId)
      ctx.addIssue({ code: "custom", path: ["bodyId"], message: "give agendaItemId or bodyId, not both: the item's meeting decides the body" });
    if (v.decisionId && !v.agendaItemId)
      ctx.addIssue({ code: "custom", path: ["decisionId"], message: "a decision can be linked only to an action from the same agenda item" });
  });
export type ActionInput = z.output<typeof actionInput>;

/** What a manager may change; status has its own operation. */
export const actionPatch = z.strictObject({
  version: versionField,
  description: description.optional(),
  ownerPersonId: personId.optional(),
  dueOn: isoDateField.nullable().optional(),
  decisionId: z.uuid({ error: "must be the id of a decision on the same agenda item" }).nullable().optional(),
});
export type ActionChanges = Omit<z.output<typeof actionPatch>, "version">;

/** A change of status: done needs the date it was completed, dropped needs the reason. */
export const actionStatusInput = z.discriminatedUnion("status", [
  z.strictObject({ status: z.literal("open"), version: versionField }),
  z.strictObject({ status: z.literal("in_progress"), version: versionField }),
  z.strictObject({
    status: z.literal("done"),
    version: versionField,
    completedOn: isoDateField.optional().describe("YYYY-MM-DD; today (Europe/London) when absent"),
  }),
  z.strictObject({
    status: z.literal("dropped"),
    version: versionField,
    droppedReason: safeText(REASON_MAX).min(1, "Enter the reason the action was dropped"),
  }),
]);
export type ActionStatusInput = z.output<typeof actionStatusInput>;

/** A dated progress note. */
export const actionUpdateInput = z.strictObject({
  text: safeText(UPDATE_MAX).min(1, "Enter the progress update"),
  notedOn: isoDateField.optional().describe("YYYY-MM-DD; today (Europe/London) when absent"),
});
export type ActionUpdateInput = z.output<typeof actionUpdateInput>;

// ---------------------------------------------------------------------------------------------
// JSON API: outputs

export const actionUpdateOutput = z.object({
  id: z.uuid(),
  notedOn: z.string().describe("YYYY-MM-DD"),
  text: z.string(),
  authorName: z.string(),
  createdAt: z.string(),
});
export type ActionUpdateOutput = z.output<typeof actionUpdateOutput>;

export const actionOutput = z.object({
  id: z.uuid(),
  description: z.string(),
  status: z.enum(ACTION_STATUSES),
  overdue: z.boolean().describe("Open or in progress and due before today (Europe/London); derived, never stored"),
  dueOn: z.string().nullable().describe("YYYY-MM-DD"),
  completedOn: z.string().nullable().describe("YYYY-MM-DD"),
  droppedReason: z.string().nullable().describe("Shown only to signed-in users of the partnership"),
  owner: z.object({ id: z.uuid(), name: z.string() }),
  body: z.object({ id: z.uuid(), name: z.string() }),
  meeting: z
    .object({ id: z.uuid(), startsAt: z.string(), title: z.string().nullable() })
    .nullable()
    .describe("The meeting that recorded the action; null for standalone actions"),
  agendaItem: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  decisionId: z.uuid().nullable(),
  confidentiality: z.enum(CONFIDENTIALITY).describe("part_2 when recorded against a Part II (confidential) item"),
  latestUpdate: z
    .object({ notedOn: z.string(), text: z.string(), authorName: z.string() })
    .nullable()
    .describe("The most recent progress update; shown only to signed-in users of the partnership"),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ActionOutput = z.output<typeof actionOutput>;

export const actionDetailOutput = actionOutput.extend({
  updates: z.array(actionUpdateOutput).describe("Progress updates, newest first; empty for the public"),
});
export type ActionDetailOutput = z.output<typeof actionDetailOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out. Dates arrive as day, month and year fields.

/** The form to record or edit an action. `bodyId` is used only for standalone actions. */
export const actionForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    description: formString(f, "description"),
    ownerPersonId: formString(f, "ownerPersonId"),
    dueOn: datePartsOf(f, "dueOn"),
    decisionId: formString(f, "decisionId"),
    bodyId: formString(f, "bodyId"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      description: safeText(DESCRIPTION_MAX).min(1, "Enter what is to be done"),
      ownerPersonId: z.uuid({ error: "Select the person who owns the action" }),
      dueOn: formDate("due date", false),
      decisionId: optionalUuidField("Select a decision from the list"),
      bodyId: optionalUuidField("Select the body whose action log holds it"),
      version: versionFormField,
    }),
  );
export type ActionFormValue = z.output<typeof actionForm>;

/** The change-of-status form: done needs a completion date, dropped a reason. */
export const actionStatusForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    status: formString(f, "status"),
    completedOn: datePartsOf(f, "completedOn"),
    droppedReason: formString(f, "droppedReason"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      status: z.enum(ACTION_STATUSES, { error: "Select the new status" }),
      completedOn: formDate("date the action was completed", false),
      droppedReason: safeText(REASON_MAX),
      version: versionFormField,
    }),
  )
  .superRefine((v, ctx) => {
    if (v.status === "done" && !v.completedOn) ctx.addIssue({ code: "custom", path: ["completedOn"], message: "Enter the date the action was completed" });
    if (v.status === "dropped" && !v.droppedReason)
      ctx.addIssue({ code: "custom", path: ["droppedReason"], message: "Enter the reason the action was dropped" });
    if (v.version === undefined) ctx.addIssue({ code: "custom", path: ["_form"], message: "Reload the page and try again" });
  })
  .transform((v): ActionStatusInput => {
    const version = v.version ?? 0;
    switch (v.status) {
      case "done":
        return { status: "done", version, completedOn: v.completedOn ?? undefined };
      case "dropped":
        return { status: "dropped", version, droppedReason: v.droppedReason };
      default:
        return { status: v.status, version };
    }
  });

/** The add-a-progress-update form; the date defaults to today. */
export const actionUpdateForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ text: formString(f, "text"), notedOn: datePartsOf(f, "notedOn") }))
  .pipe(
    z.object({
      text: safeText(UPDATE_MAX).min(1, "Enter the progress update"),
      notedOn: formDate("date of the update", false),
    }),
  );

/** The error summary's link target for a field: dates focus their day field, radios their first option. */
export function fieldIdFor(key: string): string {
  if (key === "dueOn" || key === "completedOn" || key === "notedOn") return `${key}-day`;
  if (key === "status") return "status-1";
  return key;
}
