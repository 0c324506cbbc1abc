import { PDFDict, PDFHexString, PDFName, PDFNull, PDFNumber, PDFString, type PDFDocument, type PDFRef } from "pdf-lib";

/** A bookmark: its title, the (0-based) page it opens at, and bookmarks beneath it. */
export interface OutlineEntry {
  title: string;
  pageIndex: number;
  children?: OutlineEntry[];
}

/** Control characters have no place in a bookmark title; anything else is fine (titles are UTF-16). */
const printable = (title: string) =>
  [...title]
    .map((c) => (c.codePointAt(0)! < 0x20 || c === "\u007f" ? " " : c))
    .join("")
    .trim();

/**
 * Writes the document outline (bookmarks). pdf-lib has no API for outlines, so the dictionaries
 * are built by hand (ISO 32000-1, 12.3.3): the /Outlines root holds /First, /Last and /Count;
 * each entry /Title, /Parent, /Prev, /Next, /First, /Last, /Count (negative: shown closed) and a
 * /Dest of [page /XYZ null null null] (open the page at the current zoom). The catalog asks
 * viewers to show the bookmarks panel.
 */
export function addOutline(doc: PDFDocument, entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const context = doc.context;
  const pages = doc.getPages();
  const rootRef = context.nextRef();

  /** Writes a list of siblings under `parent`; returns their refs. */
  const writeLevel = (list: readonly OutlineEntry[], parent: PDFRef): PDFRef[] => {
    const refs = list.map(() => context.nextRef());
    list.forEach((entry, i) => {
      const page = pages[Math.min(Math.max(entry.pageIndex, 0), pages.length - 1)]!;
      const dict = PDFDict.withContext(context);
      dict.set(PDFName.of("Title"), PDFHexString.fromText(printable(entry.title)));
      dict.set(PDFName.of("Parent"), parent);
      if (i > 0) dict.set(PDFName.of("Prev"), refs[i - 1]!);
      if (i < refs.length - 1) dict.set(PDFName.of("Next"), refs[i + 1]!);
      dict.set(PDFName.of("Dest"), context.obj([page.ref, PDFName.of("XYZ"), PDFNull, PDFNull, PDFNull]));
      const children = entry.children ?? [];
      if (children.length > 0) {
        const childRefs = writeLevel(children, refs[i]!);
        dict.set(PDFName.of("First"), childRefs[0]!);
        dict.set(PDFName.of("Last"), childRefs[childRefs.length - 1]!);
        // Closed: the count of descendants, negated.
        dict.set(PDFName.of("Count"), PDFNumber.of(-children.length));
      }
      context.assign(refs[i]!, dict);
    });
    return refs;
  };

  const top = writeLevel(entries, rootRef);
  const root = PDFDict.withContext(context);
  root.set(PDFName.of("Type"), PDFName.of("Outlines"));
  root.set(PDFName.of("First"), top[0]!);
  root.set(PDFName.of("Last"), top[top.length - 1]!);
  // Every top-level entry is visible; their children are closed.
  root.set(PDFName.of("Count"), PDFNumber.of(top.length));
  context.assign(rootRef, root);
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}

/** Reads a document's outline back (for tests and checks): titles with the 0-based page each opens at. */
export function readOutline(doc: PDFDocument): OutlineEntry[] {
  const pageIndex = new Map(doc.getPages().map((p, i) => [p.ref.toString(), i]));
  const root = doc.catalog.lookupMaybe(PDFName.of("Outlines"), PDFDict);
  const readLevel = (first: PDFDict | undefined): OutlineEntry[] => {
    const out: OutlineEntry[] = [];
    for (let node = first; node; node = node.lookupMaybe(PDFName.of("Next"), PDFDict)) {
      const raw = node.lookup(PDFName.of("Title"));
      const title = raw instanceof PDFHexString || raw instanceof PDFString ? raw.decodeText() : "";
      const dest = node.lookup(PDFName.of("Dest"));
      const target = dest && "get" in dest && typeof dest.get === "function" ? (dest as { get(i: number): unknown }).get(0) : undefined;
      const children = readLevel(node.lookupMaybe(PDFName.of("First"), PDFDict));
      out.push({ title, pageIndex: pageIndex.get(String(target)) ?? -1, ...(children.length > 0 ? { children } : {}) });
    }
    return out;
  };
  return readLevel(root?.lookupMaybe(PDFName.of("First"), PDFDict));
}
