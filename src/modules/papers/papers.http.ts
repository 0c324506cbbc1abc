import type { Readable } from "node:stream";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import multipart from "@fastify/multipart";
import { submittedValues } from "../../platform/http/forms.ts";
import type { UploadedFile } from "./papers.service.ts";
import type { PaperVersionSummary } from "./papers.repository.ts";
import { contentDisposition } from "./papers.files.ts";
import { FILE_MESSAGES } from "./papers.schema.ts";

/**
 * Accepts multipart/form-data in the calling plugin only (fastify-plugin keeps it out of other
 * modules' routes). One file, a few short fields; the file's stream ends at `maxBytes` and the
 * rest of it is discarded, so an oversized upload never sits in memory.
 */
export async function acceptUploads(app: FastifyInstance, maxBytes: number): Promise<void> {
  await app.register(multipart, {
    throwFileSizeLimit: false,
    limits: { fileSize: maxBytes, files: 1, fields: 10, fieldSize: 16_384, fieldNameSize: 100, parts: 12, headerPairs: 100 },
  });
}

/** What a submitted upload form held: its text fields, the file (if any), and a problem with the request as a whole. */
export interface ReadUpload {
  fields: Record<string, string>;
  file: UploadedFile | null;
  /** Set when the form broke a limit other than the file's size, e.g. more than one file. */
  problem?: string;
}

/**
 * Reads a multipart upload: text fields, and the one file up to `maxBytes` (more is noted as
 * `truncated`, never buffered). A request that is not multipart (a form posted without its file,
 * or a JSON body) gives its fields and no file.
 */
export async function readUpload(request: FastifyRequest, maxBytes: number): Promise<ReadUpload> {
  if (!request.isMultipart()) return { fields: submittedValues(request.body), file: null };
  const fields: Record<string, string> = {};
  let file: UploadedFile | null = null;
  try {
    for await (const part of request.parts()) {
      if (part.type === "field") {
        if (typeof part.value === "string" && fields[part.fieldname] === undefined) fields[part.fieldname] = part.value;
        continue;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of part.file as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size <= maxBytes) chunks.push(chunk);
      }
      file ??= { fileName: part.filename ?? "", content: Buffer.concat(chunks), truncated: part.file.truncated || size > maxBytes };
    }
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code === "FST_FILES_LIMIT") return { fields, file: null, problem: FILE_MESSAGES.tooMany };
    if (code === "FST_PARTS_LIMIT" || code === "FST_FIELDS_LIMIT")
      return { fields, file: null, problem: "The form has more fields than expected; reload the page and try again" };
    throw err;
  }
  return { fields, file };
}

/**
 * Sends a paper's file as a download: its stored media type and exact length, always as an
 * attachment with a sanitised name, never sniffed or run as a page (nosniff and a sandboxing
 * CSP), and never kept by shared caches unless the public may see it too (then only revalidated).
 */
export function sendPaperFile(reply: FastifyReply, file: { version: PaperVersionSummary; stream: Readable; isPublic: boolean }): FastifyReply {
  const { version } = file;
  return reply
    .header("content-type", version.mediaType)
    .header("content-length", String(version.sizeBytes))
    .header("content-disposition", contentDisposition(version.fileName, version.format))
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", file.isPublic ? "public, no-cache" : "private, no-store")
    .header("etag", `"${version.sha256}"`)
    .send(file.stream);
}
