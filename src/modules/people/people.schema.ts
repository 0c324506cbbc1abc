import { z } from "zod";
import { paginationQuery, versionField } from "../../platform/http/api-schemas.ts";

const MESSAGES = {
  nameRequired: "Enter the person's full name",
  organisation: "Select one of the partnership's current organisations",
  email: "Enter an email address in the correct format, like name@example.org",
} as const;

/** Trimmed single-line text with messages that name the field, for the error summary and the API alike. */
function labelledText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer`)
    .refine((v) => !v.includes("\u0000"), `${label} must not contain NUL characters`);
}

const name = labelledText("Full name", 200).min(1, MESSAGES.nameRequired);
/** Empty text means "none", stored as null. */
const jobTitle = labelledText("Job title", 200).transform((v) => v || null);
const email = z
  .string()
  .trim()
  .max(254, "Email address must be 254 characters or fewer")
  .transform((v) => v || null)
  .pipe(z.email(MESSAGES.email).nullable());
const organisationId = z.uuid({ error: MESSAGES.organisation });

const personFields = {
  name,
  jobTitle: z.union([z.null(), jobTitle]),
  organisationId: organisationId.nullable(),
  email: z.union([z.null(), email]),
  isExample: z.boolean(),
};

/** What a client may set when creating a person; the account link is managed by admins elsewhere. */
export const personInput = z.strictObject({
  ...personFields,
  jobTitle: personFields.jobTitle.optional().transform((v) => v ?? null),
  organisationId: personFields.organisationId.optional().transform((v) => v ?? null),
  email: personFields.email.optional().transform((v) => v ?? null),
  isExample: z.boolean().default(false),
});
export type PersonInput = z.output<typeof personInput>;

/** A partial update: only the fields sent change (null clears an optional field); `version` is the one the client read. */
export const personPatch = z.strictObject(personFields).partial().extend({ version: versionField });
export type PersonPatch = z.output<typeof personPatch>;

/** The HTML form: strings in, the same rules out. */
export const personForm = z
  .object({
    name: z.string().default(""),
    jobTitle: z.string().default(""),
    organisationId: z.string().default(""),
    email: z.string().default(""),
    version: z.string().optional(),
  })
  .pipe(
    z.object({
      name,
      jobTitle,
      organisationId: z
        .literal("")
        .transform(() => null)
        .or(organisationId),
      email,
      version: z.string().regex(/^\d+$/, "Reload the page and try again").transform(Number).optional(),
    }),
  );

const statusFilter = z.enum(["current", "archived", "all"]).describe("Archived people are listed only for signed-in users of the partnership");

/** Filters and pagination for the API list. */
export const personListQuery = z.object({
  ...paginationQuery,
  q: z.string().trim().max(200).optional().describe("Name contains (case-insensitive)"),
  organisationId: z.uuid({ error: "must be a UUID" }).optional(),
  status: statusFilter.optional(),
});

/** The list page's filters: the same, except that the form's "any organisation" option sends an empty value. */
export const personListPageQuery = personListQuery.extend({
  organisationId: z.union([z.literal(""), z.uuid({ error: "must be a UUID" })]).optional(),
});

export const personOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  organisation: z
    .object({ id: z.uuid(), name: z.string(), archived: z.boolean() })
    .nullable()
    .describe("Null when the person is not from a partner organisation you can see"),
  email: z.string().nullable().optional().describe("Personal data: only present for signed-in users of the partnership"),
  hasAccount: z.boolean().optional().describe("Whether the person can sign in to Quorum; only present for signed-in users of the partnership"),
  isExample: z.boolean().describe("True for invented demo data"),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type PersonOutput = z.output<typeof personOutput>;
