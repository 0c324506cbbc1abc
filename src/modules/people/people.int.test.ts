import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiesFrom, createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createBody, createMembership, createOrganisation, createPartnership, createPerson, createUser } from "../../../tests/factories/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });

// Runs first, while the partnership's directory is still empty.
describe("an empty directory", () => {
  it("says so, and offers managers a way to add the first person", async () => {
    const anonymous = await t.app.inject({ method: "GET", url: "/people" });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).toContain("There are no people yet");
    expect(anonymous.body).not.toContain('href="/people/new"');
    const secretary = await t.signIn("secretary");
    const page = await t.app.inject({ method: "GET", url: "/people", headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("There are no people yet");
    expect(page.body).toContain('href="/people/new"');
  });
});

describe("people API", () => {
  it("creates, reads, updates with optimistic concurrency and archives", async () => {
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Medway NHS Foundation Trust", kind: "foundation_trust" });
    const token = await t.token("secretary", "write");
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/people",
      headers: json(token),
      payload: { name: "  Ann Example ", jobTitle: "Chief Nurse", organisationId: org.id, email: "ann.example@example.org" },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person).toMatchObject({
      name: "Ann Example",
      jobTitle: "Chief Nurse",
      organisation: { id: org.id, name: "Medway NHS Foundation Trust", archived: false },
      email: "ann.example@example.org",
      hasAccount: false,
      isExample: false,
      archived: false,
      version: 1,
    });

    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/people/${person.id}`,
      headers: json(token),
      payload: { version: 1, jobTitle: "Director of Nursing" },
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ jobTitle: "Director of Nursing", email: "ann.example@example.org", version: 2 });

    // A second writer who also read version 1 is refused, and the first writer's change survives.
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/people/${person.id}`,
      headers: json(token),
      payload: { version: 1, name: "Overwritten" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict");
    expect(stale.json().error.current).toMatchObject({ name: "Ann Example", jobTitle: "Director of Nursing", version: 2 });
    expect(stale.json().error.current).not.toHaveProperty("partnershipId");
    const after = await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}`, headers: bearer(token) });
    expect(after.json()).toMatchObject({ name: "Ann Example", jobTitle: "Director of Nursing", version: 2 });

    // null clears an optional field.
    const cleared = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/people/${person.id}`,
      headers: json(token),
      payload: { version: 2, email: null, organisationId: null },
    });
    expect(cleared.json()).toMatchObject({ email: null, organisation: null, version: 3 });

    const archived = await t.app.inject({ method: "POST", url: `/api/v1/people/${person.id}/archive`, headers: json(token), payload: { version: 3 } });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archived).toBe(true);
    // The public no longer sees them, in the API or on pages; insiders still do.
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/people/${person.id}` })).statusCode).toBe(404);
    const publicList = await t.app.inject({ method: "GET", url: "/api/v1/people?status=all&limit=100" });
    expect(publicList.json().data.map((p: { id: string }) => p.id)).not.toContain(person.id);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}`, headers: bearer(token) })).statusCode).toBe(200);
    const insiderList = await t.app.inject({ method: "GET", url: "/api/v1/people?status=archived&limit=100", headers: bearer(token) });
    expect(insiderList.json().data.map((p: { id: string }) => p.id)).toContain(person.id);
  });

  it("shows e-mail addresses and account links to insiders only", async () => {
    const user = await createUser(t.database.db, t.partnership.id, "member");
    const person = await createPerson(t.database.db, t.partnership.id, {
      name: "Priya Private",
      jobTitle: "Clinical Lead",
      email: "priya.private@example.org",
      userId: user.id,
    });

    const anonymous = await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` });
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.json()).toMatchObject({ name: "Priya Private", jobTitle: "Clinical Lead" });
    expect(anonymous.json()).not.toHaveProperty("email");
    expect(anonymous.json()).not.toHaveProperty("hasAccount");
    expect(anonymous.body).not.toContain("priya.private@example.org");
    const anonymousList = await t.app.inject({ method: "GET", url: "/api/v1/people?q=Priya" });
    expect(anonymousList.json().data).toHaveLength(1);
    expect(anonymousList.body).not.toContain("priya.private@example.org");

    const viewerToken = await t.token("viewer", "read");
    const viewer = await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}`, headers: bearer(viewerToken) });
    expect(viewer.json()).toMatchObject({ email: "priya.private@example.org", hasAccount: true });
    const viewerList = await t.app.inject({ method: "GET", url: "/api/v1/people?q=Priya", headers: bearer(viewerToken) });
    expect(viewerList.json().data[0]).toMatchObject({ email: "priya.private@example.org" });

    // A signed-in user with no role in this partnership is the public here.
    const outsider = await createPartnership(t.database.db);
    const outsiderToken = await t.token("admin", "read", outsider.id);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}`, headers: bearer(outsiderToken) })).statusCode).toBe(404);

    const publicPage = await t.app.inject({ method: "GET", url: `/people/${person.id}` });
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain("Priya Private");
    expect(publicPage.body).toContain("Clinical Lead");
    expect(publicPage.body).not.toContain("priya.private@example.org");
    expect(publicPage.body).not.toContain("Quorum account");
    const publicListPage = await t.app.inject({ method: "GET", url: "/people?q=Priya" });
    expect(publicListPage.body).toContain("Priya Private");
    expect(publicListPage.body).not.toContain("priya.private@example.org");

    const session = await t.signIn("viewer");
    const viewerPage = await t.app.inject({ method: "GET", url: `/people/${person.id}`, headers: { cookie: session.cookie } });
    expect(viewerPage.body).toContain('href="mailto:priya.private@example.org"');
    expect(viewerPage.body).toContain("Has a Quorum account");
    // Viewers read but do not manage: no edit button and no audit history.
    expect(viewerPage.body).not.toContain(`/people/${person.id}/edit`);
    expect(viewerPage.body).not.toContain("History");
    const viewerListPage = await t.app.inject({ method: "GET", url: "/people?q=Priya", headers: { cookie: session.cookie } });
    expect(viewerListPage.body).toContain("priya.private@example.org");
  });

  it("refuses organisations that are not current organisations of this partnership with a field error", async () => {
    const token = await t.token("admin", "write");
    const other = await createPartnership(t.database.db);
    const theirs = await createOrganisation(t.database.db, other.id, { name: "Their Trust" });
    const archivedOrg = await createOrganisation(t.database.db, t.partnership.id, { name: "Old CCG", archivedAt: new Date() });
    const ours = await createOrganisation(t.database.db, t.partnership.id, { name: "Our CCG", kind: "ccg_icb" });

    for (const organisationId of [theirs.id, archivedOrg.id, "018f4b2e-0000-7000-8000-000000000000"]) {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/people", headers: json(token), payload: { name: "Misplaced Person", organisationId } });
      expect(res.statusCode, organisationId).toBe(422);
      expect(res.json().error.code).toBe("validation_failed");
      expect(Object.keys(res.json().error.fields)).toEqual(["organisationId"]);
    }

    const person = await createPerson(t.database.db, t.partnership.id, { name: "Settled Person", organisationId: ours.id });
    const moved = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/people/${person.id}`,
      headers: json(token),
      payload: { version: 1, organisationId: theirs.id },
    });
    expect(moved.statusCode).toBe(422);
    expect(Object.keys(moved.json().error.fields)).toEqual(["organisationId"]);
    const unchanged = await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}`, headers: bearer(token) });
    expect(unchanged.json()).toMatchObject({ organisation: { id: ours.id }, version: 1 });

    const list = await t.app.inject({ method: "GET", url: "/api/v1/people?status=all&limit=100&q=Misplaced", headers: bearer(token) });
    expect(list.json().data).toHaveLength(0);
  });

  it("keeps a person's link to an organisation archived since, while other fields change", async () => {
    const token = await t.token("secretary", "write");
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Dartford, Gravesham and Swanley CCG", kind: "ccg_icb" });
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Long Serving", organisationId: org.id });
    const orgToken = await t.token("admin", "write");
    await t.app.inject({ method: "POST", url: `/api/v1/organisations/${org.id}/archive`, headers: json(orgToken), payload: { version: 1 } });

    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/people/${person.id}`,
      headers: json(token),
      payload: { version: 1, organisationId: org.id, jobTitle: "Accountable Officer" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ jobTitle: "Accountable Officer", organisation: { id: org.id, archived: true } });
    // The public does not see archived organisations, so the person is shown without one.
    const anonymous = await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` });
    expect(anonymous.json().organisation).toBeNull();
  });

  it("keeps tokens of one partnership away from another partnership's people", async () => {
    const other = await createPartnership(t.database.db);
    const theirs = await createPerson(t.database.db, other.id, { name: "Their Person", email: "their.person@example.org" });
    const ours = await t.token("admin", "write");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${theirs.id}`, headers: bearer(ours) })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/people/${theirs.id}` })).statusCode).toBe(404);
    const write = await t.app.inject({ method: "PATCH", url: `/api/v1/people/${theirs.id}`, headers: json(ours), payload: { version: 1, name: "Hijacked" } });
    expect(write.statusCode).toBe(404);
    const archive = await t.app.inject({ method: "POST", url: `/api/v1/people/${theirs.id}/archive`, headers: json(ours), payload: { version: 1 } });
    expect(archive.statusCode).toBe(404);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/people?status=all&limit=100", headers: bearer(ours) });
    expect(list.json().data.map((p: { id: string }) => p.id)).not.toContain(theirs.id);
    const theirToken = await t.token("admin", "read", other.id);
    const mine = await t.app.inject({ method: "GET", url: `/api/v1/people/${theirs.id}`, headers: bearer(theirToken) });
    expect(mine.json()).toMatchObject({ name: "Their Person", email: "their.person@example.org", version: 1 });
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const token = await t.token("admin", "write");
    const cases: { payload: unknown; field: string }[] = [
      { payload: { name: "" }, field: "name" },
      { payload: { name: "   " }, field: "name" },
      { payload: { name: 42 }, field: "name" },
      { payload: { name: "Rejected Person", nickname: "Bob" }, field: "nickname" },
      { payload: { name: "Rejected Person", userId: "018f4b2e-0000-7000-8000-000000000000" }, field: "userId" },
      { payload: { name: "Rejected Person", email: "not an email" }, field: "email" },
      { payload: { name: "Rejected Person", organisationId: "'; drop table people; --" }, field: "organisationId" },
      { payload: { name: "Rejected Person", jobTitle: "j".repeat(201) }, field: "jobTitle" },
      { payload: { name: "Rejected \u0000Person" }, field: "name" },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/people", headers: json(token), payload: JSON.stringify(c.payload) });
      expect(res.statusCode, JSON.stringify(c.payload)).toBe(400);
      expect(Object.keys(res.json().error.fields), JSON.stringify(c.payload)).toContain(c.field);
    }
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Patched Person" });
    const noVersion = await t.app.inject({ method: "PATCH", url: `/api/v1/people/${person.id}`, headers: json(token), payload: { name: "No Version" } });
    expect(noVersion.statusCode).toBe(400);
    expect(Object.keys(noVersion.json().error.fields)).toContain("version");
    expect((await t.app.inject({ method: "GET", url: "/api/v1/people/not-a-uuid" })).statusCode).toBe(400);
    expect((await t.app.inject({ method: "GET", url: "/people/not-a-uuid" })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/people?limit=101" })).statusCode).toBe(400);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/people?status=all&limit=100&q=Rejected", headers: bearer(token) });
    expect(list.json().data).toHaveLength(0);
  });

  it("filters by name and organisation and pages through the results", async () => {
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Kent County Council", kind: "local_authority" });
    for (const name of ["Zed Filter One", "Zed Filter Two", "Zed Filter Three"])
      await createPerson(t.database.db, t.partnership.id, { name, organisationId: org.id });
    await createPerson(t.database.db, t.partnership.id, { name: "Zed Filter Elsewhere" });
    await createPerson(t.database.db, t.partnership.id, { name: "Zed 100% literal" });

    const page1 = await t.app.inject({ method: "GET", url: `/api/v1/people?organisationId=${org.id}&limit=2` });
    expect(page1.json()).toMatchObject({ page: 1, limit: 2, hasMore: true });
    expect(page1.json().data.map((p: { name: string }) => p.name)).toEqual(["Zed Filter One", "Zed Filter Three"]);
    const page2 = await t.app.inject({ method: "GET", url: `/api/v1/people?organisationId=${org.id}&limit=2&page=2` });
    expect(page2.json()).toMatchObject({ page: 2, hasMore: false });
    expect(page2.json().data.map((p: { name: string }) => p.name)).toEqual(["Zed Filter Two"]);

    const byName = await t.app.inject({ method: "GET", url: "/api/v1/people?q=zed%20filter" });
    expect(byName.json().data).toHaveLength(4);
    // LIKE wildcards in the search are taken literally.
    const percent = await t.app.inject({ method: "GET", url: "/api/v1/people?q=%25" });
    expect(percent.json().data.map((p: { name: string }) => p.name)).toEqual(["Zed 100% literal"]);

    const listPage = await t.app.inject({ method: "GET", url: `/people?q=Zed+Filter&organisationId=${org.id}&limit=2` });
    expect(listPage.statusCode).toBe(200);
    expect(listPage.body).toContain("Zed Filter One");
    expect(listPage.body).not.toContain("Zed Filter Elsewhere");
    expect(listPage.body).toContain("Kent County Council");
    expect(listPage.body).toMatch(/href="\?q=Zed\+Filter&amp;organisationId=[0-9a-f-]+&amp;page=2"/);
    // The filter form's "Any organisation" option sends an empty value.
    const any = await t.app.inject({ method: "GET", url: "/people?q=Zed+Filter&organisationId=" });
    expect(any.statusCode).toBe(200);
    expect(any.body).toContain("Zed Filter Elsewhere");
    const none = await t.app.inject({ method: "GET", url: "/people?q=Nobody+By+This+Name" });
    expect(none.body).toContain("No people match these filters");
  });
});

describe("person pages", () => {
  it("lets a secretary add a person through the form, keeping typed values on error", async () => {
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Kent and Medway NHS and Social Care Partnership Trust" });
    const s = await t.signIn("secretary");
    const newPage = await t.app.inject({ method: "GET", url: "/people/new", headers: { cookie: s.cookie } });
    expect(newPage.statusCode).toBe(200);
    expect(newPage.body).toContain(`<option value="${org.id}">Kent and Medway NHS and Social Care Partnership Trust</option>`);

    const bad = await t.app.inject({
      method: "POST",
      url: "/people",
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, name: "", jobTitle: "Director of Strategy", organisationId: org.id, email: "not-an-email" }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain("Enter the person&#x27;s full name");
    expect(bad.body).toContain("Enter an email address in the correct format");
    expect(bad.body).toContain('href="#name"');
    expect(bad.body).toContain('value="Director of Strategy"');
    expect(bad.body).toContain('value="not-an-email"');
    expect(bad.body).toMatch(new RegExp(`<option value="${org.id}" selected="">`));

    const ok = await t.app.inject({
      method: "POST",
      url: "/people",
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, name: "Rachel Form", jobTitle: "Director of Strategy", organisationId: org.id, email: "rachel.form@example.org" }),
    });
    expect(ok.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url: ok.headers.location as string, headers: { cookie: cookiesFrom(ok, s.cookie) } });
    expect(page.body).toContain("Rachel Form has been added");
    expect(page.body).toContain("Director of Strategy");
    expect(page.body).toContain("Kent and Medway NHS and Social Care Partnership Trust");
    expect(page.body).toContain("rachel.form@example.org");
    expect(page.body).toContain("No Quorum account");
    expect(page.body).toContain("History");
  });

  it("re-shows the form when the chosen organisation is no longer current", async () => {
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Closing Trust", archivedAt: new Date() });
    const s = await t.signIn("admin");
    const res = await t.app.inject({
      method: "POST",
      url: "/people",
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, name: "Late Chooser", organisationId: org.id }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Select one of the partnership&#x27;s current organisations");
    expect(res.body).toContain('value="Late Chooser"');
  });

  it("shows a conflict, keeping what was typed, when someone else saved first", async () => {
    const s = await t.signIn("secretary");
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Sam Conflict", jobTitle: "Programme Director" });
    const token = await t.token("secretary", "write");
    await t.app.inject({
      method: "PATCH",
      url: `/api/v1/people/${person.id}`,
      headers: json(token),
      payload: { version: 1, jobTitle: "Chief Operating Officer" },
    });

    const edit = await t.app.inject({ method: "GET", url: `/people/${person.id}/edit`, headers: { cookie: s.cookie } });
    expect(edit.body).toContain('name="version" value="2"');

    const res = await t.app.inject({
      method: "POST",
      url: `/people/${person.id}`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, name: "Samantha Conflict", jobTitle: "Programme Director", organisationId: "", email: "", version: "1" }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Someone else saved this person first");
    expect(res.body).toContain("Chief Operating Officer");
    expect(res.body).toContain('value="Samantha Conflict"');
    expect(res.body).toContain('name="version" value="2"');
    const api = await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` });
    expect(api.json()).toMatchObject({ name: "Sam Conflict", jobTitle: "Chief Operating Officer" });

    // Saving again is a deliberate overwrite of the version now shown.
    const again = await t.app.inject({
      method: "POST",
      url: `/people/${person.id}`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, name: "Samantha Conflict", jobTitle: "Programme Director", organisationId: "", email: "", version: "2" }),
    });
    expect(again.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` })).json()).toMatchObject({ name: "Samantha Conflict", version: 3 });
  });

  it("archives and restores a person, recording both in the history", async () => {
    const s = await t.signIn("admin");
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Archie Vable" });
    const archived = await t.app.inject({
      method: "POST",
      url: `/people/${person.id}/archive`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, version: "1" }),
    });
    expect(archived.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: `/people/${person.id}` })).statusCode).toBe(404);
    const insider = await t.app.inject({ method: "GET", url: `/people/${person.id}`, headers: { cookie: s.cookie } });
    expect(insider.body).toContain("Archived");
    expect(insider.body).toContain(`action="/people/${person.id}/restore"`);

    const stale = await t.app.inject({
      method: "POST",
      url: `/people/${person.id}/restore`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, version: "1" }),
    });
    expect(stale.statusCode).toBe(303);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` })).statusCode).toBe(404);

    const restored = await t.app.inject({
      method: "POST",
      url: `/people/${person.id}/restore`,
      headers: formHeaders(s),
      payload: form({ _csrf: s.csrf, version: "2" }),
    });
    expect(restored.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url: `/people/${person.id}`, headers: { cookie: s.cookie } });
    expect(page.body).toContain("Restored");
    expect(page.body).toContain("Archived");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/people/${person.id}` })).statusCode).toBe(200);
  });

  it("names organisations in the history rather than showing their ids", async () => {
    const from = await createOrganisation(t.database.db, t.partnership.id, { name: "Swale CCG" });
    const to = await createOrganisation(t.database.db, t.partnership.id, { name: "Medway CCG" });
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Mover", organisationId: from.id });
    const token = await t.token("secretary", "write");
    await t.app.inject({ method: "PATCH", url: `/api/v1/people/${person.id}`, headers: json(token), payload: { version: 1, organisationId: to.id } });
    const s = await t.signIn("secretary");
    const page = await t.app.inject({ method: "GET", url: `/people/${person.id}`, headers: { cookie: s.cookie } });
    expect(page.body).toContain("Organisation: Swale CCG → Medway CCG");
    expect(page.body).not.toContain(`${from.id} →`);
  });

  it("lists the bodies a person sits and sat on, linking each", async () => {
    const person = await createPerson(t.database.db, t.partnership.id, { name: "Glenda Member" });
    const board = await createBody(t.database.db, t.partnership.id, { name: "Programme Board", shortName: "PB", kind: "programme_board" });
    const lwab = await createBody(t.database.db, t.partnership.id, { name: "Local Workforce Action Board", shortName: "LWAB" });
    const closed = await createBody(t.database.db, t.partnership.id, { name: "Closed Working Group", kind: "working_group", archivedAt: new Date() });
    await createMembership(t.database.db, t.partnership.id, { bodyId: board.id, personId: person.id, role: "chair", startsOn: "2017-04-01" });
    await createMembership(t.database.db, t.partnership.id, {
      bodyId: lwab.id,
      personId: person.id,
      role: "member",
      representing: "Nursing",
      startsOn: "2016-01-01",
      endsOn: "2017-03-31",
    });
    await createMembership(t.database.db, t.partnership.id, { bodyId: closed.id, personId: person.id, startsOn: "2016-01-01", endsOn: "2016-12-31" });

    const page = await t.app.inject({ method: "GET", url: `/people/${person.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Current memberships");
    expect(page.body).toContain(`<a href="/bodies/${board.id}">Programme Board</a>`);
    expect(page.body).toContain("Chair");
    expect(page.body).toContain("Past memberships");
    expect(page.body).toContain(`<a href="/bodies/${lwab.id}">Local Workforce Action Board</a>`);
    expect(page.body).toContain("Member, representing Nursing");
    expect(page.body).toContain("31 March 2017");
    // Archived bodies are internal history.
    expect(page.body).not.toContain("Closed Working Group");
    const s = await t.signIn("member");
    const insider = await t.app.inject({ method: "GET", url: `/people/${person.id}`, headers: { cookie: s.cookie } });
    expect(insider.body).toContain("Closed Working Group");

    const nobody = await createPerson(t.database.db, t.partnership.id, { name: "No Seats" });
    const empty = await t.app.inject({ method: "GET", url: `/people/${nobody.id}` });
    expect(empty.body).toContain("No Seats is not recorded as a member of any body");
  });

  it("escapes HTML in names and marks example data", async () => {
    const token = await t.token("admin", "write");
    const name = `<script>alert("x")</script> Robert'); DROP TABLE people;--`;
    const res = await t.app.inject({ method: "POST", url: "/api/v1/people", headers: json(token), payload: { name, isExample: true } });
    expect(res.statusCode).toBe(201);
    const page = await t.app.inject({ method: "GET", url: `/people/${res.json().id}` });
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).toContain("&lt;script&gt;alert");
    expect(page.body).toContain("Example data");
  });

  it("asks anonymous visitors to sign in and forbids viewers from editing", async () => {
    const person = await createPerson(t.database.db, t.partnership.id);
    expect((await t.app.inject({ method: "GET", url: "/people/new" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: `/people/${person.id}/edit` })).statusCode).toBe(401);
    const viewer = await t.signIn("viewer");
    expect((await t.app.inject({ method: "GET", url: "/people/new", headers: { cookie: viewer.cookie } })).statusCode).toBe(403);
    const post = await t.app.inject({
      method: "POST",
      url: `/people/${person.id}`,
      headers: formHeaders(viewer),
      payload: form({ _csrf: viewer.csrf, name: "Changed", version: "1" }),
    });
    expect(post.statusCode).toBe(403);
    const readToken = await t.token("admin", "read");
    expect((await t.app.inject({ method: "POST", url: "/api/v1/people", headers: json(readToken), payload: { name: "Read Only" } })).statusCode).toBe(403);
    // Without any credentials the answer is "sign in" (401), not "not allowed" (403).
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/people",
      headers: { "content-type": "application/json" },
      payload: { name: "Anonymous" },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});
