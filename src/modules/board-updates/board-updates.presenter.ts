import type { BoardUpdateOutput } from "./board-updates.schema.ts";
import type { BoardUpdateDetail, BoardUpdateEntry } from "./board-updates.service.ts";
import type { BoardUpdateRow } from "./board-updates.tables.ts";
import { renderMarkdown } from "./board-updates.markdown.ts";

/** The page of an update: readable slug under /updates. */
export const updatePath = (u: { slug: string }) => `/updates/${encodeURIComponent(u.slug)}`;

/**
 * The API view of an update. What everyone reads is the published text (the latest version);
 * the working copy, which may hold unpublished edits, is added only for insiders.
 */
export function presentBoardUpdate(entry: BoardUpdateEntry | BoardUpdateDetail, insider: boolean): BoardUpdateOutput {
  const u = entry.update;
  const detail = "versions" in entry ? entry : null;
  return {
    id: u.id,
    slug: u.slug,
    url: updatePath(u),
    status: u.status,
    title: entry.content.title,
    markdown: entry.content.markdown,
    html: renderMarkdown(entry.content.markdown),
    body: { id: entry.body.id, name: entry.body.name, shortName: entry.body.shortName },
    meeting: { id: entry.meeting.id, startsAt: entry.meeting.startsAt.toISOString() },
    firstPublishedAt: u.firstPublishedAt?.toISOString() ?? null,
    lastPublishedAt: u.lastPublishedAt?.toISOString() ?? null,
    ...(insider
      ? {
          workingCopy: {
            title: u.title,
            markdown: u.markdown,
            hasUnpublishedChanges: u.status === "draft" || u.title !== entry.content.title || u.markdown !== entry.content.markdown,
          },
        }
      : {}),
    version: u.version,
    ...(detail
      ? {
          versions: detail.versions.map((v) => ({
            number: v.number,
            title: v.title,
            markdown: v.markdown,
            changeNote: v.changeNote,
            publishedAt: v.publishedAt.toISOString(),
            publishedByName: v.publishedByName,
          })),
        }
      : {}),
  };
}

/** The newer update a stale write met (only the board office, who may see it, ever writes). */
export function presentBoardUpdateConflict(current: BoardUpdateRow) {
  return {
    id: current.id,
    slug: current.slug,
    status: current.status,
    title: current.title,
    markdown: current.markdown,
    version: current.version,
    updatedAt: current.updatedAt.toISOString(),
  };
}
