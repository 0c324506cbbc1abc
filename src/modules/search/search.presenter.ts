import { snippetParts } from "../../platform/db/text-search.ts";
import type { SearchHit } from "./search.service.ts";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

/** The snippet as plain text, without match markers. */
export function plainSnippet(snippet: string): string {
  return snippetParts(snippet)
    .map((p) => p.text)
    .join("");
}

/** The snippet as HTML: every character of the record's text escaped, matches in <mark>. */
export function snippetHtml(snippet: string): string {
  return snippetParts(snippet)
    .map((p) => (p.match ? `<mark>${escapeHtml(p.text)}</mark>` : escapeHtml(p.text)))
    .join("");
}

/** A result for the JSON API. */
export function presentSearchHit(hit: SearchHit) {
  return {
    type: hit.type,
    id: hit.id,
    title: hit.title,
    url: hit.url,
    snippet: plainSnippet(hit.snippet),
    snippetHtml: snippetHtml(hit.snippet),
    body: hit.body,
    date: hit.date.toISOString(),
    draft: hit.draft,
    rank: hit.rank,
  };
}
