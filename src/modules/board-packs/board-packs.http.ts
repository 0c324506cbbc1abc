import type { FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../../config.ts";
import type { BoardPack } from "./board-packs.service.ts";

/** The address papers' download links in a pack start with, so they work from a saved or printed PDF. */
export const baseUrlOf = (config: Pick<Config, "publicUrl">, request: FastifyRequest) =>
  config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `${request.protocol}://${request.host}`;

/** Sends a pack as a PDF download: a readable file name, never sniffed or run, and cached by shared caches only when public. */
export function sendPack(request: FastifyRequest, reply: FastifyReply, pack: BoardPack): FastifyReply {
  const etag = `"${pack.fingerprint}"`;
  reply
    .header("etag", etag)
    .header("cache-control", pack.isPublic ? "public, no-cache" : "private, no-store")
    .header("x-content-type-options", "nosniff")
    .header("content-security-policy", "default-src 'none'; sandbox");
  if (request.headers["if-none-match"] === etag) return reply.code(304).send();
  return reply
    .header("content-type", "application/pdf")
    .header("content-disposition", `attachment; filename="${pack.fileName}"; filename*=UTF-8''${encodeURIComponent(pack.fileName)}`)
    .send(Buffer.from(pack.pdf.buffer, pack.pdf.byteOffset, pack.pdf.byteLength));
}
