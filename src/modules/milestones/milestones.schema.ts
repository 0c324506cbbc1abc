import { z } from "zod";
import { formString, datePartsOf, formDate, versionFormField, optionalUuidField } from "../../platform/http/forms.ts";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { isoDateField } from "../bodies/bodies.schema.ts";
import { MILESTONE_STATUSES, PRODUCT_STATUSES, type MilestoneStatus, type ProductStatus } from "./milestones.tables.ts";

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  not_started: "Not started",
  on_track: "On track",
  at_risk: "At risk",
  late: "Late",
  complete: "Complete",
};

export const PRODUCT_STATUS_LABELS: Record<ProductStatus, string> = {
  planned: "Planned",
  delivered: "Delivered",
};

/** Field names as the history table shows them. */
export const MILESTONE_HISTORY_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  baselineOn: "Baseline date",
  forecastOn: "Forecast date",
  actualOn: "Date achieved",
  status: "Status",
  position: "Position",
  workstreamId: "Workstream",
  planId: "Plan",
  isExample: "Example data",
  createdAt: "Created",
  updatedAt: "Updated",
  partnershipId: "Partnership",
};

export const PRODUCT_HISTORY_LABELS: Record<string, string> = {
  title: "Title",
  description: "Description",
  status: "Status",
  plannedOn: "Planned date",
  deliveredOn: "Date delivered",
  evidenceUrl: "Evidence",
  workstreamId: "Workstream",
  planId: "Plan",
  isExample: "Example data",
  createdAt: "Created",
  updatedAt: "Updated",
  partnershipId: "Partnership",
};

export const TITLE_MAX = 300;
export const DESCRIPTION_MAX = 5000;
export const URL_MAX = 2000;

/** The windows the portfolio view offers for milestones due. */
export const DUE_WINDOWS = [30, 60, 90] as const;

/** True for an absolute http:// or https:// address without credentials in it. */
export function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const URL_MESSAGE = "Enter a web address that starts with https:// or http://";
const evidenceUrlField = z.string().trim().max(URL_MAX, `Web addresses must be ${URL_MAX} characters or fewer`).refine(isHttpUrl, URL_MESSAGE);

const title = (what: string) => safeText(TITLE_MAX).min(1, `Enter the ${what}'s title`);
const description = safeText(DESCRIPTION_MAX);
const uuid = (message: string) => z.uuid({ error: message });
const nullableDate = isoDateField.nullish().transform((v) => v ?? null);

// ---------------------------------------------------------------------------------------------
// JSON API: milestones

/** A new milestone of a workstream. The rules across fields (complete needs a date achieved, …) are the service's. */
export const milestoneInput = z.strictObject({
  workstreamId: uuid("must be the id of a workstream"),
  title: title("milestone"),
  description: description.default(""),
  baselineOn: isoDateField.describe("YYYY-MM-DD: the date first agreed"),
  forecastOn: nullableDate.describe("YYYY-MM-DD: the date now expected; required when the status is at_risk or late"),
  actualOn: nullableDate.describe("YYYY-MM-DD: the date achieved; required (and only allowed) when the status is complete; not in the future"),
  status: z.enum(MILESTONE_STATUSES, { error: "Select the milestone's status" }).default("not_started"),
});
export type MilestoneInput = z.output<typeof milestoneInput>;

/** A change: only the fields sent change. `decisionId` records the decision that agreed a change of dates or status. */
export const milestonePatch = z.strictObject({
  version: versionField,
  title: title("milestone").optional(),
  description: description.optional(),
  baselineOn: isoDateField.optional(),
  forecastOn: isoDateField.nullable().optional(),
  actualOn: isoDateField.nullable().optional(),
  status: z.enum(MILESTONE_STATUSES, { error: "Select the milestone's status" }).optional(),
  decisionId: uuid("must be the id of a decision")
    .nullish()
    .transform((v) => v ?? null)
    .describe("The decision that agreed this change of baseline, forecast or status; recorded on the decision's trail (decision_effects)"),
});
export type MilestonePatch = z.output<typeof milestonePatch>;
export type MilestoneChanges = Omit<MilestonePatch, "version" | "decisionId">;

export const milestoneListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(uuid("must be a UUID")),
  status: blankAsUnset(z.enum(MILESTONE_STATUSES)),
  dueFrom: blankAsUnset(isoDateField).describe("Forecast (or, without one, baseline) date on or after, YYYY-MM-DD"),
  dueTo: blankAsUnset(isoDateField).describe("Forecast (or, without one, baseline) date on or before, YYYY-MM-DD"),
});
export type MilestoneFilter = Omit<z.output<typeof milestoneListQuery>, "page" | "limit">;

const workstreamRef = z.object({ id: z.uuid(), slug: z.string(), name: z.string() });

export const milestoneOutput = z.object({
  id: z.uuid(),
  workstream: workstreamRef,
  planId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  baselineOn: z.string().describe("YYYY-MM-DD"),
  forecastOn: z.string().nullable(),
  actualOn: z.string().nullable(),
  status: z.enum(MILESTONE_STATUSES),
  slippageDays: z.number().int().describe("(actualOn ?? forecastOn ?? baselineOn) − baselineOn in whole days; positive = late. Derived, never stored"),
  isExample: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MilestoneOutput = z.output<typeof milestoneOutput>;

// ---------------------------------------------------------------------------------------------
// JSON API: products

export const productInput = z.strictObject({
  workstreamId: uuid("must be the id of a workstream"),
  title: title("product"),
  description: description.default(""),
  plannedOn: nullableDate.describe("YYYY-MM-DD"),
  status: z.enum(PRODUCT_STATUSES).default("planned"),
  deliveredOn: nullableDate.describe("YYYY-MM-DD; required (and only allowed) when delivered; not in the future"),
  evidenceUrl: evidenceUrlField
    .nullish()
    .transform((v) => v || null)
    .describe("An http(s) link to the evidence of delivery (report, web page, paper)"),
});
export type ProductInput = z.output<typeof productInput>;

export const productPatch = z.strictObject({
  version: versionField,
  title: title("product").optional(),
  description: description.optional(),
  plannedOn: isoDateField.nullable().optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  deliveredOn: isoDateField.nullable().optional(),
  evidenceUrl: evidenceUrlField.nullable().optional(),
});
export type ProductChanges = Omit<z.output<typeof productPatch>, "version">;

export const productListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(uuid("must be a UUID")),
  status: blankAsUnset(z.enum(PRODUCT_STATUSES)).describe("The public sees delivered products only"),
});
export type ProductFilter = Omit<z.output<typeof productListQuery>, "page" | "limit">;

export const productOutput = z.object({
  id: z.uuid(),
  workstream: workstreamRef,
  planId: z.uuid().nullable(),
  title: z.string(),
  description: z.string(),
  status: z.enum(PRODUCT_STATUSES),
  plannedOn: z.string().nullable(),
  deliveredOn: z.string().nullable(),
  evidenceUrl: z.string().nullable(),
  isExample: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProductOutput = z.output<typeof productOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out. Dates arrive as day, month and year fields.

/** The form to add or edit a milestone (the workstream comes from the address or the record). */
export const milestoneForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    title: formString(f, "title"),
    description: formString(f, "description"),
    baselineOn: datePartsOf(f, "baselineOn"),
    forecastOn: datePartsOf(f, "forecastOn"),
    actualOn: datePartsOf(f, "actualOn"),
    status: formString(f, "status"),
    decisionId: formString(f, "decisionId"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      title: title("milestone"),
      description,
      baselineOn: formDate("baseline date", true).transform((v) => v as string),
      forecastOn: formDate("forecast date", false),
      actualOn: formDate("date achieved", false),
      status: z.enum(MILESTONE_STATUSES, { error: "Select the milestone's status" }),
      decisionId: optionalUuidField("Select a decision from the list"),
      version: versionFormField,
    }),
  );
export type MilestoneFormValue = z.output<typeof milestoneForm>;

/** The form to add or edit a product's title, description and planned date. */
export const productForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    title: formString(f, "title"),
    description: formString(f, "description"),
    plannedOn: datePartsOf(f, "plannedOn"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      title: title("product"),
      description,
      plannedOn: formDate("planned date", false),
      version: versionFormField,
    }),
  );

/** Marking a product delivered: the date, and a link to the evidence. */
export const productDeliveredForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ deliveredOn: datePartsOf(f, "deliveredOn"), evidenceUrl: formString(f, "evidenceUrl").trim(), version: formString(f, "version") }))
  .pipe(
    z.object({
      deliveredOn: formDate("date delivered", true).transform((v) => v as string),
      evidenceUrl: z
        .literal("")
        .transform(() => null)
        .or(evidenceUrlField),
      version: versionFormField,
    }),
  );

/** The portfolio view's filters. */
export const portfolioQuery = z.object({
  within: z.coerce
    .number()
    .int()
    .refine((v) => (DUE_WINDOWS as readonly number[]).includes(v))
    .catch(90)
    .default(90),
  workstreamId: blankAsUnset(z.uuid()).catch(undefined),
});

/** The error summary's link target for a field: dates focus their day field, radios their first option. */
export function fieldIdFor(key: string): string {
  if (["baselineOn", "forecastOn", "actualOn", "plannedOn", "deliveredOn"].includes(key)) return `${key}-day`;
  if (key === "status") return "status-1";
  return key;
}
