import type { Database } from "../../platform/db/client.ts";
import { listHistory } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { isInsider } from "../../platform/auth/principal.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Forbidden, NotFound, ValidationFailed } from "../../platform/http/errors.ts";
import { londonDate } from "../../platform/time.ts";
import type { MeetingsService } from "../meetings/meetings.service.ts";
import type { MinutesService } from "../minutes/minutes.service.ts";
import type { DecisionsService } from "../decisions/decisions.service.ts";
import type { MeetingStatus } from "../meetings/meetings.tables.ts";
import { boardUpdatesPolicy } from "./board-updates.policy.ts";
import {
  boardUpdatesRepository,
  type BoardUpdateFilter,
  type BoardUpdateSearchRow,
  type BoardUpdateView,
  type BoardUpdateVisibility,
} from "./board-updates.repository.ts";
import type { BoardUpdateRow, BoardUpdateVersionRow } from "./board-updates.tables.ts";
import { draftMarkdown, slugOf, uniqueSlug, updateTitle, type DraftRecord } from "./board-updates.draft.ts";
import type { BoardUpdateChanges } from "./board-updates.schema.ts";

export const BOARD_UPDATE = "board_update";
const NOT_FOUND = "Board update not found";
const HELD: readonly MeetingStatus[] = ["held", "minutes_drafted", "minutes_approved"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What drafting reads of the record: each through its owning module's service, which filters Part II. */
export interface BoardUpdatesDeps {
  db: Database;
  meetings: Pick<MeetingsService, "get" | "listItems" | "listByWhen">;
  minutes: Pick<MinutesService, "forMeeting">;
  decisions: Pick<DecisionsService, "listForMeeting">;
  now?: () => Date;
}

/** An update as a viewer reads it: the latest published version, or (insiders, drafts) the working copy. */
export interface BoardUpdateEntry extends BoardUpdateView {
  content: { title: string; markdown: string };
}

/** One update's page: what the viewer reads, every publication, and for insiders whether the working copy differs. */
export interface BoardUpdateDetail extends BoardUpdateEntry {
  versions: BoardUpdateVersionRow[];
  /** The working copy differs from the latest publication (only ever true for insiders' eyes). */
  hasUnpublishedChanges: boolean;
}

/** Refused because of the update's or meeting's state, not a version. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

/**
 * The record as the public will read it, but with the timing of an insider: Part I only (never
 * Part II items, decisions or minutes, whoever drafts) and the minutes' public summaries as soon as
 * they are written, since an update is drafted before the minutes are approved. An insider drafts
 * as a read-only viewer (an insider not entitled to Part II); the public reads what it may already.
 */
export function partOneReader(ctx: RequestContext): RequestContext {
  if (ctx.principal.kind !== "user" || !isInsider(ctx.principal)) return ctx;
  return { ...ctx, principal: { ...ctx.principal, role: "viewer", scope: "read" } };
}

/** Board updates: drafted from the record, edited in Markdown, published with every version kept, and fed as RSS and Atom. */
export function boardUpdatesService(deps: BoardUpdatesDeps) {
  const repo = boardUpdatesRepository(deps.db);
  const now = deps.now ?? (() => new Date());

  function requireManager(ctx: RequestContext): void {
    if (!boardUpdatesPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  const visibility = (ctx: RequestContext): BoardUpdateVisibility => ({
    statuses: boardUpdatesPolicy.seeDrafts(ctx.principal) ? ["draft", "published"] : ["published"],
    includeArchivedBodies: boardUpdatesPolicy.seeArchivedBodies(ctx.principal),
  });

  const mayView = (ctx: RequestContext, v: BoardUpdateView) =>
    visibility(ctx).statuses.includes(v.update.status) && (v.body.archivedAt === null || boardUpdatesPolicy.seeArchivedBodies(ctx.principal));

  /** An update the viewer may see, by id or slug; 404 otherwise, so drafts are indistinguishable from missing updates. */
  async function findVisible(ctx: RequestContext, idOrSlug: string): Promise<BoardUpdateView> {
    const pid = ctx.partnership.id;
    const view = (UUID.test(idOrSlug) ? await repo.find(pid, idOrSlug) : undefined) ?? (await repo.findBySlug(pid, idOrSlug));
    if (!view || !mayView(ctx, view)) throw new NotFound(NOT_FOUND);
    return view;
  }

  async function withContent(ctx: RequestContext, views: BoardUpdateView[]): Promise<BoardUpdateEntry[]> {
    const latest = await repo.latestVersions(
      ctx.partnership.id,
      views.filter((v) => v.update.status === "published").map((v) => v.update.id),
    );
    return views.map((v) => {
      const published = latest.get(v.update.id);
      return { ...v, content: published ? { title: published.title, markdown: published.markdown } : { title: v.update.title, markdown: v.update.markdown } };
    });
  }

  /** The record a draft is written from, as the public will be allowed to read it. */
  async function gatherRecord(ctx: RequestContext, meetingId: string): Promise<DraftRecord> {
    const reader = partOneReader(ctx);
    const meeting = await deps.meetings.get(reader, meetingId);
    // One after another: drafting may run inside a transaction (the demo seed), on one connection.
    const items = await deps.meetings.listItems(reader, meetingId);
    const minutes = await deps.minutes.forMeeting(reader, meetingId);
    const decisions = await deps.decisions.listForMeeting(reader, meetingId);
    // The services already filter Part II for this reader; filtering again costs nothing and guards the rule.
    const publicItems = items.filter((i) => i.confidentiality === "part_1");
    const decisionsByItem = new Map<string, { text: string }[]>();
    for (const d of decisions) {
      if (d.item.confidentiality !== "part_1") continue;
      const list = decisionsByItem.get(d.item.id) ?? [];
      list.push({ text: d.decision.text });
      decisionsByItem.set(d.item.id, list);
    }
    return {
      body: { name: meeting.body.name, shortName: meeting.body.shortName },
      meetingDate: londonDate(meeting.startsAt),
      items: publicItems.map((i) => ({
        title: i.title,
        kind: i.kind,
        presenters: i.presenters.map((p) => ({ name: p.name, roleLabel: p.roleLabel })),
        publicSummary: minutes.get(i.id)?.publicSummary ?? "",
        decisions: decisionsByItem.get(i.id) ?? [],
      })),
    };
  }

  async function detailOf(ctx: RequestContext, view: BoardUpdateView): Promise<BoardUpdateDetail> {
    const versions = await repo.versions(ctx.partnership.id, view.update.id);
    const latest = versions[versions.length - 1];
    const [entry] = await withContent(ctx, [view]);
    const hasUnpublishedChanges =
      boardUpdatesPolicy.seeDrafts(ctx.principal) && latest !== undefined && (latest.title !== view.update.title || latest.markdown !== view.update.markdown);
    return { ...entry!, versions, hasUnpublishedChanges };
  }

  return {
    /** The Markdown draft of a public update for a held meeting, from its Part I record only. */
    async draftMarkdown(ctx: RequestContext, meetingId: string): Promise<string> {
      return draftMarkdown(await gatherRecord(ctx, meetingId));
    },

    /** The update of a meeting, if there is one the viewer may see. */
    async forMeeting(ctx: RequestContext, meetingId: string): Promise<BoardUpdateRow | null> {
      const row = await repo.findForMeeting(ctx.partnership.id, meetingId);
      if (!row) return null;
      const view = await repo.find(ctx.partnership.id, row.id);
      return view && mayView(ctx, view) ? row : null;
    },

    /**
     * Drafts the update of a held meeting (one per meeting): title and readable slug from the body
     * and date, text from the record. 409 if the meeting has not been held or already has one.
     */
    async create(ctx: RequestContext, meetingId: string): Promise<BoardUpdateRow> {
      requireManager(ctx);
      const pid = ctx.partnership.id;
      const meeting = await deps.meetings.get(ctx, meetingId);
      if (!HELD.includes(meeting.status)) throw stateConflict("An update can only be drafted once the meeting has been held", "meeting_not_held");
      if (await repo.findForMeeting(pid, meetingId)) throw stateConflict("This meeting already has an update", "update_exists");
      const markdown = draftMarkdown(await gatherRecord(ctx, meetingId));
      const title = updateTitle(meeting.body, londonDate(meeting.startsAt));
      return deps.db.transaction(async (tx) => {
        const r = boardUpdatesRepository(tx);
        const base = slugOf(title);
        const slug = uniqueSlug(base, await r.slugsLike(pid, base));
        const row = await r.insert({ partnershipId: pid, meetingId, bodyId: meeting.bodyId, slug, title, markdown });
        return auditedCreate(tx, ctx, BOARD_UPDATE, row);
      });
    },

    /** Recent meetings that have been held and have no update yet (for the board office to draft one). */
    async meetingsAwaitingUpdate(ctx: RequestContext) {
      if (!boardUpdatesPolicy.manage(ctx.principal)) return [];
      const recent = (await deps.meetings.listByWhen(ctx, "past", undefined, 1, 30)).filter((m) => HELD.includes(m.status));
      const withUpdates = await repo.meetingsWithUpdates(
        ctx.partnership.id,
        recent.map((m) => m.id),
      );
      return recent.filter((m) => !withUpdates.has(m.id));
    },

    /** A page of updates (limit + 1): the public sees published ones; insiders drafts too. */
    async list(ctx: RequestContext, filter: BoardUpdateFilter, page: number, limit: number): Promise<BoardUpdateEntry[]> {
      return withContent(ctx, await repo.list(ctx.partnership.id, visibility(ctx), filter, page, limit));
    },

    /** Site-wide search: updates this viewer may read that match the words (published text; drafts for insiders), best match first. */
    async search(ctx: RequestContext, q: string, options: { limit: number; offset: number }): Promise<BoardUpdateSearchRow[]> {
      return repo.search(ctx.partnership.id, visibility(ctx), q, options.limit, options.offset);
    },

    /** Published updates, newest first, as the public reads them (for feeds and other modules). */
    async listPublished(ctx: RequestContext, options: { bodyId?: string | undefined; limit: number }): Promise<BoardUpdateEntry[]> {
      const v: BoardUpdateVisibility = { statuses: ["published"], includeArchivedBodies: boardUpdatesPolicy.seeArchivedBodies(ctx.principal) };
      const rows = await repo.list(ctx.partnership.id, v, { bodyId: options.bodyId }, 1, options.limit);
      return withContent(ctx, rows.slice(0, options.limit));
    },

    /** One update by id or slug, with its publications; 404 for a draft unless the viewer is an insider. */
    async get(ctx: RequestContext, idOrSlug: string): Promise<BoardUpdateDetail> {
      return detailOf(ctx, await findVisible(ctx, idOrSlug));
    },

    /** One publication of an update. */
    async getVersion(ctx: RequestContext, idOrSlug: string, number: number): Promise<{ detail: BoardUpdateDetail; version: BoardUpdateVersionRow }> {
      const detail = await detailOf(ctx, await findVisible(ctx, idOrSlug));
      const version = detail.versions.find((v) => v.number === number);
      if (!version) throw new NotFound("Version not found");
      return { detail, version };
    },

    /** Saves the working copy (title and Markdown); a published update's public text changes only when republished. */
    async update(ctx: RequestContext, id: string, version: number, changes: BoardUpdateChanges): Promise<BoardUpdateRow> {
      requireManager(ctx);
      const view = await findVisible(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = boardUpdatesRepository(tx);
        const pid = ctx.partnership.id;
        return auditedUpdate(tx, ctx, {
          recordType: BOARD_UPDATE,
          notFound: NOT_FOUND,
          find: () => r.findRow(pid, view.update.id),
          write: () => r.update(pid, view.update.id, version, changes),
        });
      });
    },

    /**
     * Publishes the working copy as a new version: the first publication, or a correction of a
     * published update, which needs a note saying what was corrected and sets "updated on".
     */
    async publish(ctx: RequestContext, id: string, version: number, changeNote: string): Promise<BoardUpdateRow> {
      requireManager(ctx);
      const view = await findVisible(ctx, id);
      const note = changeNote.trim();
      return deps.db.transaction(async (tx) => {
        const r = boardUpdatesRepository(tx);
        const pid = ctx.partnership.id;
        const at = now();
        return auditedUpdate(tx, ctx, {
          recordType: BOARD_UPDATE,
          action: view.update.status === "draft" ? "publish" : "correct",
          notFound: NOT_FOUND,
          find: () => r.findRow(pid, view.update.id),
          write: async (before) => {
            if (before.version !== version) return undefined;
            const correcting = before.status === "published";
            if (correcting) {
              const [latest] = [...(await r.versions(pid, before.id))].reverse();
              if (latest && latest.title === before.title && latest.markdown === before.markdown)
                throw stateConflict("Nothing has changed since this update was last published", "no_changes");
              if (!note) throw new ValidationFailed({ changeNote: "Say what was corrected; it is shown with the update" });
            }
            const after = await r.update(
              pid,
              before.id,
              version,
              correcting ? { lastPublishedAt: at } : { status: "published", firstPublishedAt: before.firstPublishedAt ?? at },
            );
            if (!after) return undefined;
            await r.insertVersion({
              partnershipId: pid,
              boardUpdateId: before.id,
              number: await r.nextVersionNumber(pid, before.id),
              title: before.title,
              markdown: before.markdown,
              changeNote: correcting ? note : "",
              publishedAt: at,
              publishedByName: actorOf(ctx).name,
            });
            return after;
          },
        });
      });
    },

    /** Who changed the update, and how; insiders only. */
    async history(ctx: RequestContext, id: string) {
      if (!boardUpdatesPolicy.viewHistory(ctx.principal)) return null;
      const view = await findVisible(ctx, id);
      return listHistory(deps.db, ctx.partnership.id, BOARD_UPDATE, view.update.id);
    },
  };
}

export type BoardUpdatesService = ReturnType<typeof boardUpdatesService>;
