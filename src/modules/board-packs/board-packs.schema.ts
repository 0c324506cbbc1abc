import { z } from "zod";
import { PAPER_FORMATS } from "../papers/papers.tables.ts";

/** `?full=true` asks for the full pack (Part II included); anything else, the public pack. */
export const packQuery = z.strictObject({
  full: z.enum(["true", "false"]).optional(),
});

const packPaper = z.object({
  id: z.uuid(),
  title: z.string(),
  format: z.enum(PAPER_FORMATS),
  formatLabel: z.string(),
  /** False for formats that cannot be converted here (DOCX, XLSX, PPTX, ODT): one page in the PDF points to the download. */
  includedInPdf: z.boolean(),
  startPage: z.number().int(),
  pageCount: z.number().int(),
  downloadUrl: z.string(),
});

const packItem = z.object({
  id: z.uuid(),
  number: z.string(),
  title: z.string(),
  part2: z.boolean(),
  /** Why a Part II item is exempt from publication (full pack only). */
  exemptionReason: z.string().nullable(),
  presenters: z.array(z.object({ name: z.string(), roleLabel: z.string().nullable() })),
  purpose: z.string().nullable(),
  time: z.string(),
  recommendation: z.string().nullable(),
  /** The page of the PDF the item's cover sheet is on. */
  startPage: z.number().int(),
  papers: z.array(packPaper),
});

/** A board pack as JSON: what the PDF holds and where each item and paper starts. */
export const packOutput = z.object({
  meetingId: z.uuid(),
  meetingTitle: z.string(),
  bodyName: z.string(),
  date: z.string(),
  time: z.string(),
  venue: z.string(),
  full: z.boolean(),
  pages: z.number().int(),
  fileName: z.string(),
  downloadUrl: z.string(),
  pageUrl: z.string(),
  /** The full pack's address, for those entitled to it (null otherwise, and on the full pack itself). */
  fullPackUrl: z.string().nullable(),
  items: z.array(packItem),
});
export type PackOutput = z.infer<typeof packOutput>;
