import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { choiceCell, dateCell, integerCell, moneyCell, textCell } from "./portfolio-io.cells.ts";
import { FileProblem, columnLetter, detectFormat, guardFormula, readTable, writeCsv, writeXlsx, type CellValue } from "./portfolio-io.sheets.ts";
import { describeProblem } from "./portfolio-io.layouts.ts";

const num = (value: number): CellValue => ({ kind: "number", value });
const txt = (text: string): CellValue => ({ kind: "text", text });
const empty: CellValue = { kind: "empty" };
const message = (r: { success: boolean; error?: { issues: { message: string }[] } }) => r.error?.issues[0]?.message;

describe("money cells", () => {
  const money = moneyCell(null);
  it("reads number cells through their decimal text, exactly", () => {
    expect(money.parse(num(1234.56))).toBe(123456);
    expect(money.parse(num(0.1))).toBe(10);
    expect(money.parse(num(-50.5))).toBe(-5050);
    expect(money.parse(num(9000000000.01))).toBe(900000000001);
    expect(money.parse(num(1.15))).toBe(115); // 1.15 * 100 is 114.99999999999999 in floating point
    expect(money.parse(num(4.35))).toBe(435); // and 4.35 * 100 is 434.99999999999994
  });
  it("refuses more than 2 decimals, floating-point noise and exponents", () => {
    for (const bad of [12.345, 0.1 + 0.2, 1e21, 1e-7]) expect(money.safeParse(num(bad)).success, String(bad)).toBe(false);
    expect(message(money.safeParse(txt("12.345")))).toBe("enter an amount in pounds with at most 2 decimal places, like 1234.56");
  });
  it("reads text as people write amounts", () => {
    expect(money.parse(txt("£1,234.50"))).toBe(123450);
    expect(money.parse(txt("(250)"))).toBe(-25000);
    expect(money.parse(empty)).toBeNull();
    expect(moneyCell(0).parse(empty)).toBe(0);
  });
});

describe("other cells", () => {
  it("dates: date cells, ISO and UK text; not impossible dates", () => {
    const date = dateCell();
    expect(date.parse({ kind: "date", iso: "2018-06-30" })).toBe("2018-06-30");
    expect(date.parse(txt("30/06/2018"))).toBe("2018-06-30");
    expect(date.parse(txt("1/7/2018"))).toBe("2018-07-01");
    expect(date.parse(txt(" 2018-06-30 "))).toBe("2018-06-30");
    expect(date.parse(empty)).toBeNull();
    for (const bad of ["31/02/2018", "2018-13-01", "June 2018", "06/30/2018"]) expect(date.safeParse(txt(bad)).success, bad).toBe(false);
    expect(message(dateCell("enter the baseline date").safeParse(empty))).toBe("enter the baseline date");
  });
  it("whole numbers in a range", () => {
    const score = integerCell(1, 5);
    expect(score.parse(num(3))).toBe(3);
    expect(score.parse(txt(" 4 "))).toBe(4);
    for (const bad of [num(7), num(2.5), num(0), txt("three"), empty]) expect(message(score.safeParse(bad))).toBe("enter a whole number from 1 to 5");
  });
  it("enumerations by label or code, in any case", () => {
    const status = choiceCell({ not_started: "Not started", on_track: "On track" }, "not_started");
    expect(status.parse(txt("ON TRACK"))).toBe("on_track");
    expect(status.parse(txt("not_started"))).toBe("not_started");
    expect(status.parse(empty)).toBe("not_started");
    expect(message(status.safeParse(txt("Done")))).toBe("enter one of: Not started, On track");
  });
  it("text: trimmed, required, limited", () => {
    expect(textCell(10).parse(txt("  Title "))).toBe("Title");
    expect(textCell(10).parse(num(42))).toBe("42");
    expect(message(textCell(10, "enter the title").safeParse(empty))).toBe("enter the title");
    expect(message(textCell(3).safeParse(txt("four")))).toBe("must be 3 characters or fewer");
  });
  it("a bad cell (an Excel error) says why", () => {
    expect(message(textCell(10).safeParse({ kind: "bad", reason: "the cell shows the error #N/A" }))).toBe("the cell shows the error #N/A");
  });
});

describe("CSV formula injection (OWASP)", () => {
  it("prefixes text starting with = + - @ tab or CR with a single quote", () => {
    expect(["=1+1", "+44", "-x", "@SUM(A1)", "\tx", "safe", "a=b"].map(guardFormula)).toEqual(["'=1+1", "'+44", "'-x", "'@SUM(A1)", "'\tx", "safe", "a=b"]);
  });
  it("guards text cells only: amounts and numbers stay numbers", () => {
    const csv = writeCsv(
      [
        { header: "Title", kind: "text" },
        { header: "Amount", kind: "money" },
        { header: "Date", kind: "date" },
      ],
      [['=HYPERLINK("http://x")', -5050, "2018-06-30"]],
    );
    expect(csv).toBe('\uFEFF"Title","Amount","Date"\r\n"\'=HYPERLINK(""http://x"")","-50.50","2018-06-30"\r\n');
  });
  it("reads a guarded cell back as it was", async () => {
    const table = await readTable(Buffer.from('Title\r\n"\'=1+1"\r\n"\'plain"\r\n'), 10);
    expect(table.rows.map((r) => r.cells[0])).toEqual([txt("=1+1"), txt("'plain")]);
  });
});

describe("reading files", () => {
  it("detects the format from the content, not the name", () => {
    expect(detectFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1]))).toBe("xlsx");
    expect(detectFormat(Buffer.from("a,b\n"))).toBe("csv");
    expect(() => detectFormat(Buffer.alloc(0))).toThrow(FileProblem);
    expect(() => detectFormat(Buffer.from([0xff, 0xfe, 0x00]))).toThrow(/neither an XLSX/);
  });
  it("numbers rows as the spreadsheet shows them, skipping blank rows", async () => {
    const table = await readTable(Buffer.from("\uFEFFTitle,Date\r\nA,1\r\n,\r\nB,2\r\n"), 10);
    expect(table.headers).toEqual(["Title", "Date"]);
    expect(table.rows.map((r) => r.rowNumber)).toEqual([2, 4]);
  });
  it("writes and reads XLSX: money as pounds cells, dates as date cells, formulas by their result", async () => {
    const xlsx = await writeXlsx(
      "Sheet",
      [
        { header: "Amount", kind: "money" },
        { header: "Date", kind: "date" },
      ],
      [[123456, "2018-06-30"]],
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell("A2").value).toBe(1234.56);
    expect(sheet.getCell("A2").numFmt).toBe("£#,##0.00");
    sheet.getCell("A3").value = { formula: "A2*2", result: 2469.12 };
    sheet.getCell("B3").value = { richText: [{ text: "30/06/" }, { text: "2018" }] };
    sheet.getCell("A4").value = { formula: "A2*3" };
    const table = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 10);
    expect(table.rows.map((r) => r.cells)).toEqual([
      [num(1234.56), { kind: "date", iso: "2018-06-30" }],
      [num(2469.12), txt("30/06/2018")],
      [{ kind: "bad", reason: "the cell holds a formula without a saved value; enter the value itself" }, empty],
    ]);
  });
  it("refuses too many rows with a clear message", async () => {
    await expect(readTable(Buffer.from(`T\n${"x\n".repeat(11)}`), 10)).rejects.toThrow("more than 10 rows");
  });
});

describe("problems", () => {
  it("reads as the person sees the sheet", () => {
    expect(describeProblem({ row: 7, column: "Current likelihood", message: "enter a whole number from 1 to 5" })).toBe(
      "Row 7, Current likelihood: enter a whole number from 1 to 5",
    );
    expect(describeProblem({ row: null, column: null, message: "The file is empty" })).toBe("The file is empty");
    expect(columnLetter(0)).toBe("A");
    expect(columnLetter(27)).toBe("AB");
  });
});
