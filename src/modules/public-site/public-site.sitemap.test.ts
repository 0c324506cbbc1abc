import { describe, expect, it } from "vitest";
import { XMLParser } from "fast-xml-parser";
import { bodyPath, robotsTxt, sitemapXml } from "./public-site.sitemap.ts";
import { meetingPath } from "../meetings/meeting-path.ts";

describe("sitemapXml", () => {
  it("writes absolute, escaped, de-duplicated URLs with lastmod where known", () => {
    const xml = sitemapXml("https://stp.example.org", [
      { path: "/" },
      { path: "/meetings?when=past&bodyId=x", lastmod: new Date("2018-03-05T10:00:00Z") },
      { path: "/" },
    ]);
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toContain("<loc>https://stp.example.org/meetings?when=past&amp;bodyId=x</loc><lastmod>2018-03-05T10:00:00.000Z</lastmod>");
    const doc = new XMLParser().parse(xml) as { urlset: { url: { loc: string }[] } };
    expect(doc.urlset.url.map((u) => u.loc)).toEqual(["https://stp.example.org/", "https://stp.example.org/meetings?when=past&bodyId=x"]);
  });

  it("points robots.txt at the sitemap", () => {
    expect(robotsTxt("https://stp.example.org")).toContain("Sitemap: https://stp.example.org/sitemap.xml");
  });
});

describe("readable paths", () => {
  it("uses a body's slug where it has one, and the meeting's day in England", () => {
    expect(bodyPath({ id: "b1", slug: "programme-board" })).toBe("/bodies/programme-board");
    expect(bodyPath({ id: "b1", slug: null })).toBe("/bodies/b1");
    // 23:30 UTC on 4 March is still 4 March in London (GMT); 23:30 UTC on 4 June is 5 June (BST).
    expect(meetingPath({ id: "m1", startsAt: new Date("2018-03-04T23:30:00Z"), body: { slug: "programme-board" } })).toBe(
      "/bodies/programme-board/meetings/2018-03-04",
    );
    expect(meetingPath({ id: "m1", startsAt: new Date("2018-06-04T23:30:00Z"), body: { slug: "programme-board" } })).toBe(
      "/bodies/programme-board/meetings/2018-06-05",
    );
    expect(meetingPath({ id: "m1", startsAt: new Date("2018-03-05T10:00:00Z"), body: {} })).toBe("/meetings/m1");
  });
});
