import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createAction, createAgendaItem, createBody, createDecision, createMeeting, createOrganisation, createPerson } from "../../../tests/factories/index.ts";
import type { Role } from "../accounts/accounts.tables.ts";
import { addCalendarDays, toLondon } from "../../platform/time.ts";

let t: TestApp;
const tokens = new Map<string, string>();
const sessions = new Map<string, Session>();
let bodyId: string;

beforeAll(async () => {
  t = await createTestApp();
  bodyId = (await createBody(t.database.db, t.partnership.id, { name: "Programme Board", shortName: "PB", kind: "programme_board" })).id;
});
afterAll(async () => {
  await t.close();
});

async function token(role: Role, scope: "read" | "write" = "write"): Promise<string> {
  const key = `${role}:${scope}`;
  if (!tokens.has(key)) tokens.set(key, await t.token(role, scope));
  return tokens.get(key)!;
}
async function session(role: Role): Promise<Session> {
  if (!sessions.has(role)) sessions.set(role, await t.signIn(role));
  return sessions.get(role)!;
}

const json = (tok: string) => ({ authorization: `Bearer ${tok}`, "content-type": "application/json" });
const bearer = (tok: string) => ({ authorization: `Bearer ${tok}` });

async function api(method: "GET" | "POST" | "PATCH", url: string, role: Role | null, payload?: unknown) {
  const headers = role
    ? payload === undefined
      ? bearer(await token(role))
      : json(await token(role))
    : payload === undefined
      ? {}
      : { "content-type": "application/json" };
  return t.app.inject({ method, url: `/api/v1${url}`, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
}

async function page(url: string, role: Role | null) {
  return t.app.inject({ method: "GET", url, headers: role ? { cookie: (await session(role)).cookie } : {} });
}

async function post(url: string, role: Role, fields: Record<string, string | string[]>) {
  const s = await session(role);
  return t.app.inject({
    method: "POST",
    url,
    headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ _csrf: s.csrf, ...fields }),
  });
}

/** A day `days` from today in England, as YYYY-MM-DD. */
const inDays = (days: number) => addCalendarDays(toLondon(new Date()).date, days);

describe("meetings API", () => {
  it("schedules, edits with optimistic concurrency, publishes, holds and refuses to cancel a held meeting", async () => {
    const created = await api("POST", "/meetings", "secretary", {
      bodyId,
      date: "2018-03-05",
      startTime: "10:00",
      endTime: "12:00",
      venue: "Council Chamber, Maidstone",
    });
    expect(created.statusCode).toBe(201);
    const m = created.json();
    expect(m).toMatchObject({
      date: "2018-03-05",
      startTime: "10:00",
      endTime: "12:00",
      startsAt: "2018-03-05T10:00:00.000Z",
      status: "planned",
      version: 1,
      sequence: 0,
      body: { id: bodyId, name: "Programme Board" },
    });

    // A change a calendar would notice increases the sequence; one it would not, does not.
    const moved = await api("PATCH", `/meetings/${m.id}`, "secretary", { version: 1, startTime: "10:30" });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startTime: "10:30", endTime: "12:00", version: 2, sequence: 1 });
    const sessionsOnly = await api("PATCH", `/meetings/${m.id}`, "secretary", { version: 2, hasPrivateSession: true });
    expect(sessionsOnly.json()).toMatchObject({ version: 3, sequence: 1, hasPrivateSession: true });

    // A second writer who read version 1 is refused; the newer data survives.
    const stale = await api("PATCH", `/meetings/${m.id}`, "admin", { version: 1, venue: "Somewhere else" });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict");
    expect(stale.json().error.current).toMatchObject({ venue: "Council Chamber, Maidstone", version: 3 });
    expect((await api("GET", `/meetings/${m.id}`, null)).json()).toMatchObject({ venue: "Council Chamber, Maidstone", startTime: "10:30", version: 3 });

    const published = await api("POST", `/meetings/${m.id}/publish-agenda`, "secretary", { version: 3 });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: "agenda_published", sequence: 2 });
    expect(published.json().agendaPublishedAt).toBeTypeOf("string");
    expect((await api("POST", `/meetings/${m.id}/publish-agenda`, "secretary", { version: 4 })).json().error.code).toBe("meeting_state");

    const held = await api("POST", `/meetings/${m.id}/held`, "secretary", { version: 4 });
    expect(held.json()).toMatchObject({ status: "held", version: 5 });
    const noReason = await api("POST", `/meetings/${m.id}/cancel`, "secretary", { version: 5, reason: "" });
    expect(noReason.statusCode).toBe(400);
    const cancelHeld = await api("POST", `/meetings/${m.id}/cancel`, "secretary", { version: 5, reason: "Diary clash" });
    expect(cancelHeld.statusCode).toBe(409);
    expect(cancelHeld.json().error.code).toBe("meeting_state");
  });

  it("cancels and postpones with a reason, and will not mark a future meeting as held", async () => {
    const future = (await api("POST", "/meetings", "admin", { bodyId, date: inDays(30), startTime: "14:00", endTime: "16:00" })).json();
    expect((await api("POST", `/meetings/${future.id}/held`, "admin", { version: 1 })).json().error.code).toBe("meeting_not_started");
    const postponed = await api("POST", `/meetings/${future.id}/postpone`, "admin", { version: 1, reason: "Chair unavailable" });
    expect(postponed.json()).toMatchObject({ status: "postponed", statusReason: "Chair unavailable", sequence: 1 });
    // Giving it a new day reinstates it.
    const rearranged = await api("PATCH", `/meetings/${future.id}`, "admin", { version: 2, date: inDays(37) });
    expect(rearranged.json()).toMatchObject({ status: "planned", date: inDays(37), startTime: "14:00", sequence: 2 });
    const cancelled = await api("POST", `/meetings/${future.id}/cancel`, "admin", { version: 3, reason: "Business moved to the next meeting" });
    expect(cancelled.json()).toMatchObject({ status: "cancelled", statusReason: "Business moved to the next meeting", sequence: 3 });
    expect((await api("PATCH", `/meetings/${future.id}`, "admin", { version: 4, venue: "x" })).json().error.code).toBe("meeting_cancelled");
  });

  it("stores times in England as UTC instants across the clock changes of 2018", async () => {
    const spring = (await api("POST", "/meetings", "secretary", { bodyId, date: "2018-03-25", startTime: "10:00", endTime: "12:00" })).json();
    expect(spring).toMatchObject({ startsAt: "2018-03-25T09:00:00.000Z", endsAt: "2018-03-25T11:00:00.000Z", startTime: "10:00" });
    const autumn = (await api("POST", "/meetings", "secretary", { bodyId, date: "2018-10-28", startTime: "10:00", endTime: "12:00" })).json();
    expect(autumn).toMatchObject({ startsAt: "2018-10-28T10:00:00.000Z", endsAt: "2018-10-28T12:00:00.000Z", startTime: "10:00" });
    const skipped = await api("POST", "/meetings", "secretary", { bodyId, date: "2018-03-25", startTime: "01:30", endTime: "03:00" });
    expect(skipped.statusCode).toBe(422);
    expect(skipped.json().error.fields.startTime).toMatch(/clocks go forward/);
    const backwards = await api("POST", "/meetings", "secretary", { bodyId, date: "2018-03-05", startTime: "12:00", endTime: "10:00" });
    expect(backwards.json().error.fields.endTime).toBe("The end time must be after the start time");
    const page = await t.app.inject({ method: "GET", url: `/meetings/${spring.id}` });
    expect(page.body).toContain("Sunday 25 March 2018");
    expect(page.body).toContain("10:00 to 12:00");
  });

  it("lists with body and date filters, and refuses bad input and unauthorised writers", async () => {
    const other = await createBody(t.database.db, t.partnership.id, { name: "Clinical and Professional Board" });
    await createMeeting(t.database.db, t.partnership.id, { bodyId: other.id, startsAt: new Date("2017-12-04T10:00:00Z") });
    const list = await api("GET", `/meetings?bodyId=${other.id}&from=2017-12-04&to=2017-12-04`, null);
    expect(list.statusCode).toBe(200);
    expect(list.json().data).toHaveLength(1);
    expect(list.json().data[0]).toMatchObject({ date: "2017-12-04", body: { name: "Clinical and Professional Board" } });
    expect((await api("GET", `/meetings?bodyId=${other.id}&from=2017-12-05`, null)).json().data).toHaveLength(0);

    expect((await api("POST", "/meetings", "secretary", { bodyId, date: "2018-02-30", startTime: "10:00", endTime: "12:00" })).statusCode).toBe(400);
    expect(
      (await api("POST", "/meetings", "secretary", { bodyId, date: "2018-03-05", startTime: "10:00", endTime: "12:00", onlineUrl: "http://insecure.example" }))
        .statusCode,
    ).toBe(400);
    expect((await api("POST", "/meetings", "secretary", { bodyId, date: "2018-03-05", startTime: "10:00", endTime: "12:00", colour: "red" })).statusCode).toBe(
      400,
    );
    expect((await api("POST", "/meetings", "member", { bodyId, date: "2018-03-05", startTime: "10:00", endTime: "12:00" })).statusCode).toBe(403);
    const readOnly = await t.app.inject({
      method: "POST",
      url: "/api/v1/meetings",
      headers: json(await token("secretary", "read")),
      payload: { bodyId, date: "2018-03-05", startTime: "10:00", endTime: "12:00" },
    });
    expect(readOnly.statusCode).toBe(403);
    expect((await api("POST", "/meetings", null, { bodyId, date: "2018-03-05", startTime: "10:00", endTime: "12:00" })).statusCode).toBe(401);
  });

  it("warns, but does not refuse, when the agenda is published with fewer than three clear days to go", async () => {
    const soon = (await api("POST", "/meetings", "secretary", { bodyId, date: inDays(2), startTime: "10:00", endTime: "12:00" })).json();
    const late = await api("POST", `/meetings/${soon.id}/publish-agenda`, "secretary", { version: 1 });
    expect(late.statusCode).toBe(200);
    expect(late.json().status).toBe("agenda_published");
    expect(late.json().warnings).toEqual(["The agenda was published with 1 clear day before the meeting; members should have at least 3"]);

    const inTime = (await api("POST", "/meetings", "secretary", { bodyId, date: inDays(4), startTime: "10:00", endTime: "12:00" })).json();
    expect((await api("POST", `/meetings/${inTime.id}/publish-agenda`, "secretary", { version: 1 })).json().warnings).toEqual([]);

    // On the page the secretary sees the warning after the redirect.
    const third = (await api("POST", "/meetings", "secretary", { bodyId, date: inDays(1), startTime: "10:00", endTime: "12:00" })).json();
    const res = await post(`/meetings/${third.id}/publish-agenda`, "secretary", { version: "1" });
    expect(res.statusCode).toBe(303);
    const after = await t.app.inject({
      method: "GET",
      url: res.headers.location as string,
      headers: { cookie: `${(await session("secretary")).cookie}; ${res.headers["set-cookie"]?.toString().split(";")[0] ?? ""}` },
    });
    expect(after.body).toContain("Warning: The agenda was published with no clear days before the meeting");
  });

  it("generates a year of meetings from a rule, previewed first, skipping days that already have a meeting", async () => {
    const board = await createBody(t.database.db, t.partnership.id, { name: "Local Care Board" });
    await createMeeting(t.database.db, t.partnership.id, { bodyId: board.id, startsAt: new Date("2018-03-05T14:00:00Z"), title: "Already arranged" });
    const rule = {
      bodyId: board.id,
      ordinal: "first",
      weekday: "monday",
      startTime: "10:00",
      durationMinutes: 120,
      fromMonth: "2018-01",
      venue: "Oakwood House",
    };
    const preview = await api("POST", "/meetings/generate", "secretary", { ...rule, dryRun: true });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().rule).toBe("First Monday of each month at 10:00 for 2 hours");
    expect(preview.json().meetings).toHaveLength(12);
    expect(
      preview
        .json()
        .meetings.filter((m: { skipped: boolean }) => m.skipped)
        .map((m: { date: string }) => m.date),
    ).toEqual(["2018-03-05"]);
    expect((await api("GET", `/meetings?bodyId=${board.id}&limit=100`, null)).json().data).toHaveLength(1);

    const made = await api("POST", "/meetings/generate", "secretary", rule);
    expect(made.statusCode).toBe(201);
    expect(made.json().meetings.filter((m: { id: string | null }) => m.id !== null)).toHaveLength(11);
    const list = (await api("GET", `/meetings?bodyId=${board.id}&limit=100`, null)).json().data as { date: string; startTime: string; venue: string | null }[];
    expect(list.map((m) => m.date)).toEqual([
      "2018-01-01",
      "2018-02-05",
      "2018-03-05",
      "2018-04-02",
      "2018-05-07",
      "2018-06-04",
      "2018-07-02",
      "2018-08-06",
      "2018-09-03",
      "2018-10-01",
      "2018-11-05",
      "2018-12-03",
    ]);
    expect(list.filter((m) => m.date !== "2018-03-05").every((m) => m.startTime === "10:00" && m.venue === "Oakwood House")).toBe(true);
    // Running it again creates nothing.
    const again = await api("POST", "/meetings/generate", "secretary", rule);
    expect(again.json().meetings.every((m: { skipped: boolean }) => m.skipped)).toBe(true);
  });

  it("generates through the page: preview, then create", async () => {
    const board = await createBody(t.database.db, t.partnership.id, { name: "Finance Group" });
    const fields = {
      ordinal: "last",
      weekday: "thursday",
      startTime: "2pm",
      durationMinutes: "90",
      fromMonth: "2019-01",
      months: "3",
      venue: "",
      onlineUrl: "",
      sessions: "public",
    };
    const preview = await post(`/bodies/${board.id}/meetings/generate`, "secretary", fields);
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain("Last Thursday of each month at 14:00 for 1 hour 30 minutes");
    expect(preview.body).toContain("Thursday 31 January 2019");
    expect(preview.body).toContain("Create 3 meetings");
    const created = await post(`/bodies/${board.id}/meetings/generate`, "secretary", { ...fields, confirm: "yes" });
    expect(created.statusCode).toBe(303);
    const list = await page(`/bodies/${board.id}/meetings`, "secretary");
    expect(list.body).toContain("Thursday 28 February 2019");
    const bad = await post(`/bodies/${board.id}/meetings/generate`, "secretary", { ...fields, startTime: "teatime" });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain('value="teatime"');
  });
});

describe("agenda", () => {
  it("numbers items 1, 2, 2.1, runs their times from the start and warns of an overrun", async () => {
    const m = (await api("POST", "/meetings", "secretary", { bodyId, date: "2018-06-04", startTime: "10:00", endTime: "11:00" })).json();
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Glenn Douglas" });
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Medway NHS Foundation Trust" });
    const add = (payload: object) => api("POST", `/meetings/${m.id}/items`, "secretary", payload);
    const welcome = (await add({ title: "Welcome and apologies", kind: "welcome_and_apologies", durationMinutes: 5 })).json();
    const update = await add({
      title: "Chief executive's update",
      kind: "update",
      purpose: "for_information",
      durationMinutes: 20,
      presenters: [{ personId: person.id, roleLabel: "STP Chief Executive" }],
      organisationIds: [org.id],
      bodyIds: [bodyId],
    });
    expect(update.statusCode).toBe(201);
    expect(update.json()).toMatchObject({
      number: "2",
      startTimeLocal: "10:05",
      presenters: [{ personId: person.id, name: "Glenn Douglas", roleLabel: "STP Chief Executive" }],
      organisationIds: [org.id],
      bodyIds: [bodyId],
    });
    const sub = (await add({ title: "Winter planning", kind: "update", durationMinutes: 30, parentItemId: update.json().id })).json();
    expect(sub).toMatchObject({ number: "2.1", startTimeLocal: "10:25", overruns: false });
    const aob = (await add({ title: "Any other business", kind: "any_other_business", durationMinutes: 10 })).json();
    expect(aob).toMatchObject({ number: "3", startTimeLocal: "10:55", overruns: true });

    const list = (await api("GET", `/meetings/${m.id}/items`, "viewer")).json();
    expect(list.data.map((i: { number: string; title: string }) => `${i.number} ${i.title}`)).toEqual([
      "1 Welcome and apologies",
      "2 Chief executive's update",
      "2.1 Winter planning",
      "3 Any other business",
    ]);

    // Sub-items cannot have sub-items; unknown people are refused.
    expect((await add({ title: "Too deep", kind: "update", parentItemId: sub.id })).json().error.fields.parentItemId).toMatch(/main item/);
    expect((await add({ title: "Ghost", kind: "update", presenters: [{ personId: "0190a5b0-0000-7000-8000-000000000000" }] })).statusCode).toBe(422);

    // Moving item 3 up swaps it with item 2 (which takes its sub-item along).
    const moved = await api("POST", `/meetings/${m.id}/items/${aob.id}/move`, "secretary", { direction: "up" });
    expect(moved.json()).toMatchObject({ number: "2", startTimeLocal: "10:05" });
    const after = (await api("GET", `/meetings/${m.id}/items`, "secretary")).json();
    expect(after.data.map((i: { number: string; title: string }) => `${i.number} ${i.title}`)).toEqual([
      "1 Welcome and apologies",
      "2 Any other business",
      "3 Chief executive's update",
      "3.1 Winter planning",
    ]);

    // Edits are versioned.
    const edited = await api("PATCH", `/meetings/${m.id}/items/${welcome.id}`, "secretary", {
      version: welcome.version,
      title: "Welcome, introductions and apologies",
    });
    expect(edited.json()).toMatchObject({ title: "Welcome, introductions and apologies", number: "1" });
    const stale = await api("PATCH", `/meetings/${m.id}/items/${welcome.id}`, "admin", { version: welcome.version, title: "Overwritten" });
    expect(stale.statusCode).toBe(409);
    expect((await api("GET", `/meetings/${m.id}/items/${welcome.id}`, "viewer")).json().title).toBe("Welcome, introductions and apologies");

    // The page warns the secretary of the overrun.
    const pageRes = await page(`/meetings/${m.id}`, "secretary");
    expect(pageRes.body).toContain("The agenda runs over");
    expect(pageRes.body).toContain("STP Chief Executive");
  });

  it("requires an exemption reason for Part II (and the database agrees)", async () => {
    const m = (
      await api("POST", "/meetings", "secretary", { bodyId, date: "2018-07-02", startTime: "10:00", endTime: "12:00", hasPrivateSession: true })
    ).json();
    const noReason = await api("POST", `/meetings/${m.id}/items`, "secretary", { title: "Estates disposal", kind: "decision", confidentiality: "part_2" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.json().error.fields.exemptionReason).toBeTypeOf("string");
    const viaForm = await post(`/meetings/${m.id}/items`, "secretary", {
      title: "Estates disposal",
      kind: "decision",
      confidentiality: "part_2",
      exemptionReason: "",
    });
    expect(viaForm.statusCode).toBe(422);
    expect(viaForm.body).toContain("Enter why the item is exempt from publication");
    expect(viaForm.body).toContain('value="Estates disposal"');
    await expect(createAgendaItem(t.database.db, t.partnership.id, { meetingId: m.id, confidentiality: "part_2" })).rejects.toThrow();
  });

  it("hides Part II items from the public, viewers and contributors, on pages and in the API, and shows them to members", async () => {
    const m = await createMeeting(t.database.db, t.partnership.id, {
      bodyId,
      startsAt: new Date("2018-09-03T09:00:00Z"),
      status: "agenda_published",
      agendaPublishedAt: new Date("2018-08-20T09:00:00Z"),
      hasPrivateSession: true,
    });
    const open = await createAgendaItem(t.database.db, t.partnership.id, { meetingId: m.id, title: "Clinical strategy update", position: 0 });
    const secret = await createAgendaItem(t.database.db, t.partnership.id, {
      meetingId: m.id,
      title: "Contract negotiation with Acme Healthcare",
      position: 1,
      confidentiality: "part_2",
      exemptionReason: "Commercially sensitive",
    });
    const after = await createAgendaItem(t.database.db, t.partnership.id, { meetingId: m.id, title: "Any other business", position: 2 });

    for (const who of [null, "viewer", "contributor"] as const) {
      const items = (await api("GET", `/meetings/${m.id}/items`, who)).json().data as { id: string; number: string }[];
      expect(
        items.map((i) => i.id),
        String(who),
      ).toEqual([open.id, after.id]);
      // Numbering is over what the viewer sees, so it does not betray a hidden item.
      expect(items.map((i) => i.number)).toEqual(["1", "2"]);
      expect((await api("GET", `/meetings/${m.id}/items/${secret.id}`, who)).statusCode).toBe(404);
      const meetingPage = await page(`/meetings/${m.id}`, who);
      expect(meetingPage.statusCode).toBe(200);
      expect(meetingPage.body).not.toContain("Acme Healthcare");
      expect(meetingPage.body).not.toContain("Commercially sensitive");
      expect(meetingPage.body).not.toContain("Part II – confidential");
      expect((await page(`/meetings/${m.id}/items/${secret.id}`, who)).statusCode).toBe(404);
    }
    for (const who of ["member", "secretary"] as const) {
      const items = (await api("GET", `/meetings/${m.id}/items`, who)).json().data as { id: string; number: string }[];
      expect(items.map((i) => i.number)).toEqual(["1", "2", "3"]);
      const meetingPage = await page(`/meetings/${m.id}`, who);
      expect(meetingPage.body).toContain("Contract negotiation with Acme Healthcare");
      expect(meetingPage.body).toContain("Part II – confidential");
      expect(meetingPage.body).toContain("Commercially sensitive");
      expect((await page(`/meetings/${m.id}/items/${secret.id}`, who)).statusCode).toBe(200);
    }
  });

  it("hides the agenda from the public until it is published", async () => {
    const m = (await api("POST", "/meetings", "secretary", { bodyId, date: inDays(20), startTime: "10:00", endTime: "12:00" })).json();
    const item = (await api("POST", `/meetings/${m.id}/items`, "secretary", { title: "Draft budget 2019/20", kind: "decision" })).json();
    expect((await api("GET", `/meetings/${m.id}`, null)).statusCode).toBe(200);
    expect((await api("GET", `/meetings/${m.id}/items`, null)).json().data).toEqual([]);
    expect((await api("GET", `/meetings/${m.id}/items/${item.id}`, null)).statusCode).toBe(404);
    const publicPage = await page(`/meetings/${m.id}`, null);
    expect(publicPage.body).toContain("The agenda has not been published yet");
    expect(publicPage.body).not.toContain("Draft budget 2019/20");
    expect((await page(`/meetings/${m.id}`, "viewer")).body).toContain("Draft budget 2019/20");

    await api("POST", `/meetings/${m.id}/publish-agenda`, "secretary", { version: 1 });
    expect((await api("GET", `/meetings/${m.id}/items`, null)).json().data).toHaveLength(1);
    expect((await page(`/meetings/${m.id}`, null)).body).toContain("Draft budget 2019/20");
  });

  it("hides meetings of archived bodies from the public", async () => {
    const gone = await createBody(t.database.db, t.partnership.id, { name: "Wound-up Working Group", archivedAt: new Date() });
    const m = await createMeeting(t.database.db, t.partnership.id, { bodyId: gone.id });
    expect((await api("GET", `/meetings/${m.id}`, null)).statusCode).toBe(404);
    expect((await page(`/meetings/${m.id}`, null)).statusCode).toBe(404);
    expect((await api("GET", `/meetings/${m.id}`, "viewer")).statusCode).toBe(200);
    expect((await api("GET", `/meetings?bodyId=${gone.id}`, null)).json().data).toEqual([]);
  });

  it("builds and reorders an agenda without JavaScript, and removes items only before the meeting is held", async () => {
    const create = await post("/meetings", "secretary", {
      bodyId,
      title: "Programme Board",
      "date-day": "4",
      "date-month": "12",
      "date-year": "2017",
      startTime: "10:00",
      endTime: "12:30",
      venue: "Sessions House, Maidstone",
      onlineUrl: "",
      sessions: ["public", "private"],
    });
    expect(create.statusCode).toBe(303);
    const meetingUrl = create.headers.location as string;
    const meetingId = meetingUrl.split("/").pop()!;

    // The body's standard opening items come first.
    await post(`/bodies/${bodyId}/meetings/template`, "secretary", { title: "Welcome and apologies", kind: "welcome_and_apologies", durationMinutes: "5" });
    await post(`/bodies/${bodyId}/meetings/template`, "secretary", {
      title: "Declarations of interest",
      kind: "declarations_of_interest",
      durationMinutes: "5",
    });
    const templatePage = await page(`/bodies/${bodyId}/meetings/template`, "secretary");
    expect(templatePage.body).toContain("Declarations of interest");

    const mh = await post(`${meetingUrl}/items`, "secretary", {
      title: "Mental health deep dive",
      kind: "deep_dive",
      purpose: "for_assurance",
      durationMinutes: "45",
      confidentiality: "part_1",
    });
    expect(mh.statusCode).toBe(303);
    const ws = await post(`${meetingUrl}/items`, "secretary", {
      title: "Workforce strategy consultation response",
      kind: "consultation_response",
      durationMinutes: "30",
      confidentiality: "part_1",
    });
    expect(ws.statusCode).toBe(303);
    expect((await post(`${meetingUrl}/standard-items`, "secretary", {})).statusCode).toBe(303);
    // Adding them again adds nothing.
    await post(`${meetingUrl}/standard-items`, "secretary", {});

    const titlesInOrder = async () => {
      const items = (await api("GET", `/meetings/${meetingId}/items`, "secretary")).json().data as {
        id: string;
        number: string;
        title: string;
        version: number;
      }[];
      return items;
    };
    expect((await titlesInOrder()).map((i) => `${i.number} ${i.title}`)).toEqual([
      "1 Welcome and apologies",
      "2 Declarations of interest",
      "3 Mental health deep dive",
      "4 Workforce strategy consultation response",
    ]);

    const workforce = (await titlesInOrder())[3]!;
    const move = await post(`${meetingUrl}/items/${workforce.id}/move`, "secretary", { direction: "up" });
    expect(move.statusCode).toBe(303);
    expect(move.headers.location).toBe(`${meetingUrl}#item-${workforce.id}`);
    const body = (await page(meetingUrl, "secretary")).body;
    expect(body.indexOf("Workforce strategy consultation response")).toBeLessThan(body.indexOf("Mental health deep dive"));
    expect(body).toContain("Move up");
    expect((await titlesInOrder()).map((i) => `${i.number} ${i.title}`)).toEqual([
      "1 Welcome and apologies",
      "2 Declarations of interest",
      "3 Workforce strategy consultation response",
      "4 Mental health deep dive",
    ]);

    // Remove needs a confirmation page, and then works before the meeting is held.
    const welcome = (await titlesInOrder())[0]!;
    expect((await page(`${meetingUrl}/items/${welcome.id}/remove`, "secretary")).body).toContain("Remove item 1?");
    expect((await post(`${meetingUrl}/items/${welcome.id}/remove`, "secretary", { version: String(welcome.version) })).statusCode).toBe(303);
    expect((await titlesInOrder()).map((i) => i.number + " " + i.title)[0]).toBe("1 Declarations of interest");

    // Once held, items stay.
    const meeting = (await api("GET", `/meetings/${meetingId}`, "secretary")).json();
    expect((await post(`${meetingUrl}/held`, "secretary", { version: String(meeting.version) })).statusCode).toBe(303);
    const first = (await titlesInOrder())[0]!;
    const refused = await post(`${meetingUrl}/items/${first.id}/remove`, "secretary", { version: String(first.version) });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain("can no longer be removed");
    expect((await api("POST", `/meetings/${meetingId}/items/${first.id}/remove`, "secretary", { version: first.version })).json().error.code).toBe(
      "meeting_held",
    );
  });

  it("will not remove an item that a decision was recorded against", async () => {
    const m = await createMeeting(t.database.db, t.partnership.id, { bodyId, startsAt: new Date("2018-11-05T10:00:00Z") });
    const item = await createAgendaItem(t.database.db, t.partnership.id, { meetingId: m.id, title: "Financial principles" });
    await createDecision(t.database.db, t.partnership.id, {
      bodyId,
      meetingId: m.id,
      agendaItemId: item.id,
      text: "Gave the go-ahead to the financial principles",
    });
    const refused = await api("POST", `/meetings/${m.id}/items/${item.id}/remove`, "secretary", { version: item.version });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("item_in_use");
    expect((await api("GET", `/meetings/${m.id}/items/${item.id}`, "secretary")).statusCode).toBe(200);
  });

  it("shows the decision trail on the meeting page: decisions and actions per item, and open actions under matters arising", async () => {
    const board = await createBody(t.database.db, t.partnership.id, { name: "Stroke Programme Board" });
    const owner = await createPerson(t.database.db, t.partnership.id, { name: "Rachel Jones" });
    const december = await createMeeting(t.database.db, t.partnership.id, {
      bodyId: board.id,
      startsAt: new Date("2017-12-04T10:00:00Z"),
      status: "held",
      agendaPublishedAt: new Date("2017-11-27T10:00:00Z"),
    });
    const item = await createAgendaItem(t.database.db, t.partnership.id, { meetingId: december.id, title: "Stroke consultation" });
    const decision = await createDecision(t.database.db, t.partnership.id, {
      bodyId: board.id,
      meetingId: december.id,
      agendaItemId: item.id,
      decidedOn: "2017-12-04",
      text: "Agreed the consultation plan",
    });
    await createAction(t.database.db, t.partnership.id, {
      bodyId: board.id,
      ownerPersonId: owner.id,
      sourceMeetingId: december.id,
      sourceAgendaItemId: item.id,
      decisionId: decision.id,
      description: "Identify internal support for the stroke consultation",
    });
    const march = await createMeeting(t.database.db, t.partnership.id, { bodyId: board.id, startsAt: new Date("2018-03-05T10:00:00Z") });

    const decemberPage = await page(`/meetings/${december.id}`, null);
    expect(decemberPage.body).toContain("Agreed the consultation plan");
    expect(decemberPage.body).toContain("Identify internal support for the stroke consultation");
    const marchPage = await page(`/meetings/${march.id}`, "member");
    expect(marchPage.body).toContain("Matters arising");
    expect(marchPage.body).toContain("Identify internal support for the stroke consultation");
    expect(marchPage.body).toContain("Rachel Jones");
  });

  it("keeps typed values and shows inline errors on the meeting form, and a conflict keeps them too", async () => {
    const bad = await post("/meetings", "secretary", {
      bodyId,
      title: "Special meeting",
      "date-day": "31",
      "date-month": "2",
      "date-year": "2018",
      startTime: "ten",
      endTime: "12:00",
      venue: "",
      onlineUrl: "ftp://x",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain("Date of the meeting must be a real date");
    expect(bad.body).toContain("Enter the start time as a time");
    expect(bad.body).toContain("https://");
    expect(bad.body).toContain('value="Special meeting"');
    const noSession = await post("/meetings", "secretary", {
      bodyId,
      "date-day": "5",
      "date-month": "3",
      "date-year": "2018",
      startTime: "10:00",
      endTime: "12:00",
    });
    expect(noSession.statusCode).toBe(422);
    expect(noSession.body).toContain("Select a public session, a private session or both");

    const m = (await api("POST", "/meetings", "secretary", { bodyId, date: "2018-04-02", startTime: "10:00", endTime: "12:00" })).json();
    await api("PATCH", `/meetings/${m.id}`, "admin", { version: 1, venue: "Their venue" });
    const conflict = await post(`/meetings/${m.id}`, "secretary", {
      version: "1",
      title: "",
      "date-day": "2",
      "date-month": "4",
      "date-year": "2018",
      startTime: "10:00",
      endTime: "12:00",
      venue: "My venue",
      onlineUrl: "",
      sessions: "public",
    });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain("Someone else changed this meeting first");
    expect(conflict.body).toContain('value="My venue"');
    expect(conflict.body).toContain('name="version" value="2"');
    expect((await api("GET", `/meetings/${m.id}`, null)).json().venue).toBe("Their venue");
  });

  it("lists upcoming and past meetings on the calendar and names the navigation item", async () => {
    const upcoming = await page("/meetings", null);
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.body).toContain('href="/meetings"');
    const past = await page(`/meetings?when=past&bodyId=${bodyId}`, null);
    expect(past.body).toContain("Monday 5 March 2018");
    expect((await page("/meetings/new", "member")).statusCode).toBe(403);
    expect((await page("/meetings/new", null)).statusCode).toBe(401);
  });
});
