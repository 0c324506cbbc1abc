import type { RequestContext } from "../../platform/http/context.ts";
import type { DecisionSearchRow } from "../decisions/decisions.repository.ts";
import type { MinutesSearchRow } from "../minutes/minutes.repository.ts";
import type { AgendaItemSearchRow } from "../meetings/meetings.repository.ts";
import type { BoardUpdateSearchRow } from "../board-updates/board-updates.repository.ts";

export const SEARCH_TYPES = ["decision", "minutes", "agenda_item", "board_update"] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

/**
 * How deep a search of every type may page: each page merges the best `page × limit` hits of every
 * source, so the depth is bounded; a search of one type pages as far as it goes.
 */
export const MAX_MIXED_RESULTS = 200;

/** One search result, whatever it is, as the page and the API show it. */
export interface SearchHit {
  type: SearchType;
  /** The record's id (for minutes, the agenda item's). */
  id: string;
  title: string;
  url: string;
  /** An extract around the matches, which are between MATCH_START and MATCH_END (platform/db/text-search.ts). */
  snippet: string;
  body: { id: string; name: string };
  /** The decision's or minutes' meeting, or the update's first publication. */
  date: Date;
  /** A draft board update, seen only by insiders. */
  draft: boolean;
  rank: number;
}

export interface SearchQuery {
  q: string;
  type?: SearchType | undefined;
  page: number;
  limit: number;
}

export interface SearchResults {
  hits: SearchHit[];
  hasMore: boolean;
  /** True when the search of every type stopped at MAX_MIXED_RESULTS: choosing a type shows more. */
  capped: boolean;
}

type Window = { limit: number; offset: number };

/** The sources, each owned by its module, which applies its own visibility rules (Part II, publication). */
export interface SearchSources {
  decisions: { search(ctx: RequestContext, q: string, w: Window): Promise<DecisionSearchRow[]> };
  minutes: { search(ctx: RequestContext, q: string, w: Window): Promise<MinutesSearchRow[]> };
  meetings: { searchItems(ctx: RequestContext, q: string, w: Window): Promise<AgendaItemSearchRow[]> };
  boardUpdates: { search(ctx: RequestContext, q: string, w: Window): Promise<BoardUpdateSearchRow[]> };
}

/** A board update's snippet without the Markdown punctuation a reader would not see (links keep their text). */
export function withoutMarkdown(snippet: string): string {
  return snippet
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\*\*|__|`+/g, "")
    .replace(/(^|\s)#{1,6}\s/g, "$1")
    .replace(/(^|\s)[*-]\s/g, "$1");
}

const TYPE_ORDER: Record<SearchType, number> = { decision: 0, minutes: 1, agenda_item: 2, board_update: 3 };

/** Best match first, then newest; ties broken stably. Each source returns its hits in this order. */
export function compareHits(a: SearchHit, b: SearchHit): number {
  return b.rank - a.rank || b.date.getTime() - a.date.getTime() || TYPE_ORDER[a.type] - TYPE_ORDER[b.type] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Site-wide full-text search of decisions, minutes, agenda items and board updates. It owns no
 * data and no visibility rule: each owning module searches what the viewer may see, one query
 * each, and this service merges their ranked results into one list.
 */
export function searchService(deps: SearchSources) {
  const run: Record<SearchType, (ctx: RequestContext, q: string, w: Window) => Promise<SearchHit[]>> = {
    decision: async (ctx, q, w) =>
      (await deps.decisions.search(ctx, q, w)).map((r) => ({
        type: "decision",
        id: r.id,
        title: r.itemTitle,
        url: `/decisions/${r.id}`,
        snippet: r.snippet,
        body: { id: r.bodyId, name: r.bodyName },
        date: r.startsAt,
        draft: false,
        rank: r.rank,
      })),
    minutes: async (ctx, q, w) =>
      (await deps.minutes.search(ctx, q, w)).map((r) => ({
        type: "minutes",
        id: r.itemId,
        title: r.itemTitle,
        url: `/meetings/${r.meetingId}/minutes#item-${r.itemId}`,
        snippet: r.snippet,
        body: { id: r.bodyId, name: r.bodyName },
        date: r.startsAt,
        draft: false,
        rank: r.rank,
      })),
    agenda_item: async (ctx, q, w) =>
      (await deps.meetings.searchItems(ctx, q, w)).map((r) => ({
        type: "agenda_item",
        id: r.itemId,
        title: r.itemTitle,
        url: `/meetings/${r.meetingId}/items/${r.itemId}`,
        snippet: r.snippet,
        body: { id: r.bodyId, name: r.bodyName },
        date: r.startsAt,
        draft: false,
        rank: r.rank,
      })),
    board_update: async (ctx, q, w) =>
      (await deps.boardUpdates.search(ctx, q, w)).map((r) => ({
        type: "board_update",
        id: r.id,
        title: r.title,
        url: `/updates/${r.slug}`,
        snippet: withoutMarkdown(r.snippet),
        body: { id: r.bodyId, name: r.bodyName },
        date: r.firstPublishedAt ?? r.startsAt,
        draft: r.status === "draft",
        rank: r.rank,
      })),
  };

  return {
    /** A page of results (an empty query searches nothing). */
    async search(ctx: RequestContext, query: SearchQuery): Promise<SearchResults> {
      const q = query.q.trim();
      if (q === "") return { hits: [], hasMore: false, capped: false };
      const { page, limit } = query;
      if (query.type) {
        const rows = await run[query.type](ctx, q, { limit: limit + 1, offset: (page - 1) * limit });
        return { hits: rows.slice(0, limit), hasMore: rows.length > limit, capped: false };
      }
      // Every type: the best page × limit of each source (one query each, in parallel), merged; the
      // merged order is right as far as the shortest source window reaches, hence `end`.
      const offset = (page - 1) * limit;
      if (offset >= MAX_MIXED_RESULTS) return { hits: [], hasMore: false, capped: true };
      const end = Math.min(page * limit, MAX_MIXED_RESULTS);
      const window = { limit: end + 1, offset: 0 };
      const all = (await Promise.all(SEARCH_TYPES.map((type) => run[type](ctx, q, window)))).flat().sort(compareHits);
      const hits = all.slice(offset, end);
      const more = all.length > end;
      const capped = more && end >= MAX_MIXED_RESULTS;
      return { hits, hasMore: more && !capped, capped };
    },
  };
}

export type SearchService = ReturnType<typeof searchService>;
