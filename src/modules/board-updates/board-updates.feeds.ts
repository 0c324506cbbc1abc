import { Feed } from "feed";
import { renderMarkdown } from "./board-updates.markdown.ts";
import { updatePath } from "./board-updates.presenter.ts";
import type { BoardUpdateEntry } from "./board-updates.service.ts";

/** The most updates one feed carries (a body publishes about one a month). */
export const FEED_LIMIT = 50;

export interface FeedOptions {
  /** The feed's title, e.g. "Kent and Medway STP: board updates". */
  title: string;
  description: string;
  /** The site's absolute origin, without a trailing slash (config PUBLIC_URL, else the request's). */
  origin: string;
  /** The HTML page the feed mirrors, a path ("/updates"). */
  pagePath: string;
  /** The feed's own paths, without extension ("/updates" → /updates.rss and /updates.atom). */
  feedPath: string;
  /** When the feed was built: its "updated" when it has no entries. */
  now: Date;
}

/** When an entry last changed for readers: its latest correction, else its first publication. */
function updatedOf(e: BoardUpdateEntry): Date {
  return e.update.lastPublishedAt ?? e.update.firstPublishedAt ?? e.update.updatedAt;
}

/**
 * RSS 2.0 and Atom 1.0 feeds of published updates: the public text (the latest published version),
 * absolute links, the entry's id its permanent page address. Only published updates ever reach here.
 */
export function boardUpdatesFeed(entries: BoardUpdateEntry[], options: FeedOptions): Feed {
  const published = entries.filter((e) => e.update.status === "published");
  const latest = published.reduce<Date | null>((acc, e) => (acc === null || updatedOf(e) > acc ? updatedOf(e) : acc), null);
  const feed = new Feed({
    id: `${options.origin}${options.pagePath}`,
    title: options.title,
    description: options.description,
    link: `${options.origin}${options.pagePath}`,
    language: "en-GB",
    updated: latest ?? options.now,
    generator: "Quorum",
    copyright: options.title,
    feedLinks: { rss: `${options.origin}${options.feedPath}.rss`, atom: `${options.origin}${options.feedPath}.atom` },
  });
  for (const e of published) {
    const url = `${options.origin}${updatePath(e.update)}`;
    const firstParagraph = e.content.markdown.split(/\n\s*\n/)[0]?.trim() ?? "";
    feed.addItem({
      title: e.content.title,
      id: url,
      guid: url,
      link: url,
      date: updatedOf(e),
      published: e.update.firstPublishedAt ?? updatedOf(e),
      description: firstParagraph.slice(0, 500),
      content: renderMarkdown(e.content.markdown),
      category: [{ name: e.body.name }],
    });
  }
  return feed;
}
