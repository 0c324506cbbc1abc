import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { HIGHLIGHT_REPORT_STATUSES, RAGS, type HighlightReportStatus } from "./highlight-reports.tables.ts";

export const STATUS_LABELS: Record<HighlightReportStatus, string> = {
  draft: "Draft",
  submitted: "Submitted",
  returned: "Returned",
  reviewed: "Reviewed",
};

/** The four ratings of a report, in the order pages show them. */
export const DIMENSIONS = ["overall", "schedule", "finance", "risk"] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export const DIMENSION_LABELS: Record<Dimension, string> = { overall: "Overall", schedule: "Schedule", finance: "Finance", risk: "Risk" };

export const REASON_MAX = 2000;
export const TEXT_MAX = 10_000;
export const NOTE_MAX = 2000;

/** A month as "YYYY-MM" or its first day "YYYY-MM-01"; always the first day out. */
export const monthField = z
  .string({ error: "must be a month, YYYY-MM" })
  .trim()
  .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])(-01)?$/, "must be a month, YYYY-MM (or its first day, YYYY-MM-01)")
  .transform((v) => `${v.slice(0, 7)}-01`);

// ---------------------------------------------------------------------------------------------
// JSON API: inputs

export const reportListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(z.uuid({ error: "must be the id of a workstream" })),
  month: blankAsUnset(monthField).describe("The month reported on, YYYY-MM"),
  status: blankAsUnset(z.enum(HIGHLIGHT_REPORT_STATUSES)),
});

export const reportCreateInput = z.strictObject({
  workstreamId: z.uuid({ error: "must be the id of a workstream" }),
  month: monthField.describe("The month to report on, YYYY-MM; not later than next month"),
});

const rag = z.enum(RAGS).nullable().optional();
const reason = safeText(REASON_MAX).nullable().optional();
const longText = safeText(TEXT_MAX).optional();

/** What the lead may change while the report is a draft or returned. */
export const reportPatch = z.strictObject({
  version: versionField,
  overallRag: rag,
  overallReason: reason,
  scheduleRag: rag,
  scheduleReason: reason,
  financeRag: rag,
  financeReason: reason,
  riskRag: rag,
  riskReason: reason,
  achievements: longText,
  nextPeriod: longText,
  milestonesDue: longText,
  escalations: longText,
});
export type ReportChanges = Omit<z.output<typeof reportPatch>, "version">;

export const reportSubmitInput = z.strictObject({ version: versionField });
export const reportReviewInput = z.strictObject({ version: versionField, note: safeText(NOTE_MAX).optional() });
export const reportReturnInput = z.strictObject({
  version: versionField,
  note: safeText(NOTE_MAX).min(1, "say what the lead should change"),
});

// ---------------------------------------------------------------------------------------------
// JSON API: outputs

const ragOutput = z.object({ rag: z.enum(RAGS).nullable(), reason: z.string().nullable() });

export const reportOutput = z.object({
  id: z.uuid(),
  workstream: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  month: z.string().describe("The first day of the month reported on, YYYY-MM-DD"),
  status: z.enum(HIGHLIGHT_REPORT_STATUSES),
  overall: ragOutput,
  schedule: ragOutput,
  finance: ragOutput,
  risk: ragOutput,
  achievements: z.string(),
  nextPeriod: z.string(),
  milestonesDue: z.string(),
  escalations: z.string(),
  isExample: z.boolean(),
  submittedAt: z.string().nullable(),
  submittedByName: z.string().nullable().describe("Shown only to signed-in users of the partnership"),
  reviewedAt: z.string().nullable(),
  reviewedByName: z.string().nullable().describe("Shown only to signed-in users of the partnership"),
  reviewNote: z.string().nullable().describe("The programme office's note on review or return; signed-in users only"),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ReportOutput = z.output<typeof reportOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms

const str = (f: Record<string, unknown>, k: string) => (typeof f[k] === "string" ? f[k] : "");

const versionFormField = z
  .string()
  .refine((v) => /^\d+$/.test(v), "Reload the page and try again")
  .transform(Number);

/** The "choose a month" form. */
export const newReportForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ month: str(f, "month") }))
  .pipe(
    z.object({
      month: z
        .string()
        .trim()
        .regex(/^(19|20)\d{2}-(0[1-9]|1[0-2])(-01)?$/, "Select the month to report on")
        .transform((v) => `${v.slice(0, 7)}-01`),
    }),
  );

const ragForm = (label: string) =>
  z
    .string()
    .refine((v) => v === "" || (RAGS as readonly string[]).includes(v), `Select the ${label} rating`)
    .transform((v) => (v === "" ? null : (v as (typeof RAGS)[number])));
const reasonForm = safeText(REASON_MAX).transform((v) => (v === "" ? null : v));

/** The edit form: the four ratings with reasons, the texts, and the version read. */
export const editReportForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    overallRag: str(f, "overallRag"),
    overallReason: str(f, "overallReason"),
    scheduleRag: str(f, "scheduleRag"),
    scheduleReason: str(f, "scheduleReason"),
    financeRag: str(f, "financeRag"),
    financeReason: str(f, "financeReason"),
    riskRag: str(f, "riskRag"),
    riskReason: str(f, "riskReason"),
    achievements: str(f, "achievements"),
    nextPeriod: str(f, "nextPeriod"),
    milestonesDue: str(f, "milestonesDue"),
    escalations: str(f, "escalations"),
    version: str(f, "version"),
  }))
  .pipe(
    z.object({
      overallRag: ragForm("overall"),
      overallReason: reasonForm,
      scheduleRag: ragForm("schedule"),
      scheduleReason: reasonForm,
      financeRag: ragForm("finance"),
      financeReason: reasonForm,
      riskRag: ragForm("risk"),
      riskReason: reasonForm,
      achievements: safeText(TEXT_MAX),
      nextPeriod: safeText(TEXT_MAX),
      milestonesDue: safeText(TEXT_MAX),
      escalations: safeText(TEXT_MAX),
      version: versionFormField,
    }),
  );

/** Submit and review: the version read, and for review an optional note. */
export const submitReportForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ version: str(f, "version") }))
  .pipe(z.object({ version: versionFormField }));

export const reviewReportForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ version: str(f, "version"), note: str(f, "note") }))
  .pipe(z.object({ version: versionFormField, note: safeText(NOTE_MAX) }));

export const returnReportForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ version: str(f, "version"), returnNote: str(f, "returnNote") }))
  .pipe(z.object({ version: versionFormField, returnNote: safeText(NOTE_MAX).min(1, "Enter what the lead should change before resubmitting") }));

/** The error summary's link target for a field: radios link to their first option. */
export function fieldIdFor(key: string): string {
  if (key.endsWith("Rag")) return `${key}-1`;
  if (key === "version") return "main-form";
  return key;
}
