import { createHash } from "node:crypto";
import slugify from "slugify";
import { ANONYMOUS, isInsider } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { AppError, Forbidden, NotFound } from "../../platform/http/errors.ts";
import { DOCUMENT_FORMATS } from "../../platform/files/documents.ts";
import { formatLondonDate, formatLondonTime, londonDate } from "../../platform/time.ts";
import { maySeeAgenda } from "../meetings/confidentiality.ts";
import type { MeetingsService } from "../meetings/meetings.service.ts";
import type { MeetingView } from "../meetings/meetings.repository.ts";
import { AGENDA_ITEM_PURPOSE_LABELS } from "../meetings/meetings.schema.ts";
import type { PapersService } from "../papers/papers.service.ts";
import { PackCache } from "./board-packs.cache.ts";
import { buildPackPdf, PaperFileMissing, UnreadablePaper, type BuiltPack, type PackInput, type PackPaperInput } from "./board-packs.pdf.ts";
import { boardPacksPolicy } from "./board-packs.policy.ts";

/** A paper that cannot be merged into the pack: the pack is refused with a message naming it (422). */
export class PackPaperUnreadable extends AppError {
  readonly status = 422;
  readonly code = "pack_paper_unreadable";
  constructor(message: string, paperId: string) {
    super(message);
    this.fields = { [paperId]: message };
  }
}

/** A built board pack, with what it was made from (already filtered for its audience). */
export interface BoardPack extends BuiltPack {
  full: boolean;
  /** True when the pack is what the public sees (the same bytes for everyone). */
  isPublic: boolean;
  /** A readable file name, e.g. "programme-board-2018-03-05-public-pack.pdf". */
  fileName: string;
  /** Changes whenever anything in the pack would (paper versions included): the ETag. */
  fingerprint: string;
  meeting: MeetingView;
  input: PackInput;
}

export interface PackOptions {
  full: boolean;
  /** Prefix for papers' download links printed in the pack (e.g. "https://quorum.example"); PUBLIC_URL, or relative links, without it. */
  baseUrl?: string | undefined;
}

function messageFor(err: UnreadablePaper): string {
  const where = `The paper “${err.paper.title}” (item ${err.item.number})`;
  if (err.reason === "encrypted") return `${where} is password-protected, so it cannot be merged into the pack. Upload an unprotected copy.`;
  if (err.reason === "missing")
    return `The file of the paper “${err.paper.title}” (item ${err.item.number}) is missing from the file store, so it cannot be merged into the pack. Upload it again.`;
  return `${where} is damaged or is not a readable PDF, so it cannot be merged into the pack. Upload a new copy.`;
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === "string" ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

const formatLabel = (format: PackPaperInput["format"]) => (format === "pdf" ? "PDF" : `${DOCUMENT_FORMATS[format].label} (${format.toUpperCase()})`);

/**
 * Board packs: one PDF per meeting, built on demand from the meetings and papers services and
 * cached while nothing in it changes. The public pack is built as an anonymous visitor would see
 * the meeting, so Part II can never enter it; the full pack is built as its (entitled) reader.
 */
export function boardPacksService(deps: {
  meetings: MeetingsService;
  papers: PapersService;
  /** The site's public address (PUBLIC_URL), for papers' download links printed in packs. */
  publicUrl?: string | undefined;
  cache?: PackCache<BoardPack>;
  /**
   * The generated sections of a deep-dive item (the portfolio's live record of its workstream as of
   * the meeting date), printed after the item's cover sheet; null when the item has none.
   */
  deepDiveSections?: (ctx: RequestContext, agendaItemId: string) => Promise<{ heading: string; lines: string[] }[] | null>;
}) {
  const { meetings, papers } = deps;
  const cache = deps.cache ?? new PackCache<BoardPack>();
  const baseOf = (options: PackOptions) => (options.baseUrl ?? deps.publicUrl ?? "").replace(/\/+$/, "");

  /**
   * Whose view the public pack shows: the public's once it may see the agenda; before that,
   * insiders preview it as a viewer would (Part I only); anyone else finds nothing.
   */
  async function publicContext(ctx: RequestContext, meetingId: string): Promise<{ ctx: RequestContext; isPublic: boolean }> {
    const anonymous: RequestContext = { ...ctx, principal: ANONYMOUS };
    const meeting = await meetings.get(anonymous, meetingId).catch((err: unknown) => {
      if (err instanceof NotFound) return null;
      throw err;
    });
    if (meeting && maySeeAgenda(ANONYMOUS, meeting)) return { ctx: anonymous, isPublic: true };
    if (ctx.principal.kind === "user" && isInsider(ctx.principal)) return { ctx: { ...ctx, principal: { ...ctx.principal, role: "viewer" } }, isPublic: false };
    throw new NotFound("There is no board pack for this meeting yet: it is published with the agenda");
  }

  /** Everything the pack is made of, as `packCtx` may see it (the services filter Part II and unpublished papers). */
  async function gather(packCtx: RequestContext, meetingId: string, options: PackOptions): Promise<{ meeting: MeetingView; input: PackInput }> {
    const meeting = await meetings.get(packCtx, meetingId);
    const items = await meetings.listItems(packCtx, meetingId);
    const byItem = await papers.listForItems(
      packCtx,
      items.map((i) => i.id),
    );
    const base = baseOf(options);
    const sectionsByItem = new Map<string, { heading: string; lines: string[] }[]>();
    if (deps.deepDiveSections) {
      for (const item of items) {
        if (item.kind !== "deep_dive") continue;
        const sections = await deps.deepDiveSections(packCtx, item.id);
        if (sections) sectionsByItem.set(item.id, sections);
      }
    }
    const input: PackInput = {
      partnershipName: packCtx.partnership.name,
      bodyName: meeting.body.name,
      meetingTitle: meeting.title ?? `${meeting.body.name}, ${formatLondonDate(meeting.startsAt)}`,
      date: formatLondonDate(meeting.startsAt),
      time: `${formatLondonTime(meeting.startsAt)} to ${formatLondonTime(meeting.endsAt)} (UK time)`,
      venue: meeting.venue ?? (meeting.onlineUrl ? "Online" : "To be confirmed"),
      full: options.full,
      items: items.map((item) => ({
        id: item.id,
        number: item.number,
        depth: item.depth,
        title: item.title,
        presenters: item.presenters.map((p) => ({ name: p.name, roleLabel: p.roleLabel })),
        purpose: item.purpose ? AGENDA_ITEM_PURPOSE_LABELS[item.purpose] : null,
        time: formatLondonTime(item.startTime),
        durationMinutes: item.durationMinutes,
        recommendation: item.recommendation,
        part2: item.confidentiality === "part_2",
        exemptionReason: options.full && item.confidentiality === "part_2" ? item.exemptionReason : null,
        ...(sectionsByItem.has(item.id) ? { sections: sectionsByItem.get(item.id)! } : {}),
        papers: (byItem.get(item.id) ?? []).map((p) => ({
          id: p.id,
          title: p.title,
          format: p.format,
          formatLabel: formatLabel(p.format),
          sizeBytes: p.sizeBytes,
          versionNumber: p.versionNumber,
          downloadUrl: `${base}/papers/${p.id}/versions/${p.versionNumber}/download`,
        })),
      })),
    };
    return { meeting, input };
  }

  /** Builds (or finds in the cache) the public or full pack of a meeting. */
  async function build(ctx: RequestContext, meetingId: string, options: PackOptions): Promise<BoardPack> {
    // The meeting must be visible to the asker before anything else is said about it.
    await meetings.get(ctx, meetingId);
    let packCtx: RequestContext;
    let isPublic = false;
    if (options.full) {
      if (!boardPacksPolicy.downloadFull(ctx.principal))
        throw new Forbidden("The full board pack contains Part II material, which you are not entitled to see");
      packCtx = ctx;
    } else {
      ({ ctx: packCtx, isPublic } = await publicContext(ctx, meetingId));
    }
    const { meeting, input } = await gather(packCtx, meetingId, options);
    // Paper versions are immutable, so ids and version numbers stand for their bytes.
    const fingerprint = createHash("sha256")
      .update(JSON.stringify({ meeting: [meeting.id, meeting.version, meeting.status], isPublic, input }))
      .digest("base64url")
      .slice(0, 32);
    // The address in papers' links is part of the key: without PUBLIC_URL, packs asked for on different host names differ.
    const key = `${ctx.partnership.id}:${meetingId}:${options.full ? "full" : "public"}:${baseOf(options)}`;
    return cache.get(key, fingerprint, async () => {
      try {
        const built = await buildPackPdf(input, async (paper) => {
          try {
            return await readAll((await papers.download(packCtx, paper.id, paper.versionNumber)).stream);
          } catch (err) {
            // The paper was just listed for this viewer, so a NotFound here is its file missing from the store.
            if (err instanceof NotFound) throw new PaperFileMissing();
            throw err;
          }
        });
        const name = slugify(`${meeting.body.shortName ?? meeting.body.name} ${londonDate(meeting.startsAt)} ${options.full ? "full" : "public"} pack`, {
          lower: true,
          strict: true,
        });
        return { ...built, full: options.full, isPublic, fileName: `${name || "board-pack"}.pdf`, fingerprint, meeting, input };
      } catch (err) {
        if (err instanceof UnreadablePaper) throw new PackPaperUnreadable(messageFor(err), err.paper.id);
        throw err;
      }
    });
  }

  return {
    build,

    /**
     * The pack links the meeting page offers this viewer, worked out from the agenda the page
     * already holds (`items`: what this viewer may see), without building a pack: the page must
     * not pay for reading every paper. The public pack is offered when the public may see the
     * agenda (insiders may preview it before) and it has a Part I item; the full pack to those
     * entitled, when there is Part II material. Page counts are on the pack's own page. A pack that
     * cannot be built (an unreadable paper) is still linked: following the link explains why.
     */
    linksFor(ctx: RequestContext, meeting: { id: string; status: MeetingView["status"]; agendaPublishedAt: Date | null }, items: readonly { confidentiality: "part_1" | "part_2" }[]) {
      const publicItems = items.some((i) => i.confidentiality === "part_1");
      const mayPreview = ctx.principal.kind === "user" && isInsider(ctx.principal);
      const offerPublic = publicItems && (maySeeAgenda(ANONYMOUS, meeting) || mayPreview);
      const offerFull = boardPacksPolicy.downloadFull(ctx.principal) && items.some((i) => i.confidentiality === "part_2");
      if (!offerPublic && !offerFull) return null;
      return {
        pageUrl: `/meetings/${meeting.id}/pack`,
        public: offerPublic ? { href: `/meetings/${meeting.id}/pack.pdf` } : null,
        full: offerFull ? { href: `/meetings/${meeting.id}/pack-full.pdf` } : null,
      };
    },
  };
}

export type BoardPacksService = ReturnType<typeof boardPacksService>;
