import { describe, expect, it } from "vitest";
import { draftMarkdown, slugOf, summaryMarkdown, uniqueSlug, updateTitle, type DraftItem } from "./board-updates.draft.ts";
import { headingsOfMarkdown, renderMarkdown } from "./board-updates.markdown.ts";

const item = (over: Partial<DraftItem>): DraftItem => ({ title: "Item", kind: "update", presenters: [], publicSummary: "", decisions: [], ...over });
const body = { name: "Kent and Medway STP Programme Board", shortName: "Programme Board" };

describe("draftMarkdown", () => {
  it("opens with who met and when, and what the board received updates on", () => {
    const md = draftMarkdown({
      body,
      meetingDate: "2018-03-05",
      items: [
        item({ title: "Local care – update", publicSummary: "Progress." }),
        item({ title: "Estates and Capital Plan – update", publicSummary: "Workbook." }),
        item({ title: "Financial principles", kind: "decision", publicSummary: "Principles." }),
      ],
    });
    expect(md.split("\n")[0]).toBe(
      "The Kent and Medway STP Programme Board met on 5 March 2018. The Board received summary updates on the progress being made in several areas, including: local care and Estates and Capital Plan.",
    );
    expect(headingsOfMarkdown(md)).toEqual(["Local care – update", "Estates and Capital Plan – update", "Financial principles"]);
  });

  it("leaves out standing items unless the minutes say something public about them, and items with nothing to say", () => {
    const md = draftMarkdown({
      body,
      meetingDate: "2018-03-05",
      items: [
        item({ title: "Welcome and apologies", kind: "welcome_and_apologies", decisions: [{ text: "Noted the apologies." }] }),
        item({ title: "Minutes of the last meeting", kind: "minutes_of_last_meeting", publicSummary: "Agreed as a correct record." }),
        item({ title: "Empty item", kind: "discussion" }),
        item({ title: "Decided item", kind: "decision", decisions: [{ text: "Approved the plan." }] }),
      ],
    });
    expect(headingsOfMarkdown(md)).toEqual(["Minutes of the last meeting", "Decided item"]);
    expect(md).toContain("The Board approved the plan.");
  });

  it("names presenters with their roles unless the summary already names them", () => {
    const md = draftMarkdown({
      body,
      meetingDate: "2018-03-05",
      items: [
        item({
          title: "A",
          publicSummary: "Text.",
          presenters: [{ name: "Glenn Douglas", roleLabel: "STP Chief Executive and Chair of the Programme Board" }],
        }),
        item({ title: "B", publicSummary: "Hazel Smith introduced a paper.", presenters: [{ name: "Hazel Smith", roleLabel: null }] }),
        item({
          title: "C",
          publicSummary: "Text.",
          presenters: [
            { name: "Ann", roleLabel: null },
            { name: "Bob", roleLabel: null },
          ],
        }),
      ],
    });
    expect(md).toContain("Glenn Douglas, STP Chief Executive and Chair of the Programme Board, presented this item.");
    expect(md).not.toContain("Hazel Smith presented");
    expect(md).toContain("Ann and Bob presented this item.");
  });

  it("lists several decisions after 'The Board:', and keeps decisions that do not open with a verb as minuted", () => {
    const md = draftMarkdown({
      body,
      meetingDate: "2017-12-04",
      items: [
        item({ title: "CPB", kind: "ratification", decisions: [{ text: "Ratified the terms." }, { text: "Approved the vision." }] }),
        item({ title: "Other", kind: "decision", decisions: [{ text: "The Board supported the bid." }] }),
      ],
    });
    expect(md).toContain("The Board:\n\n- ratified the terms.\n- approved the vision.");
    expect(md).toContain("Decisions:\n\n- The Board supported the bid.");
  });
});

describe("summaryMarkdown", () => {
  it("turns • and * bullets into a Markdown list separated from the paragraph before and after", () => {
    expect(summaryMarkdown("Areas:\n• One\n* Two\n- Three\nAfter.")).toBe("Areas:\n\n- One\n- Two\n- Three\n\nAfter.");
  });
});

describe("slugs and titles", () => {
  it("makes readable, unique slugs", () => {
    const title = updateTitle(body, "2018-03-05");
    expect(title).toBe("Programme Board update, 5 March 2018");
    expect(slugOf(title)).toBe("programme-board-update-5-march-2018");
    expect(slugOf("Children’s board: update")).toBe("childrens-board-update");
    expect(uniqueSlug("a", new Set(["a", "a-2"]))).toBe("a-3");
    expect(uniqueSlug("b", new Set(["a"]))).toBe("b");
  });
});

describe("renderMarkdown", () => {
  it("escapes raw HTML, links bare addresses, and never renders a second <h1>", () => {
    const html = renderMarkdown('<script>alert("x")</script>\n\n# Title\n\nSee https://example.org');
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain('<a href="https://example.org">');
  });
});
