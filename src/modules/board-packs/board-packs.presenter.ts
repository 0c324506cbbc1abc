import type { BoardPack } from "./board-packs.service.ts";
import type { PackOutput } from "./board-packs.schema.ts";

/** The page's view of a pack: the JSON view, plus a link to the other pack where the viewer may have it. */
export interface PackView extends PackOutput {
  otherPack: { pageUrl: string; label: string } | null;
}

/** Presents a pack the service built for this viewer (it already holds only what they may see). */
export function presentPack(pack: BoardPack, mayHaveFull: boolean): PackView {
  const id = pack.meeting.id;
  const { input } = pack;
  const layouts = new Map(pack.items.map((l) => [l.id, l]));
  return {
    meetingId: id,
    meetingTitle: input.meetingTitle,
    bodyName: input.bodyName,
    date: input.date,
    time: input.time,
    venue: input.venue,
    full: pack.full,
    pages: pack.pages,
    fileName: pack.fileName,
    downloadUrl: pack.full ? `/meetings/${id}/pack-full.pdf` : `/meetings/${id}/pack.pdf`,
    pageUrl: pack.full ? `/meetings/${id}/pack?full=true` : `/meetings/${id}/pack`,
    fullPackUrl: mayHaveFull && !pack.full ? `/meetings/${id}/pack-full.pdf` : null,
    otherPack: pack.full
      ? { pageUrl: `/meetings/${id}/pack`, label: "View the public board pack (Part I only)" }
      : mayHaveFull
        ? { pageUrl: `/meetings/${id}/pack?full=true`, label: "View the full board pack, including Part II" }
        : null,
    items: input.items.map((item) => {
      const layout = layouts.get(item.id)!;
      const papers = new Map(layout.papers.map((p) => [p.id, p]));
      return {
        id: item.id,
        number: item.number,
        title: item.title,
        part2: item.part2,
        exemptionReason: item.exemptionReason,
        presenters: item.presenters,
        purpose: item.purpose,
        time: item.time,
        recommendation: item.recommendation,
        startPage: layout.startPage,
        papers: item.papers.map((p) => ({
          id: p.id,
          title: p.title,
          format: p.format,
          formatLabel: p.formatLabel,
          includedInPdf: papers.get(p.id)!.merged,
          startPage: papers.get(p.id)!.startPage,
          pageCount: papers.get(p.id)!.pageCount,
          downloadUrl: p.downloadUrl.replace(/^https?:\/\/[^/]+/, ""),
        })),
      };
    }),
  };
}
