/**
 * A confidentiality crawler: from the home page (and the sitemap and the API description) it
 * follows every link a visitor can follow — href and src attributes, <link rel="alternate">
 * feeds, sitemap entries, feed item links, iCalendar URLs, paths in JSON, API list endpoints
 * and their items — downloads each page, feed, calendar, board pack and paper (reading the text
 * out of PDFs), and reports every place a marker appears and every server error. It goes through
 * Fastify's inject, so no browser or port is needed. POST forms are never submitted.
 */
import type { FastifyInstance, LightMyRequestResponse } from "fastify";
import { extractText, getDocumentProxy } from "unpdf";

export interface CrawlOptions {
  app: FastifyInstance;
  /** The signed-in browser's cookies; none for the public. */
  cookie?: string | undefined;
  /** Strings that must not appear anywhere this visitor can reach (the crawl reports where they do). */
  markers: readonly string[];
  /** Where to start (default: the home page, the sitemap, robots.txt and the API description). */
  start?: readonly string[];
  /** At most this many URLs are fetched (default 2,000). */
  maxUrls?: number;
  /** At most this many URLs with the same path and different query strings (default 8), so filters and pages do not swamp the crawl. */
  maxPerPath?: number;
  /** Absolute URLs with these origins are the site's own (e.g. PUBLIC_URL); http://localhost is always. */
  origins?: readonly string[];
  /** Stop as soon as every one of these markers has been found (to prove reach without crawling everything twice). */
  stopWhenFound?: readonly string[];
}

export interface CrawlFinding {
  url: string;
  marker: string;
  /** What kind of response carried it: html, json, xml, ics, pdf, text. */
  kind: string;
}

export interface CrawlResult {
  /** Every URL fetched, with its status. */
  fetched: Map<string, number>;
  /** How many responses of each kind were read. */
  kinds: Record<string, number>;
  /** Milliseconds spent on each kind (request and reading), to see where a slow crawl goes. */
  millis: Record<string, number>;
  /** Each marker found, and where. */
  findings: CrawlFinding[];
  /** Responses with a 5xx status. */
  serverErrors: { url: string; status: number }[];
  /** Links that answered 404 (broken links, or links to what the visitor may not see). */
  notFound: string[];
  /** True when the crawl stopped at maxUrls with URLs still to fetch. */
  truncated: boolean;
  /** True when the crawl stopped because every `stopWhenFound` marker had been found. */
  stoppedEarly: boolean;
}

// Links that change state or end the session even though they are GET (none should exist; belt and braces).
const SKIP = [/^\/sign-out/, /\/(delete|destroy|revoke|logout)(\/|$|\?)/, /^\/assets\//];

const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, "&")
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");

/** The site-relative form of a link, or null for links off the site, fragments, mailto: and the like. */
function normalise(raw: string, base: string, origins: readonly string[]): string | null {
  const link = decodeEntities(raw.trim());
  if (!link || link.startsWith("#") || /^(mailto|tel|javascript|data):/i.test(link)) return null;
  let url: URL;
  try {
    url = new URL(link, `http://localhost${base}`);
  } catch {
    return null;
  }
  const origin = `${url.protocol}//${url.host}`;
  const own = url.hostname === "localhost" || url.hostname === "127.0.0.1" || origins.some((o) => o.replace(/\/+$/, "") === origin);
  if (!own) return null;
  const path = `${url.pathname}${url.search}`;
  return SKIP.some((re) => re.test(path)) ? null : path;
}

/** Links in an HTML page: href and src attributes (anchors, <link rel="alternate">, images, scripts); forms are not submitted. */
function htmlLinks(body: string): string[] {
  return [...body.matchAll(/\s(?:href|src)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!);
}

/** Links in XML: sitemap <loc>, RSS <link>, <guid>, <comments>, <enclosure url> and Atom link href / <id>. */
function xmlLinks(body: string): string[] {
  return [
    ...[...body.matchAll(/<(loc|link|guid|comments|id)(?:\s[^>]*)?>([^<]+)<\/\1>/gi)].map((m) => m[2]!),
    ...[...body.matchAll(/\s(?:href|url)\s*=\s*"([^"]*)"/gi)].map((m) => m[1]!),
  ].map((s) => s.replace(/^<!\[CDATA\[|\]\]>$/g, ""));
}

/** iCalendar unfolds lines (RFC 5545 3.1) before reading URL properties. */
const unfoldIcs = (body: string) => body.replace(/\r?\n[ \t]/g, "");
function icsLinks(body: string): string[] {
  return [...unfoldIcs(body).matchAll(/^URL(?:;[^:]*)?:(.+)$/gim)].map((m) => m[1]!.trim());
}

/** Strings in JSON that are paths or absolute URLs on the site. */
function jsonStrings(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") {
    if (/^(\/[A-Za-z0-9]|https?:\/\/)/.test(value) && !/\s/.test(value)) out.push(value);
  } else if (Array.isArray(value)) {
    for (const v of value) jsonStrings(v, out);
  } else if (value && typeof value === "object") {
    for (const v of Object.values(value)) jsonStrings(v, out);
  }
  return out;
}

/** What the OpenAPI document says can be listed, and which item paths hang off each list. */
interface ApiMap {
  lists: string[];
  /** For a list path, the item templates below it with one parameter, e.g. /api/v1/meetings → /api/v1/meetings/{id}, /api/v1/meetings/{id}/items. */
  items: Map<string, string[]>;
}

function apiMapOf(doc: unknown): ApiMap {
  const paths = Object.entries((doc as { paths?: Record<string, Record<string, unknown>> }).paths ?? {})
    .filter(([, ops]) => ops && typeof ops === "object" && "get" in ops)
    .map(([p]) => (p.startsWith("/api/v1") ? p : `/api/v1${p}`));
  const lists = paths.filter((p) => !p.includes("{"));
  const items = new Map<string, string[]>();
  for (const list of lists) {
    const below = paths.filter((p) => p.startsWith(`${list}/{`) && (p.match(/\{/g) ?? []).length === 1);
    if (below.length) items.set(list, below);
  }
  return { lists, items };
}

/** Ids of the records in a list response (`data: [{ id }]`). */
function idsIn(value: unknown): string[] {
  const data = (value as { data?: unknown }).data;
  return Array.isArray(data) ? data.map((r) => (r as { id?: unknown }).id).filter((id): id is string => typeof id === "string") : [];
}

/** Reads a PDF's text (every page); an unreadable PDF gives its raw bytes as text so nothing is skipped. */
async function pdfText(bytes: Buffer): Promise<string> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(bytes));
    const { text } = await extractText(pdf, { mergePages: true });
    const info = (await pdf.getMetadata().catch(() => null))?.info as Record<string, unknown> | undefined;
    return `${text}\n${info ? JSON.stringify(info) : ""}`;
  } catch {
    return bytes.toString("latin1");
  }
}

function kindOf(res: LightMyRequestResponse, path: string): string {
  const type = String(res.headers["content-type"] ?? "").toLowerCase();
  if (type.includes("pdf") || path.endsWith(".pdf")) return "pdf";
  if (type.includes("html")) return "html";
  if (type.includes("json")) return "json";
  if (type.includes("calendar") || path.endsWith(".ics")) return "ics";
  if (type.includes("xml") || type.includes("rss") || type.includes("atom")) return "xml";
  if (type.startsWith("text/")) return "text";
  return "binary";
}

/** Crawls the site as one visitor and reports every marker found and every server error. */
export async function crawl(options: CrawlOptions): Promise<CrawlResult> {
  const { app, markers } = options;
  const maxUrls = options.maxUrls ?? 2000;
  const maxPerPath = options.maxPerPath ?? 8;
  const origins = options.origins ?? [];
  const queue: string[] = [...(options.start ?? ["/", "/sitemap.xml", "/robots.txt", "/api/v1/openapi.json"])];
  const seen = new Set<string>(queue);
  const perPath = new Map<string, number>();
  const result: CrawlResult = {
    fetched: new Map(),
    kinds: {},
    millis: {},
    findings: [],
    serverErrors: [],
    notFound: [],
    truncated: false,
    stoppedEarly: false,
  };
  const wanted = new Set(options.stopWhenFound ?? []);
  let api: ApiMap | null = null;

  const enqueue = (raw: string, base: string) => {
    const path = normalise(raw, base, origins);
    if (!path || seen.has(path)) return;
    const bare = path.split("?")[0]!;
    const count = perPath.get(bare) ?? 0;
    if (path.includes("?") && count >= maxPerPath) return;
    perPath.set(bare, count + 1);
    seen.add(path);
    queue.push(path);
  };

  const look = (url: string, kind: string, text: string) => {
    // Whitespace is dropped too, in case a PDF or a folded line splits a marker.
    const squashed = text.replace(/\s+/g, "");
    for (const marker of markers) {
      if (text.includes(marker) || squashed.includes(marker)) {
        result.findings.push({ url, marker, kind });
        wanted.delete(marker);
      }
    }
  };

  while (queue.length > 0) {
    if (options.stopWhenFound?.length && wanted.size === 0) {
      result.stoppedEarly = true;
      break;
    }
    if (result.fetched.size >= maxUrls) {
      result.truncated = true;
      break;
    }
    const url = queue.shift()!;
    const started = performance.now();
    const res = await app.inject({ method: "GET", url, headers: options.cookie ? { cookie: options.cookie } : {} });
    result.fetched.set(url, res.statusCode);
    if (res.statusCode >= 500) result.serverErrors.push({ url, status: res.statusCode });
    if (res.statusCode === 404) result.notFound.push(url);
    const location = res.headers.location;
    if (res.statusCode >= 300 && res.statusCode < 400 && typeof location === "string") enqueue(location, url);

    const kind = kindOf(res, url.split("?")[0]!);
    result.kinds[kind] = (result.kinds[kind] ?? 0) + 1;
    const spent = () => (result.millis[kind] = (result.millis[kind] ?? 0) + Math.round(performance.now() - started));
    // Error pages are read too: an error message must not leak either.
    if (kind === "pdf") {
      look(url, kind, await pdfText(res.rawPayload));
      spent();
      continue;
    }
    if (kind === "binary") {
      look(url, kind, res.rawPayload.toString("latin1"));
      spent();
      continue;
    }
    const body = res.body;
    look(url, kind, kind === "ics" ? unfoldIcs(body) : body);
    spent();
    if (res.statusCode >= 400) continue;

    if (kind === "html") for (const link of htmlLinks(body)) enqueue(link, url);
    else if (kind === "xml") for (const link of xmlLinks(body)) enqueue(link, url);
    else if (kind === "ics") for (const link of icsLinks(body)) enqueue(link, url);
    else if (kind === "json") {
      let value: unknown;
      try {
        value = JSON.parse(body);
      } catch {
        continue;
      }
      const bare = url.split("?")[0]!;
      if (bare === "/api/v1/openapi.json") {
        api = apiMapOf(value);
        for (const list of api.lists) if (list !== "/api/v1/openapi.json") enqueue(`${list}?limit=100`, url);
        continue;
      }
      for (const link of jsonStrings(value)) enqueue(link, url);
      const templates = api?.items.get(bare);
      if (templates) for (const id of idsIn(value)) for (const t of templates) enqueue(t.replace(/\{[^}]+\}/, encodeURIComponent(id)), url);
    }
  }
  return result;
}

/** A one-line summary of a crawl, for the test log. */
export function describeCrawl(who: string, r: CrawlResult): string {
  const statuses = new Map<number, number>();
  for (const s of r.fetched.values()) statuses.set(s, (statuses.get(s) ?? 0) + 1);
  const odd = [...r.fetched].filter(([, s]) => s === 400 || s === 404).map(([u, s]) => `${s} ${u}`);
  return `${who}: ${r.fetched.size} URLs${r.truncated ? " (stopped at the limit)" : ""}${r.stoppedEarly ? " (stopped once every expected marker was found)" : ""}; kinds ${JSON.stringify(r.kinds)}; ms ${JSON.stringify(r.millis)}; statuses ${JSON.stringify(Object.fromEntries(statuses))}; ${r.findings.length} marker hits${odd.length ? `; not found or refused: ${odd.join(", ")}` : ""}`;
}
