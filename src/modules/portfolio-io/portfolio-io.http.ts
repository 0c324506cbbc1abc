import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import type { ExportFile } from "./portfolio-io.service.ts";

/**
 * Accepts multipart/form-data in the calling plugin only: one file, a few short fields; the
 * file's stream stops at `maxBytes` and the rest is discarded, so an oversized upload is never held.
 */
export async function acceptSpreadsheetUploads(app: FastifyInstance, maxBytes: number): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, fieldNameSize: 100, parts: 6, headerPairs: 100 },
  });
}

/** An uploaded spreadsheet, or why there is none. */
export type Upload = { ok: true; content: Buffer } | { ok: false; problem: string };

const tooBig = (maxBytes: number) => `The file must be smaller than ${Math.round(maxBytes / (1024 * 1024))} MB`;

/** Reads the one file of a multipart form (field "file"); a form without a file, or with too much, is a problem. */
export async function readSpreadsheetUpload(request: FastifyRequest, maxBytes: number): Promise<Upload> {
  if (!request.isMultipart()) return { ok: false, problem: "Select a spreadsheet to import (an .xlsx or .csv file)" };
  let content: Buffer | null = null;
  let truncated = false;
  try {
    for await (const part of request.parts()) {
      if (part.type === "field") continue;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      }
      if (content === null) {
        content = Buffer.concat(chunks);
        truncated = part.file.truncated || size > maxBytes;
      }
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "FST_FILES_LIMIT") return { ok: false, problem: "Upload one file at a time" };
    if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      return { ok: false, problem: "The form has more fields than expected; reload the page and try again" };
    throw err;
  }
  if (truncated) return { ok: false, problem: tooBig(maxBytes) };
  if (content === null || content.length === 0) return { ok: false, problem: "Select a spreadsheet to import (an .xlsx or .csv file)" };
  return { ok: true, content };
}

/** Sends an export as a download: never sniffed or run as a page, never kept by shared caches. */
export function sendExport(reply: FastifyReply, file: ExportFile): FastifyReply {
  return reply
    .header("content-type", file.contentType)
    .header("content-disposition", `attachment; filename="${file.fileName}"`)
    .header("x-content-type-options", "nosniff")
    .header("cache-control", "private, no-store")
    .send(file.body);
}
