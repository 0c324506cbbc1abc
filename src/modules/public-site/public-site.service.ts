import { ANONYMOUS } from "../../platform/auth/principal.ts";
import type { RequestContext } from "../../platform/http/context.ts";
import { NotFound } from "../../platform/http/errors.ts";
import { addCalendarDays, fromLondon, toLondon } from "../../platform/time.ts";
import type { BodiesService } from "../bodies/bodies.service.ts";
import type { BoardUpdatesService } from "../board-updates/board-updates.service.ts";
import type { DecisionsService } from "../decisions/decisions.service.ts";
import { meetingPath } from "../meetings/meeting-path.ts";
import type { MeetingsService } from "../meetings/meetings.service.ts";
import type { PartnershipsService } from "../partnerships/partnerships.service.ts";
import type { WorkstreamsService } from "../workstreams/workstreams.service.ts";
import { bodyPath, type SitemapEntry } from "./public-site.sitemap.ts";

/** The services the public website reads; each applies its own visibility rules. */
export interface PublicSiteDeps {
  partnerships: Pick<PartnershipsService, "listObjectives">;
  bodies: Pick<BodiesService, "listTopLevel" | "list" | "resolve">;
  meetings: Pick<MeetingsService, "listByWhen" | "list">;
  decisions: Pick<DecisionsService, "list">;
  boardUpdates?: Pick<BoardUpdatesService, "listPublished"> | undefined;
  workstreams?: Pick<WorkstreamsService, "list"> | undefined;
  /** Whether the portfolio dashboard (/portfolio) is part of the site. */
  portfolioDashboard?: boolean;
}

/** How many records of one kind the sitemap lists at most (well under the protocol's 50,000 URLs). */
export const SITEMAP_LIMIT_PER_KIND = 5000;
const PAGE = 100;

/** Reads every page of a paged list (limit + 1 convention) up to a cap. */
async function allPages<T>(read: (page: number, limit: number) => Promise<T[]>, cap = SITEMAP_LIMIT_PER_KIND): Promise<T[]> {
  const out: T[] = [];
  for (let page = 1; out.length < cap; page++) {
    const rows = await read(page, PAGE);
    out.push(...rows.slice(0, PAGE));
    if (rows.length <= PAGE) break;
  }
  return out.slice(0, cap);
}

/** The latest instant of several, for a sitemap's lastmod. */
const latest = (...dates: (Date | null | undefined)[]) => dates.filter((d): d is Date => d instanceof Date).sort((a, b) => b.getTime() - a.getTime())[0];

/**
 * The public website's own use cases: the partnership's home page, the sitemap, and readable
 * meeting addresses. It composes other modules' services, so Part II and unpublished material is
 * filtered where it always is (meetings/confidentiality.ts, workstreams/portfolio-access.ts).
 */
export function publicSiteService(deps: PublicSiteDeps) {
  return {
    /** What the home page shows this viewer: objectives, bodies, meetings, board updates, decisions and workstreams. */
    async home(ctx: RequestContext) {
      const [objectives, bodies, upcoming, recent, decisions, updates, workstreams] = await Promise.all([
        deps.partnerships.listObjectives(ctx),
        deps.bodies.listTopLevel(ctx),
        deps.meetings.listByWhen(ctx, "upcoming", undefined, 1, 5),
        deps.meetings.listByWhen(ctx, "past", undefined, 1, 3),
        deps.decisions.list(ctx, {}, 1, 5),
        deps.boardUpdates ? deps.boardUpdates.listPublished(ctx, { limit: 3 }) : Promise.resolve([]),
        deps.workstreams ? deps.workstreams.list(ctx) : Promise.resolve([]),
      ]);
      return {
        objectives,
        bodies,
        upcomingMeetings: upcoming.slice(0, 5),
        recentMeetings: recent.slice(0, 3),
        decisions: decisions.slice(0, 5),
        updates,
        workstreams: workstreams.filter((w) => w.published && w.archivedAt === null),
        portfolioDashboard: deps.portfolioDashboard ?? false,
      };
    },

    /**
     * Every public page, as the public sees it (whoever asks: the sitemap is for search engines),
     * with its last change where known. Paths only; the route makes them absolute.
     */
    async sitemap(ctx: RequestContext): Promise<SitemapEntry[]> {
      const pub: RequestContext = { ...ctx, principal: ANONYMOUS };
      const [bodies, meetings, decisions, updates, workstreams] = await Promise.all([
        allPages((page, limit) => deps.bodies.list(pub, {}, page, limit)),
        allPages((page, limit) => deps.meetings.list(pub, { order: "desc" }, page, limit)),
        allPages((page, limit) => deps.decisions.list(pub, {}, page, limit)),
        deps.boardUpdates ? deps.boardUpdates.listPublished(pub, { limit: SITEMAP_LIMIT_PER_KIND }) : Promise.resolve([]),
        deps.workstreams ? deps.workstreams.list(pub) : Promise.resolve([]),
      ]);
      const entries: SitemapEntry[] = [{ path: "/" }, { path: "/bodies" }, { path: "/meetings" }, { path: "/meetings?when=past" }, { path: "/decisions" }];
      if (deps.boardUpdates) entries.push({ path: "/updates" });
      if (deps.workstreams) entries.push({ path: "/workstreams" });
      if (deps.portfolioDashboard) entries.push({ path: "/portfolio" });
      entries.push({ path: "/accessibility" });
      for (const b of bodies) {
        entries.push({ path: bodyPath(b), lastmod: b.updatedAt });
        entries.push({ path: `/bodies/${b.id}/meetings` });
        if (b.meetsInPublic) entries.push({ path: `/bodies/${b.id}/forward-plan` });
      }
      for (const m of meetings) if (m.hasPublicSession && m.status !== "cancelled") entries.push({ path: meetingPath(m), lastmod: m.updatedAt });
      for (const d of decisions) entries.push({ path: `/decisions/${d.decision.id}`, lastmod: d.decision.updatedAt });
      for (const u of updates) entries.push({ path: `/updates/${u.update.slug}`, lastmod: latest(u.update.lastPublishedAt, u.update.firstPublishedAt) });
      for (const w of workstreams) if (w.published && w.archivedAt === null) entries.push({ path: `/workstreams/${w.slug}` });
      return entries;
    },

    /** The viewer's meetings of a body (named by id or slug) on a day in England, soonest first; 404 when there are none. */
    async meetingsOn(ctx: RequestContext, bodyIdOrSlug: string, date: string) {
      const body = await deps.bodies.resolve(ctx, bodyIdOrSlug);
      const from = fromLondon(date, "00:00");
      const to = fromLondon(addCalendarDays(date, 1), "00:00");
      if (!from || !to) throw new NotFound("Meeting not found");
      const rows = (await deps.meetings.list(ctx, { bodyId: body.id, from, to, order: "asc" }, 1, 20)).filter((m) => toLondon(m.startsAt).date === date);
      if (rows.length === 0) throw new NotFound("Meeting not found");
      return { body, meetings: rows };
    },
  };
}

export type PublicSiteService = ReturnType<typeof publicSiteService>;
