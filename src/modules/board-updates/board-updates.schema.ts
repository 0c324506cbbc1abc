import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText, versionField } from "../../platform/http/api-schemas.ts";
import { BOARD_UPDATE_STATUSES } from "./board-updates.tables.ts";

/** The longest title and text accepted: an update is a page or two of prose. */
export const MAX_TITLE = 200;
export const MAX_MARKDOWN = 100_000;
export const MAX_CHANGE_NOTE = 1000;

const title = safeText(MAX_TITLE).min(1, "Enter a title");
const markdown = z
  .string()
  .max(MAX_MARKDOWN, `must be ${MAX_MARKDOWN} characters or fewer`)
  .refine((v) => !v.includes("\u0000"), "must not contain NUL characters")
  .refine((v) => v.trim().length > 0, "Enter the text of the update");
const changeNote = safeText(MAX_CHANGE_NOTE);

// ---------------------------------------------------------------------------------------------
// Pages

export const slugParams = z.object({ slug: z.string().min(1).max(200) });
export const versionParams = z.object({ slug: z.string().min(1).max(200), number: z.coerce.number().int().min(1).max(100_000) });
export const meetingParams = z.object({ meetingId: z.uuid({ error: "must be a UUID" }) });

export const updatesPageQuery = z.object({
  page: paginationQuery.page,
  bodyId: blankAsUnset(z.uuid({ error: "must be a UUID" })),
});

/** The edit form: "preview" renders the typed text without saving it. */
export const editForm = z.object({
  title,
  markdown,
  version: z.coerce.number().int().min(1),
  intent: z.enum(["save", "preview"]).default("save"),
});

export const publishForm = z.object({
  version: z.coerce.number().int().min(1),
  changeNote: z.string().trim().max(MAX_CHANGE_NOTE, `The note must be ${MAX_CHANGE_NOTE} characters or fewer`).default(""),
});

// ---------------------------------------------------------------------------------------------
// JSON API

export const boardUpdateListQuery = z.object({
  ...paginationQuery,
  bodyId: blankAsUnset(z.uuid({ error: "must be a UUID" })).describe("Updates of this body"),
  status: blankAsUnset(z.enum(BOARD_UPDATE_STATUSES)).describe('"draft" lists drafts (insiders only; the public always sees published updates)'),
});

export const boardUpdatePatch = z.strictObject({
  version: versionField,
  title: title.optional(),
  markdown: markdown.optional(),
});
export type BoardUpdateChanges = Omit<z.output<typeof boardUpdatePatch>, "version">;

export const publishInput = z.strictObject({
  version: versionField,
  changeNote: changeNote.default("").describe("Required when correcting a published update: what was corrected, shown on the public page"),
});

const versionOutput = z.object({
  number: z.number().int(),
  title: z.string(),
  markdown: z.string(),
  changeNote: z.string(),
  publishedAt: z.string(),
  publishedByName: z.string(),
});

export const boardUpdateOutput = z.object({
  id: z.uuid(),
  slug: z.string(),
  url: z.string(),
  status: z.enum(BOARD_UPDATE_STATUSES),
  title: z.string().describe("The published title (a draft's working title, for insiders)"),
  markdown: z.string().describe("The published text (a draft's working text, for insiders)"),
  html: z.string().describe("The Markdown rendered as HTML (raw HTML in the Markdown is escaped)"),
  body: z.object({ id: z.uuid(), name: z.string(), shortName: z.string().nullable() }),
  meeting: z.object({ id: z.uuid(), startsAt: z.string() }),
  firstPublishedAt: z.string().nullable(),
  lastPublishedAt: z.string().nullable().describe("When a correction was last published"),
  workingCopy: z
    .object({ title: z.string(), markdown: z.string(), hasUnpublishedChanges: z.boolean() })
    .optional()
    .describe("Insiders only: the text being edited, which may differ from what is published"),
  version: z.number().int(),
  versions: z.array(versionOutput).optional().describe("Every publication, oldest first (on a single update)"),
});
export type BoardUpdateOutput = z.output<typeof boardUpdateOutput>;
