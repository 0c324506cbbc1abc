import { describe, expect, it } from "vitest";
import { csvCell, toCsv, UTF8_BOM } from "./decisions.csv.ts";

describe("csvCell", () => {
  it("quotes every cell and doubles quotes inside it", () => {
    expect(csvCell("Agreed")).toBe('"Agreed"');
    expect(csvCell('The "Five Year" plan, revised\nsecond line')).toBe('"The ""Five Year"" plan, revised\nsecond line"');
    expect(csvCell(null)).toBe('""');
    expect(csvCell(3)).toBe('"3"');
  });

  it("defuses cells a spreadsheet would read as formulas", () => {
    for (const start of ["=", "+", "-", "@", "\t", "\r"]) expect(csvCell(`${start}SUM(A1)`)).toBe(`"'${start}SUM(A1)"`);
    expect(csvCell('=HYPERLINK("http://evil.example","x")')).toBe(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(csvCell("a=b")).toBe('"a=b"');
  });
});

describe("toCsv", () => {
  it("starts with the UTF-8 byte-order mark and ends lines with CRLF", () => {
    const csv = toCsv([
      ["Date", "Decision"],
      ["2018-03-05", "Approved the plans – 2018/19 £"],
    ]);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}"Date","Decision"\r\n"2018-03-05","Approved the plans – 2018/19 £"\r\n`);
  });
});
