import { describe, expect, it } from "vitest";
import { contentDisposition, sanitiseFileName } from "./papers.files.ts";
import { formatBytes } from "./papers.schema.ts";

describe("sanitiseFileName", () => {
  it("keeps only the last path segment, so a name can never point elsewhere", () => {
    expect(sanitiseFileName("../../etc/passwd.pdf", "pdf")).toBe("passwd.pdf");
    expect(sanitiseFileName("C:\\Users\\jo\\Board report.docx", "docx")).toBe("Board report.docx");
    expect(sanitiseFileName("..", "pdf")).toBe("paper.pdf");
  });

  it("removes line breaks, control characters, quotes and bidirectional overrides", () => {
    expect(sanitiseFileName('evil"\r\nSet-Cookie: x=y.pdf', "pdf")).toBe("evil Set-Cookie x=y.pdf");
    expect(sanitiseFileName("report\u0000\u2028name.pdf", "pdf")).toBe("report name.pdf");
    expect(sanitiseFileName("invoice\u202Efdp.exe", "pdf")).toBe("invoicefdp.exe.pdf");
    expect(sanitiseFileName(".hidden.pdf", "pdf")).toBe("hidden.pdf");
  });

  it("ends the name with the extension of what the content is", () => {
    expect(sanitiseFileName("minutes.exe", "pdf")).toBe("minutes.exe.pdf");
    expect(sanitiseFileName("Plan.PDF", "pdf")).toBe("Plan.pdf");
    expect(sanitiseFileName("", "xlsx")).toBe("paper.xlsx");
    expect(sanitiseFileName(`${"a".repeat(400)}.pdf`, "pdf")).toHaveLength(150);
  });
});

describe("contentDisposition", () => {
  it("is an attachment with an ASCII fallback and the UTF-8 name", () => {
    expect(contentDisposition("Stratégie clinique.pdf", "pdf")).toBe(
      `attachment; filename="Strat_gie clinique.pdf"; filename*=UTF-8''Strat%C3%A9gie%20clinique.pdf`,
    );
    const hostile = contentDisposition('a"b\\c\r\nd.pdf', "pdf");
    expect(hostile).not.toMatch(/[\r\n]/);
    expect(hostile).toBe(`attachment; filename="c d.pdf"; filename*=UTF-8''c%20d.pdf`);
  });
});

describe("formatBytes", () => {
  it("speaks in the units people see", () => {
    expect(formatBytes(26_214_400)).toBe("25 MB");
    expect(formatBytes(1_572_864)).toBe("1.5 MB");
    expect(formatBytes(65_536)).toBe("64 KB");
    expect(formatBytes(1)).toBe("1 byte");
  });
});
