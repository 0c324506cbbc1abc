import { z } from "zod";
import { blankAsUnset } from "../../platform/http/api-schemas.ts";
import { SEARCH_TYPES, type SearchType } from "./search.service.ts";

/** The longest search accepted: a few words or a phrase, never a document. */
export const MAX_QUERY_LENGTH = 200;

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  decision: "Decision",
  minutes: "Minutes",
  agenda_item: "Agenda item",
  board_update: "Board update",
};

/** The words searched for: trimmed, bounded, and without NUL (which PostgreSQL cannot take). */
export const searchWords = z
  .string()
  .trim()
  .max(MAX_QUERY_LENGTH, `Search words must be ${MAX_QUERY_LENGTH} characters or fewer`)
  .refine((v) => !v.includes("\u0000"), "Search words must not contain control characters");

const page = z.coerce.number().int().min(1).max(100_000).default(1);

/** GET /api/v1/search. */
export const searchApiQuery = z.object({
  q: z.string().default("").pipe(searchWords).describe("Words to find (web search syntax: quotes for a phrase, `or`, `-` to exclude). Empty: no results."),
  type: blankAsUnset(z.enum(SEARCH_TYPES)).describe("Only results of this type"),
  page,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** GET /search: read loosely, so that the page can show what is wrong with the words. */
export const searchPageQuery = z.object({
  q: z.string().max(100_000).default(""),
  type: blankAsUnset(z.enum(SEARCH_TYPES)),
  page,
});

export const searchResultOutput = z.object({
  type: z.enum(SEARCH_TYPES),
  id: z.uuid().describe("The record's id (for minutes: the agenda item's)"),
  title: z.string(),
  url: z.string().describe("The record's page on this site"),
  snippet: z.string().describe("Plain text around the matches"),
  snippetHtml: z.string().describe("The snippet as HTML: text escaped, matched words in <mark>"),
  body: z.object({ id: z.uuid(), name: z.string() }),
  date: z.string().describe("The meeting's start (decisions, minutes, agenda items) or the update's first publication"),
  draft: z.boolean().describe("A draft board update (seen only by insiders)"),
  rank: z.number(),
});

export const searchResponse = z.object({
  data: z.array(searchResultOutput),
  page: z.number().int(),
  limit: z.number().int(),
  hasMore: z.boolean(),
  capped: z.boolean().describe("Results of every type stop after the first 200; ask for one `type` to see more"),
});
