import ICAL from "ical.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/setup/app.ts";
import { createBody, createMeeting } from "../../../tests/factories/index.ts";
import { londonDateTime } from "../../platform/time.ts";

let t: TestApp;
let admin: string;
let bodyId: string;
let archivedBodyId: string;
let winterId: string;
let summerId: string;
let archivedMeetingId: string;
let oldMeetingId: string;

/** Future days either side of the clock change, so they fall inside the feed's window. */
const WINTER = "2030-12-04";
const SUMMER = "2031-06-04";
const TRICKY_VENUE = "Room 1, Trust HQ; Level 2\nSouth Wing \\ East";

beforeAll(async () => {
  t = await createTestApp();
  const { db } = t.database;
  const pid = t.partnership.id;
  admin = await t.token("admin", "write");
  bodyId = (await createBody(db, pid, { name: "Programme Board", shortName: "PB", kind: "programme_board" })).id;
  archivedBodyId = (await createBody(db, pid, { name: "Old Steering Group", archivedAt: new Date("2020-01-01T00:00:00Z") })).id;
  winterId = (
    await createMeeting(db, pid, {
      bodyId,
      title: "December meeting",
      startsAt: londonDateTime(WINTER, "10:00"),
      endsAt: londonDateTime(WINTER, "12:00"),
      venue: TRICKY_VENUE,
    })
  ).id;
  summerId = (
    await createMeeting(db, pid, {
      bodyId,
      title: "June meeting",
      startsAt: londonDateTime(SUMMER, "10:00"),
      endsAt: londonDateTime(SUMMER, "12:30"),
      venue: "Boardroom",
      onlineUrl: "https://teams.example.com/meet/123",
    })
  ).id;
  archivedMeetingId = (await createMeeting(db, pid, { bodyId: archivedBodyId, title: "Archived body meeting", startsAt: londonDateTime(WINTER, "14:00") })).id;
  oldMeetingId = (await createMeeting(db, pid, { bodyId, title: "Long ago", startsAt: londonDateTime("2001-03-05", "10:00") })).id;
});
afterAll(async () => {
  await t.close();
});

async function feed(url: string, token?: string) {
  const res = await t.app.inject({ method: "GET", url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  return res;
}

/** Parses a feed with ical.js (registering its VTIMEZONEs) and returns the calendar and its events by meeting id. */
function parse(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const tz of calendar.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
  const events = new Map<string, ICAL.Component>();
  for (const e of calendar.getAllSubcomponents("vevent")) events.set(String(e.getFirstPropertyValue("uid")).split("@")[0]!, e);
  return { calendar, events };
}

async function events(url = "/meetings.ics", token?: string) {
  const res = await feed(url, token);
  expect(res.statusCode).toBe(200);
  return parse(res.body);
}

const value = (e: ICAL.Component, name: string) => e.getFirstPropertyValue(name);
const time = (e: ICAL.Component, name: string) => value(e, name) as ICAL.Time;

async function api(method: "PATCH" | "POST", url: string, payload: unknown) {
  const res = await t.app.inject({
    method,
    url,
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    payload: JSON.stringify(payload),
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<{ version: number; sequence: number }>();
}

async function meetingVersion(id: string): Promise<number> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/meetings/${id}`, headers: { authorization: `Bearer ${admin}` } });
  return res.json<{ version: number }>().version;
}

describe("GET /meetings.ics", () => {
  it("is an iCalendar file with a sensible name", async () => {
    const res = await feed("/meetings.ics");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/^inline; filename="[a-z0-9-]+-meetings\.ics"$/);
    expect(res.body.startsWith("BEGIN:VCALENDAR\r\n")).toBe(true);
    const { calendar } = parse(res.body);
    expect(value(calendar, "version")).toBe("2.0");
    expect(value(calendar, "x-wr-timezone")).toBe("Europe/London");
    const zones = calendar.getAllSubcomponents("vtimezone");
    expect(zones).toHaveLength(1);
    expect(value(zones[0]!, "tzid")).toBe("Europe/London");
  });

  it("gives each meeting the properties a calendar needs", async () => {
    const { events: all } = await events();
    const e = all.get(summerId)!;
    expect(e).toBeDefined();
    expect(value(e, "uid")).toBe(`${summerId}@localhost`);
    expect(value(e, "sequence")).toBe(0);
    expect(time(e, "dtstamp").zone).toBe(ICAL.Timezone.utcTimezone);
    expect(e.getFirstProperty("dtstart")!.getParameter("tzid")).toBe("Europe/London");
    expect(e.getFirstProperty("dtend")!.getParameter("tzid")).toBe("Europe/London");
    expect(value(e, "summary")).toBe("Programme Board: June meeting");
    expect(value(e, "location")).toBe("Boardroom and online: https://teams.example.com/meet/123");
    const url = String(value(e, "url"));
    expect(url).toMatch(new RegExp(`^http://localhost(:\\d+)?/meetings/${summerId}$`));
    expect(String(value(e, "description"))).toContain(url);
    expect(String(value(e, "description"))).toContain("Join online: https://teams.example.com/meet/123");
    expect(value(e, "status")).toBe("CONFIRMED");
  });

  it("writes Europe/London wall-clock times, right in winter (GMT) and summer (BST)", async () => {
    const { events: all } = await events();
    const winter = all.get(winterId)!;
    const summer = all.get(summerId)!;
    expect(time(winter, "dtstart").toString()).toBe("2030-12-04T10:00:00");
    expect(time(winter, "dtend").toString()).toBe("2030-12-04T12:00:00");
    expect(time(summer, "dtstart").toString()).toBe("2031-06-04T10:00:00");
    expect(time(summer, "dtend").toString()).toBe("2031-06-04T12:30:00");
    // Through the feed's own VTIMEZONE: 10:00 GMT is 10:00 UTC; 10:00 BST is 09:00 UTC.
    expect(time(winter, "dtstart").toJSDate().toISOString()).toBe("2030-12-04T10:00:00.000Z");
    expect(time(summer, "dtstart").toJSDate().toISOString()).toBe("2031-06-04T09:00:00.000Z");
    expect(time(summer, "dtend").toJSDate().toISOString()).toBe("2031-06-04T11:30:00.000Z");
  });

  it("escapes commas, semicolons, backslashes and newlines so the text reads back exactly", async () => {
    const res = await feed("/meetings.ics");
    expect(res.body).toContain("LOCATION:Room 1\\, Trust HQ\\; Level 2\\nSouth Wing \\\\ East");
    const { events: all } = parse(res.body);
    expect(value(all.get(winterId)!, "location")).toBe(TRICKY_VENUE);
  });

  it("leaves out meetings more than 12 months ago", async () => {
    const { events: all } = await events();
    expect(all.has(oldMeetingId)).toBe(false);
  });

  it("does not give the public meetings of archived bodies; insiders get them", async () => {
    const { events: publicEvents } = await events();
    expect(publicEvents.has(archivedMeetingId)).toBe(false);
    expect((await feed(`/bodies/${archivedBodyId}/meetings.ics`)).statusCode).toBe(404);
    const { events: insiderEvents } = await events("/meetings.ics", admin);
    expect(insiderEvents.has(archivedMeetingId)).toBe(true);
    const { events: archivedFeed } = await events(`/bodies/${archivedBodyId}/meetings.ics`, admin);
    expect([...archivedFeed.keys()]).toEqual([archivedMeetingId]);
  });
});

describe("GET /bodies/:id/meetings.ics", () => {
  it("holds only that body's meetings", async () => {
    const res = await feed(`/bodies/${bodyId}/meetings.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('inline; filename="pb-meetings.ics"');
    const { calendar, events: all } = parse(res.body);
    expect(value(calendar, "x-wr-calname")).toBe("Programme Board meetings");
    expect(all.has(winterId)).toBe(true);
    expect(all.has(summerId)).toBe(true);
    expect(all.has(archivedMeetingId)).toBe(false);
  });

  it("is 404 for a body that does not exist", async () => {
    expect((await feed("/bodies/0190a5b0-0000-7000-8000-00000000abcd/meetings.ics")).statusCode).toBe(404);
  });
});

describe("changes", () => {
  it("keeps the UID and increases SEQUENCE when a meeting changes through the API", async () => {
    const id = (await createMeeting(t.database.db, t.partnership.id, { bodyId, title: "To change", startsAt: londonDateTime("2031-02-03", "14:00") })).id;
    const before = (await events()).events.get(id)!;
    const updated = await api("PATCH", `/api/v1/meetings/${id}`, {
      version: await meetingVersion(id),
      startTime: "15:00",
      endTime: "16:00",
      venue: "New venue",
    });
    expect(updated.sequence).toBeGreaterThan(0);
    const after = (await events()).events.get(id)!;
    expect(value(after, "uid")).toBe(value(before, "uid"));
    expect(value(after, "sequence")).toBe(updated.sequence);
    expect(Number(value(after, "sequence"))).toBeGreaterThan(Number(value(before, "sequence")));
    expect(time(after, "dtstart").toString()).toBe("2031-02-03T15:00:00");
    expect(value(after, "location")).toBe("New venue");
  });

  it("marks a cancelled meeting STATUS:CANCELLED and a postponed one TENTATIVE", async () => {
    const cancelled = (await createMeeting(t.database.db, t.partnership.id, { bodyId, title: "To cancel", startsAt: londonDateTime("2031-03-03", "10:00") }))
      .id;
    const postponed = (await createMeeting(t.database.db, t.partnership.id, { bodyId, title: "To postpone", startsAt: londonDateTime("2031-04-03", "10:00") }))
      .id;
    await api("POST", `/api/v1/meetings/${cancelled}/cancel`, { version: await meetingVersion(cancelled), reason: "Not quorate" });
    await api("POST", `/api/v1/meetings/${postponed}/postpone`, { version: await meetingVersion(postponed), reason: "Awaiting papers" });
    const { events: all } = await events();
    const c = all.get(cancelled)!;
    expect(value(c, "status")).toBe("CANCELLED");
    expect(Number(value(c, "sequence"))).toBeGreaterThan(0);
    expect(value(c, "summary")).toBe("Cancelled: Programme Board: To cancel");
    expect(String(value(c, "description"))).toContain("Not quorate");
    expect(value(all.get(postponed)!, "status")).toBe("TENTATIVE");
  });
});

describe("subscribe links", () => {
  it("are on the meetings page and the body's meetings page", async () => {
    const list = await t.app.inject({ method: "GET", url: "/meetings" });
    expect(list.body).toMatch(/<a href="\/meetings\.ics"[^>]*>\s*Subscribe to this calendar/);
    const bodyPage = await t.app.inject({ method: "GET", url: `/bodies/${bodyId}/meetings` });
    expect(bodyPage.body).toContain(`href="/bodies/${bodyId}/meetings.ics"`);
    expect(bodyPage.body).toContain("Subscribe to this calendar");
  });
});
