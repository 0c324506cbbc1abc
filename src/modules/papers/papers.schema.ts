import { z } from "zod";
import { blankAsUnset, paginationQuery, safeText } from "../../platform/http/api-schemas.ts";
import { DOCUMENT_FORMATS } from "../../platform/files/documents.ts";
import { CONFIDENTIALITY } from "../meetings/meetings.tables.ts";
import { PAPER_FORMATS, type PaperFormat } from "./papers.tables.ts";

export const PAPER_FORMAT_LABELS: Record<PaperFormat, string> = {
  pdf: DOCUMENT_FORMATS.pdf.label,
  docx: DOCUMENT_FORMATS.docx.label,
  xlsx: DOCUMENT_FORMATS.xlsx.label,
  pptx: DOCUMENT_FORMATS.pptx.label,
  odt: DOCUMENT_FORMATS.odt.label,
};

/** The messages people see about a file they chose, in the GOV.UK file upload pattern's words. */
export const FILE_MESSAGES = {
  missing: "Select a file to upload",
  empty: "The selected file is empty",
  tooLarge: (maxBytes: number) => `The selected file must be smaller than ${formatBytes(maxBytes)}`,
  wrongType: "The selected file must be a PDF, Word, Excel, PowerPoint or OpenDocument text file",
  tooMany: "Select one file at a time",
} as const;

/** A size for people: "25 MB", "812 KB", "120 bytes" (binary multiples, as operating systems show them). */
export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    const mb = bytes / (1024 * 1024);
    return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
  }
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} ${bytes === 1 ? "byte" : "bytes"}`;
}

export const paperTitle = safeText(300).min(1, "Enter the title of the paper");

/** The text fields of the upload form and of an API upload (the file travels beside them). */
export const paperUploadFields = z.object({ title: z.string().default("") }).pipe(z.object({ title: paperTitle }));

/** The text fields sent with a new version: the paper's `version` as read, to catch two people uploading at once. */
export const paperVersionFields = z.object({
  version: z.string().regex(/^\d+$/, "Reload the page and try again").transform(Number).optional(),
});

export const versionNumberParams = z.object({
  id: z.uuid({ error: "must be a UUID" }),
  n: z.coerce.number({ error: "must be a version number" }).int().min(1).max(1_000_000),
});

export const itemPaperParams = z.object({
  meetingId: z.uuid({ error: "must be a UUID" }),
  itemId: z.uuid({ error: "must be a UUID" }),
});

export const paperListQuery = z.object({
  ...paginationQuery,
  meetingId: blankAsUnset(z.uuid({ error: "must be a UUID" })),
  agendaItemId: blankAsUnset(z.uuid({ error: "must be a UUID" })),
  status: blankAsUnset(z.enum(["current", "archived", "all"])).describe(
    "Archived papers are listed only for the partnership's own users; the default is current papers",
  ),
});
export type PaperListQuery = z.output<typeof paperListQuery>;

/** For the OpenAPI document only: uploads are read as a stream, not validated as a parsed body. */
export const paperUploadBody = z.object({
  title: z.string().max(300).describe("The paper's title, e.g. “Mental health deep dive”"),
  file: z.file().describe("The document: PDF, DOCX, XLSX, PPTX or ODT, identified from its content. At most PAPER_MAX_BYTES (25 MB by default)."),
});
export const paperVersionUploadBody = z.object({
  version: z.string().optional().describe("The paper's `version` as you read it; if it changed since, the answer is 409 and nothing is written."),
  file: z.file().describe("The new version of the document: PDF, DOCX, XLSX, PPTX or ODT."),
});

export const TEXT_STATUSES = ["extracted", "no_text", "unreadable", "not_extracted"] as const;
export type TextStatus = (typeof TEXT_STATUSES)[number];

export const paperVersionOutput = z.object({
  versionNumber: z.number().int(),
  fileName: z.string(),
  format: z.enum(PAPER_FORMATS),
  mediaType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string().describe("SHA-256 of the file's bytes, hex"),
  pageCount: z.number().int().nullable(),
  textStatus: z
    .enum(TEXT_STATUSES)
    .describe("Whether the text was read for search: `unreadable` when a PDF or Word file is encrypted or damaged; `not_extracted` for other formats"),
  uploadedByName: z.string(),
  uploadedAt: z.string(),
  downloadUrl: z.string(),
});
export type PaperVersionOutput = z.output<typeof paperVersionOutput>;

export const paperOutput = z.object({
  id: z.uuid(),
  title: z.string(),
  meetingId: z.uuid(),
  agendaItemId: z.uuid(),
  confidentiality: z.enum(CONFIDENTIALITY).describe("Inherited from the agenda item"),
  archived: z.boolean(),
  version: z.number().int(),
  updatedAt: z.string(),
  current: paperVersionOutput,
});
export type PaperOutput = z.output<typeof paperOutput>;

export const paperDetailOutput = paperOutput.extend({ versions: z.array(paperVersionOutput).describe("Newest first") });
export type PaperDetailOutput = z.output<typeof paperDetailOutput>;

export const paperUploadOutput = paperDetailOutput.extend({
  textProblem: z.string().nullable().describe("Why the text could not be read (e.g. the document is encrypted); the paper is saved regardless"),
});
