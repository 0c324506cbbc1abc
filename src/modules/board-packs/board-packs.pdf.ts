import { PDFDocument, PDFName, PDFNull, StandardFonts, degrees, rgb, type PDFFont, type PDFPage } from "pdf-lib";
import { sanitiseForFont, wrapText } from "./board-packs.text.ts";
import { addOutline, type OutlineEntry } from "./board-packs.outline.ts";

// ---------------------------------------------------------------------------------------------
// What goes into a pack (the service gathers it, already filtered for the viewer)

/** A paper as the pack shows it; PDFs are merged in, other formats get a page saying where to download them. */
export interface PackPaperInput {
  id: string;
  title: string;
  format: "pdf" | "docx" | "xlsx" | "pptx" | "odt";
  /** e.g. "Word document (DOCX)". */
  formatLabel: string;
  sizeBytes: number;
  versionNumber: number;
  downloadUrl: string;
}

export interface PackItemInput {
  id: string;
  number: string;
  depth: number;
  title: string;
  presenters: { name: string; roleLabel: string | null }[];
  /** e.g. "For decision"; null when the item has no stated purpose. */
  purpose: string | null;
  /** e.g. "10:30" (Europe/London). */
  time: string;
  durationMinutes: number | null;
  recommendation: string | null;
  part2: boolean;
  /** Printed on the cover sheet of a Part II item (full pack only). */
  exemptionReason: string | null;
  papers: PackPaperInput[];
  /** Extra sections printed after the cover sheet (e.g. a portfolio deep dive). */
  sections?: { heading: string; lines: string[] }[];
}

export interface PackInput {
  partnershipName: string;
  bodyName: string;
  meetingTitle: string;
  /** e.g. "Monday 5 March 2018". */
  date: string;
  /** e.g. "10:00 to 12:00 (UK time)". */
  time: string;
  venue: string;
  full: boolean;
  items: PackItemInput[];
}

export interface PackPaperLayout {
  id: string;
  title: string;
  startPage: number;
  pageCount: number;
  /** False when the paper could not be converted and a page points to its download instead. */
  merged: boolean;
}

export interface PackItemLayout {
  id: string;
  number: string;
  title: string;
  startPage: number;
  papers: PackPaperLayout[];
}

export interface BuiltPack {
  pdf: Uint8Array;
  pages: number;
  items: PackItemLayout[];
}

/** A paper whose PDF cannot be merged (password-protected or damaged): the pack is refused, naming it. */
export class UnreadablePaper extends Error {
  constructor(
    readonly paper: PackPaperInput,
    readonly item: PackItemInput,
    readonly reason: "encrypted" | "damaged" | "missing",
  ) {
    super(`paper ${paper.id} is ${reason}`);
  }
}

/** Thrown by a paper reader when the paper's file is not in the file store. */
export class PaperFileMissing extends Error {}

export const PACK_LABELS = {
  public: "Public pack",
  full: "Full pack — contains confidential Part II material",
} as const;

// ---------------------------------------------------------------------------------------------
// Page geometry (A4, points)

const PAGE: [number, number] = [595.28, 841.89];
const MARGIN = 56;
const TOP = PAGE[1] - MARGIN;
const BOTTOM = MARGIN + 10;
const WIDTH = PAGE[0] - 2 * MARGIN;
const INK = rgb(0.13, 0.13, 0.13);
const NHS_BLUE = rgb(0, 0.37, 0.72);
const GREY = rgb(0.3, 0.3, 0.3);
const RED = rgb(0.7, 0.12, 0.12);

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
}

type Colour = ReturnType<typeof rgb>;
type Op =
  | { t: "text"; x: number; y: number; size: number; bold: boolean; text: string; colour: Colour }
  | { t: "rule"; y: number; thickness: number; colour: Colour }
  | { t: "link"; x: number; y: number; width: number; height: number; targetPage: number };

/** Our own pages, laid out as drawing operations first, so they can be counted before anything is drawn. */
class Flow {
  readonly pages: Op[][] = [];
  y = TOP;
  constructor(
    private readonly fonts: Fonts,
    private readonly onNewPage?: (flow: Flow) => void,
  ) {
    this.newPage();
  }

  get ops(): Op[] {
    return this.pages[this.pages.length - 1]!;
  }

  newPage(): void {
    this.pages.push([]);
    this.y = TOP;
    if (this.pages.length > 1) this.onNewPage?.(this);
  }

  /** Starts a new page unless `height` more points fit on this one. */
  keep(height: number): void {
    if (this.y - height < BOTTOM && this.y < TOP) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  clean(text: string): string {
    return sanitiseForFont(text, this.fonts.regular);
  }

  lines(text: string, size: number, width: number, bold = false): string[] {
    return wrapText(this.clean(text), bold ? this.fonts.bold : this.fonts.regular, size, width);
  }

  /** Writes wrapped text at `x`, moving down a line at a time (and over pages as needed). */
  text(text: string, opts: { size?: number; bold?: boolean; x?: number; width?: number; colour?: Colour; leading?: number } = {}): void {
    const size = opts.size ?? 11;
    const x = opts.x ?? MARGIN;
    const leading = opts.leading ?? size * 1.35;
    for (const line of this.lines(text, size, opts.width ?? MARGIN + WIDTH - x, opts.bold)) {
      this.keep(leading);
      this.y -= leading;
      if (line !== "")
        this.ops.push({ t: "text", x, y: this.y + (leading - size) / 2, size, bold: opts.bold ?? false, text: line, colour: opts.colour ?? INK });
    }
  }

  /** Text ending at `right`, on the current baseline (for page numbers in a column). */
  rightAligned(text: string, right: number, y: number, size: number, bold = false): void {
    const clean = this.clean(text);
    const width = (bold ? this.fonts.bold : this.fonts.regular).widthOfTextAtSize(clean, size);
    this.ops.push({ t: "text", x: right - width, y, size, bold, text: clean, colour: INK });
  }

  rule(thickness = 0.75, colour: Colour = GREY): void {
    this.ops.push({ t: "rule", y: this.y, thickness, colour });
  }
}

// ---------------------------------------------------------------------------------------------
// The pages we write

function coverPage(flow: Flow, input: PackInput): void {
  flow.gap(120);
  flow.text(input.partnershipName, { size: 14, colour: NHS_BLUE, bold: true });
  flow.gap(6);
  flow.text(input.bodyName, { size: 16 });
  flow.gap(18);
  flow.text(input.meetingTitle, { size: 26, bold: true, leading: 32 });
  flow.gap(24);
  for (const [label, value] of [
    ["Date", input.date],
    ["Time", input.time],
    ["Venue", input.venue],
  ] as const) {
    flow.text(label, { size: 10, colour: GREY });
    flow.text(value, { size: 13 });
    flow.gap(8);
  }
  flow.gap(30);
  flow.rule(1.5, input.full ? RED : NHS_BLUE);
  flow.gap(6);
  flow.text(input.full ? PACK_LABELS.full : PACK_LABELS.public, { size: 16, bold: true, colour: input.full ? RED : NHS_BLUE });
  flow.text(
    input.full
      ? "This pack includes Part II items, which are exempt from publication. Do not share it outside those entitled to see them."
      : "This pack contains the items and papers to be considered in public (Part I).",
    { size: 11, colour: GREY },
  );
}

const COL = { number: MARGIN, item: MARGIN + 40, time: MARGIN + 340, page: MARGIN + WIDTH };
const ITEM_WIDTH = COL.time - COL.item - 12;

function agendaHeader(flow: Flow): void {
  flow.keep(40);
  flow.gap(16);
  const y = flow.y + 3;
  for (const [text, x] of [
    ["No.", COL.number],
    ["Item", COL.item],
    ["Time", COL.time],
  ] as const)
    flow.ops.push({ t: "text", x, y, size: 10, bold: true, text, colour: INK });
  flow.rightAligned("Page", COL.page, y, 10, true);
  flow.gap(4);
  flow.rule();
}

function presentersLine(item: PackItemInput): string | null {
  if (item.presenters.length === 0) return null;
  return item.presenters.map((p) => (p.roleLabel ? `${p.name}, ${p.roleLabel}` : p.name)).join("; ");
}

/** The agenda: one row per item with where it starts; `startPages` is empty on the counting pass. */
function agendaPages(fonts: Fonts, input: PackInput, startPages: ReadonlyMap<string, number>): Op[][] {
  const flow = new Flow(fonts, (f) => {
    f.text("Agenda (continued)", { size: 14, bold: true });
    agendaHeader(f);
  });
  flow.text("Agenda", { size: 22, bold: true, leading: 28 });
  flow.text(`${input.bodyName} · ${input.date} · ${input.time}`, { size: 11, colour: GREY });
  if (input.items.length === 0) {
    flow.gap(12);
    flow.text("No items have been added to the agenda.");
    return flow.pages;
  }
  agendaHeader(flow);
  for (const item of input.items) {
    const indent = item.depth > 0 ? 14 : 0;
    const titleLines = flow.lines(item.title, 11, ITEM_WIDTH - indent, true);
    const detail = [presentersLine(item), item.purpose, item.part2 ? "Part II – confidential" : null].filter((d): d is string => d !== null);
    const detailLines = detail.flatMap((d) => flow.lines(d, 9, ITEM_WIDTH - indent));
    const height = titleLines.length * 15 + detailLines.length * 12 + 14;
    flow.keep(height);
    flow.gap(8);
    const top = flow.y;
    const baseline = flow.y - 13;
    // Written in reading order (number, item, time, page): untagged PDFs are read in content order.
    flow.ops.push({ t: "text", x: COL.number + indent, y: baseline, size: 11, bold: true, text: flow.clean(item.number), colour: INK });
    const row = flow.pages.length;
    flow.text(item.title, { size: 11, bold: true, x: COL.item + indent, width: ITEM_WIDTH - indent, leading: 15 });
    for (const d of detail)
      flow.text(d, { size: 9, x: COL.item + indent, width: ITEM_WIDTH - indent, leading: 12, colour: item.part2 && d.startsWith("Part II") ? RED : GREY });
    const ops = flow.pages[row - 1]!;
    ops.push({ t: "text", x: COL.time, y: baseline, size: 11, bold: false, text: item.time, colour: INK });
    const start = startPages.get(item.id);
    const pageText = start === undefined ? "" : String(start);
    const pageWidth = fonts.bold.widthOfTextAtSize(pageText, 11);
    ops.push({ t: "text", x: COL.page - pageWidth, y: baseline, size: 11, bold: true, text: pageText, colour: INK });
    if (start !== undefined) flow.ops.push({ t: "link", x: MARGIN, y: flow.y, width: WIDTH, height: top - flow.y, targetPage: start });
    flow.gap(6);
    flow.rule(0.25);
  }
  return flow.pages;
}

function field(flow: Flow, label: string, value: string, colour: Colour = INK): void {
  flow.keep(40);
  flow.gap(10);
  flow.text(label, { size: 10, bold: true, colour: GREY });
  flow.text(value, { size: 11, colour });
}

/** An item's cover sheet; `paperPages` (start pages of its papers) is empty on the counting pass. */
function coverSheetPages(fonts: Fonts, item: PackItemInput, paperPages: ReadonlyMap<string, PackPaperLayout>): Op[][] {
  const flow = new Flow(fonts, (f) => f.text(`Item ${item.number} (continued)`, { size: 12, bold: true, colour: GREY }));
  flow.text(`Item ${item.number}`, { size: 14, bold: true, colour: item.part2 ? RED : NHS_BLUE });
  flow.gap(4);
  flow.text(item.title, { size: 20, bold: true, leading: 26 });
  flow.gap(4);
  flow.rule(1, item.part2 ? RED : NHS_BLUE);
  if (item.part2)
    field(flow, "Part II – confidential", item.exemptionReason ? `Exempt from publication: ${item.exemptionReason}` : "Exempt from publication", RED);
  field(flow, item.presenters.length > 1 ? "Presenters" : "Presenter", presentersLine(item) ?? "Not named");
  field(flow, "Purpose", item.purpose ?? "Not stated");
  field(flow, "Time", item.durationMinutes ? `${item.time}, ${item.durationMinutes} minutes` : item.time);
  if (item.recommendation) field(flow, "Recommendation", item.recommendation);
  flow.keep(40);
  flow.gap(10);
  flow.text("Papers", { size: 10, bold: true, colour: GREY });
  if (item.papers.length === 0) flow.text("No papers for this item.", { size: 11 });
  for (const paper of item.papers) {
    const layout = paperPages.get(paper.id);
    const lines = flow.lines(paper.title, 11, ITEM_WIDTH + 60);
    flow.keep(lines.length * 15 + 14);
    const baseline = flow.y - 13;
    const ops = flow.ops;
    flow.text(paper.title, { size: 11, width: ITEM_WIDTH + 60, leading: 15 });
    flow.text(
      paper.format === "pdf"
        ? `PDF${layout ? `, ${layout.pageCount} page${layout.pageCount === 1 ? "" : "s"}` : ""}`
        : `${paper.formatLabel}: not included; see its page`,
      {
        size: 9,
        colour: GREY,
        leading: 12,
      },
    );
    // After the title, so the page number is read after it.
    if (layout) {
      const text = `page ${layout.startPage}`;
      ops.push({ t: "text", x: COL.page - fonts.regular.widthOfTextAtSize(text, 11), y: baseline, size: 11, bold: false, text, colour: INK });
    }
  }
  for (const section of item.sections ?? []) {
    flow.keep(40);
    flow.gap(16);
    flow.text(section.heading, { size: 13, bold: true });
    for (const line of section.lines) flow.text(line, { size: 10 });
  }
  return flow.pages;
}

function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The page standing in for a paper that cannot be converted to PDF here. */
function placeholderPage(fonts: Fonts, item: PackItemInput, paper: PackPaperInput): Op[][] {
  const flow = new Flow(fonts);
  flow.text(`Item ${item.number} · paper`, { size: 12, bold: true, colour: GREY });
  flow.gap(4);
  flow.text(paper.title, { size: 18, bold: true, leading: 24 });
  flow.gap(12);
  flow.text(
    `This paper is a ${paper.formatLabel} (${sizeText(paper.sizeBytes)}, version ${paper.versionNumber}). It cannot be converted into this PDF pack, so it is not included here.`,
  );
  flow.gap(12);
  flow.text("Download it from:", { bold: true });
  flow.text(paper.downloadUrl, { colour: NHS_BLUE });
  return flow.pages.slice(0, 1);
}

// ---------------------------------------------------------------------------------------------
// Assembly

async function loadPaper(bytes: Uint8Array, item: PackItemInput, paper: PackPaperInput): Promise<PDFDocument> {
  let doc: PDFDocument;
  try {
    // Loaded even if encrypted, so as to say so: pdf-lib's EncryptedPDFError does not survive `instanceof`.
    doc = await PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true });
  } catch {
    throw new UnreadablePaper(paper, item, "damaged");
  }
  if (doc.isEncrypted) throw new UnreadablePaper(paper, item, "encrypted");
  try {
    if (doc.getPageCount() === 0) throw new Error("no pages");
  } catch {
    throw new UnreadablePaper(paper, item, "damaged");
  }
  return doc;
}

type PageSource = { kind: "ours"; ops: Op[] } | { kind: "paper"; doc: PDFDocument; paperId: string; index: number };

function draw(page: PDFPage, ops: Op[], fonts: Fonts, pageRefs: (index: number) => PDFPage | undefined): void {
  for (const op of ops) {
    if (op.t === "text") page.drawText(op.text, { x: op.x, y: op.y, size: op.size, font: op.bold ? fonts.bold : fonts.regular, color: op.colour });
    else if (op.t === "rule") page.drawLine({ start: { x: MARGIN, y: op.y }, end: { x: MARGIN + WIDTH, y: op.y }, thickness: op.thickness, color: op.colour });
    else {
      const target = pageRefs(op.targetPage - 1);
      if (!target) continue;
      const context = page.doc.context;
      const link = context.register(
        context.obj({
          Type: "Annot",
          Subtype: "Link",
          Rect: [op.x, op.y, op.x + op.width, op.y + op.height],
          Border: [0, 0, 0],
          Dest: [target.ref, PDFName.of("XYZ"), PDFNull, PDFNull, PDFNull],
        }),
      );
      const annots = page.node.Annots();
      if (annots) annots.push(link);
      else page.node.set(PDFName.of("Annots"), context.obj([link]));
    }
  }
}

/** "Page X of N" at the bottom right of the page as it is displayed, whatever its size, offset or rotation. */
function stamp(page: PDFPage, text: string, font: PDFFont): void {
  const size = 8;
  const box = page.getCropBox();
  const rotation = ((page.getRotation().angle % 360) + 360) % 360;
  const turned = rotation === 90 || rotation === 270;
  const shownWidth = turned ? box.height : box.width;
  const dx = shownWidth - 24 - font.widthOfTextAtSize(text, size);
  const dy = 18;
  // Displayed (dx, dy) → the page's own coordinates.
  const [x, y] =
    rotation === 90
      ? [box.x + box.width - dy, box.y + dx]
      : rotation === 180
        ? [box.x + box.width - dx, box.y + box.height - dy]
        : rotation === 270
          ? [box.x + dy, box.y + box.height - dx]
          : [box.x + dx, box.y + dy];
  page.drawText(text, { x, y, size, font, color: INK, rotate: degrees(rotation) });
}

/**
 * Builds a board pack: cover page, agenda with the page each item starts on, then per item a cover
 * sheet and its papers. Our pages are laid out first and counted, so the agenda's page numbers are
 * known before anything is drawn (the page column has a fixed width, so numbers never change the
 * layout); the agenda is then laid out again with them and must come out the same length.
 */
export async function buildPackPdf(input: PackInput, readPaper: (paper: PackPaperInput) => Promise<Uint8Array>): Promise<BuiltPack> {
  const doc = await PDFDocument.create();
  const fonts: Fonts = { regular: await doc.embedFont(StandardFonts.Helvetica), bold: await doc.embedFont(StandardFonts.HelveticaBold) };

  // Load every PDF paper first: an unreadable one refuses the whole pack before any work is wasted.
  const paperDocs = new Map<string, PDFDocument>();
  for (const item of input.items) {
    for (const paper of item.papers) {
      if (paper.format !== "pdf" || paperDocs.has(paper.id)) continue;
      let bytes: Uint8Array;
      try {
        bytes = await readPaper(paper);
      } catch (err) {
        if (err instanceof PaperFileMissing) throw new UnreadablePaper(paper, item, "missing");
        throw err;
      }
      paperDocs.set(paper.id, await loadPaper(bytes, item, paper));
    }
  }

  // Pass 1: count.
  const cover = new Flow(fonts);
  coverPage(cover, input);
  const agendaCount = agendaPages(fonts, input, new Map()).length;
  let next = 1 + cover.pages.length + agendaCount;
  const startPages = new Map<string, number>();
  const paperLayouts = new Map<string, PackPaperLayout>();
  const layouts: PackItemLayout[] = [];
  for (const item of input.items) {
    startPages.set(item.id, next);
    next += coverSheetPages(fonts, item, new Map()).length;
    const papers: PackPaperLayout[] = [];
    for (const paper of item.papers) {
      const pdf = paperDocs.get(paper.id);
      const layout = { id: paper.id, title: paper.title, startPage: next, pageCount: pdf ? pdf.getPageCount() : 1, merged: pdf !== undefined };
      papers.push(layout);
      paperLayouts.set(paper.id, layout);
      next += layout.pageCount;
    }
    layouts.push({ id: item.id, number: item.number, title: item.title, startPage: startPages.get(item.id)!, papers });
  }
  const total = next - 1;

  // Pass 2: lay out again with the numbers, and check nothing moved.
  const sources: PageSource[] = [...cover.pages.map((ops) => ({ kind: "ours" as const, ops }))];
  const agenda = agendaPages(fonts, input, startPages);
  if (agenda.length !== agendaCount) throw new Error("board pack agenda changed length between passes");
  sources.push(...agenda.map((ops) => ({ kind: "ours" as const, ops })));
  for (const item of input.items) {
    const sheet = coverSheetPages(fonts, item, paperLayouts);
    if (sources.length + 1 !== startPages.get(item.id)) throw new Error("board pack cover sheet moved between passes");
    sources.push(...sheet.map((ops) => ({ kind: "ours" as const, ops })));
    for (const paper of item.papers) {
      const pdf = paperDocs.get(paper.id);
      if (pdf) sources.push(...pdf.getPageIndices().map((index) => ({ kind: "paper" as const, doc: pdf, paperId: paper.id, index })));
      else sources.push(...placeholderPage(fonts, item, paper).map((ops) => ({ kind: "ours" as const, ops })));
    }
  }
  if (sources.length !== total) throw new Error("board pack page count changed between passes");

  // Draw: add every page in order first (links need their targets), then draw our pages.
  const copied = new Map<string, PDFPage[]>();
  for (const [paperId, pdf] of paperDocs) {
    try {
      copied.set(paperId, await doc.copyPages(pdf, pdf.getPageIndices()));
    } catch {
      const item = input.items.find((i) => i.papers.some((p) => p.id === paperId))!;
      throw new UnreadablePaper(
        item.papers.find((p) => p.id === paperId)!,
        item,
        "damaged",
      );
    }
  }
  const pages: PDFPage[] = sources.map((s) => (s.kind === "ours" ? doc.addPage(PAGE) : doc.addPage(copied.get(s.paperId)![s.index])));
  sources.forEach((s, i) => {
    if (s.kind === "ours") draw(pages[i]!, s.ops, fonts, (index) => pages[index]);
  });
  const footer = sanitiseForFont(`${input.bodyName} · ${input.date} · ${input.full ? "Full pack (contains Part II)" : PACK_LABELS.public}`, fonts.regular);
  pages.forEach((page, i) => {
    if (sources[i]!.kind === "ours") page.drawText(footer, { x: MARGIN, y: 18, size: 8, font: fonts.regular, color: GREY });
    stamp(page, `Page ${i + 1} of ${total}`, fonts.regular);
  });

  // Bookmarks: the agenda, then each item with its papers beneath it.
  const outline: OutlineEntry[] = [
    { title: "Cover", pageIndex: 0 },
    { title: "Agenda", pageIndex: cover.pages.length },
    ...layouts.map((l) => ({
      title: `${l.number}. ${l.title}`,
      pageIndex: l.startPage - 1,
      children: l.papers.map((p) => ({ title: p.title, pageIndex: p.startPage - 1 })),
    })),
  ];
  addOutline(doc, outline);

  const title = `${input.meetingTitle} – ${input.full ? "Full pack" : "Public pack"}`;
  doc.setTitle(title, { showInWindowTitleBar: true });
  doc.setSubject(`${input.bodyName}, ${input.date}`);
  doc.setAuthor(input.partnershipName);
  doc.setLanguage("en-GB");
  doc.setCreator("Quorum");
  doc.setProducer("Quorum");
  const pdf = await doc.save();
  return { pdf, pages: total, items: layouts };
}
