import { describe, expect, it } from "vitest";
import { MATCH_END, MATCH_START, snippetParts } from "../../platform/db/text-search.ts";
import { plainSnippet, snippetHtml } from "./search.presenter.ts";
import { withoutMarkdown } from "./search.service.ts";

const marked = (s: string) => s.replaceAll("[", MATCH_START).replaceAll("]", MATCH_END);

describe("snippets", () => {
  it("splits a headline into plain and matched parts", () => {
    expect(snippetParts(marked("the [engagement] plan and [engaging] people"))).toEqual([
      { text: "the ", match: false },
      { text: "engagement", match: true },
      { text: " plan and ", match: false },
      { text: "engaging", match: true },
      { text: " people", match: false },
    ]);
    expect(snippetParts("")).toEqual([]);
  });

  it("escapes every character of the record's text and marks only the matches", () => {
    expect(snippetHtml(marked(`costs < £5m & "[engagement]" <b>'x'</b>`))).toBe(
      "costs &lt; £5m &amp; &quot;<mark>engagement</mark>&quot; &lt;b&gt;&#39;x&#39;&lt;/b&gt;",
    );
    expect(snippetHtml(marked("[<script>]"))).toBe("<mark>&lt;script&gt;</mark>");
    expect(plainSnippet(marked("a [b] c"))).toBe("a b c");
  });
});

describe("board update snippets", () => {
  it("drop the Markdown a reader would not see", () => {
    expect(withoutMarkdown("## Decisions - The board agreed its **engagement** approach, see [the plan](https://example.org) and `code`")).toBe(
      "Decisions The board agreed its engagement approach, see the plan and code",
    );
  });
});
