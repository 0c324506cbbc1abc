import { describe, expect, it } from "vitest";
import { PDFDocument, StandardFonts } from "pdf-lib";
import JSZip from "jszip";
import { detectDocumentFormat, extractDocumentText } from "./documents.ts";

/** A real two-page PDF with text on it. */
async function pdfWith(lines: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const line of lines) doc.addPage().drawText(line, { x: 50, y: 700, size: 14, font });
  return Buffer.from(await doc.save());
}

/** A minimal but valid Word document. */
async function docxWith(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    "[Content_Types].xml",
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    "_rels/.rels",
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    "word/document.xml",
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: "nodebuffer" });
}

describe("detectDocumentFormat", () => {
  it("knows documents by their content, not their name", async () => {
    expect(await detectDocumentFormat(await pdfWith(["Stroke review"]))).toBe("pdf");
    expect(await detectDocumentFormat(await docxWith("Children's agenda"))).toBe("docx");
    expect(await detectDocumentFormat(Buffer.from("%PDX not really a pdf, just text named paper.pdf"))).toBeNull();
    expect(await detectDocumentFormat(Buffer.alloc(0))).toBeNull();
    // A PNG is a real file type, but not a paper format.
    expect(await detectDocumentFormat(Buffer.from("89504e470d0a1a0a0000000d49484452", "hex"))).toBeNull();
  });
});

describe("extractDocumentText", () => {
  it("reads the text and page count of a PDF", async () => {
    const result = await extractDocumentText("pdf", await pdfWith(["Estates workbook", "Capital plan"]));
    expect(result.pageCount).toBe(2);
    expect(result.text).toContain("Estates workbook");
    expect(result.text).toContain("Capital plan");
  });

  it("reads the text of a Word document", async () => {
    expect((await extractDocumentText("docx", await docxWith("Better Together conference"))).text).toBe("Better Together conference");
  });

  it("reports a damaged document instead of failing", async () => {
    const result = await extractDocumentText("pdf", Buffer.from("%PDF-1.7\n garbage"));
    expect(result.text).toBeNull();
    expect(result.problem).toBeTruthy();
  });
});
