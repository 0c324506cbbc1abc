import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { AGENDA_ITEM_KINDS, type AgendaItemKind } from "../meetings/meetings.tables.ts";

/** Kinds of business, as the agenda names them (a scheduled entry becomes an item of this kind). */
export const BUSINESS_KIND_LABELS: Record<AgendaItemKind, string> = {
  welcome_and_apologies: "Welcome and apologies",
  declarations_of_interest: "Declarations of interest",
  minutes_of_last_meeting: "Minutes of the last meeting",
  matters_arising: "Matters arising and action log",
  update: "Update",
  deep_dive: "Deep dive",
  decision: "For decision",
  ratification: "Ratification",
  for_noting: "For noting",
  discussion: "Discussion",
  consultation_response: "Consultation response",
  presentation: "Presentation",
  any_other_business: "Any other business",
};

/** The kinds offered for future business; the standard opening items come from the body's template instead. */
export const BUSINESS_KINDS = AGENDA_ITEM_KINDS.filter(
  (k) => !["welcome_and_apologies", "declarations_of_interest", "minutes_of_last_meeting", "matters_arising"].includes(k),
);

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const uuid = (message: string) => z.uuid({ error: message });

const title = safeText(500).min(1, "Enter the title of the business");
const targetMonth = z
  .string()
  .regex(MONTH, "must be a month in the form YYYY-MM")
  .refine((v) => Number(v.slice(0, 4)) >= 1900 && Number(v.slice(0, 4)) <= 2100, "must be between 1900 and 2100")
  .describe("YYYY-MM, when no meeting is chosen yet");

const fields = {
  title,
  kind: z.enum(AGENDA_ITEM_KINDS, { error: "Select the kind of business" }),
  targetMeetingId: uuid("must be the id of a future meeting of the body").nullable(),
  targetMonth: targetMonth.nullable(),
  ownerPersonId: uuid("must be the id of a person in this partnership").nullable(),
};

const oneTarget = (v: { targetMeetingId?: string | null | undefined; targetMonth?: string | null | undefined }) => !(v.targetMeetingId && v.targetMonth);
const ONE_TARGET = { message: "Give a target meeting or a target month, not both", path: ["targetMonth"] };

/** New future business for a body. */
export const forwardPlanInput = z
  .strictObject({
    bodyId: uuid("must be the id of a body in this partnership"),
    title,
    kind: fields.kind.default("update"),
    targetMeetingId: fields.targetMeetingId.optional().transform((v) => v ?? null),
    targetMonth: fields.targetMonth.optional().transform((v) => v ?? null),
    ownerPersonId: fields.ownerPersonId.optional().transform((v) => v ?? null),
  })
  .refine(oneTarget, ONE_TARGET);
export type ForwardPlanInput = z.output<typeof forwardPlanInput>;

/** A partial update: only the fields sent change; `version` is the one the client read. */
export const forwardPlanPatch = z.strictObject(fields).partial().extend({ version: versionField }).refine(oneTarget, ONE_TARGET);
export type ForwardPlanChanges = Omit<z.output<typeof forwardPlanPatch>, "version">;

export const scheduleInput = z.strictObject({
  version: versionField,
  meetingId: uuid("must be the id of a coming meeting of the body")
    .optional()
    .describe("The meeting to put the item on; defaults to the entry's target meeting"),
});
export type ScheduleInput = z.output<typeof scheduleInput>;

export const archiveInput = z.strictObject({ version: versionField });

export const forwardPlanListQuery = z.object({
  ...paginationQuery,
  bodyId: z.uuid({ error: "must be the id of a body" }),
  scheduled: blankAsUnset(z.enum(["true", "false"]))
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .describe("true: only entries already on an agenda; false: only those still to schedule; absent: both"),
});

export const forwardPlanOutput = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  title: z.string(),
  kind: z.enum(AGENDA_ITEM_KINDS),
  targetMeeting: z.object({ id: z.uuid(), title: z.string().nullable(), startsAt: z.string() }).nullable(),
  targetMonth: z.string().nullable().describe("YYYY-MM"),
  owner: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  sourceDecision: z
    .object({ id: z.uuid(), text: z.string(), decidedOn: z.string(), body: z.object({ id: z.uuid(), name: z.string() }) })
    .nullable()
    .describe("The recommendation of another body that put this on the plan"),
  scheduledAgendaItem: z.object({ id: z.uuid(), meetingId: z.uuid() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ForwardPlanOutput = z.output<typeof forwardPlanOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms

/** Month and year of the target month input as YYYY-MM, or an NHS-style message. */
export function monthFromParts(month: string, year: string): { ok: true; value: string | null } | { ok: false; message: string } {
  const m = month.trim();
  const y = year.trim();
  if (!m && !y) return { ok: true, value: null };
  if (!m) return { ok: false, message: "Target month must include a month" };
  if (!y) return { ok: false, message: "Target month must include a year" };
  if (!/^\d{1,2}$/.test(m) || Number(m) < 1 || Number(m) > 12 || !/^\d{4}$/.test(y)) return { ok: false, message: "Target month must be a real month" };
  if (Number(y) < 1900 || Number(y) > 2100) return { ok: false, message: "Target month must be between 1900 and 2100" };
  return { ok: true, value: `${y}-${m.padStart(2, "0")}` };
}

/** The add and edit form: strings in, the same rules out. */
export const forwardPlanForm = z
  .object({
    title: z.string().default(""),
    kind: z.string().default(""),
    targetMeetingId: z.string().default(""),
    "targetMonth-month": z.string().default(""),
    "targetMonth-year": z.string().default(""),
    ownerPersonId: z.string().default(""),
    version: z.string().optional(),
  })
  .transform((f, ctx) => {
    const { "targetMonth-month": m, "targetMonth-year": y, ...rest } = f;
    const month = monthFromParts(m, y);
    if (!month.ok) ctx.addIssue({ code: "custom", path: ["targetMonth"], message: month.message });
    return { ...rest, targetMonth: month.ok ? month.value : null };
  })
  .pipe(
    z
      .object({
        title,
        kind: z.enum(AGENDA_ITEM_KINDS, { error: "Select the kind of business" }),
        targetMeetingId: z.union([z.literal("").transform(() => null), z.uuid({ error: "Select a meeting from the list" })]),
        targetMonth: z.string().nullable(),
        ownerPersonId: z.union([z.literal("").transform(() => null), z.uuid({ error: "Select a person from the list" })]),
        version: z.string().regex(/^\d+$/, "Reload the page and try again").transform(Number).optional(),
      })
      .refine(oneTarget, { message: "Choose a target meeting or a target month, not both", path: ["targetMonth"] }),
  );

export const scheduleForm = z.object({
  meetingId: z.uuid({ error: "Select the meeting to put this on" }),
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1, "Reload the page and try again"),
});

export const entryParams = z.object({
  id: z.uuid({ error: "must be a UUID" }),
  entryId: z.uuid({ error: "must be a UUID" }),
});
