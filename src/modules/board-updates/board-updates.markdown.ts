import MarkdownIt from "markdown-it";

/**
 * Renders an update's Markdown to HTML for pages and feeds. Raw HTML is never passed through
 * (html: false escapes it, so "<script>" shows as text); bare web addresses become links. A "#"
 * heading becomes an <h2>, since the page's own title is its only <h1>.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false });

md.core.ruler.push("demote_h1", (state) => {
  for (const token of state.tokens) {
    if ((token.type === "heading_open" || token.type === "heading_close") && token.tag === "h1") token.tag = "h2";
  }
});

/** HTML for Markdown written by the board office; safe to insert into a page. */
export function renderMarkdown(markdown: string): string {
  return md.render(markdown);
}

/** The section headings of an update ("## Heading" lines), in order. */
export function headingsOfMarkdown(markdown: string): string[] {
  return md
    .parse(markdown, {})
    .flatMap((token, i, all) => (token.type === "heading_open" ? [all[i + 1]?.content ?? ""] : []))
    .map((h) => h.trim());
}
