import { z } from "zod";
import { datePartsOf, formDate, formString, optionalUuidField, versionFormField } from "../../platform/http/forms.ts";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { isoDateField } from "../bodies/bodies.schema.ts";
import { ISSUE_PRIORITIES, ISSUE_STATUSES, RISK_STATUSES, type IssuePriority, type IssueStatus, type RiskStatus } from "./risks.tables.ts";
import { BANDS } from "./scoring.ts";

export const RISK_STATUS_LABELS: Record<RiskStatus, string> = { open: "Open", closed: "Closed", occurred: "Occurred (now an issue)" };
export const ISSUE_STATUS_LABELS: Record<IssueStatus, string> = { open: "Open", resolved: "Resolved", closed: "Closed" };
export const ISSUE_PRIORITY_LABELS: Record<IssuePriority, string> = { low: "Low", medium: "Medium", high: "High", critical: "Critical" };

const TITLE_MAX = 300;
const TEXT_MAX = 4000;
const CATEGORY_MAX = 100;

const title = safeText(TITLE_MAX).min(1, "Enter the risk's title");
const longText = safeText(TEXT_MAX);
const rating = (what: string) =>
  z
    .number({ error: `${what} must be a whole number from 1 to 5` })
    .int(`${what} must be a whole number from 1 to 5`)
    .min(1, `${what} must be from 1 to 5`)
    .max(5, `${what} must be from 1 to 5`);
const personId = z.uuid({ error: "must be the id of a person in this partnership" });
const bodyId = z.uuid({ error: "must be the id of a body in this partnership" });
const orNull = <T extends z.ZodType>(s: T) => s.nullish().transform((v) => v ?? null);

// ---------------------------------------------------------------------------------------------
// Filters: the same for the pages and the API

export const riskListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(z.union([z.literal("portfolio"), z.uuid({ error: 'must be the id of a workstream, or "portfolio"' })])).describe(
    'A workstream\'s register, or "portfolio" for the portfolio register (risks on no workstream); absent = all registers',
  ),
  status: blankAsUnset(z.enum(RISK_STATUSES)),
  band: blankAsUnset(z.enum(BANDS)).describe("The band of the current score, by the partnership's thresholds"),
  q: blankAsUnset(z.string().trim().max(200)).describe("Words in the title or the event"),
});
export type RiskListQuery = z.output<typeof riskListQuery>;

export const issueListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(z.union([z.literal("portfolio"), z.uuid({ error: 'must be the id of a workstream, or "portfolio"' })])),
  status: blankAsUnset(z.enum(ISSUE_STATUSES)),
  q: blankAsUnset(z.string().trim().max(200)),
});
export type IssueListQuery = z.output<typeof issueListQuery>;

// ---------------------------------------------------------------------------------------------
// JSON API: inputs

const riskFields = {
  title,
  cause: longText.default(""),
  event: longText.default(""),
  effect: longText.default(""),
  category: safeText(CATEGORY_MAX).default(""),
  ownerPersonId: orNull(personId),
  inherentLikelihood: rating("Inherent likelihood"),
  inherentConsequence: rating("Inherent consequence"),
  currentLikelihood: rating("Current likelihood"),
  currentConsequence: rating("Current consequence"),
  targetLikelihood: rating("Target likelihood"),
  targetConsequence: rating("Target consequence"),
  controls: longText.default(""),
  assurances: longText.default(""),
  reviewOn: orNull(isoDateField).describe("Next review date, YYYY-MM-DD"),
  escalatedToBodyId: orNull(bodyId).describe("The body the risk is escalated to"),
};

/** A new risk: on a workstream's register, or the portfolio's when workstreamId is null or absent. */
export const riskInput = z.strictObject({
  workstreamId: orNull(z.uuid({ error: "must be the id of a workstream" })),
  ...riskFields,
  published: z.boolean().default(false).describe("Shown to the public (programme office only)"),
});
export type RiskInput = z.output<typeof riskInput>;

/**
 * What may change on a risk. The current score changes only through a review
 * (POST /risks/{id}/reviews), so its history is kept; the status through close, reopen or raising
 * an issue (or here, by the programme office).
 */
export const riskPatch = z.strictObject({
  version: versionField,
  title: title.optional(),
  cause: longText.optional(),
  event: longText.optional(),
  effect: longText.optional(),
  category: safeText(CATEGORY_MAX).optional(),
  ownerPersonId: personId.nullable().optional(),
  inherentLikelihood: rating("Inherent likelihood").optional(),
  inherentConsequence: rating("Inherent consequence").optional(),
  targetLikelihood: rating("Target likelihood").optional(),
  targetConsequence: rating("Target consequence").optional(),
  controls: longText.optional(),
  assurances: longText.optional(),
  reviewOn: isoDateField.nullable().optional(),
  escalatedToBodyId: bodyId.nullable().optional(),
  status: z.enum(["open", "closed"]).optional().describe("open or closed; a risk becomes occurred by raising an issue from it"),
  published: z.boolean().optional(),
});
export type RiskChanges = Omit<z.output<typeof riskPatch>, "version">;

/** A review of the current score: a row in the risk's history, and the risk's current score updated. */
export const riskReviewInput = z.strictObject({
  version: versionField,
  likelihood: rating("Likelihood"),
  consequence: rating("Consequence"),
  reviewedOn: isoDateField.optional().describe("YYYY-MM-DD; today (Europe/London) when absent"),
  note: longText.default(""),
  decisionId: orNull(z.uuid({ error: "must be the id of a decision" })).describe("The decision that changed the risk, if any"),
});
export type RiskReviewInput = z.output<typeof riskReviewInput>;

/** One row of an import (see risks.service importMany). */
export interface RiskImportRow {
  /** The reference of a risk on the same register to update (12 for "R12"); null or absent adds a new risk. */
  reference?: number | null;
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  ownerPersonId: string | null;
  inherentLikelihood: number;
  inherentConsequence: number;
  currentLikelihood: number;
  currentConsequence: number;
  targetLikelihood: number;
  targetConsequence: number;
  controls: string;
  assurances: string;
  reviewOn: string | null;
  status: RiskStatus;
}

const issueTitle = safeText(TITLE_MAX).min(1, "Enter the issue's title");

export const issueInput = z.strictObject({
  workstreamId: orNull(z.uuid({ error: "must be the id of a workstream" })),
  title: issueTitle,
  description: longText.default(""),
  impact: longText.default(""),
  priority: z.enum(ISSUE_PRIORITIES).default("medium"),
  ownerPersonId: orNull(personId),
  raisedOn: isoDateField.optional().describe("YYYY-MM-DD; today (Europe/London) when absent"),
  escalatedToBodyId: orNull(bodyId),
  published: z.boolean().default(false),
});
export type IssueInput = z.output<typeof issueInput> & { raisedFromRiskId?: string | null };

export const issuePatch = z.strictObject({
  version: versionField,
  title: issueTitle.optional(),
  description: longText.optional(),
  impact: longText.optional(),
  priority: z.enum(ISSUE_PRIORITIES).optional(),
  ownerPersonId: personId.nullable().optional(),
  raisedOn: isoDateField.optional(),
  escalatedToBodyId: bodyId.nullable().optional(),
  status: z.enum(ISSUE_STATUSES).optional().describe("resolved or closed need a resolution (sent now or already recorded)"),
  resolution: longText.nullable().optional(),
  resolvedOn: isoDateField.nullable().optional(),
  published: z.boolean().optional(),
});
export type IssueChanges = Omit<z.output<typeof issuePatch>, "version">;

// ---------------------------------------------------------------------------------------------
// JSON API: outputs

const scoreOutput = z.object({
  likelihood: z.number().int(),
  consequence: z.number().int(),
  score: z.number().int().describe("likelihood × consequence"),
  band: z.enum(BANDS),
});

export const riskReviewOutput = z.object({
  id: z.uuid(),
  reviewedOn: z.string(),
  likelihood: z.number().int(),
  consequence: z.number().int(),
  score: z.number().int(),
  band: z.enum(BANDS),
  note: z.string(),
  decisionId: z.uuid().nullable(),
  recordedByName: z.string(),
});

const named = z.object({ id: z.uuid(), name: z.string() });

export const riskOutput = z.object({
  id: z.uuid(),
  reference: z.string().describe('e.g. "R12"'),
  workstream: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable().describe("null for the portfolio register"),
  title: z.string(),
  cause: z.string(),
  event: z.string(),
  effect: z.string(),
  category: z.string(),
  owner: named.nullable(),
  inherent: scoreOutput,
  current: scoreOutput,
  target: scoreOutput,
  controls: z.string(),
  assurances: z.string(),
  reviewOn: z.string().nullable(),
  status: z.enum(RISK_STATUSES),
  escalatedTo: named.nullable(),
  published: z.boolean(),
  isExample: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RiskOutput = z.output<typeof riskOutput>;

export const riskDetailOutput = riskOutput.extend({ reviews: z.array(riskReviewOutput).describe("Score reviews, oldest first") });

export const issueOutput = z.object({
  id: z.uuid(),
  reference: z.string().describe('e.g. "I7"'),
  workstream: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }).nullable(),
  title: z.string(),
  description: z.string(),
  impact: z.string(),
  priority: z.enum(ISSUE_PRIORITIES),
  owner: named.nullable(),
  raisedFromRisk: z.object({ id: z.uuid(), reference: z.string() }).nullable(),
  raisedOn: z.string(),
  status: z.enum(ISSUE_STATUSES),
  resolution: z.string().nullable(),
  resolvedOn: z.string().nullable(),
  escalatedTo: named.nullable(),
  published: z.boolean(),
  isExample: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type IssueOutput = z.output<typeof issueOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out

const formRating = (message: string) =>
  z
    .string()
    .refine((v) => /^[1-5]$/.test(v), message)
    .transform(Number);

const RISK_RATING_FIELDS = [
  "inherentLikelihood",
  "inherentConsequence",
  "currentLikelihood",
  "currentConsequence",
  "targetLikelihood",
  "targetConsequence",
] as const;
const RATING_MESSAGES: Record<(typeof RISK_RATING_FIELDS)[number], string> = {
  inherentLikelihood: "Select the inherent likelihood",
  inherentConsequence: "Select the inherent consequence",
  currentLikelihood: "Select the current likelihood",
  currentConsequence: "Select the current consequence",
  targetLikelihood: "Select the target likelihood",
  targetConsequence: "Select the target consequence",
};

/** The form to record or edit a risk (the current score is on it only when recording). */
export function riskForm(withCurrent: boolean) {
  return z
    .record(z.string(), z.unknown())
    .transform((f) => ({
      title: formString(f, "title"),
      cause: formString(f, "cause"),
      event: formString(f, "event"),
      effect: formString(f, "effect"),
      category: formString(f, "category"),
      ownerPersonId: formString(f, "ownerPersonId"),
      ...Object.fromEntries(RISK_RATING_FIELDS.filter((k) => withCurrent || !k.startsWith("current")).map((k) => [k, formString(f, k)])),
      controls: formString(f, "controls"),
      assurances: formString(f, "assurances"),
      reviewOn: datePartsOf(f, "reviewOn"),
      escalatedToBodyId: formString(f, "escalatedToBodyId"),
      version: formString(f, "version"),
    }))
    .pipe(
      z.object({
        title: safeText(TITLE_MAX).min(1, "Enter the risk's title"),
        cause: longText,
        event: longText.min(1, "Enter the event: what might happen"),
        effect: longText,
        category: safeText(CATEGORY_MAX),
        ownerPersonId: optionalUuidField("Select the person who owns the risk"),
        inherentLikelihood: formRating(RATING_MESSAGES.inherentLikelihood),
        inherentConsequence: formRating(RATING_MESSAGES.inherentConsequence),
        ...(withCurrent
          ? {
              currentLikelihood: formRating(RATING_MESSAGES.currentLikelihood),
              currentConsequence: formRating(RATING_MESSAGES.currentConsequence),
            }
          : {}),
        targetLikelihood: formRating(RATING_MESSAGES.targetLikelihood),
        targetConsequence: formRating(RATING_MESSAGES.targetConsequence),
        controls: longText,
        assurances: longText,
        reviewOn: formDate("review date", false),
        escalatedToBodyId: optionalUuidField("Select a body from the list"),
        version: versionFormField,
      }),
    );
}
export type RiskFormValue = {
  title: string;
  cause: string;
  event: string;
  effect: string;
  category: string;
  ownerPersonId: string | null;
  inherentLikelihood: number;
  inherentConsequence: number;
  currentLikelihood?: number;
  currentConsequence?: number;
  targetLikelihood: number;
  targetConsequence: number;
  controls: string;
  assurances: string;
  reviewOn: string | null;
  escalatedToBodyId: string | null;
  version: number | undefined;
};

/** The review form: the new current likelihood and consequence, a note, and optionally the decision behind it. */
export const riskReviewForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    likelihood: formString(f, "likelihood"),
    consequence: formString(f, "consequence"),
    reviewedOn: datePartsOf(f, "reviewedOn"),
    note: formString(f, "note"),
    decisionId: formString(f, "decisionId"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      likelihood: formRating("Select the likelihood"),
      consequence: formRating("Select the consequence"),
      reviewedOn: formDate("date of the review", false),
      note: longText,
      decisionId: optionalUuidField("Select a decision from the list"),
      version: versionFormField,
    }),
  );

/** Adding a mitigating action from the risk page. */
export const mitigatingActionForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    description: formString(f, "description"),
    ownerPersonId: formString(f, "ownerPersonId"),
    dueOn: datePartsOf(f, "dueOn"),
    bodyId: formString(f, "bodyId"),
  }))
  .pipe(
    z.object({
      description: safeText(2000).min(1, "Enter what is to be done"),
      ownerPersonId: z.uuid({ error: "Select the person who owns the action" }),
      dueOn: formDate("due date", false),
      bodyId: z.uuid({ error: "Select the body whose action log holds the action" }),
    }),
  );

/** The issue form (record and edit). */
export const issueForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    title: formString(f, "title"),
    description: formString(f, "description"),
    impact: formString(f, "impact"),
    priority: formString(f, "priority"),
    ownerPersonId: formString(f, "ownerPersonId"),
    raisedOn: datePartsOf(f, "raisedOn"),
    escalatedToBodyId: formString(f, "escalatedToBodyId"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      title: issueTitle,
      description: longText,
      impact: longText,
      priority: z.enum(ISSUE_PRIORITIES, { error: "Select the priority" }),
      ownerPersonId: optionalUuidField("Select the person who owns the issue"),
      raisedOn: formDate("date the issue was raised", false),
      escalatedToBodyId: optionalUuidField("Select a body from the list"),
      version: versionFormField,
    }),
  );

/** Resolving an issue: the resolution is required. */
export const issueResolveForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ resolution: formString(f, "resolution"), resolvedOn: datePartsOf(f, "resolvedOn"), version: formString(f, "version") }))
  .pipe(
    z.object({
      resolution: longText.min(1, "Enter how the issue was resolved"),
      resolvedOn: formDate("date the issue was resolved", false),
      version: versionFormField,
    }),
  );

/** The band thresholds form. */
export const bandsForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    moderateFrom: formString(f, "moderateFrom"),
    highFrom: formString(f, "highFrom"),
    extremeFrom: formString(f, "extremeFrom"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      moderateFrom: z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, "Enter the score where moderate starts, as a whole number")
        .transform(Number),
      highFrom: z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, "Enter the score where high starts, as a whole number")
        .transform(Number),
      extremeFrom: z
        .string()
        .trim()
        .regex(/^\d{1,2}$/, "Enter the score where extreme starts, as a whole number")
        .transform(Number),
      version: versionFormField,
    }),
  );

/** The error summary's link target for a field: dates focus their day field. */
export function fieldIdFor(key: string): string {
  if (["reviewOn", "reviewedOn", "dueOn", "raisedOn", "resolvedOn"].includes(key)) return `${key}-day`;
  if (key === "_form" || key === "version") return "main-content";
  return key;
}
