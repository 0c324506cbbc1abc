import { z } from "zod";
import { CONFIDENTIALITY, MINUTES_STATUSES, type MinutesStatus } from "../meetings/meetings.tables.ts";

export const MINUTES_STATUS_LABELS: Record<MinutesStatus, string> = {
  draft: "Draft",
  circulated: "Circulated to members",
  approved: "Approved",
};

/** Long text: minutes run to pages, but not to megabytes. */
const longText = (max: number, label: string) =>
  z
    .string()
    .max(max, `${label} must be ${max.toLocaleString("en-GB")} characters or fewer`)
    .refine((v) => !v.includes("\u0000"), `${label} must not contain NUL characters`)
    .transform((v) => v.replace(/\r\n/g, "\n").trim());

const minutesFields = {
  discussion: longText(50_000, "The discussion").describe("The discussion record: for the partnership only, never published"),
  publicSummary: longText(20_000, "The public summary").describe("What may be published once the minutes are approved (never, for a Part II item)"),
  outcome: longText(5_000, "The outcome").describe("What the body concluded, e.g. “Approved” or “Noted”"),
};

/** The version of an item's minutes a client read: 0 when the item had none yet. */
const itemVersion = z
  .number({ error: "version is required (the version you read; 0 when the item had no minutes)" })
  .int()
  .min(0)
  .describe("The version you read; 0 when the item had no minutes yet");

/** A change to one item's minutes: only the fields sent change. */
export const itemMinutesPatch = z.strictObject(minutesFields).partial().extend({ version: itemVersion });
export type ItemMinutesChanges = Omit<z.output<typeof itemMinutesPatch>, "version">;

export const itemParams = z.object({ id: z.uuid({ error: "must be a UUID" }), itemId: z.uuid({ error: "must be a UUID" }) });

/** The transitions a client may ask for; approval happens only through a decision of a later meeting. */
export const minutesStatusInput = z.strictObject({
  status: z.enum(["draft", "circulated"]).describe("`draft` to start (or return to) drafting, `circulated` to circulate to members"),
});

export const itemMinutesOutput = z.object({
  agendaItemId: z.uuid(),
  number: z.string(),
  title: z.string(),
  confidentiality: z.enum(CONFIDENTIALITY),
  discussion: z.string().optional().describe("Only for those with a role in the partnership"),
  publicSummary: z.string(),
  outcome: z.string(),
  version: z.number().int().describe("0 when the item has no minutes yet"),
});
export type ItemMinutesOutput = z.output<typeof itemMinutesOutput>;

export const minutesOutput = z.object({
  meetingId: z.uuid(),
  status: z.enum(MINUTES_STATUSES).nullable().describe("null until drafting starts"),
  approvedBy: z
    .object({ decisionId: z.uuid(), meeting: z.object({ id: z.uuid(), startsAt: z.string(), title: z.string().nullable() }).nullable() })
    .nullable()
    .describe("The decision (of a later meeting) that approved the minutes"),
  items: z.array(itemMinutesOutput),
});
export type MinutesOutput = z.output<typeof minutesOutput>;

/** The form for one item's minutes: strings in, the API's rules out. */
export const itemMinutesForm = z
  .object({
    discussion: z.string().default(""),
    publicSummary: z.string().default(""),
    outcome: z.string().default(""),
    version: z.string().default(""),
  })
  .pipe(
    z.object({
      discussion: minutesFields.discussion,
      publicSummary: minutesFields.publicSummary,
      outcome: minutesFields.outcome,
      version: z
        .string()
        .regex(/^\d{1,9}$/, "Reload the page and try again")
        .transform(Number),
    }),
  );
