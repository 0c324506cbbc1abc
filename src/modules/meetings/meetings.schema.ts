import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { isHttpsUrl } from "../bodies/bodies.schema.ts";
import { isCalendarDate, isClockTime } from "../../platform/time.ts";
import { ORDINALS, WEEKDAYS, type Ordinal, type Weekday } from "./schedule-rule.ts";
import {
  AGENDA_ITEM_KINDS,
  AGENDA_ITEM_PURPOSES,
  CONFIDENTIALITY,
  MEETING_STATUSES,
  MINUTES_STATUSES,
  type AgendaItemKind,
  type AgendaItemPurpose,
  type Confidentiality,
  type MeetingStatus,
} from "./meetings.tables.ts";

export const MEETING_STATUS_LABELS: Record<MeetingStatus, string> = {
  planned: "Planned",
  agenda_published: "Agenda published",
  held: "Held",
  minutes_drafted: "Minutes drafted",
  minutes_approved: "Minutes approved",
  cancelled: "Cancelled",
  postponed: "Postponed",
};

export const AGENDA_ITEM_KIND_LABELS: Record<AgendaItemKind, string> = {
  welcome_and_apologies: "Welcome and apologies",
  declarations_of_interest: "Declarations of interest",
  minutes_of_last_meeting: "Minutes of the last meeting",
  matters_arising: "Matters arising and action log",
  update: "Update",
  deep_dive: "Deep dive",
  decision: "Decision",
  ratification: "Ratification",
  for_noting: "For noting",
  discussion: "Discussion",
  consultation_response: "Consultation response",
  presentation: "Presentation",
  any_other_business: "Any other business",
};

export const AGENDA_ITEM_PURPOSE_LABELS: Record<AgendaItemPurpose, string> = {
  for_decision: "For decision",
  for_assurance: "For assurance",
  for_information: "For information",
  for_discussion: "For discussion",
};

export const CONFIDENTIALITY_LABELS: Record<Confidentiality, string> = {
  part_1: "Part I (public)",
  part_2: "Part II (confidential)",
};

export const ORDINAL_LABELS: Record<Ordinal, string> = { first: "First", second: "Second", third: "Third", fourth: "Fourth", last: "Last" };
export const WEEKDAY_LABELS: Record<Weekday, string> = {
  monday: "Monday",
  tuesday: "Tuesday",
  wednesday: "Wednesday",
  thursday: "Thursday",
  friday: "Friday",
  saturday: "Saturday",
  sunday: "Sunday",
};

/** How many presenter rows the item form offers (more can be sent through the API). */
export const PRESENTER_FORM_ROWS = 3;
/** Fewer clear days than this before the meeting and publishing the agenda warns the secretary. */
export const CLEAR_DAYS_NOTICE = 3;

// ---------------------------------------------------------------------------------------------
// Shared field rules

/**
 * A time typed by a person: "10:00", "9.30", "2pm", "2:30 pm". Returns HH:MM (24-hour), or null
 * when it is not a time.
 */
export function parseClockTime(input: string): string | null {
  const m = /^\s*(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?\s*$/i.exec(input);
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const meridiem = m[3]?.toLowerCase();
  if (m[2] === undefined && !meridiem) return null;
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (meridiem === "pm" ? 12 : 0);
  }
  const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
  return isClockTime(time) ? time : null;
}

const HTTPS_MESSAGE = "Enter a web address that starts with https://";
const dateField = z.string({ error: "must be a date in the form YYYY-MM-DD" }).refine(isCalendarDate, "must be a real date in the form YYYY-MM-DD");
const timeField = z.string({ error: "must be a time in the form HH:MM" }).refine(isClockTime, "must be a 24-hour time in the form HH:MM");
const optionalText = (max: number) =>
  safeText(max)
    .nullish()
    .transform((v) => v || null);
const onlineUrlField = z
  .string()
  .trim()
  .max(2000, "Web addresses must be 2,000 characters or fewer")
  .refine((v) => v === "" || isHttpsUrl(v), HTTPS_MESSAGE)
  .nullish()
  .transform((v) => v || null);
const reasonField = safeText(2000).min(1, "Enter the reason");

// ---------------------------------------------------------------------------------------------
// Meetings: JSON API

const meetingFields = {
  bodyId: z.uuid({ error: "must be the id of a body in this partnership" }),
  title: optionalText(200),
  date: dateField.describe("The day in England, YYYY-MM-DD"),
  startTime: timeField.describe("Start time in England, HH:MM"),
  endTime: timeField.describe("End time in England, HH:MM, the same day"),
  venue: optionalText(500),
  onlineUrl: onlineUrlField,
  hasPublicSession: z.boolean(),
  hasPrivateSession: z.boolean(),
};

/** What a client may set when scheduling a meeting. */
export const meetingInput = z.strictObject({
  ...meetingFields,
  title: meetingFields.title.optional().transform((v) => v ?? null),
  venue: meetingFields.venue.optional().transform((v) => v ?? null),
  onlineUrl: meetingFields.onlineUrl.optional().transform((v) => v ?? null),
  hasPublicSession: z.boolean().default(true),
  hasPrivateSession: z.boolean().default(false),
});
export type MeetingInput = z.output<typeof meetingInput>;

/** A partial update: only the fields sent change; `version` is the one the client read. A meeting stays with its body. */
export const meetingPatch = z
  .strictObject({ ...meetingFields })
  .omit({ bodyId: true })
  .partial()
  .extend({ version: versionField });
export type MeetingChanges = Omit<z.output<typeof meetingPatch>, "version">;

export const reasonInput = z.strictObject({ version: versionField, reason: reasonField });

/** Postponing: a reason, and optionally the new day and times (without them the meeting waits to be rearranged). */
export const postponeInput = z
  .strictObject({ version: versionField, reason: reasonField, date: dateField.optional(), startTime: timeField.optional(), endTime: timeField.optional() })
  .refine((v) => v.date !== undefined || (v.startTime === undefined && v.endTime === undefined), {
    message: "Give the new date with the new times",
    path: ["date"],
  });
export type PostponeInput = z.output<typeof postponeInput>;

export const versionInput = z.strictObject({ version: versionField });

export const meetingListQuery = z.object({
  ...paginationQuery,
  bodyId: blankAsUnset(z.uuid({ error: "must be the id of a body" })),
  from: blankAsUnset(dateField.describe("Meetings on or after this day (YYYY-MM-DD, in England)")),
  to: blankAsUnset(dateField.describe("Meetings on or before this day (YYYY-MM-DD, in England)")),
});

/** Generating a year (or any number of months) of meetings from a rule. */
export const generateInput = z.strictObject({
  bodyId: z.uuid({ error: "must be the id of a body in this partnership" }),
  ordinal: z.enum(ORDINALS, { error: "Select which week of the month" }),
  weekday: z.enum(WEEKDAYS, { error: "Select the day of the week" }),
  startTime: timeField,
  durationMinutes: z.number().int().min(15, "must be at least 15 minutes").max(720, "must be 12 hours or less"),
  fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month in the form YYYY-MM"),
  months: z.number().int().min(1).max(24).default(12),
  venue: optionalText(500)
    .optional()
    .transform((v) => v ?? null),
  onlineUrl: onlineUrlField.optional().transform((v) => v ?? null),
  hasPublicSession: z.boolean().default(true),
  hasPrivateSession: z.boolean().default(false),
  dryRun: z.boolean().default(false).describe("When true, nothing is created: the answer lists what would be"),
});
export type GenerateInput = z.output<typeof generateInput>;

export const meetingBodyOutput = z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable() });

export const meetingOutput = z.object({
  id: z.uuid(),
  body: meetingBodyOutput,
  title: z.string().nullable(),
  date: z.string().describe("The day in England, YYYY-MM-DD"),
  startTime: z.string().describe("HH:MM in England"),
  endTime: z.string().describe("HH:MM in England"),
  startsAt: z.string().describe("ISO 8601 instant (UTC)"),
  endsAt: z.string().describe("ISO 8601 instant (UTC)"),
  venue: z.string().nullable(),
  onlineUrl: z.string().nullable(),
  hasPublicSession: z.boolean(),
  hasPrivateSession: z.boolean(),
  status: z.enum(MEETING_STATUSES),
  statusReason: z.string().nullable().describe("Why the meeting was cancelled or postponed"),
  agendaPublishedAt: z.string().nullable(),
  minutesStatus: z.enum(MINUTES_STATUSES).nullable(),
  sequence: z.number().int().describe("iCalendar SEQUENCE: increases on every change a calendar would notice"),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MeetingOutput = z.output<typeof meetingOutput>;

export const publishOutput = meetingOutput.extend({ warnings: z.array(z.string()) });

export const generateOutput = z.object({
  rule: z.string(),
  dryRun: z.boolean(),
  meetings: z.array(z.object({ date: z.string(), startsAt: z.string(), endsAt: z.string(), skipped: z.boolean(), id: z.uuid().nullable() })),
});

// ---------------------------------------------------------------------------------------------
// Agenda items: JSON API

const presenterInput = z.strictObject({
  personId: z.uuid({ error: "must be the id of a person in this partnership" }),
  roleLabel: optionalText(200)
    .optional()
    .transform((v) => v ?? null),
});

const uniqueIds = (what: string) =>
  z
    .array(z.uuid({ error: `must be the id of ${what} in this partnership` }))
    .max(50)
    .transform((ids) => [...new Set(ids)]);

const itemFields = {
  title: safeText(300).min(1, "Enter the item's title"),
  kind: z.enum(AGENDA_ITEM_KINDS, { error: "Select the kind of item" }),
  purpose: z.enum(AGENDA_ITEM_PURPOSES, { error: "Select the purpose" }).nullable(),
  durationMinutes: z.number().int().min(0, "must be 0 or more").max(1440, "must be 1,440 minutes or fewer").nullable(),
  confidentiality: z.enum(CONFIDENTIALITY, { error: "Select Part I or Part II" }),
  exemptionReason: optionalText(1000),
  recommendation: optionalText(5000),
  parentItemId: z.uuid({ error: "must be the id of an item of this meeting" }).nullable(),
  presenters: z
    .array(presenterInput)
    .max(20)
    .refine((list) => new Set(list.map((p) => p.personId)).size === list.length, "must not name the same person twice"),
  bodyIds: uniqueIds("a body"),
  organisationIds: uniqueIds("an organisation"),
};

/** What a client may set when adding an agenda item; new items go to the end of their level. */
export const agendaItemInput = z.strictObject({
  ...itemFields,
  purpose: itemFields.purpose.optional().transform((v) => v ?? null),
  durationMinutes: itemFields.durationMinutes.optional().transform((v) => v ?? null),
  confidentiality: itemFields.confidentiality.default("part_1"),
  exemptionReason: itemFields.exemptionReason.optional().transform((v) => v ?? null),
  recommendation: itemFields.recommendation.optional().transform((v) => v ?? null),
  parentItemId: itemFields.parentItemId.optional().transform((v) => v ?? null),
  presenters: itemFields.presenters.default([]),
  bodyIds: itemFields.bodyIds.default([]),
  organisationIds: itemFields.organisationIds.default([]),
});
export type AgendaItemInput = z.output<typeof agendaItemInput>;

export const agendaItemPatch = z.strictObject(itemFields).partial().extend({ version: versionField });
export type AgendaItemChanges = Omit<z.output<typeof agendaItemPatch>, "version">;

export const moveInput = z.strictObject({ direction: z.enum(["up", "down"], { error: "must be up or down" }) });

export const itemParams = z.object({ id: z.uuid({ error: "must be a UUID" }), itemId: z.uuid({ error: "must be a UUID" }) });
export const itemListQuery = z.object({ ...paginationQuery, limit: z.coerce.number().int().min(1).max(100).default(100) });

export const agendaItemOutput = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  parentItemId: z.uuid().nullable(),
  number: z.string().describe('Derived from the order: "1", "2", "2.1"'),
  title: z.string(),
  kind: z.enum(AGENDA_ITEM_KINDS),
  purpose: z.enum(AGENDA_ITEM_PURPOSES).nullable(),
  durationMinutes: z.number().int().nullable(),
  startTime: z.string().describe("When the item is due to start (ISO 8601), running from the meeting's start"),
  startTimeLocal: z.string().describe("HH:MM in England"),
  overruns: z.boolean().describe("True when the item is due to end after the meeting"),
  confidentiality: z.enum(CONFIDENTIALITY),
  exemptionReason: z.string().nullable(),
  recommendation: z.string().nullable(),
  presenters: z.array(z.object({ personId: z.uuid(), name: z.string(), roleLabel: z.string().nullable() })),
  bodyIds: z.array(z.uuid()),
  organisationIds: z.array(z.uuid()),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type AgendaItemOutput = z.output<typeof agendaItemOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out

const str = z.string().default("");
const RELOAD = "Reload the page and try again";
/** A form's hidden version: blank on new records. */
const formVersion = z.string().transform((v, ctx) => {
  if (v === "") return undefined;
  if (!/^\d+$/.test(v)) {
    ctx.addIssue({ code: "custom", message: RELOAD });
    return z.NEVER;
  }
  return Number(v);
});

/** A date typed into the three boxes of an NHS date input, as YYYY-MM-DD, or the message to show. */
export function datePartsToIso(day: string, month: string, year: string): { ok: true; date: string } | { ok: false; message: string } {
  if (!day.trim() && !month.trim() && !year.trim()) return { ok: false, message: "Enter the date of the meeting" };
  if (!/^\d{1,2}$/.test(day.trim()) || !/^\d{1,2}$/.test(month.trim()) || !/^\d{4}$/.test(year.trim())) {
    return { ok: false, message: "Date of the meeting must be a real date, like 5 3 2018" };
  }
  const date = `${year.trim()}-${month.trim().padStart(2, "0")}-${day.trim().padStart(2, "0")}`;
  if (!isCalendarDate(date) || Number(year) < 2000 || Number(year) > 2100)
    return { ok: false, message: "Date of the meeting must be a real date, like 5 3 2018" };
  return { ok: true, date };
}

function timeFromForm(label: string) {
  return z.string().transform((v, ctx) => {
    if (!v.trim()) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label}` });
      return z.NEVER;
    }
    const t = parseClockTime(v);
    if (!t) {
      ctx.addIssue({ code: "custom", message: `Enter the ${label} as a time, like 10:00 or 14:30` });
      return z.NEVER;
    }
    return t;
  });
}

function dateFromForm() {
  return z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((v, ctx) => {
    const d = datePartsToIso(v.day, v.month, v.year);
    if (!d.ok) {
      ctx.addIssue({ code: "custom", message: d.message });
      return z.NEVER;
    }
    return d.date;
  });
}

const formOnlineUrl = z
  .string()
  .trim()
  .max(2000, "Web addresses must be 2,000 characters or fewer")
  .refine((v) => v === "" || isHttpsUrl(v), "Enter the online link as a web address that starts with https://")
  .transform((v) => v || null);

/** The meeting form (new and edit). */
export const meetingForm = z
  .object({
    bodyId: str,
    title: str,
    "date-day": str,
    "date-month": str,
    "date-year": str,
    startTime: str,
    endTime: str,
    venue: str,
    onlineUrl: str,
    sessions: z.union([z.string(), z.array(z.string())]).optional(),
    version: z.string().optional(),
  })
  .transform((f) => {
    const sessions = [f.sessions ?? []].flat();
    return {
      bodyId: f.bodyId,
      title: f.title,
      date: { day: f["date-day"], month: f["date-month"], year: f["date-year"] },
      startTime: f.startTime,
      endTime: f.endTime,
      venue: f.venue,
      onlineUrl: f.onlineUrl,
      hasPublicSession: sessions.includes("public"),
      hasPrivateSession: sessions.includes("private"),
      version: f.version ?? "",
    };
  })
  .pipe(
    z.object({
      bodyId: z.uuid({ error: "Select the body that is meeting" }),
      title: safeText(200).transform((v) => v || null),
      date: dateFromForm(),
      startTime: timeFromForm("start time"),
      endTime: timeFromForm("end time"),
      venue: safeText(500).transform((v) => v || null),
      onlineUrl: formOnlineUrl,
      hasPublicSession: z.boolean(),
      hasPrivateSession: z.boolean(),
      version: formVersion,
    }),
  )
  .superRefine((v, ctx) => {
    if (!v.hasPublicSession && !v.hasPrivateSession)
      ctx.addIssue({ code: "custom", path: ["sessions"], message: "Select a public session, a private session or both" });
  });

/** The field ids the error summary links to for meeting form errors. */
export const MEETING_FORM_FIELD_IDS: Record<string, string> = { date: "date-day", sessions: "sessions", _form: "title" };

export const cancelForm = z.object({ reason: str, version: str }).pipe(
  z.object({
    reason: safeText(2000).min(1, "Enter why the meeting is cancelled"),
    version: z.string().regex(/^\d+$/, RELOAD).transform(Number),
  }),
);

export const postponeForm = z
  .object({ reason: str, version: str, "date-day": str, "date-month": str, "date-year": str, startTime: str, endTime: str })
  .transform((f, ctx) => {
    const anyDate = [f["date-day"], f["date-month"], f["date-year"], f.startTime, f.endTime].some((v) => v.trim() !== "");
    if (!anyDate) return { reason: f.reason, version: f.version, newTime: null };
    const date = datePartsToIso(f["date-day"], f["date-month"], f["date-year"]);
    const startTime = parseClockTime(f.startTime);
    const endTime = parseClockTime(f.endTime);
    if (!date.ok) ctx.addIssue({ code: "custom", path: ["date"], message: date.message.replace("of the meeting", "it moves to") });
    if (!startTime) ctx.addIssue({ code: "custom", path: ["startTime"], message: "Enter the new start time, like 10:00" });
    if (!endTime) ctx.addIssue({ code: "custom", path: ["endTime"], message: "Enter the new end time, like 12:00" });
    if (!date.ok || !startTime || !endTime) return z.NEVER;
    return { reason: f.reason, version: f.version, newTime: { date: date.date, startTime, endTime } };
  })
  .pipe(
    z.object({
      reason: safeText(2000).min(1, "Enter why the meeting is postponed"),
      version: z.string().regex(/^\d+$/, RELOAD).transform(Number),
      newTime: z.object({ date: z.string(), startTime: z.string(), endTime: z.string() }).nullable(),
    }),
  );

export const versionForm = z.object({ version: z.coerce.number().int().min(1) });
export const moveForm = z.object({ direction: z.enum(["up", "down"]) });

/** The agenda item form: presenters come as rows presenter-0-personId, presenter-0-roleLabel, ... */
export const agendaItemForm = z
  .record(z.string(), z.unknown())
  .transform((raw) => {
    const s = (k: string) => (typeof raw[k] === "string" ? raw[k] : "");
    const list = (k: string) => [raw[k] ?? []].flat().filter((v): v is string => typeof v === "string" && v !== "");
    const presenters: { personId: string; roleLabel: string }[] = [];
    for (let i = 0; i < PRESENTER_FORM_ROWS; i++) {
      const personId = s(`presenter-${i}-personId`);
      if (personId) presenters.push({ personId, roleLabel: s(`presenter-${i}-roleLabel`) });
    }
    return {
      title: s("title"),
      kind: s("kind"),
      purpose: s("purpose"),
      durationMinutes: s("durationMinutes").trim(),
      confidentiality: s("confidentiality") || "part_1",
      exemptionReason: s("exemptionReason"),
      recommendation: s("recommendation"),
      parentItemId: s("parentItemId"),
      presenters,
      bodyIds: list("bodyIds"),
      organisationIds: list("organisationIds"),
      version: s("version"),
    };
  })
  .pipe(
    z.object({
      title: safeText(300).min(1, "Enter the item's title"),
      kind: z.enum(AGENDA_ITEM_KINDS, { error: "Select the kind of item" }),
      purpose: z.union([z.literal("").transform(() => null), z.enum(AGENDA_ITEM_PURPOSES, { error: "Select the purpose" })]),
      durationMinutes: z.union([
        z.literal("").transform(() => null),
        z
          .string()
          .regex(/^\d{1,4}$/, "Enter the time allowed as a whole number of minutes, like 20")
          .transform(Number)
          .pipe(z.number().max(1440, "Time allowed must be 1,440 minutes or fewer")),
      ]),
      confidentiality: z.enum(CONFIDENTIALITY, { error: "Select Part I or Part II" }),
      exemptionReason: safeText(1000).transform((v) => v || null),
      recommendation: z
        .string()
        .trim()
        .max(5000, "Recommendation must be 5,000 characters or fewer")
        .refine((v) => !v.includes("\u0000"), "must not contain NUL characters")
        .transform((v) => v || null),
      parentItemId: z.union([z.literal("").transform(() => null), z.uuid({ error: "Select an item from the list" })]),
      presenters: z
        .array(z.object({ personId: z.uuid({ error: "Select a presenter from the list" }), roleLabel: safeText(200).transform((v) => v || null) }))
        .refine((list) => new Set(list.map((p) => p.personId)).size === list.length, "Name each presenter once"),
      bodyIds: z.array(z.uuid({ error: "Select bodies from the list" })).transform((ids) => [...new Set(ids)]),
      organisationIds: z.array(z.uuid({ error: "Select organisations from the list" })).transform((ids) => [...new Set(ids)]),
      version: formVersion,
    }),
  )
  .superRefine((v, ctx) => {
    if (v.confidentiality === "part_2" && !v.exemptionReason)
      ctx.addIssue({ code: "custom", path: ["exemptionReason"], message: "Enter why the item is exempt from publication" });
  });

/** The standard opening item form on a body's agenda template page. */
export const templateItemForm = z.object({ title: str, kind: str, durationMinutes: str }).pipe(
  z.object({
    title: safeText(300).min(1, "Enter the item's title"),
    kind: z.enum(AGENDA_ITEM_KINDS, { error: "Select the kind of item" }),
    durationMinutes: z.union([
      z.literal("").transform(() => null),
      z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, "Enter the time allowed as a whole number of minutes, like 5")
        .transform(Number),
    ]),
  }),
);
export type TemplateItemInput = z.output<typeof templateItemForm>;

/** The generate-a-year form. */
export const generateForm = z
  .object({
    ordinal: str,
    weekday: str,
    startTime: str,
    durationMinutes: str,
    fromMonth: str,
    months: str,
    venue: str,
    onlineUrl: str,
    sessions: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .transform((f) => {
    const sessions = [f.sessions ?? []].flat();
    return { ...f, hasPublicSession: sessions.includes("public"), hasPrivateSession: sessions.includes("private") };
  })
  .pipe(
    z.object({
      ordinal: z.enum(ORDINALS, { error: "Select which week of the month" }),
      weekday: z.enum(WEEKDAYS, { error: "Select the day of the week" }),
      startTime: timeFromForm("start time"),
      durationMinutes: z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, "Enter how long meetings last in minutes, like 120")
        .transform(Number)
        .pipe(z.number().min(15, "Meetings must last at least 15 minutes").max(720, "Meetings must last 12 hours or less")),
      fromMonth: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "Enter the first month as year and month, like 2018-01"),
      months: z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, "Enter how many months, from 1 to 24")
        .transform(Number)
        .pipe(z.number().min(1, "Enter how many months, from 1 to 24").max(24, "Enter how many months, from 1 to 24")),
      venue: safeText(500).transform((v) => v || null),
      onlineUrl: formOnlineUrl,
      hasPublicSession: z.boolean(),
      hasPrivateSession: z.boolean(),
    }),
  )
  .superRefine((v, ctx) => {
    if (!v.hasPublicSession && !v.hasPrivateSession)
      ctx.addIssue({ code: "custom", path: ["sessions"], message: "Select a public session, a private session or both" });
  });

export const meetingPageQuery = z.object({
  ...paginationQuery,
  bodyId: blankAsUnset(z.uuid({ error: "must be the id of a body" })),
  when: blankAsUnset(z.enum(["upcoming", "past"])),
});

export const bodyMeetingsParams = z.object({ id: z.uuid({ error: "must be a UUID" }) });
export const templateItemParams = z.object({ id: z.uuid({ error: "must be a UUID" }), templateItemId: z.uuid({ error: "must be a UUID" }) });
export const newMeetingQuery = z.object({ bodyId: blankAsUnset(z.uuid()) });
