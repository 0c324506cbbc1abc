import type { ItemContext, PaperRow, PaperVersionSummary } from "./papers.repository.ts";
import type { PaperDetail } from "./papers.service.ts";
import type { PaperDetailOutput, PaperOutput, PaperVersionOutput, TextStatus } from "./papers.schema.ts";

/** Whether a version's text was read for search, and if not, why not. */
export function textStatusOf(v: Pick<PaperVersionSummary, "format" | "textLength">): TextStatus {
  if (v.textLength === null) return v.format === "pdf" || v.format === "docx" ? "unreadable" : "not_extracted";
  return v.textLength === 0 ? "no_text" : "extracted";
}

export const versionDownloadUrl = (paperId: string, versionNumber: number) => `/papers/${paperId}/versions/${versionNumber}/download`;

export function presentVersion(paperId: string, v: PaperVersionSummary): PaperVersionOutput {
  return {
    versionNumber: v.versionNumber,
    fileName: v.fileName,
    format: v.format,
    mediaType: v.mediaType,
    sizeBytes: v.sizeBytes,
    sha256: v.sha256,
    pageCount: v.pageCount,
    textStatus: textStatusOf(v),
    uploadedByName: v.uploadedByName,
    uploadedAt: v.uploadedAt.toISOString(),
    downloadUrl: versionDownloadUrl(paperId, v.versionNumber),
  };
}

/**
 * The API view of a paper the service has already decided the viewer may see (papers reach here
 * only through its visibility checks): its place on the agenda and its current version.
 */
export function presentPaper(row: { paper: PaperRow; context: ItemContext; current: PaperVersionSummary }): PaperOutput {
  const { paper, context, current } = row;
  return {
    id: paper.id,
    title: paper.title,
    meetingId: context.meeting.id,
    agendaItemId: paper.agendaItemId,
    confidentiality: context.item.confidentiality,
    archived: paper.archivedAt !== null,
    version: paper.version,
    updatedAt: paper.updatedAt.toISOString(),
    current: presentVersion(paper.id, current),
  };
}

/** A paper with all its versions, newest first. */
export function presentPaperDetail(d: PaperDetail): PaperDetailOutput {
  const current = d.versions[0];
  if (!current) throw new Error(`paper ${d.paper.id} has no versions`);
  return { ...presentPaper({ paper: d.paper, context: d.context, current }), versions: d.versions.map((v) => presentVersion(d.paper.id, v)) };
}
