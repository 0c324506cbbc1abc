import { PDFDocument, PDFName, StandardFonts } from "pdf-lib";
import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { buildPackPdf, UnreadablePaper, type PackInput, type PackItemInput, type PackPaperInput } from "./board-packs.pdf.ts";
import { readOutline } from "./board-packs.outline.ts";
import { encryptedPdf, paperPdf, truncatedPdf } from "./board-packs.test-documents.ts";
import { sanitiseForFont, wrapText } from "./board-packs.text.ts";

function paper(id: string, title: string, format: PackPaperInput["format"] = "pdf"): PackPaperInput {
  return {
    id,
    title,
    format,
    formatLabel: format === "pdf" ? "PDF" : "Word document (DOCX)",
    sizeBytes: 24_000,
    versionNumber: 1,
    downloadUrl: `https://quorum.example/papers/${id}/download`,
  };
}

function item(n: number, papers: PackPaperInput[], extra: Partial<PackItemInput> = {}): PackItemInput {
  return {
    id: `item-${n}`,
    number: String(n),
    depth: 0,
    title: `Agenda item ${n}`,
    presenters: [{ name: "Glenn Douglas", roleLabel: "STP Chief Executive" }],
    purpose: "For decision",
    time: "10:00",
    durationMinutes: 15,
    recommendation: "The board is asked to agree the recommendation.",
    part2: false,
    exemptionReason: null,
    papers,
    ...extra,
  };
}

const base: Omit<PackInput, "items"> = {
  partnershipName: "Kent and Medway STP",
  bodyName: "Programme Board",
  meetingTitle: "Programme Board, 5 March 2018",
  date: "Monday 5 March 2018",
  time: "10:00 to 12:00 (UK time)",
  venue: "Maidstone",
  full: false,
};

async function pagesText(pdf: Uint8Array): Promise<string[]> {
  const proxy = await getDocumentProxy(new Uint8Array(pdf));
  const { text } = await extractText(proxy, { mergePages: false });
  return text;
}

describe("sanitiseForFont", () => {
  it("keeps WinAnsi, replaces or drops the rest", async () => {
    const doc = await PDFDocument.create();
    const font = await doc.embedFont(StandardFonts.Helvetica);
    expect(sanitiseForFont("“Quoted” – £5 ≥ 95% 🚀 ✓ Łódź", font)).toBe("“Quoted” – £5 >= 95% Yes Lódz");
    expect(sanitiseForFont("日本", font)).toBe("??");
    expect(() => font.encodeText(sanitiseForFont("a ≥ b 🎉\u200d x", font))).not.toThrow();
    expect(wrapText("a".repeat(200), font, 10, 100).length).toBeGreaterThan(1);
  });
});

describe("buildPackPdf", () => {
  it("numbers every page, lists the real start pages in the agenda and points bookmarks at them", async () => {
    const sizes = [3, 1, 5, 2];
    const items = [
      item(1, [paper("p1", "Finance report ≥ plan 🚀"), paper("p2", "Appendix")]),
      item(2, [paper("p3", "Strategy", "docx")]),
      item(3, [paper("p4", "Estates"), paper("p5", "Rotated annex")]),
      item(4, []),
    ];
    const files: Record<string, Buffer> = {
      p1: await paperPdf("P1", sizes[0]!),
      p2: await paperPdf("P2", sizes[1]!, { letter: true }),
      p4: await paperPdf("P4", sizes[2]!),
      p5: await paperPdf("P5", sizes[3]!, { rotate: 90 }),
    };
    const built = await buildPackPdf({ ...base, items }, async (p) => files[p.id]!);
    const doc = await PDFDocument.load(built.pdf, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(built.pages);
    expect(doc.getTitle()).toBe("Programme Board, 5 March 2018 – Public pack");
    expect(doc.catalog.get(PDFName.of("Lang"))?.toString()).toContain("en-GB");
    expect(doc.getProducer()).toBe("Quorum");

    const text = await pagesText(built.pdf);
    text.forEach((t, i) => expect(t).toContain(`Page ${i + 1} of ${built.pages}`));
    // The item 1 cover sheet, then P1's pages, in order.
    const item1 = built.items[0]!;
    expect(text[item1.startPage - 1]).toContain("Item 1");
    expect(text[item1.papers[0]!.startPage - 1]).toContain("P1 - sheet 1");
    expect(text[item1.papers[1]!.startPage - 1]).toContain("P2 - sheet 1");
    // The DOCX paper is one page pointing to its download.
    const docx = built.items[1]!.papers[0]!;
    expect(docx).toMatchObject({ merged: false, pageCount: 1 });
    expect(text[docx.startPage - 1]).toContain("https://quorum.example/papers/p3/download");

    // The agenda (page 2) lists each item's start page.
    const agenda = text[1]!;
    for (const l of built.items) expect(agenda).toMatch(new RegExp(`${l.title}[\\s\\S]*?\\d\\d:\\d\\d\\s+${l.startPage}\\b`));

    const outline = readOutline(doc);
    const itemsOutline = outline.filter((o) => /^\d+\. /.test(o.title));
    expect(itemsOutline.map((o) => o.pageIndex + 1)).toEqual(built.items.map((l) => l.startPage));
    expect(itemsOutline[0]!.title).toBe("1. Agenda item 1");
    expect(itemsOutline[0]!.children?.map((c) => c.title)).toEqual(["Finance report ≥ plan 🚀", "Appendix"]);
  });

  it("refuses an encrypted or damaged paper, naming it", async () => {
    const enc = await encryptedPdf();
    await expect(buildPackPdf({ ...base, items: [item(1, [paper("e", "Locked")])] }, async () => enc)).rejects.toMatchObject({ reason: "encrypted" });
    const cut = await truncatedPdf();
    const err = await buildPackPdf({ ...base, items: [item(1, []), item(2, [paper("d", "Cut")])] }, async () => cut).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnreadablePaper);
    expect(err).toMatchObject({ reason: "damaged", paper: { title: "Cut" }, item: { number: "2" } });
    const garbage = Buffer.from("%PDF-1.7\nnot really a pdf");
    await expect(buildPackPdf({ ...base, items: [item(1, [paper("g", "Junk")])] }, async () => garbage)).rejects.toBeInstanceOf(UnreadablePaper);
  });

  it("spreads a long agenda over pages and still gets the numbers right", async () => {
    const items = Array.from({ length: 40 }, (_, i) => item(i + 1, [], { recommendation: "Agree. ".repeat(i === 38 ? 900 : 20) }));
    const built = await buildPackPdf({ ...base, items }, async () => Buffer.alloc(0));
    const text = await pagesText(built.pdf);
    for (const l of built.items) expect(text[l.startPage - 1]).toContain(`Item ${l.number}`);
    expect(built.items[39]!.startPage).toBeGreaterThan(built.items[38]!.startPage + 1);
  });
});
