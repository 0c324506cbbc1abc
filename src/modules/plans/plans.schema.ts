import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { MAX_PENCE, parsePounds } from "../../platform/money.ts";
import { dateFromParts, isoDateField } from "../bodies/bodies.schema.ts";
import { BUDGET_LINE_KINDS, PLAN_STATUSES, type BudgetLineKind, type PlanStatus } from "./plans.tables.ts";
import { monthKey, monthName } from "./financial-year.ts";

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: "Draft",
  submitted: "Submitted for approval",
  approved: "Approved",
  revised: "Revised (earlier version)",
};

export const BUDGET_LINE_KIND_LABELS: Record<BudgetLineKind, string> = {
  revenue: "Revenue",
  capital: "Capital",
};

const TEXT_MAX = 10_000;
const DESCRIPTION_MAX = 500;
const FUNDING_MAX = 200;

const financialYearField = z.coerce
  .number({ error: "must be the calendar year the financial year starts in, e.g. 2018 for 2018/19" })
  .int("must be a whole year, e.g. 2018 for 2018/19")
  .min(2000, "must be between 2000 and 2100")
  .max(2100, "must be between 2000 and 2100");

/** A whole number of pence within ±£90 billion. */
const penceField = z
  .number({ error: "must be a whole number of pence" })
  .int("must be a whole number of pence (no fractions)")
  .refine((v) => Math.abs(v) < MAX_PENCE, "must be less than £90 billion in magnitude");

// ---------------------------------------------------------------------------------------------
// JSON API: inputs

export const planListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(z.uuid({ error: "must be the id of a workstream" })),
  financialYear: blankAsUnset(financialYearField).describe("The calendar year the financial year starts in: 2018 is 2018/19"),
  current: blankAsUnset(z.enum(["true", "false"])).describe("true = only current plans (no earlier, revised versions)"),
});

export const planInput = z.strictObject({
  workstreamId: z.uuid({ error: "must be the id of a workstream" }),
  financialYear: financialYearField.describe("The calendar year the financial year starts in: 2018 is 2018/19 (April 2018 – March 2019)"),
  objectives: safeText(TEXT_MAX).default(""),
  plannedProducts: safeText(TEXT_MAX).default(""),
  isExample: z.boolean().default(false).describe("True for demo or illustrative figures; shown as an example on every page"),
});
export type PlanInput = z.output<typeof planInput>;

export const planPatch = z.strictObject({
  version: versionField,
  objectives: safeText(TEXT_MAX).optional(),
  plannedProducts: safeText(TEXT_MAX).optional(),
});
export type PlanChanges = Omit<z.output<typeof planPatch>, "version">;

export const planVersionInput = z.strictObject({ version: versionField });

export const approveInput = z.strictObject({
  version: versionField,
  decisionId: z.uuid({ error: "must be the id of the decision that approved the plan" }),
  approvedOn: isoDateField.describe("YYYY-MM-DD: the date of approval"),
});
export type ApproveInput = z.output<typeof approveInput>;

const monthField = z.iso.date({ error: "must be the first day of a month, YYYY-MM-DD" }).refine((v) => v.endsWith("-01"), "must be the first day of a month");

export const monthInput = z.strictObject({
  month: monthField,
  plannedPence: penceField.default(0),
  actualPence: penceField.nullable().default(null),
  forecastPence: penceField.nullable().default(null),
});
export type MonthInput = z.output<typeof monthInput>;

export const monthsInput = z.strictObject({
  version: versionField,
  months: z.array(monthInput).max(12, "a financial year has 12 months"),
});
export type MonthsInput = z.output<typeof monthsInput>;

const lineFields = {
  description: safeText(DESCRIPTION_MAX).min(1, "Enter what the line is for"),
  kind: z.enum(BUDGET_LINE_KINDS, { error: "must be revenue or capital" }),
  fundingSource: safeText(FUNDING_MAX).min(1, "Enter the funding source"),
};

export const budgetLineInput = z.strictObject({
  planId: z.uuid({ error: "must be the id of a plan" }),
  ...lineFields,
  months: z.array(monthInput).max(12).optional().describe("Optional: the line's months (any not given are planned at £0)"),
});
export type BudgetLineInput = z.output<typeof budgetLineInput>;

export const budgetLinePatch = z.strictObject({
  version: versionField,
  description: lineFields.description.optional(),
  kind: lineFields.kind.optional(),
  fundingSource: lineFields.fundingSource.optional(),
});
export type BudgetLineChanges = Omit<z.output<typeof budgetLinePatch>, "version">;

export const versionQuery = z.object({ version: z.coerce.number().int().min(1) });

export const budgetSummaryQuery = z.object({
  year: blankAsUnset(financialYearField).describe("The calendar year the financial year starts in (default: the current financial year)"),
});

/** A line as an import brings it in (see the service's importLines). */
export interface ImportedLine {
  description: string;
  kind: BudgetLineKind;
  fundingSource: string;
  months: { month: string; plannedPence: number; actualPence: number | null; forecastPence: number | null }[];
}

// ---------------------------------------------------------------------------------------------
// JSON API: outputs (money in integer pence)

const penceOut = (what: string) => z.number().int().describe(`${what}, in integer pence (e.g. 123456 = £1,234.56)`);

export const totalsOutput = z.object({
  plannedPence: penceOut("The sum of the planned amounts"),
  actualToDatePence: penceOut("The sum of the actuals entered so far"),
  forecastOutturnPence: penceOut("The sum over the months of the actual when entered, else the forecast when entered, else the planned amount"),
  variancePence: penceOut("Forecast outturn minus planned (positive = overspend)"),
});

export const monthOutput = z.object({
  month: z.string().describe("The first day of the month, YYYY-MM-DD"),
  plannedPence: penceOut("Planned"),
  actualPence: z.number().int().nullable().describe("Actual in integer pence; null until entered"),
  forecastPence: z.number().int().nullable().describe("Forecast in integer pence; null when none is entered"),
});

export const budgetLineOutput = z.object({
  id: z.uuid(),
  planId: z.uuid(),
  position: z.number().int(),
  description: z.string(),
  kind: z.enum(BUDGET_LINE_KINDS),
  fundingSource: z.string(),
  months: z.array(monthOutput).describe("The twelve months of the plan's financial year, in order"),
  totals: totalsOutput,
  version: z.number().int(),
});

export const planOutput = z.object({
  id: z.uuid(),
  workstream: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
  financialYear: z.number().int().describe("The calendar year the financial year starts in: 2018 is 2018/19"),
  financialYearLabel: z.string().describe('e.g. "2018/19"'),
  revision: z.number().int(),
  status: z.enum(PLAN_STATUSES),
  objectives: z.string(),
  plannedProducts: z.string(),
  isExample: z.boolean(),
  submittedAt: z.string().nullable(),
  approvedOn: z.string().nullable().describe("YYYY-MM-DD"),
  approvedByDecisionId: z.uuid().nullable(),
  revisedFromPlanId: z.uuid().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const planDetailOutput = planOutput.extend({
  lines: z.array(budgetLineOutput),
  totals: totalsOutput,
  totalsByKind: z.object({ revenue: totalsOutput, capital: totalsOutput }),
  revisions: z
    .array(z.object({ id: z.uuid(), revision: z.number().int(), status: z.enum(PLAN_STATUSES) }))
    .describe("Every version of this plan the caller may see, latest first"),
});

export const budgetSummaryOutput = z.object({
  financialYear: z.number().int(),
  financialYearLabel: z.string(),
  rows: z.array(
    totalsOutput.extend({
      workstreamId: z.uuid(),
      workstreamName: z.string(),
      planId: z.uuid(),
      planStatus: z.enum(PLAN_STATUSES),
      revision: z.number().int(),
    }),
  ),
  portfolio: totalsOutput,
});

// ---------------------------------------------------------------------------------------------
// HTML forms

const str = (f: Record<string, unknown>, k: string) => (typeof f[k] === "string" ? f[k] : "");

const versionFormField = z
  .string()
  .refine((v) => v === "" || /^\d+$/.test(v), "Reload the page and try again")
  .transform((v) => (v === "" ? undefined : Number(v)));

/** The new-plan form. */
export const planForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    financialYear: str(f, "financialYear").trim(),
    objectives: str(f, "objectives"),
    plannedProducts: str(f, "plannedProducts"),
    version: str(f, "version"),
  }))
  .pipe(
    z.object({
      financialYear: z
        .string()
        .regex(/^\d{4}$/, "Select the financial year")
        .transform(Number)
        .pipe(z.number().min(2000, "Select the financial year").max(2100, "Select the financial year")),
      objectives: safeText(TEXT_MAX),
      plannedProducts: safeText(TEXT_MAX),
      version: versionFormField,
    }),
  );

/** The edit-plan form (the year stays as it is). */
export const planEditForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ objectives: str(f, "objectives"), plannedProducts: str(f, "plannedProducts"), version: str(f, "version") }))
  .pipe(z.object({ objectives: safeText(TEXT_MAX), plannedProducts: safeText(TEXT_MAX), version: versionFormField }));

/** A form that only carries the version it read (submit, return, revise, remove). */
export const versionForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ version: str(f, "version") }))
  .pipe(z.object({ version: z.string().regex(/^\d+$/, "Reload the page and try again").transform(Number) }));

/** The approval form: the decision that approved the plan and the date. */
export const approveForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    decisionId: str(f, "decisionId"),
    approvedOn: { day: str(f, "approvedOn-day").trim(), month: str(f, "approvedOn-month").trim(), year: str(f, "approvedOn-year").trim() },
    version: str(f, "version"),
  }))
  .pipe(
    z.object({
      decisionId: z.uuid({ error: "Select the decision that approved the plan" }),
      approvedOn: z.object({ day: z.string(), month: z.string(), year: z.string() }).transform((parts, ctx): string => {
        const result = dateFromParts(parts, "date the plan was approved");
        if (!result.ok) {
          ctx.addIssue({ code: "custom", message: result.message });
          return z.NEVER;
        }
        if (result.value === null) {
          ctx.addIssue({ code: "custom", message: "Enter the date the plan was approved" });
          return z.NEVER;
        }
        return result.value;
      }),
      version: z.string().regex(/^\d+$/, "Reload the page and try again").transform(Number),
    }),
  );

/** The add or edit budget line form. */
export const budgetLineForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ description: str(f, "description"), kind: str(f, "kind"), fundingSource: str(f, "fundingSource"), version: str(f, "version") }))
  .pipe(
    z.object({
      description: safeText(DESCRIPTION_MAX).min(1, "Enter what the budget line is for"),
      kind: z.enum(BUDGET_LINE_KINDS, { error: "Select revenue or capital" }),
      fundingSource: safeText(FUNDING_MAX).min(1, "Enter the funding source, for example STP transformation fund"),
      version: versionFormField,
    }),
  );

export type MonthField = "planned" | "actual" | "forecast";
const FIELD_WORDS: Record<MonthField, string> = { planned: "planned amount", actual: "actual", forecast: "forecast" };

/** The form field of one figure of one month: "actual-2018-04". */
export const monthFieldName = (field: MonthField, isoMonth: string) => `${field}-${monthKey(isoMonth)}`;

/**
 * Reads the month-by-month form: for each month a planned amount (blank = £0; only when planned
 * amounts may change), an actual and a forecast (blank = not entered), typed in pounds and parsed
 * exactly to pence. Each unreadable figure gets its own message, named by month and figure.
 */
export function parseMonthsForm(
  body: unknown,
  months: readonly string[],
  options: { plannedEditable: boolean },
): { ok: true; value: { version: number; months: MonthInput[] } } | { ok: false; errors: Record<string, string> } {
  const f = (body && typeof body === "object" ? body : {}) as Record<string, unknown>;
  const errors: Record<string, string> = {};
  const version = str(f, "version");
  if (!/^\d+$/.test(version)) errors._form = "Reload the page and try again";
  const value: MonthInput[] = [];
  for (const month of months) {
    const figure = (field: MonthField): number | null | undefined => {
      const name = monthFieldName(field, month);
      const typed = str(f, name).trim();
      if (typed === "") return null;
      const pence = parsePounds(typed);
      if (pence === null) {
        errors[name] = `Enter ${monthName(month)}'s ${FIELD_WORDS[field]} as an amount in pounds, like 1,250.00`;
        return undefined;
      }
      return pence;
    };
    const planned = options.plannedEditable ? figure("planned") : 0;
    const actual = figure("actual");
    const forecast = figure("forecast");
    value.push({ month, plannedPence: planned ?? 0, actualPence: actual ?? null, forecastPence: forecast ?? null });
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { version: Number(version), months: value } };
}

/** The error summary's link target for a field. */
export function fieldIdFor(key: string): string {
  if (key === "approvedOn") return "approvedOn-day";
  if (key === "kind") return "kind-1";
  return key;
}
