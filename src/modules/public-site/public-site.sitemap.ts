/** One page in the sitemap: its path on the site and, where known, when it last changed. */
export interface SitemapEntry {
  path: string;
  lastmod?: Date | null | undefined;
}

/** A body's address: its readable slug where it has one (/bodies/programme-board), else its id. */
export function bodyPath(b: { id: string; slug?: string | null | undefined }): string {
  return `/bodies/${b.slug ?? b.id}`;
}

const escapeXml = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

/** A sitemaps.org 0.9 document of absolute URLs under `origin` (no trailing slash), each listed once. */
export function sitemapXml(origin: string, entries: readonly SitemapEntry[]): string {
  const seen = new Set<string>();
  const urls: string[] = [];
  for (const e of entries) {
    const loc = `${origin}${e.path}`;
    if (seen.has(loc)) continue;
    seen.add(loc);
    const lastmod = e.lastmod ? `<lastmod>${e.lastmod.toISOString()}</lastmod>` : "";
    urls.push(`  <url><loc>${escapeXml(loc)}</loc>${lastmod}</url>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/** robots.txt: everything may be crawled (the site shows the public only what is public), and where the sitemap is. */
export function robotsTxt(origin: string): string {
  return `User-agent: *\nAllow: /\nDisallow: /sign-in\n\nSitemap: ${origin}/sitemap.xml\n`;
}
