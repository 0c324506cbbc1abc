import { fileTypeFromBuffer } from "file-type";
import { extractText as extractPdfText, getDocumentProxy } from "unpdf";
import mammoth from "mammoth";

/** The document formats boards circulate as papers. */
export const DOCUMENT_FORMATS = {
  pdf: { mediaType: "application/pdf", label: "PDF" },
  docx: { mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", label: "Word document" },
  xlsx: { mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", label: "Excel spreadsheet" },
  pptx: { mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation", label: "PowerPoint presentation" },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", label: "OpenDocument text" },
} as const;
export type DocumentFormat = keyof typeof DOCUMENT_FORMATS;

/** Identifies a document from its bytes (never its name); null when it is none of the accepted formats. */
export async function detectDocumentFormat(content: Buffer): Promise<DocumentFormat | null> {
  if (content.length === 0) return null;
  const found = await fileTypeFromBuffer(content);
  if (!found) return null;
  return found.ext in DOCUMENT_FORMATS ? (found.ext as DocumentFormat) : null;
}

export interface ExtractedText {
  text: string | null;
  pageCount: number | null;
  /** Why no text could be read (an encrypted or damaged file), for the uploader. */
  problem?: string;
}

/** Reads the plain text of a PDF or DOCX document for search; other formats have none. */
export async function extractDocumentText(format: DocumentFormat, content: Buffer): Promise<ExtractedText> {
  try {
    if (format === "pdf") {
      const pdf = await getDocumentProxy(new Uint8Array(content));
      const { totalPages, text } = await extractPdfText(pdf, { mergePages: true });
      return { text: text.trim(), pageCount: totalPages };
    }
    if (format === "docx") {
      const { value } = await mammoth.extractRawText({ buffer: content });
      return { text: value.trim(), pageCount: null };
    }
    return { text: null, pageCount: null };
  } catch (err) {
    const name = (err as { name?: string }).name ?? "";
    return { text: null, pageCount: null, problem: name === "PasswordException" ? "the document is encrypted" : "the document could not be read" };
  }
}
