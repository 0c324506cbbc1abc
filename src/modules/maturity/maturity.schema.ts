import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import type { FormResult } from "../../platform/http/forms.ts";
import { dateFromParts, isoDateField } from "../bodies/bodies.schema.ts";

export const ASSESSMENT_METHODS = ["self", "peer", "programme_office", "external"] as const;
export type AssessmentMethod = (typeof ASSESSMENT_METHODS)[number];

export const ASSESSMENT_METHOD_LABELS: Record<string, string> = {
  self: "Self-assessment",
  peer: "Peer review",
  programme_office: "Programme office",
  external: "External review",
};

/** The bounds of a framework: enough for a readable matrix, small enough to print. */
export const MAX_DIMENSIONS = 20;
export const MIN_LEVELS = 2;
export const MAX_LEVELS = 8;
const TITLE_MAX = 200;
const LEVEL_TITLE_MAX = 60;
const TEXT_MAX = 5000;
const DESCRIPTOR_MAX = 2000;

// ---------------------------------------------------------------------------------------------
// What the service takes (both the API and the forms produce these)

/** A framework's dimensions and levels in their new order; rows with an id are kept, the others added. */
export interface StructureInput {
  dimensions: {
    id?: string | undefined;
    title: string;
    description: string;
    /** One descriptor per level, in the order of `levels`; "" clears a cell; absent keeps the stored ones. */
    descriptors?: string[] | undefined;
  }[];
  /** Least mature first. */
  levels: { id?: string | undefined; title: string }[];
}

export interface FrameworkDetails {
  title: string;
  description: string;
  workstreamId: string | null;
  published: boolean;
}

export type FrameworkInput = FrameworkDetails & StructureInput;
export type FrameworkChanges = Partial<FrameworkDetails> & Partial<StructureInput>;

export interface RatingInput {
  dimensionId: string;
  levelId: string;
  evidence: string;
}

export interface AssessmentInput {
  frameworkId: string;
  organisationId: string | null;
  areaName: string | null;
  assessedOn: string;
  assessorName: string;
  assessorPersonId: string | null;
  method: AssessmentMethod;
  notes: string;
  ratings: RatingInput[];
}

export type AssessmentChanges = Partial<Omit<AssessmentInput, "frameworkId">>;

// ---------------------------------------------------------------------------------------------
// JSON API: inputs

const frameworkTitle = safeText(TITLE_MAX).min(1, "Enter the framework's title");
const descriptor = safeText(DESCRIPTOR_MAX);
const newDimension = z.strictObject({
  title: safeText(TITLE_MAX).min(1, "Enter the dimension's title"),
  description: safeText(TEXT_MAX).default(""),
  descriptors: z.array(descriptor).max(MAX_LEVELS).optional().describe("What the dimension looks like at each level, in the order of `levels`"),
});
const newLevel = z.strictObject({ title: safeText(LEVEL_TITLE_MAX).min(1, "Enter the level's title") });
const dimensionsField = <T extends z.ZodType>(item: T) =>
  z.array(item).min(1, "A framework needs at least one dimension").max(MAX_DIMENSIONS, `must list ${MAX_DIMENSIONS} dimensions or fewer`);
const levelsField = <T extends z.ZodType>(item: T) =>
  z
    .array(item)
    .min(MIN_LEVELS, `A framework needs at least ${MIN_LEVELS} levels`)
    .max(MAX_LEVELS, `must list ${MAX_LEVELS} levels or fewer`)
    .describe("Least mature first, e.g. Emerging, Developing, Maturing, Thriving");

export const frameworkInput = z.strictObject({
  title: frameworkTitle,
  description: safeText(TEXT_MAX).default(""),
  workstreamId: z
    .uuid({ error: "must be the id of a workstream" })
    .nullish()
    .transform((v) => v ?? null),
  published: z.boolean().default(false),
  dimensions: dimensionsField(newDimension),
  levels: levelsField(newLevel),
});

export const frameworkPatch = z.strictObject({
  version: versionField,
  title: frameworkTitle.optional(),
  description: safeText(TEXT_MAX).optional(),
  workstreamId: z.uuid({ error: "must be the id of a workstream" }).nullable().optional(),
  published: z.boolean().optional(),
  dimensions: dimensionsField(newDimension.extend({ id: z.uuid().optional().describe("Absent for a new dimension") }))
    .optional()
    .describe("The whole new list in order: listed ids are kept (renamed), new rows added, unlisted dimensions removed (refused if rated)"),
  levels: levelsField(newLevel.extend({ id: z.uuid().optional().describe("Absent for a new level") }))
    .optional()
    .describe("The whole new list, least mature first; unlisted levels are removed (refused if used by a rating)"),
});

export const frameworkListQuery = z.object({
  ...paginationQuery,
  workstreamId: blankAsUnset(z.uuid({ error: "must be the id of a workstream" })),
});

const ratingInput = z.strictObject({
  dimensionId: z.uuid({ error: "must be the id of a dimension of the framework" }),
  levelId: z.uuid({ error: "must be the id of a level of the framework" }),
  evidence: safeText(TEXT_MAX).default(""),
});
const subjectFields = {
  organisationId: z
    .uuid({ error: "must be the id of an organisation" })
    .nullish()
    .transform((v) => v ?? null),
  areaName: safeText(TITLE_MAX)
    .nullish()
    .transform((v) => v || null),
};

export const assessmentInput = z
  .strictObject({
    frameworkId: z.uuid({ error: "must be the id of a maturity framework" }),
    ...subjectFields,
    assessedOn: isoDateField,
    assessorName: safeText(TITLE_MAX).min(1, "Enter who made the assessment"),
    assessorPersonId: z
      .uuid({ error: "must be the id of a person" })
      .nullish()
      .transform((v) => v ?? null),
    method: z.enum(ASSESSMENT_METHODS).default("self"),
    notes: safeText(TEXT_MAX).default(""),
    ratings: z.array(ratingInput).max(MAX_DIMENSIONS).describe("One rating for every dimension of the framework"),
  })
  .superRefine((v, ctx) => {
    if (!v.organisationId === !v.areaName)
      ctx.addIssue({ code: "custom", path: ["organisationId"], message: "give organisationId (an organisation) or areaName (an area), exactly one" });
  });

export const assessmentPatch = z
  .strictObject({
    version: versionField,
    organisationId: z.uuid({ error: "must be the id of an organisation" }).nullable().optional(),
    areaName: safeText(TITLE_MAX).nullable().optional(),
    assessedOn: isoDateField.optional(),
    assessorName: safeText(TITLE_MAX).min(1, "Enter who made the assessment").optional(),
    assessorPersonId: z.uuid({ error: "must be the id of a person" }).nullable().optional(),
    method: z.enum(ASSESSMENT_METHODS).optional(),
    notes: safeText(TEXT_MAX).optional(),
    ratings: z.array(ratingInput).max(MAX_DIMENSIONS).optional().describe("When given, the whole new set: one rating for every dimension"),
  })
  .superRefine((v, ctx) => {
    if (v.organisationId && v.areaName) ctx.addIssue({ code: "custom", path: ["organisationId"], message: "give organisationId or areaName, not both" });
  });

export const assessmentListQuery = z.object({
  ...paginationQuery,
  frameworkId: blankAsUnset(z.uuid({ error: "must be the id of a maturity framework" })),
  organisationId: blankAsUnset(z.uuid({ error: "must be the id of an organisation" })),
  areaName: blankAsUnset(z.string().trim().max(TITLE_MAX)).describe("An area's name (any case)"),
});
export type AssessmentFilter = Omit<z.output<typeof assessmentListQuery>, "page" | "limit">;

/** The subject filter of the per-subject page. */
export const subjectQuery = z.object({
  organisationId: blankAsUnset(z.uuid()).catch(undefined),
  area: blankAsUnset(z.string().trim().max(TITLE_MAX)).catch(undefined),
});

// ---------------------------------------------------------------------------------------------
// JSON API: outputs

const levelOutput = z.object({ id: z.uuid(), rank: z.number().int(), title: z.string() });
const ratingRefOutput = z.object({ levelId: z.uuid(), levelTitle: z.string(), rank: z.number().int(), assessmentId: z.uuid(), assessedOn: z.string() });

export const frameworkOutput = z.object({
  id: z.uuid(),
  title: z.string(),
  description: z.string(),
  workstream: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  published: z.boolean(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const frameworkDetailOutput = frameworkOutput.extend({
  levels: z.array(levelOutput).describe("Least mature first"),
  dimensions: z.array(
    z.object({
      id: z.uuid(),
      position: z.number().int(),
      title: z.string(),
      description: z.string(),
      descriptors: z.array(z.object({ levelId: z.uuid(), text: z.string() })),
    }),
  ),
  latestRatings: z
    .object({
      subjects: z.array(
        z.object({
          organisationId: z.uuid().nullable(),
          areaName: z.string().nullable(),
          name: z.string(),
          latestAssessmentId: z.uuid(),
          latestAssessedOn: z.string(),
          assessmentCount: z.number().int(),
          isExample: z.boolean().describe("Example (demo) figures, not real ratings"),
          ratings: z.array(
            z.object({
              dimensionId: z.uuid(),
              latest: ratingRefOutput,
              previous: ratingRefOutput.nullable(),
              change: z.number().int().nullable().describe("Rank difference since the previous rating of the dimension; null = new"),
              changeLabel: z.string().describe('"▲ 1 from Emerging", "no change" or "new"'),
              fromEarlierAssessment: z.boolean().describe("The subject's latest assessment did not rate this dimension; this is the latest that did"),
            }),
          ),
        }),
      ),
      counts: z.array(z.object({ levelId: z.uuid(), title: z.string(), rank: z.number().int(), count: z.number().int() })),
      total: z.number().int(),
    })
    .describe("The heat map: per subject and dimension, the latest level and the change since the previous assessment"),
});

export const assessmentOutput = z.object({
  id: z.uuid(),
  frameworkId: z.uuid(),
  organisation: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  areaName: z.string().nullable(),
  subjectName: z.string(),
  assessedOn: z.string(),
  assessorName: z.string(),
  assessorPersonId: z.uuid().nullable(),
  method: z.string(),
  notes: z.string(),
  isExample: z.boolean(),
  ratings: z.array(
    z.object({ dimensionId: z.uuid(), dimensionTitle: z.string(), levelId: z.uuid(), levelTitle: z.string(), rank: z.number().int(), evidence: z.string() }),
  ),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// ---------------------------------------------------------------------------------------------
// HTML forms

const str = (f: Record<string, unknown>, k: string): string => (typeof f[k] === "string" ? f[k] : "");
const asRecord = (body: unknown): Record<string, unknown> => (body && typeof body === "object" ? (body as Record<string, unknown>) : {});
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const isUuid = (v: string) => UUID.test(v);

function checkText(errors: FieldErrors, key: string, value: string, max: number, label: string): string {
  const v = value.trim();
  if (v.length > max) errors[key] ??= `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`;
  if (v.includes("\u0000")) errors[key] ??= `${label} must not contain NUL characters`;
  return v;
}

function detailsFrom(f: Record<string, unknown>, errors: FieldErrors): FrameworkDetails {
  const title = checkText(errors, "title", str(f, "title"), TITLE_MAX, "The title");
  if (!title) errors.title ??= "Enter the framework's title";
  const description = checkText(errors, "description", str(f, "description"), TEXT_MAX, "The description");
  const workstreamId = str(f, "workstreamId");
  if (workstreamId && !isUuid(workstreamId)) errors.workstreamId ??= "Select a workstream from the list";
  const published = str(f, "published");
  if (published !== "yes" && published !== "no") errors.published ??= "Select whether the public may see the framework";
  return { title, description, workstreamId: workstreamId || null, published: published === "yes" };
}

/** The version of an edit form; undefined (with an error) when missing or altered. */
function versionFrom(f: Record<string, unknown>, errors: FieldErrors): number | undefined {
  const v = str(f, "version");
  if (!/^\d+$/.test(v)) {
    errors._form ??= "Reload the page and try again";
    return undefined;
  }
  return Number(v);
}

/** The new-framework form: details, then dimensions and levels one per line. */
export function parseNewFrameworkForm(body: unknown): FormResult<FrameworkInput> {
  const f = asRecord(body);
  const errors: FieldErrors = {};
  const details = detailsFrom(f, errors);
  const lines = (key: string) =>
    str(f, key)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean);
  const dimensions = lines("dimensions");
  const levels = lines("levels");
  if (dimensions.length === 0) errors.dimensions ??= "Enter at least one dimension, one per line";
  if (dimensions.length > MAX_DIMENSIONS) errors.dimensions ??= `Enter ${MAX_DIMENSIONS} dimensions or fewer`;
  if (dimensions.some((d) => d.length > TITLE_MAX)) errors.dimensions ??= `Each dimension must be ${TITLE_MAX} characters or fewer`;
  if (levels.length < MIN_LEVELS) errors.levels ??= `Enter at least ${MIN_LEVELS} levels, one per line, least mature first`;
  if (levels.length > MAX_LEVELS) errors.levels ??= `Enter ${MAX_LEVELS} levels or fewer`;
  if (levels.some((l) => l.length > LEVEL_TITLE_MAX)) errors.levels ??= `Each level must be ${LEVEL_TITLE_MAX} characters or fewer`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { ...details, dimensions: dimensions.map((title) => ({ title, description: "" })), levels: levels.map((title) => ({ title })) },
  };
}

/** How many blank rows the edit form offers for new dimensions and levels. */
export const NEW_ROWS = 2;

/**
 * The edit-framework form: details; dimension rows (`dimensions-<i>-id|title|description|position|remove`)
 * and level rows (`levels-<i>-id|title|rank|remove`), blank rows adding new ones; and a descriptor
 * per existing cell (`descriptor-<dimensionId>-<levelId>`). Rows are ordered by the number typed.
 */
export function parseEditFrameworkForm(body: unknown): FormResult<FrameworkDetails & StructureInput & { version: number }> {
  const f = asRecord(body);
  const errors: FieldErrors = {};
  const details = detailsFrom(f, errors);
  const version = versionFrom(f, errors);

  const rowsOf = (prefix: string, orderField: string, orderLabel: string) => {
    const rows: { index: number; id?: string | undefined; title: string; description: string; order: number }[] = [];
    for (let i = 0; i < MAX_DIMENSIONS + NEW_ROWS + MAX_LEVELS; i++) {
      const key = (field: string) => `${prefix}-${i}-${field}`;
      if (!(key("title") in f) && !(key("id") in f)) continue;
      const id = str(f, key("id"));
      if (id && !isUuid(id)) {
        errors._form ??= "Reload the page and try again";
        continue;
      }
      if (str(f, key("remove")) === "yes") continue;
      const title = checkText(errors, key("title"), str(f, key("title")), prefix === "levels" ? LEVEL_TITLE_MAX : TITLE_MAX, "The title");
      const description = checkText(errors, key("description"), str(f, key("description")), TEXT_MAX, "The description");
      if (!id && !title) continue; // an unused blank row
      if (!title) errors[key("title")] ??= prefix === "levels" ? "Enter the level's title, or tick Remove" : "Enter the dimension's title, or tick Remove";
      const orderText = str(f, key(orderField)).trim();
      let order = rows.length + 1000;
      if (orderText !== "") {
        if (!/^\d{1,3}$/.test(orderText)) errors[key(orderField)] ??= `${orderLabel} must be a whole number, like 1, 2 or 3`;
        else order = Number(orderText);
      }
      rows.push({ index: i, ...(id ? { id } : {}), title, description, order });
    }
    return rows.sort((a, b) => a.order - b.order || a.index - b.index);
  };

  const dimensionRows = rowsOf("dimensions", "position", "The position");
  const levelRows = rowsOf("levels", "rank", "The order");
  if (dimensionRows.length === 0) errors.dimensions ??= "A framework needs at least one dimension";
  if (dimensionRows.length > MAX_DIMENSIONS) errors.dimensions ??= `A framework can have ${MAX_DIMENSIONS} dimensions at most`;
  if (levelRows.length < MIN_LEVELS) errors.levels ??= `A framework needs at least ${MIN_LEVELS} levels`;
  if (levelRows.length > MAX_LEVELS) errors.levels ??= `A framework can have ${MAX_LEVELS} levels at most`;

  const levels = levelRows.map((l) => ({ ...(l.id ? { id: l.id } : {}), title: l.title }));
  const dimensions = dimensionRows.map((d) => ({
    ...(d.id ? { id: d.id } : {}),
    title: d.title,
    description: d.description,
    // Existing cells carry their descriptor field; new rows and columns start empty.
    descriptors: levelRows.map((l) => {
      if (!d.id || !l.id) return "";
      const key = `descriptor-${d.id}-${l.id}`;
      return checkText(errors, key, str(f, key), DESCRIPTOR_MAX, "The descriptor");
    }),
  }));
  if (Object.keys(errors).length > 0 || version === undefined) return { ok: false, errors };
  return { ok: true, value: { ...details, version, dimensions, levels } };
}

/** An assessment's form: subject, date, assessor, method, notes, and per dimension a level and evidence. */
export function parseAssessmentForm(
  body: unknown,
  dimensionIds: readonly string[],
  requireVersion: boolean,
): FormResult<Omit<AssessmentInput, "frameworkId"> & { version?: number | undefined }> {
  const f = asRecord(body);
  const errors: FieldErrors = {};
  const organisationId = str(f, "organisationId");
  if (organisationId && !isUuid(organisationId)) errors.organisationId ??= "Select an organisation from the list";
  const areaName = checkText(errors, "areaName", str(f, "areaName"), TITLE_MAX, "The area's name");
  if (!organisationId && !areaName) errors.organisationId ??= "Select the organisation assessed, or enter the name of the area";
  if (organisationId && areaName) errors.areaName ??= "Select an organisation or enter an area, not both";
  const date = dateFromParts(
    { day: str(f, "assessedOn-day").trim(), month: str(f, "assessedOn-month").trim(), year: str(f, "assessedOn-year").trim() },
    "date of the assessment",
  );
  if (!date.ok) errors.assessedOn ??= date.message;
  else if (date.value === null) errors.assessedOn ??= "Enter the date of the assessment";
  const assessorName = checkText(errors, "assessorName", str(f, "assessorName"), TITLE_MAX, "The assessor");
  if (!assessorName) errors.assessorName ??= "Enter who made the assessment";
  const method = str(f, "method");
  if (!(ASSESSMENT_METHODS as readonly string[]).includes(method)) errors.method ??= "Select how the assessment was made";
  const notes = checkText(errors, "notes", str(f, "notes"), TEXT_MAX, "The notes");
  const ratings: RatingInput[] = [];
  for (const dimensionId of dimensionIds) {
    const levelId = str(f, `rating-${dimensionId}`);
    const evidence = checkText(errors, `evidence-${dimensionId}`, str(f, `evidence-${dimensionId}`), TEXT_MAX, "The evidence");
    if (!levelId) errors[`rating-${dimensionId}`] ??= "Select a level for this dimension";
    else if (!isUuid(levelId)) errors[`rating-${dimensionId}`] ??= "Select a level from the list";
    else ratings.push({ dimensionId, levelId, evidence });
  }
  const version = requireVersion ? versionFrom(f, errors) : undefined;
  if (Object.keys(errors).length > 0 || !date.ok || date.value === null) return { ok: false, errors };
  return {
    ok: true,
    value: {
      organisationId: organisationId || null,
      areaName: organisationId ? null : areaName,
      assessedOn: date.value,
      assessorName,
      assessorPersonId: null,
      method: method as AssessmentMethod,
      notes,
      ratings,
      ...(version !== undefined ? { version } : {}),
    },
  };
}
