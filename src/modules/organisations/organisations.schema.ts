import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { ORGANISATION_KINDS, type OrganisationKind } from "./organisations.tables.ts";

export const ORGANISATION_KIND_LABELS: Record<OrganisationKind, string> = {
  ccg_icb: "Clinical commissioning group or integrated care board",
  nhs_trust: "NHS trust",
  foundation_trust: "NHS foundation trust",
  local_authority: "Local authority",
  primary_care_network: "Primary care network",
  voluntary_sector: "Voluntary, community or social enterprise",
  national_body: "National body",
  other: "Other",
};

const odsCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9]{3,10}$/, "ODS code must be 3 to 10 letters and numbers, like 09C");

const organisationFields = {
  name: safeText(200).min(1, "Enter the organisation's name"),
  shortName: safeText(50)
    .nullish()
    .transform((v) => v || null),
  kind: z.enum(ORGANISATION_KINDS, { error: "Select the kind of organisation" }),
  odsCode: z
    .union([z.literal(""), odsCode, z.null()])
    .optional()
    .transform((v) => v || null),
  active: z.boolean(),
  isExample: z.boolean(),
};

/** What a client may set when creating an organisation. */
export const organisationInput = z.strictObject({ ...organisationFields, active: z.boolean().default(true), isExample: z.boolean().default(false) });
export type OrganisationInput = z.output<typeof organisationInput>;

/** A partial update: only the fields sent change; `version` is the one the client read. */
export const organisationPatch = z.strictObject(organisationFields).partial().extend({ version: versionField });

/** The HTML form: strings in, the same rules out; checkboxes arrive only when ticked. */
export const organisationForm = z
  .object({
    name: z.string().default(""),
    shortName: z.string().default(""),
    kind: z.string().default(""),
    odsCode: z.string().default(""),
    active: z.string().optional(),
    version: z.string().optional(),
  })
  .transform((f) => ({ ...f, active: f.active === "yes" }))
  .pipe(
    z.object({
      name: safeText(200).min(1, "Enter the organisation's name"),
      shortName: safeText(50).transform((v) => v || null),
      kind: z.enum(ORGANISATION_KINDS, { error: "Select the kind of organisation" }),
      odsCode: z.literal("").transform(() => null).or(odsCode),
      active: z.boolean(),
      version: z
        .string()
        .regex(/^\d+$/, "Reload the page and try again")
        .transform(Number)
        .optional(),
    }),
  );

export const organisationListQuery = z.object({
  ...paginationQuery,
  q: blankAsUnset(z.string().trim().max(200)),
  kind: blankAsUnset(z.enum(ORGANISATION_KINDS)),
  status: blankAsUnset(z.enum(["active", "inactive", "archived", "all"])),
});
export type OrganisationListQuery = z.output<typeof organisationListQuery>;

export const organisationOutput = z.object({
  id: z.uuid(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(ORGANISATION_KINDS),
  odsCode: z.string().nullable(),
  active: z.boolean(),
  isExample: z.boolean().describe("True for invented demo data"),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type OrganisationOutput = z.output<typeof organisationOutput>;
