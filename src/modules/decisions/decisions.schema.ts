import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { CONFIDENTIALITY } from "../meetings/meetings.tables.ts";
import { dateFromParts } from "../bodies/bodies.schema.ts";
import { DECISION_KINDS, DECISION_STATUSES, type DecisionKind, type DecisionStatus } from "./decisions.tables.ts";

/** Decision kinds as secretaries minute them. */
export const DECISION_KIND_LABELS: Record<DecisionKind, string> = {
  approved: "Approved",
  ratified: "Ratified",
  agreed: "Agreed",
  endorsed: "Endorsed",
  noted: "Noted",
  approved_in_principle: "Gave the go-ahead (approved in principle)",
  recommended: "Recommended to another body",
  deferred: "Deferred",
  rejected: "Rejected",
};

export const DECISION_STATUS_LABELS: Record<DecisionStatus, string> = {
  in_force: "In force",
  superseded: "Superseded",
  rescinded: "Rescinded",
};

/** The longest decision text accepted; minuted decisions are a sentence or a short paragraph. */
export const MAX_DECISION_TEXT = 5000;
/** The most bodies or organisations one decision may be linked to. */
const MAX_LINKS = 50;

const uuidField = (message: string) => z.uuid({ error: message });
const decisionText = safeText(MAX_DECISION_TEXT).min(1, "Enter the decision, as minuted");
const linkIds = (message: string) =>
  z
    .array(uuidField(message))
    .max(MAX_LINKS, `must list ${MAX_LINKS} or fewer`)
    .transform((ids) => [...new Set(ids)]);

// ---------------------------------------------------------------------------------------------
// JSON API

/** A decision recorded against an agenda item; its body, meeting and date follow from the item. */
export const decisionInput = z.strictObject({
  agendaItemId: uuidField("must be the id of an agenda item"),
  text: decisionText,
  kind: z.enum(DECISION_KINDS, { error: "Select what the body decided" }),
  recommendedToBodyId: uuidField("must be the id of a body in this partnership")
    .nullish()
    .transform((v) => v ?? null)
    .describe('For kind "recommended": the body the recommendation goes to; it lands on that body\'s forward plan'),
  bodyIds: linkIds("must be the id of a body").default([]).describe("Bodies the decision concerns"),
  organisationIds: linkIds("must be the id of an organisation").default([]).describe("Organisations the decision concerns"),
  approvesMinutesOfMeetingId: uuidField("must be the id of an earlier meeting of the same body")
    .nullish()
    .transform((v) => v ?? null)
    .describe('On a "minutes of the last meeting" item: the earlier meeting of the same body whose minutes this decision approves'),
});
export type DecisionInput = z.output<typeof decisionInput>;

/** A correction: only the fields sent change; `version` is the one the client read. */
export const decisionPatch = z.strictObject({
  version: versionField,
  text: decisionText.optional(),
  kind: z.enum(DECISION_KINDS, { error: "Select what the body decided" }).optional(),
  bodyIds: linkIds("must be the id of a body").optional(),
  organisationIds: linkIds("must be the id of an organisation").optional(),
});
export type DecisionChanges = Omit<z.output<typeof decisionPatch>, "version">;

export const supersedeInput = z.strictObject({
  version: versionField,
  supersededByDecisionId: uuidField("must be the id of the decision that replaces this one"),
});
export type SupersedeInput = z.output<typeof supersedeInput>;

export const rescindInput = z.strictObject({ version: versionField });

const isoDate = z.iso.date({ error: "must be a date in the form YYYY-MM-DD" });

/** Filters shared by the log page, the CSV export and the API. */
export interface DecisionFilter {
  bodyId?: string | undefined;
  meetingId?: string | undefined;
  kind?: DecisionKind | undefined;
  status?: DecisionStatus | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

const filterFields = {
  bodyId: blankAsUnset(z.uuid({ error: "must be a UUID" })).describe("Decisions taken by, or concerning, this body"),
  kind: blankAsUnset(z.enum(DECISION_KINDS)),
  status: blankAsUnset(z.enum(DECISION_STATUSES)),
  q: blankAsUnset(z.string().trim().max(200)).describe("Words in the decision (web search syntax: quotes for phrases, - to exclude)"),
};

export const decisionListQuery = z.object({
  ...paginationQuery,
  ...filterFields,
  meetingId: blankAsUnset(z.uuid({ error: "must be a UUID" })),
  from: blankAsUnset(isoDate).describe("Decided on or after, YYYY-MM-DD"),
  to: blankAsUnset(isoDate).describe("Decided on or before, YYYY-MM-DD"),
});

/** The log page and CSV: the same filters, with dates as the NHS date input's day, month and year fields. */
export const decisionLogQuery = z.object({
  ...paginationQuery,
  ...filterFields,
  "from-day": z.string().max(10).optional(),
  "from-month": z.string().max(10).optional(),
  "from-year": z.string().max(10).optional(),
  "to-day": z.string().max(10).optional(),
  "to-month": z.string().max(10).optional(),
  "to-year": z.string().max(10).optional(),
});
export type DecisionLogQuery = z.output<typeof decisionLogQuery>;

/** Reads the log page's date fields; a date that is not valid is reported and left out of the filter. */
export function logFilterFrom(query: DecisionLogQuery): { filter: DecisionFilter; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const dateOf = (name: "from" | "to", label: string) => {
    const result = dateFromParts(
      { day: query[`${name}-day`]?.trim() ?? "", month: query[`${name}-month`]?.trim() ?? "", year: query[`${name}-year`]?.trim() ?? "" },
      label,
    );
    if (!result.ok) {
      errors[name] = result.message;
      return undefined;
    }
    return result.value ?? undefined;
  };
  const from = dateOf("from", "from date");
  const to = dateOf("to", "to date");
  if (from && to && from > to) errors.to = "To date must be the same as or after the from date";
  return { filter: { bodyId: query.bodyId, kind: query.kind, status: query.status, q: query.q, from, to: errors.to ? undefined : to }, errors };
}

const namedRef = z.object({ id: z.uuid(), name: z.string() });

export const decisionOutput = z.object({
  id: z.uuid(),
  text: z.string(),
  kind: z.enum(DECISION_KINDS),
  status: z.enum(DECISION_STATUSES),
  decidedOn: z.string().describe("YYYY-MM-DD: the date of the meeting, in England"),
  takenWhileInquorate: z.boolean().describe("True when the meeting was not quorate for this item when the decision was taken"),
  body: z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable() }).describe("The body that took the decision"),
  meeting: z.object({ id: z.uuid(), title: z.string().nullable(), startsAt: z.string() }),
  agendaItem: z.object({ id: z.uuid(), title: z.string(), confidentiality: z.enum(CONFIDENTIALITY) }),
  recommendedToBody: namedRef.nullable(),
  supersededByDecisionId: z.uuid().nullable().describe("The decision that replaced this one, when the caller may see it"),
  supersedesDecisionIds: z.array(z.uuid()).describe("Decisions this one replaced that the caller may see"),
  approvesMinutesOf: z.array(z.object({ meetingId: z.uuid(), startsAt: z.string() })).describe("Earlier meetings whose minutes this decision approved"),
  bodies: z.array(namedRef),
  organisations: z.array(namedRef),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type DecisionOutput = z.output<typeof decisionOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out.

/** A form field that may arrive once (a string), several times (an array), or not at all. */
export function manyValues(v: unknown): string[] {
  if (typeof v === "string") return v === "" ? [] : [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];
}

const formLinks = z.preprocess(manyValues, z.array(z.uuid({ error: "Select from the list" })).max(MAX_LINKS));

/** The record-a-decision form (the item comes from the address). */
export const decisionForm = z
  .object({
    text: z.string().default(""),
    kind: z.string().default(""),
    recommendedToBodyId: z.string().default(""),
    bodyIds: formLinks,
    organisationIds: formLinks,
    approvesMinutesOfMeetingId: z.string().default(""),
  })
  .pipe(
    z
      .object({
        text: decisionText,
        kind: z.enum(DECISION_KINDS, { error: "Select what the body decided" }),
        recommendedToBodyId: z.string(),
        bodyIds: z.array(z.uuid()),
        organisationIds: z.array(z.uuid()),
        approvesMinutesOfMeetingId: z.union([z.literal(""), z.uuid({ error: "Select a meeting from the list" })]),
      })
      .superRefine((f, ctx) => {
        if (f.kind === "recommended" && !z.uuid().safeParse(f.recommendedToBodyId).success) {
          ctx.addIssue({ code: "custom", path: ["recommendedToBodyId"], message: "Select the body the recommendation goes to" });
        }
      })
      .transform((f) => ({
        text: f.text,
        kind: f.kind,
        recommendedToBodyId: f.kind === "recommended" ? f.recommendedToBodyId : null,
        bodyIds: [...new Set(f.bodyIds)],
        organisationIds: [...new Set(f.organisationIds)],
        approvesMinutesOfMeetingId: f.approvesMinutesOfMeetingId || null,
      })),
  );

/** The correction form for a recorded decision. */
export const decisionEditForm = z
  .object({
    text: z.string().default(""),
    kind: z.string().default(""),
    bodyIds: formLinks,
    organisationIds: formLinks,
    version: z.string().optional(),
  })
  .pipe(
    z.object({
      text: decisionText,
      kind: z.enum(DECISION_KINDS, { error: "Select what the body decided" }),
      bodyIds: z.array(z.uuid()).transform((ids) => [...new Set(ids)]),
      organisationIds: z.array(z.uuid()).transform((ids) => [...new Set(ids)]),
      version: z.string().regex(/^\d+$/, "Reload the page and try again").transform(Number).optional(),
    }),
  );

export const supersedeForm = z.object({
  supersededByDecisionId: z.uuid({ error: "Select the decision that replaces this one" }),
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1, "Reload the page and try again"),
});

export const itemDecisionParams = z.object({
  meetingId: z.uuid({ error: "must be a UUID" }),
  itemId: z.uuid({ error: "must be a UUID" }),
});
