import { z } from "zod";
import { formString, formDate, versionFormField } from "../../platform/http/forms.ts";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { isoDateField } from "../bodies/bodies.schema.ts";
import { DECLARATION_ACTIONS, INTEREST_CATEGORIES, type DeclarationAction, type InterestCategory } from "./interests.tables.ts";

/** NHS England's categories, as "Managing conflicts of interest in the NHS" names them. */
export const INTEREST_CATEGORY_LABELS: Record<InterestCategory, string> = {
  financial: "Financial interest",
  non_financial_professional: "Non-financial professional interest",
  non_financial_personal: "Non-financial personal interest",
  indirect: "Indirect interest",
};

/** What someone did about an interest they declared at a meeting. */
export const DECLARATION_ACTION_LABELS: Record<DeclarationAction, string> = {
  none: "No action: took part in the item",
  left_discussion: "Left the meeting for the discussion and the decision",
  left_decision: "Took part in the discussion, left for the decision",
};

/** Short forms for tables. */
export const DECLARATION_ACTION_SHORT_LABELS: Record<DeclarationAction, string> = {
  none: "None",
  left_discussion: "Left the discussion",
  left_decision: "Left the decision",
};

const description = (what: string) => safeText(2000).min(1, `Enter ${what}`);
const uuidOf = (message: string) => z.uuid({ error: message });

// ---------------------------------------------------------------------------------------------
// Register of interests: JSON API

const interestFields = {
  category: z.enum(INTEREST_CATEGORIES, { error: "Select the category of interest" }),
  organisationId: uuidOf("must be the id of an organisation in this partnership").nullable(),
  description: description("a description of the interest"),
  startsOn: isoDateField.nullable(),
  endsOn: isoDateField.nullable(),
};

/** What a client may set when registering an interest. */
export const interestInput = z.strictObject({
  personId: uuidOf("must be the id of a person in this partnership"),
  ...interestFields,
  organisationId: interestFields.organisationId.optional().transform((v) => v ?? null),
  startsOn: interestFields.startsOn.optional().transform((v) => v ?? null),
  endsOn: interestFields.endsOn.optional().transform((v) => v ?? null),
});
export type InterestInput = z.output<typeof interestInput>;
export type InterestChanges = Partial<Omit<InterestInput, "personId">>;

/** A partial update: only the fields sent change; `version` is the one the client read. */
export const interestPatch = z.strictObject(interestFields).partial().extend({ version: versionField });

/** Ending an interest: its last day. */
export const interestEndInput = z.strictObject({ version: versionField, endsOn: isoDateField });
export type InterestEndInput = z.output<typeof interestEndInput>;

const yesNoQuery = z.enum(["true", "false"]).transform((v) => v === "true");

export const interestListQuery = z.object({
  ...paginationQuery,
  personId: blankAsUnset(uuidOf("must be a UUID")),
  organisationId: blankAsUnset(uuidOf("must be a UUID")),
  category: blankAsUnset(z.enum(INTEREST_CATEGORIES)),
  current: blankAsUnset(yesNoQuery).describe("true: only interests current today"),
});
export type InterestListQuery = z.output<typeof interestListQuery>;

const ref = z.object({ id: z.uuid(), name: z.string() });

export const interestOutput = z.object({
  id: z.uuid(),
  person: ref,
  category: z.enum(INTEREST_CATEGORIES),
  organisation: ref.nullable().describe("The organisation the interest concerns, where it names one"),
  description: z.string(),
  startsOn: z.string().nullable().describe("YYYY-MM-DD"),
  endsOn: z.string().nullable().describe("YYYY-MM-DD; the last day of the interest"),
  current: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type InterestOutput = z.output<typeof interestOutput>;

// ---------------------------------------------------------------------------------------------
// Annual declarations and nil returns: JSON API

export const interestDeclarationInput = z.strictObject({
  declaredOn: isoDateField,
  nilReturn: z.boolean().default(false).describe("True when the person declared that they have no interests"),
});
export type InterestDeclarationInput = z.output<typeof interestDeclarationInput>;

export const interestDeclarationOutput = z.object({
  id: z.uuid(),
  personId: z.uuid(),
  declaredOn: z.string().describe("YYYY-MM-DD"),
  nilReturn: z.boolean(),
  createdAt: z.string(),
});
export type InterestDeclarationOutput = z.output<typeof interestDeclarationOutput>;

// ---------------------------------------------------------------------------------------------
// Declarations at meetings: JSON API

const meetingDeclarationFields = {
  agendaItemId: uuidOf("must be the id of an item on this meeting's agenda"),
  personId: uuidOf("must be the id of a person in this partnership"),
  interestId: uuidOf("must be the id of one of the person's registered interests").nullable(),
  description: description("what the interest is"),
  action: z.enum(DECLARATION_ACTIONS, { error: "Select what the person did" }),
};

export const meetingDeclarationInput = z.strictObject({
  ...meetingDeclarationFields,
  interestId: meetingDeclarationFields.interestId.optional().transform((v) => v ?? null),
  action: meetingDeclarationFields.action.default("none"),
});
export type MeetingDeclarationInput = z.output<typeof meetingDeclarationInput>;
export type MeetingDeclarationChanges = Partial<MeetingDeclarationInput>;

export const meetingDeclarationPatch = z.strictObject(meetingDeclarationFields).partial().extend({ version: versionField });

export const meetingDeclarationParams = z.object({ id: z.uuid({ error: "must be a UUID" }), declarationId: z.uuid({ error: "must be a UUID" }) });

export const meetingDeclarationOutput = z.object({
  id: z.uuid(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid(),
  person: ref,
  interestId: z.uuid().nullable(),
  description: z.string(),
  action: z.enum(DECLARATION_ACTIONS),
  version: z.number().int(),
  updatedAt: z.string(),
});
export type MeetingDeclarationOutput = z.output<typeof meetingDeclarationOutput>;

export const conflictFlagOutput = z.object({
  agendaItemId: z.uuid(),
  personId: z.uuid(),
  personName: z.string(),
  organisationId: z.uuid(),
  organisationName: z.string(),
  category: z.enum(INTEREST_CATEGORIES),
  description: z.string(),
});

export const meetingListQuery = z.object({ ...paginationQuery });

// ---------------------------------------------------------------------------------------------
// HTML forms: strings in, the same rules out. Dates arrive as day, month and year fields.

/** The day, month and year fields of a date input named `name`, e.g. "startsOn-day". */
function datePartsOf(form: Record<string, unknown>, name: string) {
  const part = (suffix: string) => {
    const v = form[`${name}-${suffix}`];
    return typeof v === "string" ? v.trim() : "";
  };
  return { day: part("day"), month: part("month"), year: part("year") };
}

const requiredFormDate = (label: string) => formDate(label, true).transform((v) => v as string);

const optionalId = (message: string) =>
  z
    .literal("")
    .transform(() => null)
    .or(uuidOf(message));

/** The add and edit forms of a registered interest. */
export const interestForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    category: formString(f, "category"),
    organisationId: formString(f, "organisationId"),
    description: formString(f, "description"),
    startsOn: datePartsOf(f, "startsOn"),
    endsOn: datePartsOf(f, "endsOn"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      category: interestFields.category,
      organisationId: optionalId("Select an organisation from the list"),
      description: description("a description of the interest"),
      startsOn: formDate("date the interest started", false),
      endsOn: formDate("date the interest ended", false),
      version: versionFormField,
    }),
  );

/** The end-an-interest form. */
export const interestEndForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ endsOn: datePartsOf(f, "endsOn"), version: formString(f, "version") }))
  .pipe(z.object({ endsOn: requiredFormDate("date the interest ended"), version: versionFormField }));

/** The annual declaration form: the date, and whether it is a nil return. */
export const interestDeclarationForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({ declaredOn: datePartsOf(f, "declaredOn"), kind: formString(f, "kind") }))
  .pipe(
    z.object({
      declaredOn: requiredFormDate("date of the declaration"),
      kind: z.enum(["declaration", "nil_return"], { error: "Select whether this is a declaration or a nil return" }),
    }),
  )
  .transform(({ declaredOn, kind }) => ({ declaredOn, nilReturn: kind === "nil_return" }));

/** The add and edit forms of a declaration at a meeting. */
export const meetingDeclarationForm = z
  .record(z.string(), z.unknown())
  .transform((f) => ({
    agendaItemId: formString(f, "agendaItemId"),
    personId: formString(f, "personId"),
    interestId: formString(f, "interestId"),
    description: formString(f, "description"),
    action: formString(f, "action"),
    version: formString(f, "version"),
  }))
  .pipe(
    z.object({
      agendaItemId: uuidOf("Select the agenda item"),
      personId: uuidOf("Select the person declaring the interest"),
      interestId: optionalId("Select one of the person's registered interests, or none"),
      description: description("what the interest is"),
      action: meetingDeclarationFields.action,
      version: versionFormField,
    }),
  );

/** The register page's filters. */
export const interestRegisterQuery = z.object({
  ...paginationQuery,
  limit: z.coerce.number().int().min(1).max(100).default(50),
  personId: blankAsUnset(z.uuid()).catch(undefined),
  organisationId: blankAsUnset(z.uuid()).catch(undefined),
  category: blankAsUnset(z.enum(INTEREST_CATEGORIES)).catch(undefined),
  current: blankAsUnset(z.string()).transform((v) => v === "true"),
});

/** Links in the error summary: dates focus their day field, radios their first option. */
export function fieldIdFor(key: string): string {
  if (["startsOn", "endsOn", "declaredOn"].includes(key)) return `${key}-day`;
  if (key === "kind" || key === "action" || key === "category") return `${key}-1`;
  return key;
}
