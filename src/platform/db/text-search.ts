import { sql, type SQL } from "drizzle-orm";

/**
 * PostgreSQL full-text search, shared by every module that offers its records to site-wide search.
 *
 * The text search configuration is the literal 'english' everywhere: an expression index
 * (`to_tsvector('english', …)`) is only used when the query repeats the same expression with the
 * same literal configuration, so callers build their vectors with `englishVector` only.
 */

/** Marks the start and end of a matched word in a snippet; control characters never typed into a form. */
export const MATCH_START = "\u0001";
export const MATCH_END = "\u0002";

/** The document as the GIN expression index has it: `to_tsvector('english', <expression>)`. */
export function englishVector(document: SQL): SQL {
  return sql`to_tsvector('english', ${document})`;
}

/** What the visitor typed, read as a web search (quotes for phrases, `or`, `-` to exclude); never a syntax error. */
export function webQuery(q: string): SQL {
  return sql`websearch_to_tsquery('english', ${q})`;
}

/** How well a document matches (longer documents are not favoured just for being long). */
export function rankOf(vector: SQL, query: SQL): SQL<number> {
  return sql<number>`ts_rank(${vector}, ${query}, 1)`;
}

/**
 * A short extract around the matches, with each matched word between MATCH_START and MATCH_END
 * (any marker characters already in the text are removed first, so the markers are unambiguous).
 * Plain text otherwise: the view escapes it and turns the markers into <mark>.
 */
export function headline(document: SQL, query: SQL): SQL<string> {
  return sql<string>`ts_headline('english', translate(${document}, ${MATCH_START + MATCH_END}, ''), ${query}, ${`StartSel=${MATCH_START}, StopSel=${MATCH_END}, MaxWords=35, MinWords=15, ShortWord=3, MaxFragments=2, FragmentDelimiter=" … "`})`;
}

/** A snippet split into plain and matched parts, in order. */
export function snippetParts(snippet: string): { text: string; match: boolean }[] {
  const parts: { text: string; match: boolean }[] = [];
  let match = false;
  let current = "";
  for (const ch of snippet) {
    if (ch === MATCH_START || ch === MATCH_END) {
      if (current) parts.push({ text: current, match });
      current = "";
      match = ch === MATCH_START;
    } else current += ch;
  }
  if (current) parts.push({ text: current, match });
  return parts;
}
