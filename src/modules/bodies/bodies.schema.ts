import { z } from "zod";
import { dateFromParts, datePartsOf, formDate, versionFormField } from "../../platform/http/forms.ts";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { ORGANISATION_KINDS } from "../organisations/organisations.tables.ts";
import {
  BODY_KINDS,
  MEMBERSHIP_ROLES,
  TERMS_OF_REFERENCE_STATUSES,
  type BodyKind,
  type MembershipRole,
  type RepresentationRequirement,
  type TermsOfReferenceStatus,
} from "./bodies.tables.ts";
import { normaliseCategory } from "./quorum.ts";

export const BODY_KIND_LABELS: Record<BodyKind, string> = {
  programme_board: "Programme board",
  sub_board: "Sub-board",
  joint_committee: "Joint committee",
  working_group: "Working group",
  advisory_group: "Advisory group",
};

export const MEMBERSHIP_ROLE_LABELS: Record<MembershipRole, string> = {
  chair: "Chair",
  co_chair: "Co-chair",
  vice_chair: "Vice-chair",
  member: "Member",
  in_attendance: "In attendance",
  secretary: "Secretary",
};

export const TERMS_OF_REFERENCE_STATUS_LABELS: Record<TermsOfReferenceStatus, string> = {
  draft: "Draft",
  ratified: "Ratified",
  superseded: "Superseded",
};

/** How many representation rows the terms-of-reference form offers (more can be sent through the API). */
export const REPRESENTATION_FORM_ROWS = 5;
/** The most required representations one quorum rule may list. */
export const MAX_REPRESENTATION = 20;

// ---------------------------------------------------------------------------------------------
// Shared field rules

const CATEGORY_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const CATEGORY_MESSAGE = "Categories use letters, numbers, spaces and hyphens, like patient representative";

/** A representation category, normalised as stored: "Patient representative" becomes "patient-representative". */
export const categoryField = z
  .string()
  .max(50, "Categories must be 50 characters or fewer")
  .transform(normaliseCategory)
  .pipe(z.string().min(1, "Enter the category").regex(CATEGORY_PATTERN, CATEGORY_MESSAGE));

const categoriesField = z
  .array(categoryField)
  .max(20, "must list 20 categories or fewer")
  .transform((list) => [...new Set(list)]);

/** A calendar date as YYYY-MM-DD, within the years governance records plausibly cover. */
export const isoDateField = z.iso
  .date({ error: "must be a date in the form YYYY-MM-DD" })
  .refine((v) => Number(v.slice(0, 4)) >= 1900 && Number(v.slice(0, 4)) <= 2100, "must be between 1900 and 2100");

/** True for an absolute https:// address without credentials in it. */
export function isHttpsUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "https:" && url.hostname !== "" && url.username === "" && url.password === "";
  } catch {
    return false;
  }
}

const HTTPS_MESSAGE = "Enter a web address that starts with https://";
const httpsUrlField = z.string().trim().max(2000, "Web addresses must be 2,000 characters or fewer").refine(isHttpsUrl, HTTPS_MESSAGE);

// ---------------------------------------------------------------------------------------------
// Bodies: JSON API

const bodyFields = {
  name: safeText(200).min(1, "Enter the body's name"),
  shortName: safeText(50)
    .nullish()
    .transform((v) => v || null),
  kind: z.enum(BODY_KINDS, { error: "Select the kind of body" }),
  parentBodyId: z.uuid({ error: "must be the id of a body in this partnership" }).nullable(),
  purpose: safeText(5000),
  meetsInPublic: z.boolean(),
  establishedOn: isoDateField.nullable(),
};

/** What a client may set when creating a body. */
export const bodyInput = z.strictObject({
  ...bodyFields,
  parentBodyId: bodyFields.parentBodyId.optional().transform((v) => v ?? null),
  purpose: bodyFields.purpose.default(""),
  meetsInPublic: z.boolean().default(true),
  establishedOn: bodyFields.establishedOn.optional().transform((v) => v ?? null),
});
export type BodyInput = z.output<typeof bodyInput>;

/** A partial update: only the fields sent change; `version` is the one the client read. */
export const bodyPatch = z.strictObject(bodyFields).partial().extend({ version: versionField });

export const bodyListQuery = z.object({
  ...paginationQuery,
  q: blankAsUnset(z.string().trim().max(200)),
  kind: blankAsUnset(z.enum(BODY_KINDS)),
  status: blankAsUnset(z.enum(["current", "archived", "all"])),
});
export type BodyListQuery = z.output<typeof bodyListQuery>;

export const bodyOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(BODY_KINDS),
  parentBodyId: z.uuid().nullable().describe("The body this one reports to; null at the top of the structure"),
  subBodyIds: z.array(z.uuid()).describe("The bodies that report directly to this one"),
  purpose: z.string(),
  meetsInPublic: z.boolean(),
  establishedOn: z.string().nullable().describe("YYYY-MM-DD"),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type BodyOutput = z.output<typeof bodyOutput>;

// ---------------------------------------------------------------------------------------------
// Memberships: JSON API

const membershipFields = {
  role: z.enum(MEMBERSHIP_ROLES, { error: "Select the member's role" }),
  voting: z.boolean(),
  categories: categoriesField.default([]),
  representing: safeText(200)
    .nullish()
    .transform((v) => v || null),
  startsOn: isoDateField,
};

/** A new seat on a body. */
export const membershipInput = z.strictObject({ personId: z.uuid({ error: "must be the id of a person in this partnership" }), ...membershipFields });
export type MembershipInput = z.output<typeof membershipInput>;

/** Ends a membership: the last day of the seat and why. */
export const membershipEndInput = z.strictObject({
  version: versionField,
  endsOn: isoDateField,
  reason: safeText(500).min(1, "Enter the reason the membership ended"),
});
export type MembershipEndInput = z.output<typeof membershipEndInput>;

/** Changes a member's role: the current membership ends the day before `startsOn`, and a new one begins. */
export const membershipChangeRoleInput = z.strictObject({ version: versionField, ...membershipFields });
export type MembershipChangeRoleInput = z.output<typeof membershipChangeRoleInput>;

export const membershipListQuery = z.object({
  ...paginationQuery,
  current: blankAsUnset(z.enum(["true", "false"]))
    .transform((v) => (v === undefined ? undefined : v === "true"))
    .describe("true: only memberships that have not ended; false: only past ones; absent: all"),
});

export const membershipParams = z.object({
  id: z.uuid({ error: "must be a UUID" }),
  membershipId: z.uuid({ error: "must be a UUID" }),
});

export const membershipOutput = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  person: z.object({ id: z.uuid(), name: z.string(), jobTitle: z.string().nullable() }),
  role: z.enum(MEMBERSHIP_ROLES),
  voting: z.boolean(),
  categories: z.array(z.string()),
  representing: z.string().nullable(),
  startsOn: z.string().describe("YYYY-MM-DD"),
  endsOn: z.string().nullable().describe("YYYY-MM-DD, the last day of the membership"),
  endReason: z.string().nullable().describe("Shown only to signed-in users of the partnership"),
  current: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MembershipOutput = z.output<typeof membershipOutput>;

// ---------------------------------------------------------------------------------------------
// Terms of reference: JSON API

const representationRequirementInput = z
  .strictObject({
    description: safeText(200).min(1, "Enter a description, like “At least one clinician”"),
    minimum: z.number().int().min(1, "must be at least 1").max(100, "must be 100 or fewer"),
    criterion: z.discriminatedUnion("type", [
      z.strictObject({ type: z.literal("memberCategory"), category: categoryField }),
      z.strictObject({ type: z.literal("organisationKind"), kind: z.enum(ORGANISATION_KINDS) }),
    ]),
  })
  // The same shape, restated as the stored type's union of whole requirements.
  .transform((r) => r as RepresentationRequirement);

const quorumRuleInput = z.strictObject({
  minimumVotingMembers: z.number().int().min(1, "must be at least 1").max(500, "must be 500 or fewer"),
  representation: z.array(representationRequirementInput).max(MAX_REPRESENTATION, `must list ${MAX_REPRESENTATION} requirements or fewer`),
});

const termsOfReferenceFields = {
  versionLabel: safeText(50).min(1, "Enter a version label, like 2.0"),
  text: safeText(200_000),
  documentUrl: httpsUrlField.nullable(),
  quorum: quorumRuleInput,
};

/** A new draft version of a body's terms of reference. */
export const termsOfReferenceInput = z.strictObject({
  ...termsOfReferenceFields,
  text: termsOfReferenceFields.text.default(""),
  documentUrl: z
    .union([z.literal(""), httpsUrlField, z.null()])
    .optional()
    .transform((v) => v || null),
  quorum: quorumRuleInput.extend({ representation: quorumRuleInput.shape.representation.default([]) }),
});
export type TermsOfReferenceInput = z.output<typeof termsOfReferenceInput>;

/** Changes to a draft; ratified and superseded versions cannot change. */
export const termsOfReferencePatch = z.strictObject(termsOfReferenceFields).partial().extend({ version: versionField });
export type TermsOfReferenceChanges = Partial<TermsOfReferenceInput>;

/** Records that a named body ratified a draft on a date. */
export const ratifyInput = z.strictObject({
  version: versionField,
  ratifiedByBodyId: z.uuid({ error: "must be the id of a body in this partnership" }),
  ratifiedOn: isoDateField,
});
export type RatifyInput = z.output<typeof ratifyInput>;

export const termsOfReferenceParams = z.object({
  id: z.uuid({ error: "must be a UUID" }),
  termsId: z.uuid({ error: "must be a UUID" }),
});

const representationRequirementOutput = z.object({
  description: z.string(),
  minimum: z.number().int(),
  criterion: z.union([
    z.object({ type: z.literal("memberCategory"), category: z.string() }),
    z.object({ type: z.literal("organisationKind"), kind: z.string() }),
  ]),
});

export const termsOfReferenceOutput = z.object({
  id: z.uuid(),
  bodyId: z.uuid(),
  versionLabel: z.string(),
  status: z.enum(TERMS_OF_REFERENCE_STATUSES),
  text: z.string(),
  documentUrl: z.string().nullable(),
  ratifiedByBodyId: z.uuid().nullable(),
  ratifiedOn: z.string().nullable().describe("YYYY-MM-DD"),
  quorum: z.object({ minimumVotingMembers: z.number().int(), representation: z.array(representationRequirementOutput) }),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TermsOfReferenceOutput = z.output<typeof termsOfReferenceOutput>;

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out. Dates arrive as day, month and year fields.

/** Kept here too for the modules that import it from bodies. */
export { dateFromParts };

const requiredFormDate = (label: string) => formDate(label, true).transform((v) => v as string);

const yesNo = (message: string) => z.enum(["yes", "no"], { error: message }).transform((v) => v === "yes");

/** A form field that may arrive once (a string), several times (an array), or not at all. */
function manyValues(v: unknown): string[] {
  if (typeof v === "string") return [v];
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
}

/** The body form's fields, as posted. */
export const bodyForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    name: typeof f.name === "string" ? f.name : "",
    shortName: typeof f.shortName === "string" ? f.shortName : "",
    kind: typeof f.kind === "string" ? f.kind : "",
    parentBodyId: typeof f.parentBodyId === "string" ? f.parentBodyId : "",
    purpose: typeof f.purpose === "string" ? f.purpose : "",
    meetsInPublic: typeof f.meetsInPublic === "string" ? f.meetsInPublic : "",
    establishedOn: datePartsOf(f, "establishedOn"),
    version: typeof f.version === "string" ? f.version : "",
  }))
  .pipe(
    z.object({
      name: safeText(200).min(1, "Enter the body's name"),
      shortName: safeText(50).transform((v) => v || null),
      kind: z.enum(BODY_KINDS, { error: "Select the kind of body" }),
      parentBodyId: z
        .literal("")
        .transform(() => null)
        .or(z.uuid({ error: "Select a parent body from the list" })),
      purpose: safeText(5000),
      meetsInPublic: yesNo("Select whether the body meets in public"),
      establishedOn: formDate("date established", false),
      version: versionFormField,
    }),
  );

/** Reads the categories of a membership form: ticked boxes plus any typed, comma-separated, as one list. */
const categoriesFormField = z.object({ ticked: z.array(z.string()), other: z.string() }).transform((v, ctx): string[] => {
  const typed = v.other
    .split(",")
    .map((c) => c.trim())
    .filter(Boolean);
  const all: string[] = [];
  for (const raw of [...v.ticked, ...typed]) {
    const parsed = categoryField.safeParse(raw);
    if (!parsed.success) {
      ctx.addIssue({ code: "custom", message: parsed.error.issues[0]?.message ?? CATEGORY_MESSAGE });
      return z.NEVER;
    }
    if (!all.includes(parsed.data)) all.push(parsed.data);
  }
  if (all.length > 20) {
    ctx.addIssue({ code: "custom", message: "Give 20 categories or fewer" });
    return z.NEVER;
  }
  return all;
});

function membershipFormFields(f: Record<string, unknown>) {
  const str = (k: string) => (typeof f[k] === "string" ? f[k] : "");
  return {
    role: str("role"),
    voting: str("voting"),
    otherCategories: { ticked: manyValues(f.categories), other: str("otherCategories") },
    representing: str("representing"),
    startsOn: datePartsOf(f, "startsOn"),
    version: typeof f.version === "string" ? f.version : "",
  };
}

const membershipFormShape = {
  role: z.enum(MEMBERSHIP_ROLES, { error: "Select the member's role" }),
  voting: yesNo("Select whether the member can vote"),
  // Errors on the categories point at the text box, the one field a person can correct.
  otherCategories: categoriesFormField,
  representing: safeText(200).transform((v) => v || null),
};

/** The add-a-member form. */
export const membershipForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ ...membershipFormFields(f), personId: typeof f.personId === "string" ? f.personId : "" }))
  .pipe(
    z.object({
      personId: z.uuid({ error: "Select a person from the list" }),
      ...membershipFormShape,
      startsOn: requiredFormDate("start date"),
      version: versionFormField,
    }),
  )
  .transform(({ otherCategories, version: _unused, ...rest }) => ({ ...rest, categories: otherCategories }));

/** The change-role form: the new role and the day it starts. */
export const membershipChangeRoleForm = z
  .record(z.string(), z.unknown())
  .transform(membershipFormFields)
  .pipe(z.object({ ...membershipFormShape, startsOn: requiredFormDate("date the new role starts"), version: versionFormField }))
  .transform(({ otherCategories, ...rest }) => ({ ...rest, categories: otherCategories }));

/** The end-a-membership form. */
export const membershipEndForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    endsOn: datePartsOf(f, "endsOn"),
    reason: typeof f.reason === "string" ? f.reason : "",
    version: typeof f.version === "string" ? f.version : "",
  }))
  .pipe(
    z.object({
      endsOn: requiredFormDate("end date"),
      reason: safeText(500).min(1, "Enter the reason the membership ended"),
      version: versionFormField,
    }),
  );

/** One representation row of the terms-of-reference form; an entirely blank row means "none". */
const representationRowForm = z
  .object({ description: z.string(), minimum: z.string(), criterion: z.string(), category: z.string() })
  .transform((row, ctx): RepresentationRequirement | null => {
    const description = row.description.trim();
    const minimum = row.minimum.trim();
    const criterion = row.criterion.trim();
    const category = row.category.trim();
    if (!description && !minimum && !criterion && !category) return null;
    let ok = true;
    const fail = (field: string, message: string) => {
      ctx.addIssue({ code: "custom", message, path: [field] });
      ok = false;
    };
    const desc = safeText(200).safeParse(description);
    if (!description) fail("description", "Enter a description of the representation, like “At least one clinician”");
    else if (!desc.success) fail("description", `Description ${desc.error.issues[0]?.message ?? "is not valid"}`);
    if (!/^\d{1,3}$/.test(minimum) || Number(minimum) < 1 || Number(minimum) > 100) fail("minimum", "Enter how many are needed, as a number from 1 to 100");
    let parsedCriterion: RepresentationRequirement["criterion"] | undefined;
    if (criterion === "memberCategory") {
      const parsed = categoryField.safeParse(category);
      if (!category) fail("category", "Enter the member category that counts, like clinician");
      else if (!parsed.success) fail("category", parsed.error.issues[0]?.message ?? CATEGORY_MESSAGE);
      else parsedCriterion = { type: "memberCategory", category: parsed.data };
    } else if (criterion.startsWith("organisationKind:")) {
      const kind = z.enum(ORGANISATION_KINDS).safeParse(criterion.slice("organisationKind:".length));
      if (!kind.success) fail("criterion", "Select who counts towards this requirement");
      else parsedCriterion = { type: "organisationKind", kind: kind.data };
    } else {
      fail("criterion", "Select who counts towards this requirement");
    }
    if (!ok || !parsedCriterion) return z.NEVER;
    return { description, minimum: Number(minimum), criterion: parsedCriterion } as RepresentationRequirement;
  });

/** The field names of representation row `index` in the form. */
export const representationFieldName = (index: number, field: "description" | "minimum" | "criterion" | "category") => `representation-${index}-${field}`;

/** The terms-of-reference form: text, document link, and the quorum rule with its representation rows. */
export const termsOfReferenceForm = z
  .record(z.string(), z.unknown())
  .transform((f) => {
    const str = (k: string) => (typeof f[k] === "string" ? f[k] : "");
    const rows = [];
    for (let i = 0; i < MAX_REPRESENTATION; i++) {
      rows.push({
        description: str(representationFieldName(i, "description")),
        minimum: str(representationFieldName(i, "minimum")),
        criterion: str(representationFieldName(i, "criterion")),
        category: str(representationFieldName(i, "category")),
      });
    }
    return {
      versionLabel: str("versionLabel"),
      text: str("text"),
      documentUrl: str("documentUrl"),
      quorumMinimumVotingMembers: str("quorumMinimumVotingMembers").trim(),
      representation: rows,
      version: typeof f.version === "string" ? f.version : "",
    };
  })
  .pipe(
    z.object({
      versionLabel: safeText(50).min(1, "Enter a version label, like 2.0"),
      text: safeText(200_000),
      documentUrl: z
        .string()
        .trim()
        .transform((v) => v || null)
        .pipe(httpsUrlField.nullable()),
      quorumMinimumVotingMembers: z
        .string()
        .regex(/^\d{1,3}$/, "Enter the minimum number of voting members, as a number")
        .transform(Number)
        .pipe(
          z
            .number()
            .int()
            .min(1, "The minimum number of voting members must be at least 1")
            .max(500, "The minimum number of voting members must be 500 or fewer"),
        ),
      representation: z.array(representationRowForm),
      version: versionFormField,
    }),
  )
  .transform(({ quorumMinimumVotingMembers, representation, ...rest }) => ({
    ...rest,
    quorum: {
      minimumVotingMembers: quorumMinimumVotingMembers,
      representation: representation.filter((r: RepresentationRequirement | null): r is RepresentationRequirement => r !== null),
    },
  }));

/** The ratify form: which body ratified the draft, and when. */
export const ratifyForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    ratifiedByBodyId: typeof f.ratifiedByBodyId === "string" ? f.ratifiedByBodyId : "",
    ratifiedOn: datePartsOf(f, "ratifiedOn"),
    version: typeof f.version === "string" ? f.version : "",
  }))
  .pipe(
    z.object({
      ratifiedByBodyId: z.uuid({ error: "Select the body that ratified these terms of reference" }),
      ratifiedOn: requiredFormDate("date of ratification"),
      version: versionFormField,
    }),
  );

/** Where the error summary should send focus for a field error key (dates focus the day, rows their input). */
export function fieldIdFor(key: string): string {
  const row = /^representation\.(\d+)\.(description|minimum|criterion|category)$/.exec(key);
  if (row) return representationFieldName(Number(row[1]), row[2] as "description");
  if (["establishedOn", "startsOn", "endsOn", "ratifiedOn"].includes(key)) return `${key}-day`;
  if (key === "voting" || key === "meetsInPublic") return `${key}-1`;
  if (key === "categories") return "otherCategories";
  return key;
}
