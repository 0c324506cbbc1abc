import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import type { FormResult } from "../../platform/http/forms.ts";
import type { FieldErrors } from "../../platform/http/errors.ts";
import { ACTION_STATUS_FILTERS } from "../actions/actions.schema.ts";
import { CONTRIBUTION_LEVELS, WORKSTREAM_STATUSES, type ContributionLevel, type WorkstreamStatus } from "./workstreams.tables.ts";

export const WORKSTREAM_STATUS_LABELS: Record<WorkstreamStatus, string> = {
  proposed: "Proposed",
  active: "Active",
  closed: "Closed",
};

export const CONTRIBUTION_LABELS: Record<ContributionLevel, string> = {
  none: "None",
  some: "Some",
  major: "Major",
};

const NAME_MAX = 200;
const SLUG_MAX = 80;
const DESCRIPTION_MAX = 10_000;
const RATIONALE_MAX = 1000;
const ROLE_MAX = 200;
/** The most leads and organisations one workstream lists. */
const MAX_LINKS = 50;
/** How many lead rows the edit form offers (filled ones plus blanks). */
export const LEAD_ROWS = 6;

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const SLUG_MESSAGE = "Enter an address using lower-case letters, numbers and hyphens, like mental-health";
const RATIONALE_REQUIRED = "Enter a sentence saying why the workstream contributes to this objective";

/** "Overdue" and "outstanding" are derived, as in the action log. */
export const WORKSTREAM_ACTION_STATUSES = [...ACTION_STATUS_FILTERS, "all"] as const;

// ---------------------------------------------------------------------------------------------
// JSON API

const uuid = (message: string) => z.uuid({ error: message });
const nameField = safeText(NAME_MAX).min(1, "Enter the workstream's name");
const slugField = z.string().trim().max(SLUG_MAX, `must be ${SLUG_MAX} characters or fewer`).regex(SLUG_PATTERN, SLUG_MESSAGE);
const nullableId = (message: string) =>
  uuid(message)
    .nullish()
    .transform((v) => v ?? null);

const leadInput = z.strictObject({
  personId: uuid("must be the id of a person in this partnership"),
  roleLabel: safeText(ROLE_MAX)
    .nullish()
    .transform((v) => (v ? v : null)),
});

const contributionInput = z
  .strictObject({
    objectiveId: uuid("must be the id of one of the partnership's objectives"),
    level: z.enum(CONTRIBUTION_LEVELS, { error: "must be none, some or major" }),
    rationale: safeText(RATIONALE_MAX).default(""),
  })
  .superRefine((c, ctx) => {
    if (c.level !== "none" && c.rationale === "") ctx.addIssue({ code: "custom", path: ["rationale"], message: RATIONALE_REQUIRED });
  });

const leadsField = z
  .array(leadInput)
  .max(MAX_LINKS)
  .refine((leads) => new Set(leads.map((l) => l.personId)).size === leads.length, "must name each person once");
const organisationsField = z
  .array(uuid("must be the id of an organisation"))
  .max(MAX_LINKS)
  .transform((ids) => [...new Set(ids)]);
const contributionsField = z
  .array(contributionInput)
  .max(MAX_LINKS)
  .refine((cs) => new Set(cs.map((c) => c.objectiveId)).size === cs.length, "must name each objective once");

export const workstreamInput = z.strictObject({
  name: nameField,
  slug: slugField.optional().describe("The readable address, e.g. mental-health; made from the name when absent"),
  description: safeText(DESCRIPTION_MAX).default(""),
  sroPersonId: nullableId("must be the id of a person in this partnership").describe("Senior responsible owner"),
  overseeingBodyId: nullableId("must be the id of a body in this partnership").describe("The body that oversees the workstream"),
  status: z.enum(WORKSTREAM_STATUSES).default("proposed"),
  leads: leadsField.default([]),
  organisationIds: organisationsField.default([]),
  contributions: contributionsField.default([]).describe("Contribution to each partnership objective; a rationale is required for some and major"),
});
export type WorkstreamInput = z.output<typeof workstreamInput>;

export const workstreamPatch = z.strictObject({
  version: versionField,
  name: nameField.optional(),
  slug: slugField.optional(),
  description: safeText(DESCRIPTION_MAX).optional(),
  sroPersonId: uuid("must be the id of a person in this partnership").nullable().optional(),
  overseeingBodyId: uuid("must be the id of a body in this partnership").nullable().optional(),
  status: z.enum(WORKSTREAM_STATUSES).optional(),
  published: z.boolean().optional().describe("Whether the public sees the workstream"),
  leads: leadsField.optional(),
  organisationIds: organisationsField.optional(),
  contributions: contributionsField.optional(),
});
export type WorkstreamChanges = Omit<z.output<typeof workstreamPatch>, "version">;

export const versionInput = z.strictObject({ version: versionField });

export const workstreamParams = z.object({ id: z.string().min(1).max(SLUG_MAX) });

export const workstreamListQuery = z.object({
  ...paginationQuery,
  status: blankAsUnset(z.enum(WORKSTREAM_STATUSES)),
});

export const workstreamActionsQuery = z.object({
  ...paginationQuery,
  status: blankAsUnset(z.enum(WORKSTREAM_ACTION_STATUSES)).describe(
    "outstanding = open or in progress; overdue = outstanding and due before today (Europe/London); all or absent = every status, outstanding first",
  ),
});

export const contributorInput = z.strictObject({ userId: uuid("must be the id of a user with the contributor role in this partnership") });
export const decisionLinkInput = z.strictObject({ decisionId: uuid("must be the id of a decision") });
export const agendaItemLinkInput = z.strictObject({ agendaItemId: uuid("must be the id of an agenda item") });

const namedRef = z.object({ id: z.uuid(), name: z.string() });

export const workstreamSummaryOutput = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status: z.enum(WORKSTREAM_STATUSES),
  published: z.boolean(),
  archived: z.boolean(),
  sro: namedRef.nullable(),
  overseeingBody: namedRef.nullable(),
});

export const workstreamOutput = workstreamSummaryOutput.extend({
  description: z.string(),
  leads: z.array(z.object({ personId: z.uuid(), name: z.string(), roleLabel: z.string().nullable() })),
  organisations: z.array(namedRef),
  contributions: z.array(z.object({ objectiveId: z.uuid(), objectiveTitle: z.string(), level: z.enum(CONTRIBUTION_LEVELS), rationale: z.string() })),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type WorkstreamOutput = z.output<typeof workstreamOutput>;

export const trailDecisionOutput = z.object({
  id: z.uuid(),
  text: z.string(),
  kind: z.string(),
  status: z.string(),
  decidedOn: z.string(),
  body: namedRef,
  meeting: z.object({ id: z.uuid(), title: z.string().nullable(), startsAt: z.string() }),
  agendaItem: z.object({ id: z.uuid(), title: z.string() }),
  linkedBy: z.array(z.enum(["decision", "agenda_item", "effect"])).describe("How the decision reaches this workstream"),
  effects: z.array(z.object({ kind: z.string(), note: z.string() })).describe("What the decision did to the workstream's plan, budget, milestones or risks"),
});

export const trailItemOutput = z.object({
  id: z.uuid(),
  title: z.string(),
  kind: z.string(),
  meeting: z.object({ id: z.uuid(), title: z.string().nullable(), startsAt: z.string(), body: namedRef }),
});

export const contributorOutput = z.object({ userId: z.uuid(), name: z.string() });

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out.

/** A form field that may arrive once (a string), several times (an array), or not at all. */
function manyValues(v: unknown): string[] {
  if (typeof v === "string") return v === "" ? [] : [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x !== "") : [];
}

const str = (v: unknown) => (typeof v === "string" ? v : "").trim();
const isUuid = (v: string) => z.uuid().safeParse(v).success;

/** The edit form's value: the API's fields, with the version the editor read. */
export type WorkstreamFormValue = Required<Omit<WorkstreamInput, "slug">> & { slug: string | undefined; version: number | undefined };

/**
 * Reads the create/edit form: name, address, description, SRO, overseeing body, status, lead rows
 * (`leadPersonId-N`, `leadRole-N`), organisations, and per objective one radio group
 * (`contribution-<objectiveId>`) with its rationale (`rationale-<objectiveId>`), which is
 * required when the contribution is some or major.
 */
export function parseWorkstreamForm(body: unknown, objectiveIds: readonly string[]): FormResult<WorkstreamFormValue> {
  const b = (body ?? {}) as Record<string, unknown>;
  const errors: FieldErrors = {};
  const name = str(b.name);
  if (!name) errors.name = "Enter the workstream's name";
  else if (name.length > NAME_MAX) errors.name = `Name must be ${NAME_MAX} characters or fewer`;
  const slug = str(b.slug).toLowerCase();
  if (slug && (!SLUG_PATTERN.test(slug) || slug.length > SLUG_MAX)) errors.slug = SLUG_MESSAGE;
  const description = typeof b.description === "string" ? b.description.trim() : "";
  if (description.length > DESCRIPTION_MAX) errors.description = `Description must be ${DESCRIPTION_MAX} characters or fewer`;
  const sro = str(b.sroPersonId);
  if (sro && !isUuid(sro)) errors.sroPersonId = "Select the senior responsible owner from the list";
  const bodyId = str(b.overseeingBodyId);
  if (bodyId && !isUuid(bodyId)) errors.overseeingBodyId = "Select the overseeing body from the list";
  const status = str(b.status);
  if (!(WORKSTREAM_STATUSES as readonly string[]).includes(status)) errors.status = "Select the workstream's status";

  const leads: { personId: string; roleLabel: string | null }[] = [];
  for (let i = 0; i < LEAD_ROWS; i++) {
    const personId = str(b[`leadPersonId-${i}`]);
    const role = str(b[`leadRole-${i}`]);
    if (!personId) {
      if (role) errors[`leadPersonId-${i}`] = "Select the lead, or clear their role";
      continue;
    }
    if (!isUuid(personId)) errors[`leadPersonId-${i}`] = "Select the lead from the list";
    else if (leads.some((l) => l.personId === personId)) errors[`leadPersonId-${i}`] = "This person is already a lead";
    else if (role.length > ROLE_MAX) errors[`leadRole-${i}`] = `Role must be ${ROLE_MAX} characters or fewer`;
    else leads.push({ personId, roleLabel: role || null });
  }

  const organisationIds = [...new Set(manyValues(b.organisationIds))];
  if (organisationIds.some((id) => !isUuid(id))) errors.organisationIds = "Select organisations from the list";

  const contributions: { objectiveId: string; level: ContributionLevel; rationale: string }[] = [];
  for (const objectiveId of objectiveIds) {
    const level = str(b[`contribution-${objectiveId}`]) || "none";
    const rationale = typeof b[`rationale-${objectiveId}`] === "string" ? (b[`rationale-${objectiveId}`] as string).trim() : "";
    if (!(CONTRIBUTION_LEVELS as readonly string[]).includes(level)) {
      errors[`contribution-${objectiveId}`] = "Select none, some or major";
      continue;
    }
    if (level !== "none" && !rationale) errors[`rationale-${objectiveId}`] = RATIONALE_REQUIRED;
    else if (rationale.length > RATIONALE_MAX) errors[`rationale-${objectiveId}`] = `Rationale must be ${RATIONALE_MAX} characters or fewer`;
    contributions.push({ objectiveId, level: level as ContributionLevel, rationale: level === "none" ? rationale : rationale });
  }

  const versionText = str(b.version);
  const version = versionText && /^\d+$/.test(versionText) ? Number(versionText) : undefined;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      name,
      slug: slug || undefined,
      description,
      sroPersonId: sro || null,
      overseeingBodyId: bodyId || null,
      status: status as WorkstreamStatus,
      leads,
      organisationIds,
      contributions,
      version,
    },
  };
}

export const versionForm = z.object({
  version: z.coerce.number({ error: "Reload the page and try again" }).int().min(1, "Reload the page and try again"),
});

export const contributorForm = z.object({ userId: z.uuid({ error: "Select a contributor from the list" }) });

/** Linking a decision: chosen from the list, or an id pasted in. */
export const decisionLinkForm = z
  .object({ decisionId: z.string().default(""), pastedDecisionId: z.string().default("") })
  .transform((f) => f.pastedDecisionId.trim() || f.decisionId.trim())
  .pipe(z.uuid({ error: "Select a decision, or paste the id of a decision" }));

export const agendaItemLinkForm = z
  .object({ agendaItemId: z.string().default(""), pastedAgendaItemId: z.string().default("") })
  .transform((f) => f.pastedAgendaItemId.trim() || f.agendaItemId.trim())
  .pipe(z.uuid({ error: "Select an agenda item, or paste the id of an agenda item" }));

export const linkParams = z.object({ id: z.string().min(1).max(SLUG_MAX), targetId: z.uuid({ error: "must be a UUID" }) });
