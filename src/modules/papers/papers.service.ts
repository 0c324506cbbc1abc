import type { Readable } from "node:stream";
import type { Database } from "../../platform/db/client.ts";
import { auditSnapshot, recordAudit } from "../../platform/audit/audit.ts";
import { auditedCreate, auditedUpdate } from "../../platform/audit/audited.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { BadRequest, Conflict, Forbidden, NotFound, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import type { FileStore } from "../../platform/files/file-store.ts";
import { DOCUMENT_FORMATS, detectDocumentFormat, extractDocumentText } from "../../platform/files/documents.ts";
import { ANONYMOUS, isInsider } from "../../platform/auth/principal.ts";
import { maySeePart2 } from "../meetings/confidentiality.ts";
import { papersRepository, type ItemContext, type PaperFilter, type PaperRow, type PaperVersionRow, type PaperVersionSummary } from "./papers.repository.ts";
import { papersPolicy, type PaperAccess } from "./papers.policy.ts";
import { FILE_MESSAGES, paperTitle } from "./papers.schema.ts";
import { sanitiseFileName } from "./papers.files.ts";
import type { PaperFormat } from "./papers.tables.ts";

export const PAPER = "paper";
export const PAPER_VERSION = "paper_version";
const PAPER_NOT_FOUND = "Paper not found";
const ITEM_NOT_FOUND = "Agenda item not found";

/** A file as it arrived: its name as the sender gave it, the bytes read (at most the limit), and whether there were more. */
export interface UploadedFile {
  fileName: string;
  content: Buffer;
  /** True when the file was longer than the limit and reading stopped there. */
  truncated: boolean;
}

/** A paper with where it sits (item, meeting, body) and all its versions, newest first. */
export interface PaperDetail {
  paper: PaperRow;
  context: ItemContext;
  versions: PaperVersionSummary[];
}

/** What the agenda shows of each paper (the `listForItems` contract). */
export interface ItemPaper {
  id: string;
  title: string;
  format: PaperFormat;
  sizeBytes: number;
  versionNumber: number;
  uploadedAt: Date;
  downloadUrl: string;
}

function accessOf(paper: Pick<PaperRow, "archivedAt">, context: ItemContext): PaperAccess {
  return { meeting: context.meeting, item: context.item, bodyArchived: context.bodyArchived, paperArchived: paper.archivedAt !== null };
}

/** Refused because of the record's state, not its version: e.g. a new version of an archived paper. */
function stateConflict(message: string, code: string): BadRequest {
  return new BadRequest(message, code, 409);
}

/** A version without its text, as the repository lists them. */
function summarise(row: PaperVersionRow): PaperVersionSummary {
  const { extractedText, ...rest } = row;
  return { ...rest, textLength: extractedText === null ? null : extractedText.length };
}

/** The audit snapshot of a version: what was uploaded, never the text read from it. */
function versionSnapshot(row: PaperVersionRow): Record<string, unknown> {
  const { extractedText: _text, paperId: _paperId, uploadedByUserId: _user, ...rest } = row;
  return auditSnapshot(rest);
}

/**
 * Papers attached to agenda items: uploads checked from their content, versions kept with who and
 * when, files stored by content hash in a FileStore, text read for search, and access that follows
 * the item's Part I / Part II and the meeting's stage (confidentiality.ts).
 */
export function papersService(deps: { db: Database; files: FileStore; maxBytes: number }) {
  const repo = papersRepository(deps.db);
  const { files, maxBytes } = deps;

  function requireManager(ctx: RequestContext): void {
    if (!papersPolicy.manage(ctx.principal)) throw new Forbidden();
  }

  /** The paper and its place if the viewer may see it; 404 otherwise, so hidden papers look like missing ones. */
  async function visible(ctx: RequestContext, id: string): Promise<{ paper: PaperRow; context: ItemContext }> {
    const found = await repo.find(ctx.partnership.id, id);
    if (!found || !papersPolicy.view(ctx.principal, accessOf(found.paper, found.context))) throw new NotFound(PAPER_NOT_FOUND);
    return found;
  }

  async function detail(ctx: RequestContext, found: { paper: PaperRow; context: ItemContext }, r = repo): Promise<PaperDetail> {
    return { ...found, versions: await r.listVersions(ctx.partnership.id, found.paper.id) };
  }

  /**
   * Checks a file and reads what it is: every problem with it is a message for the `file` field.
   * The type comes from the bytes, never the name or the type the browser claimed.
   */
  async function inspect(file: UploadedFile | null, errors: FieldErrors) {
    if (!file || (file.fileName === "" && file.content.length === 0)) {
      errors.file = FILE_MESSAGES.missing;
      return null;
    }
    if (file.truncated || file.content.length > maxBytes) {
      errors.file = FILE_MESSAGES.tooLarge(maxBytes);
      return null;
    }
    if (file.content.length === 0) {
      errors.file = FILE_MESSAGES.empty;
      return null;
    }
    const format = await detectDocumentFormat(file.content);
    if (!format) {
      errors.file = FILE_MESSAGES.wrongType;
      return null;
    }
    return { format, fileName: sanitiseFileName(file.fileName, format), content: file.content };
  }

  /**
   * Reads the text, then stores the bytes. Storing comes before any row is written, so a refusing
   * disk (StorageUnavailable) leaves the database exactly as it was; a row is never written for
   * bytes that are not stored.
   */
  async function store(checked: { format: PaperFormat; fileName: string; content: Buffer }) {
    const text = await extractDocumentText(checked.format, checked.content);
    const { sha256, sizeBytes } = await files.put(checked.content);
    return { ...checked, sha256, sizeBytes, text };
  }

  function versionValues(ctx: RequestContext, paperId: string, versionNumber: number, stored: Awaited<ReturnType<typeof store>>) {
    const actor = actorOf(ctx);
    return {
      partnershipId: ctx.partnership.id,
      paperId,
      versionNumber,
      fileName: stored.fileName,
      format: stored.format,
      mediaType: DOCUMENT_FORMATS[stored.format].mediaType,
      sizeBytes: stored.sizeBytes,
      sha256: stored.sha256,
      extractedText: stored.text.text?.replaceAll("\u0000", "") ?? null,
      pageCount: stored.text.pageCount,
      uploadedByUserId: actor.userId,
      uploadedByName: actor.name,
    };
  }

  return {
    /** The largest file accepted, in bytes (the HTTP layer stops reading there). */
    maxBytes,

    /** A paper with its versions, if the viewer may see it. */
    async get(ctx: RequestContext, id: string): Promise<PaperDetail> {
      return detail(ctx, await visible(ctx, id));
    },

    /**
     * A version's file for download (the newest when no number is given), with whether the public
     * could download it too (which decides how it may be cached).
     */
    async download(ctx: RequestContext, id: string, versionNumber?: number): Promise<{ version: PaperVersionSummary; stream: Readable; isPublic: boolean }> {
      const found = await visible(ctx, id);
      const version = await repo.findVersion(ctx.partnership.id, id, versionNumber);
      if (!version) throw new NotFound(versionNumber === undefined ? PAPER_NOT_FOUND : "There is no such version of this paper");
      const stream = await files.stream(version.sha256);
      return { version, stream, isPublic: papersPolicy.view(ANONYMOUS, accessOf(found.paper, found.context)) };
    },

    /** A page (limit + 1 rows) of the papers the viewer may see, each with its current version. */
    async list(ctx: RequestContext, filter: PaperFilter, page: number, limit: number) {
      const p = ctx.principal;
      // Archived papers are for the partnership only: for anyone else the query leaves them out whatever is asked.
      const rows = await repo.list(ctx.partnership.id, filter, { part2: maySeePart2(p), insider: isInsider(p) }, page, limit);
      // The query already left out what the viewer may not see; the policy has the last word.
      return rows.filter((r) => papersPolicy.view(p, accessOf(r.paper, r.context)));
    },

    /** The current papers of agenda items the viewer may see, by item, in their order (for agendas and board packs). */
    async listForItems(ctx: RequestContext, itemIds: readonly string[]): Promise<Map<string, ItemPaper[]>> {
      const out = new Map<string, ItemPaper[]>();
      if (itemIds.length === 0) return out;
      const p = ctx.principal;
      const rows = await repo.list(ctx.partnership.id, { itemIds }, { part2: maySeePart2(p), insider: isInsider(p) }, 1, 10_000);
      for (const { paper, current, context } of rows) {
        if (!papersPolicy.view(p, accessOf(paper, context))) continue;
        const list = out.get(paper.agendaItemId) ?? [];
        list.push({
          id: paper.id,
          title: paper.title,
          format: current.format,
          sizeBytes: current.sizeBytes,
          versionNumber: current.versionNumber,
          uploadedAt: current.uploadedAt,
          downloadUrl: `/papers/${paper.id}/download`,
        });
        out.set(paper.agendaItemId, list);
      }
      return out;
    },

    /** The agenda item a manager is about to attach a paper to; 404 unless it is on that meeting and visible to them. */
    async itemForUpload(ctx: RequestContext, meetingId: string, itemId: string): Promise<ItemContext> {
      requireManager(ctx);
      const context = await repo.findItemContext(ctx.partnership.id, itemId);
      if (!context || context.meeting.id !== meetingId || !papersPolicy.viewItem(ctx.principal, context)) throw new NotFound(ITEM_NOT_FOUND);
      return context;
    },

    /**
     * Attaches a new paper to an agenda item: checks the title and the file together (so every
     * problem is reported at once), reads its text, stores the bytes, then writes the paper and
     * its first version in one transaction. An unreadable (e.g. encrypted) PDF is still saved;
     * `textProblem` says why its text could not be read.
     */
    async upload(ctx: RequestContext, meetingId: string, itemId: string, input: { title: unknown; file: UploadedFile | null }) {
      requireManager(ctx);
      const context = await repo.findItemContext(ctx.partnership.id, itemId);
      if (!context || context.meeting.id !== meetingId || !papersPolicy.viewItem(ctx.principal, context)) throw new NotFound(ITEM_NOT_FOUND);
      const errors: FieldErrors = {};
      const title = paperTitle.safeParse(typeof input.title === "string" ? input.title : "");
      if (!title.success) errors.title = title.error.issues[0]?.message ?? "Enter the title of the paper";
      const checked = await inspect(input.file, errors);
      if (!title.success || !checked) throw new ValidationFailed(errors);
      const stored = await store(checked);
      return deps.db.transaction(async (tx) => {
        const r = papersRepository(tx);
        const pid = ctx.partnership.id;
        await r.lockItem(pid, itemId);
        const paper = await auditedCreate(
          tx,
          ctx,
          PAPER,
          await r.insert({ partnershipId: pid, agendaItemId: itemId, title: title.data, position: await r.nextPosition(pid, itemId) }),
        );
        const version = await r.insertVersion(versionValues(ctx, paper.id, 1, stored));
        await recordAudit(tx, {
          partnershipId: pid,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: PAPER_VERSION,
          recordId: version.id,
          action: "create",
          after: versionSnapshot(version),
        });
        return { paper, context, versions: [summarise(version)], textProblem: stored.text.problem ?? null };
      });
    },

    /**
     * Adds a new version of a paper; earlier versions stay as they were. `expectedVersion` is the
     * paper's version the uploader read: if someone else changed the paper since, nothing is
     * written and the answer is 409 with the paper as it now is.
     */
    async addVersion(ctx: RequestContext, id: string, input: { file: UploadedFile | null; expectedVersion?: number | undefined }) {
      requireManager(ctx);
      const found = await visible(ctx, id);
      if (found.paper.archivedAt) throw stateConflict(`“${found.paper.title}” is archived; restore it before adding a version`, "paper_archived");
      const errors: FieldErrors = {};
      const checked = await inspect(input.file, errors);
      if (!checked) throw new ValidationFailed(errors);
      const stored = await store(checked);
      return deps.db.transaction(async (tx) => {
        const r = papersRepository(tx);
        const pid = ctx.partnership.id;
        const before = await r.findForUpdate(pid, id);
        if (!before) throw new NotFound(PAPER_NOT_FOUND);
        if (input.expectedVersion !== undefined && before.version !== input.expectedVersion) {
          throw new Conflict("Someone else changed this paper while you were uploading", await detail(ctx, { paper: before, context: found.context }, r));
        }
        const versionNumber = await r.nextVersionNumber(pid, id);
        const version = await r.insertVersion(versionValues(ctx, id, versionNumber, stored));
        const paper = await r.update(pid, id, before.version, {});
        if (!paper) throw new Conflict(undefined, await detail(ctx, { paper: before, context: found.context }, r));
        await recordAudit(tx, {
          partnershipId: pid,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: PAPER_VERSION,
          recordId: version.id,
          action: "create",
          after: versionSnapshot(version),
        });
        return { ...(await detail(ctx, { paper, context: found.context }, r)), textProblem: stored.text.problem ?? null };
      });
    },

    /** Archives (or restores) a paper: it leaves the agenda and the public's view, keeping its versions and history. */
    async setArchived(ctx: RequestContext, id: string, version: number, archived: boolean): Promise<PaperDetail> {
      requireManager(ctx);
      const found = await visible(ctx, id);
      return deps.db.transaction(async (tx) => {
        const r = papersRepository(tx);
        const pid = ctx.partnership.id;
        try {
          const paper = await auditedUpdate(tx, ctx, {
            recordType: PAPER,
            action: archived ? "archive" : "restore",
            notFound: PAPER_NOT_FOUND,
            find: () => r.findForUpdate(pid, id),
            write: () => r.update(pid, id, version, { archivedAt: archived ? new Date() : null }),
          });
          return detail(ctx, { paper, context: found.context }, r);
        } catch (err) {
          if (err instanceof Conflict && err.current)
            throw new Conflict(err.message, await detail(ctx, { paper: err.current as PaperRow, context: found.context }, r));
          throw err;
        }
      });
    },

    /** The audit trail of the paper and its versions, for those allowed to see it. */
    async history(ctx: RequestContext, id: string) {
      if (!papersPolicy.viewHistory(ctx.principal)) return null;
      return repo.history(ctx.partnership.id, id);
    },
  };
}

export type PapersService = ReturnType<typeof papersService>;
