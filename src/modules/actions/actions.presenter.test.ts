import { describe, expect, it } from "vitest";
import { csvCell, isOverdueOn, toCsv } from "./actions.presenter.ts";

describe("csvCell", () => {
  it("leaves plain text alone and quotes commas, quotes and line breaks", () => {
    expect(csvCell("Plain text")).toBe("Plain text");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell(42)).toBe("42");
    expect(csvCell("a, b")).toBe('"a, b"');
    expect(csvCell('say "yes"')).toBe('"say ""yes"""');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell("cr\rhere")).toBe('"cr\rhere"');
  });

  it("prefixes cells a spreadsheet would run as a formula with a single quote", () => {
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+44 20 7946 0000")).toBe("'+44 20 7946 0000");
    expect(csvCell("-2")).toBe("'-2");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("\t=1")).toBe("'\t=1");
    expect(csvCell('=HYPERLINK("x","y")')).toBe(`"'=HYPERLINK(""x"",""y"")"`);
    // Only the first character matters.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("2018-03-05")).toBe("2018-03-05");
  });
});

describe("toCsv", () => {
  it("starts with a UTF-8 byte order mark and ends every row with CRLF", () => {
    expect(
      toCsv([
        ["a", "b"],
        ["c, d", "é"],
      ]),
    ).toBe('\uFEFFa,b\r\n"c, d",é\r\n');
  });
});

describe("isOverdueOn", () => {
  const today = "2018-03-05";
  it("is true only for open or in-progress actions due before today", () => {
    expect(isOverdueOn({ status: "open", dueOn: "2018-03-04" }, today)).toBe(true);
    expect(isOverdueOn({ status: "in_progress", dueOn: "2017-12-04" }, today)).toBe(true);
    expect(isOverdueOn({ status: "open", dueOn: "2018-03-05" }, today)).toBe(false);
    expect(isOverdueOn({ status: "open", dueOn: "2018-03-06" }, today)).toBe(false);
    expect(isOverdueOn({ status: "open", dueOn: null }, today)).toBe(false);
    expect(isOverdueOn({ status: "done", dueOn: "2018-03-04" }, today)).toBe(false);
    expect(isOverdueOn({ status: "dropped", dueOn: "2018-03-04" }, today)).toBe(false);
  });
});
