import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createBody, createMembership, createOrganisation, createPartnership, createPerson, createTermsOfReference } from "../../../tests/factories/index.ts";
import { addDays, todayInLondon } from "./bodies.service.ts";

let t: TestApp;
let secretary: Session;
let writeToken: string;
beforeAll(async () => {
  t = await createTestApp();
  secretary = await t.signIn("secretary");
  writeToken = await t.token("secretary", "write");
});
afterAll(async () => {
  await t.close();
});

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });
const post = (s: Session, url: string, fields: Record<string, string | string[]>) =>
  t.app.inject({ method: "POST", url, headers: formHeaders(s), payload: form({ _csrf: s.csrf, ...fields }) });
const db = () => t.database.db;
const pid = () => t.partnership.id;

const rule = {
  minimumVotingMembers: 3,
  representation: [{ description: "At least one clinician", minimum: 1, criterion: { type: "memberCategory", category: "clinician" } }],
};

describe("the body structure", () => {
  it("shows every level of sub-bodies as a nested tree on the body page", async () => {
    const top = await createBody(db(), pid(), { name: "Tree Programme Board", kind: "programme_board" });
    const child = await createBody(db(), pid(), { name: "Tree Clinical Board", parentBodyId: top.id });
    const grandchild = await createBody(db(), pid(), { name: "Tree Stroke Group", kind: "working_group", parentBodyId: child.id });
    const greatGrandchild = await createBody(db(), pid(), { name: "Tree Stroke Data Group", kind: "working_group", parentBodyId: grandchild.id });
    const sibling = await createBody(db(), pid(), { name: "Tree Workforce Board", parentBodyId: top.id });

    const page = await t.app.inject({ method: "GET", url: `/bodies/${top.id}` });
    expect(page.statusCode).toBe(200);
    const tree = /<ul class="app-tree">([\s\S]*?)<\/section>/.exec(page.body)?.[1] ?? "";
    // Each deeper body sits in a list nested inside its parent's item, in name order per level.
    const link = (b: { id: string; name: string }) => `<a href="/bodies/${b.id}">${b.name}</a>`;
    expect(tree).toMatch(new RegExp(`${link(child)}[^]*?<ul><li[^>]*>${link(grandchild)}[^]*?<ul><li[^>]*>${link(greatGrandchild)}`));
    expect(tree.indexOf(link(child))).toBeLessThan(tree.indexOf(link(sibling)));
    expect(tree.indexOf(link(greatGrandchild))).toBeLessThan(tree.indexOf(link(sibling)));

    // The deepest body shows the chain above it as breadcrumbs, and its parent.
    const deep = await t.app.inject({ method: "GET", url: `/bodies/${greatGrandchild.id}` });
    const crumbs = /<nav class="nhsuk-breadcrumb"[\s\S]*?<\/nav>/.exec(deep.body)?.[0] ?? "";
    expect(crumbs.indexOf(top.name)).toBeLessThan(crumbs.indexOf(child.name));
    expect(crumbs.indexOf(child.name)).toBeLessThan(crumbs.indexOf(grandchild.name));
    expect(deep.body).toContain(`Reports to</dt><dd class="nhsuk-summary-list__value"><a href="/bodies/${grandchild.id}">`);

    // The API gives the parent and the direct sub-bodies.
    const api = await t.app.inject({ method: "GET", url: `/api/v1/bodies/${top.id}` });
    expect(api.json()).toMatchObject({ parentBodyId: null, subBodyIds: [child.id, sibling.id] });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${grandchild.id}` })).json()).toMatchObject({
      parentBodyId: child.id,
      subBodyIds: [greatGrandchild.id],
    });
  });

  it("refuses to make a body its own parent or the child of a body below it", async () => {
    const top = await createBody(db(), pid(), { name: "Cycle Board" });
    const middle = await createBody(db(), pid(), { name: "Cycle Middle", parentBodyId: top.id });
    const bottom = await createBody(db(), pid(), { name: "Cycle Bottom", parentBodyId: middle.id });

    const toDescendant = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${top.id}`,
      headers: json(writeToken),
      payload: { version: 1, parentBodyId: bottom.id },
    });
    expect(toDescendant.statusCode).toBe(422);
    expect(toDescendant.json().error.fields.parentBodyId).toBe("Cycle Bottom reports to this body, so it cannot also be its parent");
    const toSelf = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${middle.id}`,
      headers: json(writeToken),
      payload: { version: 1, parentBodyId: middle.id },
    });
    expect(toSelf.statusCode).toBe(422);
    expect(toSelf.json().error.fields.parentBodyId).toBe("A body cannot be its own parent");

    // The form says the same beside the field, keeping everything typed.
    const page = await post(secretary, `/bodies/${top.id}`, {
      name: "Cycle Board, renamed",
      kind: "sub_board",
      parentBodyId: bottom.id,
      purpose: "Typed purpose",
      meetsInPublic: "no",
      version: "1",
    });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain("Cycle Bottom reports to this body, so it cannot also be its parent");
    expect(page.body).toContain('value="Cycle Board, renamed"');
    expect(page.body).toContain("Typed purpose</textarea>");
    expect(page.body).toMatch(/id="meetsInPublic-2" type="radio" name="meetsInPublic" checked=""/);

    // Nothing changed, and moving the bottom body to the top of another branch is fine.
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${top.id}` })).json()).toMatchObject({
      name: "Cycle Board",
      parentBodyId: null,
      version: 1,
    });
    const moved = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${bottom.id}`,
      headers: json(writeToken),
      payload: { version: 1, parentBodyId: top.id },
    });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().parentBodyId).toBe(top.id);
  });

  it("creates, edits with optimistic concurrency, archives and restores through the API", async () => {
    const parent = await createBody(db(), pid(), { name: "API Parent Board", kind: "programme_board" });
    const created = await t.app.inject({
      method: "POST",
      url: "/api/v1/bodies",
      headers: json(writeToken),
      payload: {
        name: "Local Workforce Action Board",
        shortName: "LWAB",
        kind: "sub_board",
        parentBodyId: parent.id,
        purpose: "Workforce planning",
        establishedOn: "2017-04-01",
      },
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body).toMatchObject({
      shortName: "LWAB",
      parentBodyId: parent.id,
      subBodyIds: [],
      meetsInPublic: true,
      establishedOn: "2017-04-01",
      archived: false,
      version: 1,
    });

    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${body.id}`,
      headers: json(writeToken),
      payload: { version: 1, meetsInPublic: false },
    });
    expect(first.json()).toMatchObject({ meetsInPublic: false, version: 2 });
    // A second writer who read version 1 is refused, and the first writer's change survives.
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${body.id}`,
      headers: json(writeToken),
      payload: { version: 1, name: "Overwritten" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict");
    // The refusal carries the newer body as the API presents it, not the stored row.
    expect(stale.json().error.current).toMatchObject({ id: body.id, meetsInPublic: false, version: 2 });
    expect(stale.json().error.current).not.toHaveProperty("partnershipId");
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}` })).json()).toMatchObject({
      name: "Local Workforce Action Board",
      meetsInPublic: false,
      version: 2,
    });

    // A parent with current sub-bodies cannot be archived; the sub-body can, and then the parent.
    const refused = await t.app.inject({ method: "POST", url: `/api/v1/bodies/${parent.id}/archive`, headers: json(writeToken), payload: { version: 1 } });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("has_sub_bodies");
    expect(
      (await t.app.inject({ method: "POST", url: `/api/v1/bodies/${body.id}/archive`, headers: json(writeToken), payload: { version: 2 } })).json().archived,
    ).toBe(true);
    expect(
      (await t.app.inject({ method: "POST", url: `/api/v1/bodies/${parent.id}/archive`, headers: json(writeToken), payload: { version: 1 } })).statusCode,
    ).toBe(200);

    // The public no longer sees either; insiders do, and a child cannot be restored before its parent.
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/bodies/${body.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/bodies?status=all&limit=100" })).json().data.map((b: { id: string }) => b.id)).not.toContain(
      body.id,
    );
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}`, headers: bearer(writeToken) })).statusCode).toBe(200);
    const early = await t.app.inject({ method: "POST", url: `/api/v1/bodies/${body.id}/restore`, headers: json(writeToken), payload: { version: 3 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("parent_archived");
  });

  it("lists bodies with filters and pagination", async () => {
    await createBody(db(), pid(), { name: "Filter Joint Committee Alpha", kind: "joint_committee" });
    await createBody(db(), pid(), { name: "Filter Joint Committee Beta", kind: "joint_committee" });
    await createBody(db(), pid(), { name: "Filter Advisory Group", kind: "advisory_group" });
    const first = await t.app.inject({ method: "GET", url: "/api/v1/bodies?q=filter&kind=joint_committee&limit=1" });
    expect(first.json()).toMatchObject({ page: 1, limit: 1, hasMore: true, data: [{ name: "Filter Joint Committee Alpha" }] });
    const second = await t.app.inject({ method: "GET", url: "/api/v1/bodies?q=filter&kind=joint_committee&limit=1&page=2" });
    expect(second.json()).toMatchObject({ hasMore: false, data: [{ name: "Filter Joint Committee Beta" }] });
    const page = await t.app.inject({ method: "GET", url: "/bodies?q=Filter&kind=advisory_group" });
    expect(page.body).toContain("Filter Advisory Group");
    expect(page.body).not.toContain("Filter Joint Committee Alpha");
    // The filter form's "Any kind" sends empty values, which mean no filter.
    const blank = await t.app.inject({ method: "GET", url: "/bodies?q=Filter+Advisory&kind=&status=" });
    expect(blank.statusCode).toBe(200);
    expect(blank.body).toContain("Filter Advisory Group");
    const wildcard = await t.app.inject({ method: "GET", url: "/api/v1/bodies?q=%25" });
    expect(wildcard.json().data).toEqual([]);
  });

  it("keeps typed values and shows a conflict when someone else saved the body first", async () => {
    const body = await createBody(db(), pid(), { name: "Children's Leadership Group", kind: "working_group" });
    await t.app.inject({ method: "PATCH", url: `/api/v1/bodies/${body.id}`, headers: json(writeToken), payload: { version: 1, shortName: "CLG" } });
    const res = await post(secretary, `/bodies/${body.id}`, {
      name: "Kent and Medway Children's Leadership Group",
      shortName: "",
      kind: "working_group",
      parentBodyId: "",
      purpose: "",
      meetsInPublic: "yes",
      "establishedOn-day": "4",
      "establishedOn-month": "12",
      "establishedOn-year": "2017",
      version: "1",
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Someone else saved this body first");
    expect(res.body).toContain('value="Kent and Medway Children&#x27;s Leadership Group"');
    expect(res.body).toContain('name="establishedOn-year" value="2017"');
    expect(res.body).toContain('name="version" value="2"');
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}` })).json()).toMatchObject({
      name: "Children's Leadership Group",
      shortName: "CLG",
      version: 2,
    });
  });

  it("adds a body through the form, with NHS-style errors for a half-entered date", async () => {
    const bad = await post(secretary, "/bodies", {
      name: "Stroke Programme Board",
      shortName: "",
      kind: "",
      parentBodyId: "",
      purpose: "Runs the stroke review",
      meetsInPublic: "",
      "establishedOn-day": "31",
      "establishedOn-month": "2",
      "establishedOn-year": "2018",
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toMatch(/<title>Error: /);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain("Select the kind of body");
    expect(bad.body).toContain("Select whether the body meets in public");
    expect(bad.body).toContain("Date established must be a real date");
    expect(bad.body).toContain('href="#establishedOn-day"');
    expect(bad.body).toContain('value="Stroke Programme Board"');
    expect(bad.body).toContain('name="establishedOn-day" value="31"');

    const ok = await post(secretary, "/bodies", {
      name: "Stroke Programme Board",
      kind: "sub_board",
      parentBodyId: "",
      purpose: "Runs the stroke review",
      meetsInPublic: "yes",
      "establishedOn-day": "",
      "establishedOn-month": "",
      "establishedOn-year": "",
    });
    expect(ok.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url: ok.headers.location as string, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("Stroke Programme Board");
    expect(page.body).toContain("History");
  });
});

describe("terms of reference", () => {
  it("supersedes the version in force when a new one is ratified, in one step", async () => {
    const board = await createBody(db(), pid(), { name: "Ratifying Programme Board", kind: "programme_board" });
    const cpb = await createBody(db(), pid(), { name: "Clinical and Professional Board", parentBodyId: board.id });
    const addDraft = (versionLabel: string) =>
      t.app.inject({
        method: "POST",
        url: `/api/v1/bodies/${cpb.id}/terms-of-reference`,
        headers: json(writeToken),
        payload: { versionLabel, text: `Terms ${versionLabel}`, quorum: rule },
      });
    const v1 = (await addDraft("1.0")).json();
    expect(v1).toMatchObject({ status: "draft", ratifiedByBodyId: null, quorum: rule, version: 1 });
    const r1 = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${cpb.id}/terms-of-reference/${v1.id}/ratify`,
      headers: json(writeToken),
      payload: { version: 1, ratifiedByBodyId: board.id, ratifiedOn: "2017-04-03" },
    });
    expect(r1.statusCode).toBe(200);
    expect(r1.json()).toMatchObject({ status: "ratified", ratifiedByBodyId: board.id, ratifiedOn: "2017-04-03", version: 2 });

    const v2 = (await addDraft("2.0")).json();
    // A ratification dated before the version in force was ratified is refused.
    const backdated = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${cpb.id}/terms-of-reference/${v2.id}/ratify`,
      headers: json(writeToken),
      payload: { version: 1, ratifiedByBodyId: board.id, ratifiedOn: "2017-01-01" },
    });
    expect(backdated.statusCode).toBe(422);
    expect(backdated.json().error.fields.ratifiedOn).toContain("on or after 3 April 2017");
    const future = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${cpb.id}/terms-of-reference/${v2.id}/ratify`,
      headers: json(writeToken),
      payload: { version: 1, ratifiedByBodyId: board.id, ratifiedOn: addDays(todayInLondon(), 2) },
    });
    expect(future.statusCode).toBe(422);

    // Through the page, as the board office would record it.
    const form = await t.app.inject({ method: "GET", url: `/bodies/${cpb.id}/terms-of-reference/${v2.id}/ratify`, headers: { cookie: secretary.cookie } });
    expect(form.body).toContain("Version 1.0, in force since 3 April 2017, will be marked as superseded");
    expect(form.body).toMatch(new RegExp(`<option value="${board.id}" selected="">`));
    const ratified = await post(secretary, `/bodies/${cpb.id}/terms-of-reference/${v2.id}/ratify`, {
      ratifiedByBodyId: board.id,
      "ratifiedOn-day": "4",
      "ratifiedOn-month": "12",
      "ratifiedOn-year": "2017",
      version: "1",
    });
    expect(ratified.statusCode).toBe(303);

    const list = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${cpb.id}/terms-of-reference` })).json();
    expect(list.data.map((v: { versionLabel: string; status: string }) => [v.versionLabel, v.status])).toEqual([
      ["2.0", "ratified"],
      ["1.0", "superseded"],
    ]);
    expect(list.data[0]).toMatchObject({ ratifiedByBodyId: board.id, ratifiedOn: "2017-12-04" });

    const page = await t.app.inject({ method: "GET", url: `/bodies/${cpb.id}`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain(">Version 2.0</a> is in force, ratified by Ratifying Programme Board on 4 December 2017.");
    expect(page.body).toContain("Quorum: At least 3 voting members present, including at least one clinician.");
    expect(page.body).toContain("Terms of reference 2.0 ratified");
    expect(page.body).toContain("Terms of reference 1.0 superseded");

    // Meetings will ask which rule was in force on their date.
    const { bodiesService } = await import("./bodies.service.ts");
    const service = bodiesService({ db: db() });
    const ctx = { partnership: t.partnership, principal: { kind: "anonymous" as const }, requestId: "test" };
    expect((await service.quorumRuleInForce(ctx, cpb.id, "2017-06-01"))?.termsOfReference.versionLabel).toBe("1.0");
    expect((await service.quorumRuleInForce(ctx, cpb.id, "2018-01-01"))?.rule).toEqual(rule);
    expect(await service.quorumRuleInForce(ctx, cpb.id, "2017-01-01")).toBeNull();
  });

  it("never changes ratified text, through the API or the pages", async () => {
    const body = await createBody(db(), pid(), { name: "Immutable Board" });
    const ratified = await createTermsOfReference(db(), pid(), {
      bodyId: body.id,
      status: "ratified",
      ratifiedByBodyId: body.id,
      ratifiedOn: "2017-11-01",
      text: "As agreed.",
    });
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${body.id}/terms-of-reference/${ratified.id}`,
      headers: json(writeToken),
      payload: { version: 1, text: "Quietly changed." },
    });
    expect(patch.statusCode).toBe(409);
    expect(patch.json().error.code).toBe("not_draft");
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${body.id}/terms-of-reference/${ratified.id}/ratify`,
      headers: json(writeToken),
      payload: { version: 1, ratifiedByBodyId: body.id, ratifiedOn: "2017-12-01" },
    });
    expect(again.statusCode).toBe(409);
    expect(
      (await t.app.inject({ method: "GET", url: `/bodies/${body.id}/terms-of-reference/${ratified.id}/edit`, headers: { cookie: secretary.cookie } }))
        .statusCode,
    ).toBe(409);
    const formPost = await post(secretary, `/bodies/${body.id}/terms-of-reference/${ratified.id}`, {
      versionLabel: "1.0",
      text: "Quietly changed.",
      documentUrl: "",
      quorumMinimumVotingMembers: "3",
      version: "1",
    });
    expect(formPost.statusCode).toBe(409);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/terms-of-reference/${ratified.id}` })).json()).toMatchObject({
      text: "As agreed.",
      status: "ratified",
      version: 1,
    });
  });

  it("shows drafts to people with a role, and to nobody else", async () => {
    const body = await createBody(db(), pid(), { name: "Draft Visibility Board" });
    await createTermsOfReference(db(), pid(), {
      bodyId: body.id,
      versionLabel: "1.0",
      status: "ratified",
      ratifiedByBodyId: body.id,
      ratifiedOn: "2017-04-03",
      text: "Published terms.",
    });
    const draft = await createTermsOfReference(db(), pid(), { bodyId: body.id, versionLabel: "2.0-secret-draft", status: "draft", text: "Work in progress." });

    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/terms-of-reference/${draft.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/bodies/${body.id}/terms-of-reference/${draft.id}` })).statusCode).toBe(404);
    const publicList = await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/terms-of-reference` });
    expect(publicList.json().data.map((v: { versionLabel: string }) => v.versionLabel)).toEqual(["1.0"]);
    const publicPage = await t.app.inject({ method: "GET", url: `/bodies/${body.id}` });
    expect(publicPage.body).toContain(">Version 1.0</a> is in force");
    expect(publicPage.body).not.toContain("2.0-secret-draft");

    const viewer = await t.signIn("viewer");
    const viewerPage = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/terms-of-reference/${draft.id}`, headers: { cookie: viewer.cookie } });
    expect(viewerPage.statusCode).toBe(200);
    expect(viewerPage.body).toContain("Work in progress.");
    expect(viewerPage.body).not.toContain("Edit draft");
    expect((await t.app.inject({ method: "GET", url: `/bodies/${body.id}`, headers: { cookie: viewer.cookie } })).body).toContain("2.0-secret-draft");
    const viewerToken = await t.token("viewer", "read");
    const viewerList = await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/terms-of-reference`, headers: bearer(viewerToken) });
    expect(viewerList.json().data.map((v: { versionLabel: string }) => v.versionLabel)).toEqual(["2.0-secret-draft", "1.0"]);
    // Viewers read but never write.
    const write = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${body.id}/terms-of-reference/${draft.id}`,
      headers: json(await t.token("viewer", "write")),
      payload: { version: 1, text: "Edited" },
    });
    expect(write.statusCode).toBe(403);
  });

  it("edits a draft with optimistic concurrency, keeping the newer draft on a stale write", async () => {
    const body = await createBody(db(), pid(), { name: "Draft Editing Board" });
    const draft = (
      await t.app.inject({
        method: "POST",
        url: `/api/v1/bodies/${body.id}/terms-of-reference`,
        headers: json(writeToken),
        payload: { versionLabel: "0.1", documentUrl: "https://example.org/tor.pdf", quorum: { minimumVotingMembers: 4 } },
      })
    ).json();
    expect(draft).toMatchObject({ text: "", documentUrl: "https://example.org/tor.pdf", quorum: { minimumVotingMembers: 4, representation: [] } });
    const first = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${body.id}/terms-of-reference/${draft.id}`,
      headers: json(writeToken),
      payload: { version: 1, text: "First editor's text" },
    });
    expect(first.json()).toMatchObject({ text: "First editor's text", version: 2 });
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/bodies/${body.id}/terms-of-reference/${draft.id}`,
      headers: json(writeToken),
      payload: { version: 1, text: "Second editor's text" },
    });
    expect(stale.statusCode).toBe(409);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/terms-of-reference/${draft.id}`, headers: bearer(writeToken) })).json().text,
    ).toBe("First editor's text");

    const cases: { payload: Record<string, unknown>; status: number; field: string }[] = [
      { payload: { versionLabel: "0.2", documentUrl: "http://example.org/tor.pdf", quorum: { minimumVotingMembers: 3 } }, status: 400, field: "documentUrl" },
      { payload: { versionLabel: "0.2", documentUrl: "javascript:alert(1)", quorum: { minimumVotingMembers: 3 } }, status: 400, field: "documentUrl" },
      { payload: { versionLabel: "0.2", text: "x", quorum: { minimumVotingMembers: 0 } }, status: 400, field: "quorum.minimumVotingMembers" },
      {
        payload: {
          versionLabel: "0.2",
          text: "x",
          quorum: { minimumVotingMembers: 3, representation: [{ description: "GP", minimum: 1, criterion: { type: "organisationKind", kind: "spaceship" } }] },
        },
        status: 400,
        field: "quorum.representation.0.criterion.kind",
      },
      { payload: { versionLabel: "0.2", quorum: { minimumVotingMembers: 3 } }, status: 422, field: "text" },
      { payload: { versionLabel: "0.1", text: "x", quorum: { minimumVotingMembers: 3 } }, status: 422, field: "versionLabel" },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: "POST", url: `/api/v1/bodies/${body.id}/terms-of-reference`, headers: json(writeToken), payload: c.payload });
      expect(res.statusCode, JSON.stringify(c.payload)).toBe(c.status);
      expect(Object.keys(res.json().error.fields), JSON.stringify(c.payload)).toContain(c.field);
    }
  });

  it("keeps every typed value, representation rows included, when the form has errors", async () => {
    const body = await createBody(db(), pid(), { name: "Form Errors Board" });
    const fields = {
      versionLabel: "3.0",
      text: "Revised to reflect the increased membership.",
      documentUrl: "",
      quorumMinimumVotingMembers: "five",
      "representation-0-description": "At least one patient representative",
      "representation-0-minimum": "1",
      "representation-0-criterion": "memberCategory",
      "representation-0-category": "",
      "representation-2-description": "At least one local-authority member",
      "representation-2-minimum": "1",
      "representation-2-criterion": "organisationKind:local_authority",
      "representation-2-category": "",
    };
    const bad = await post(secretary, `/bodies/${body.id}/terms-of-reference`, fields);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("Enter the minimum number of voting members, as a number");
    expect(bad.body).toContain("Enter the member category that counts, like clinician");
    expect(bad.body).toContain('href="#representation-0-category"');
    expect(bad.body).toContain('value="At least one patient representative"');
    expect(bad.body).toContain('value="five"');
    expect(bad.body).toMatch(/<option value="organisationKind:local_authority" selected="">/);

    const ok = await post(secretary, `/bodies/${body.id}/terms-of-reference`, {
      ...fields,
      quorumMinimumVotingMembers: "5",
      "representation-0-category": "Patient representative",
    });
    expect(ok.statusCode).toBe(303);
    const id = (ok.headers.location as string).split("/").pop()!;
    const saved = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/terms-of-reference/${id}`, headers: bearer(writeToken) })).json();
    expect(saved.quorum).toEqual({
      minimumVotingMembers: 5,
      representation: [
        { description: "At least one patient representative", minimum: 1, criterion: { type: "memberCategory", category: "patient-representative" } },
        { description: "At least one local-authority member", minimum: 1, criterion: { type: "organisationKind", kind: "local_authority" } },
      ],
    });
    const edit = await t.app.inject({ method: "GET", url: `/bodies/${body.id}/terms-of-reference/${id}/edit`, headers: { cookie: secretary.cookie } });
    expect(edit.body).toContain('name="representation-1-description" value="At least one local-authority member"');
    expect(edit.body).toMatch(/<option value="organisationKind:local_authority" selected="">/);
  });
});

describe("memberships", () => {
  it("ends memberships and changes roles without ever rewriting history", async () => {
    const body = await createBody(db(), pid(), { name: "Membership History Board" });
    const org = await createOrganisation(db(), pid(), { name: "Kent County Council", kind: "local_authority" });
    const person = await createPerson(db(), pid(), { name: "Chris Example", jobTitle: "Corporate Director", organisationId: org.id });

    const added = await post(secretary, `/bodies/${body.id}/members`, {
      personId: person.id,
      role: "member",
      voting: "yes",
      otherCategories: "Local authority, clinician",
      representing: "Kent County Council",
      "startsOn-day": "1",
      "startsOn-month": "4",
      "startsOn-year": "2017",
    });
    expect(added.statusCode).toBe(303);
    const [membership] = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/memberships` })).json().data;
    expect(membership).toMatchObject({
      person: { id: person.id, name: "Chris Example" },
      role: "member",
      voting: true,
      categories: ["local-authority", "clinician"],
      startsOn: "2017-04-01",
      endsOn: null,
      current: true,
    });

    // Someone already on the body cannot be added again over their current seat.
    const twice = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${body.id}/memberships`,
      headers: json(writeToken),
      payload: { personId: person.id, role: "chair", voting: true, startsOn: "2018-01-01" },
    });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.fields.personId).toContain("already a member of this body");

    // Change role: the old seat ends the day before, a new one begins, in one step.
    const tooEarly = await post(secretary, `/bodies/${body.id}/members/${membership.id}/change-role`, {
      role: "vice_chair",
      voting: "yes",
      otherCategories: "",
      representing: "",
      "startsOn-day": "1",
      "startsOn-month": "4",
      "startsOn-year": "2017",
      version: "1",
    });
    expect(tooEarly.statusCode).toBe(422);
    expect(tooEarly.body).toContain("The new role must start after the current one started, on 1 April 2017");
    const changed = await post(secretary, `/bodies/${body.id}/members/${membership.id}/change-role`, {
      role: "vice_chair",
      voting: "yes",
      categories: ["local-authority", "clinician"],
      otherCategories: "",
      representing: "Kent County Council",
      "startsOn-day": "4",
      "startsOn-month": "12",
      "startsOn-year": "2017",
      version: "1",
    });
    expect(changed.statusCode).toBe(303);
    const all = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/memberships` })).json().data;
    expect(all.map((m: { role: string; startsOn: string; endsOn: string | null }) => [m.role, m.startsOn, m.endsOn])).toEqual([
      ["vice_chair", "2017-12-04", null],
      ["member", "2017-04-01", "2017-12-03"],
    ]);
    // The public sees who sat when, but not why someone left.
    expect(all[1].endReason).toBeNull();
    const insiderView = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/memberships?current=false`, headers: bearer(writeToken) })).json()
      .data;
    expect(insiderView).toMatchObject([{ role: "member", endReason: "Changed role to vice-chair", current: false }]);

    // End the new seat through the form: dates are checked, and a stale form is refused.
    const current = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/memberships?current=true` })).json().data;
    expect(current).toHaveLength(1);
    const seat = current[0];
    const backwards = await post(secretary, `/bodies/${body.id}/members/${seat.id}/end`, {
      "endsOn-day": "1",
      "endsOn-month": "1",
      "endsOn-year": "2017",
      reason: "Stepped down",
      version: "1",
    });
    expect(backwards.statusCode).toBe(422);
    expect(backwards.body).toContain("The end date must be on or after the start date, 4 December 2017");
    expect(backwards.body).toContain('value="Stepped down"');
    const stale = await post(secretary, `/bodies/${body.id}/members/${seat.id}/end`, {
      "endsOn-day": "31",
      "endsOn-month": "3",
      "endsOn-year": "2018",
      reason: "Stepped down",
      version: "7",
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('name="version" value="1"');
    const ended = await post(secretary, `/bodies/${body.id}/members/${seat.id}/end`, {
      "endsOn-day": "31",
      "endsOn-month": "3",
      "endsOn-year": "2018",
      reason: "Stepped down",
      version: "1",
    });
    expect(ended.statusCode).toBe(303);
    const again = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${body.id}/memberships/${seat.id}/end`,
      headers: json(writeToken),
      payload: { version: 2, endsOn: "2018-04-30", reason: "Twice" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe("membership_ended");

    const history = (await t.app.inject({ method: "GET", url: `/api/v1/bodies/${body.id}/memberships?current=false` })).json().data;
    expect(history.map((m: { role: string; endsOn: string }) => [m.role, m.endsOn])).toEqual([
      ["vice_chair", "2018-03-31"],
      ["member", "2017-12-03"],
    ]);
    const page = await t.app.inject({ method: "GET", url: `/bodies/${body.id}`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("No members have been recorded.");
    expect(page.body).toMatch(/Past members[\s\S]*Chris Example[\s\S]*Vice-chair[\s\S]*31 March 2018[\s\S]*Stepped down/);
    expect(page.body).toContain("Member added: Chris Example");
    expect(page.body).toContain("Membership ended: Chris Example");
  });

  it("adds members through the API with field errors, never a 500", async () => {
    const body = await createBody(db(), pid(), { name: "Membership Validation Board" });
    const person = await createPerson(db(), pid(), { name: "Jo Example" });
    const archived = await createPerson(db(), pid(), { name: "Archived Example", archivedAt: new Date() });
    const cases: { payload: Record<string, unknown>; status: number; field: string }[] = [
      { payload: { personId: "not-a-uuid", role: "member", voting: true, startsOn: "2017-04-01" }, status: 400, field: "personId" },
      { payload: { personId: person.id, role: "emperor", voting: true, startsOn: "2017-04-01" }, status: 400, field: "role" },
      { payload: { personId: person.id, role: "member", voting: true, startsOn: "2017-02-30" }, status: 400, field: "startsOn" },
      {
        payload: { personId: person.id, role: "member", voting: true, startsOn: "2017-04-01", categories: ["nursing/AHP"] },
        status: 400,
        field: "categories.0",
      },
      { payload: { personId: person.id, role: "member", voting: true, startsOn: "2017-04-01", endsOn: "2017-01-01" }, status: 400, field: "endsOn" },
      { payload: { personId: archived.id, role: "member", voting: true, startsOn: "2017-04-01" }, status: 422, field: "personId" },
      { payload: { personId: "00000000-0000-4000-8000-000000000000", role: "member", voting: true, startsOn: "2017-04-01" }, status: 422, field: "personId" },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: "POST", url: `/api/v1/bodies/${body.id}/memberships`, headers: json(writeToken), payload: c.payload });
      expect(res.statusCode, JSON.stringify(c.payload)).toBe(c.status);
      expect(Object.keys(res.json().error.fields), JSON.stringify(c.payload)).toContain(c.field);
    }
    const ok = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${body.id}/memberships`,
      headers: json(writeToken),
      payload: {
        personId: person.id,
        role: "member",
        voting: true,
        categories: ["Patient representative"],
        representing: "Patients and the public",
        startsOn: "2017-12-04",
      },
    });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ categories: ["patient-representative"], representing: "Patients and the public", current: true });
  });

  it("keeps the member form's typed values on error", async () => {
    const body = await createBody(db(), pid(), { name: "Member Form Board" });
    await createMembership(db(), pid(), { bodyId: body.id, personId: (await createPerson(db(), pid())).id, categories: ["clinician"] });
    const person = await createPerson(db(), pid(), { name: "Sam Example" });
    const res = await post(secretary, `/bodies/${body.id}/members`, {
      personId: person.id,
      role: "co_chair",
      voting: "",
      categories: "clinician",
      otherCategories: "nursing/AHP",
      representing: "Nursing",
      "startsOn-day": "4",
      "startsOn-month": "",
      "startsOn-year": "2017",
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("Select whether the member can vote");
    expect(res.body).toContain("Start date must include a month");
    expect(res.body).toContain("Categories use letters, numbers, spaces and hyphens");
    expect(res.body).toMatch(new RegExp(`<option value="${person.id}" selected="">`));
    expect(res.body).toMatch(/<option value="co_chair" selected="">/);
    expect(res.body).toMatch(/type="checkbox" name="categories" checked="" value="clinician"/);
    expect(res.body).toContain('value="nursing/AHP"');
    expect(res.body).toContain('value="Nursing"');
    expect(res.body).toContain('name="startsOn-day" value="4"');
  });
});

describe("another partnership's records", () => {
  it("are invisible (404) and cannot be linked to (422)", async () => {
    const other = await createPartnership(db());
    const theirBody = await createBody(db(), other.id, { name: "Their Board" });
    const theirPerson = await createPerson(db(), other.id, { name: "Their Person" });
    const theirMembership = await createMembership(db(), other.id, { bodyId: theirBody.id, personId: theirPerson.id });
    const theirTerms = await createTermsOfReference(db(), other.id, { bodyId: theirBody.id, status: "draft", text: "Theirs" });
    const ours = await createBody(db(), pid(), { name: "Our Board" });
    const ourPerson = await createPerson(db(), pid(), { name: "Our Person" });
    const ourMembership = await createMembership(db(), pid(), { bodyId: ours.id, personId: ourPerson.id });

    for (const url of [
      `/api/v1/bodies/${theirBody.id}`,
      `/api/v1/bodies/${theirBody.id}/memberships`,
      `/api/v1/bodies/${theirBody.id}/terms-of-reference/${theirTerms.id}`,
      `/api/v1/bodies/${ours.id}/memberships/${theirMembership.id}`,
      `/api/v1/bodies/${ours.id}/terms-of-reference/${theirTerms.id}`,
    ]) {
      expect((await t.app.inject({ method: "GET", url, headers: bearer(writeToken) })).statusCode, url).toBe(404);
    }
    expect((await t.app.inject({ method: "GET", url: `/bodies/${theirBody.id}`, headers: { cookie: secretary.cookie } })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: "PATCH", url: `/api/v1/bodies/${theirBody.id}`, headers: json(writeToken), payload: { version: 1, name: "Hijacked" } }))
        .statusCode,
    ).toBe(404);
    expect(
      (await t.app.inject({ method: "POST", url: `/api/v1/bodies/${theirBody.id}/archive`, headers: json(writeToken), payload: { version: 1 } })).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: "POST",
          url: `/api/v1/bodies/${ours.id}/memberships/${theirMembership.id}/end`,
          headers: json(writeToken),
          payload: { version: 1, endsOn: "2018-01-01", reason: "x" },
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await t.app.inject({
          method: "PATCH",
          url: `/api/v1/bodies/${ours.id}/terms-of-reference/${theirTerms.id}`,
          headers: json(writeToken),
          payload: { version: 1, text: "x" },
        })
      ).statusCode,
    ).toBe(404);
    // A membership of one of our bodies is not found under another of our bodies either.
    const otherOurs = await createBody(db(), pid(), { name: "Our Other Board" });
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${otherOurs.id}/memberships/${ourMembership.id}` })).statusCode).toBe(404);

    const parent = await t.app.inject({
      method: "POST",
      url: "/api/v1/bodies",
      headers: json(writeToken),
      payload: { name: "Linked Board", kind: "sub_board", parentBodyId: theirBody.id },
    });
    expect(parent.statusCode).toBe(422);
    expect(parent.json().error.fields.parentBodyId).toBe("Select a parent body from the list");
    const member = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${ours.id}/memberships`,
      headers: json(writeToken),
      payload: { personId: theirPerson.id, role: "member", voting: true, startsOn: "2017-04-01" },
    });
    expect(member.statusCode).toBe(422);
    expect(member.json().error.fields.personId).toBe("Select a person from the list");
    const draft = await createTermsOfReference(db(), pid(), { bodyId: ours.id, status: "draft", text: "Ours" });
    const ratify = await t.app.inject({
      method: "POST",
      url: `/api/v1/bodies/${ours.id}/terms-of-reference/${draft.id}/ratify`,
      headers: json(writeToken),
      payload: { version: 1, ratifiedByBodyId: theirBody.id, ratifiedOn: "2017-12-04" },
    });
    expect(ratify.statusCode).toBe(422);
    expect(Object.keys(ratify.json().error.fields)).toEqual(["ratifiedByBodyId"]);
    const formPage = await post(secretary, `/bodies/${ours.id}/members`, {
      personId: theirPerson.id,
      role: "member",
      voting: "yes",
      "startsOn-day": "1",
      "startsOn-month": "4",
      "startsOn-year": "2017",
    });
    expect(formPage.statusCode).toBe(422);
    expect(formPage.body).toContain("Select a person from the list");

    // Their records are untouched.
    const theirToken = await t.token("admin", "read", other.id);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/bodies/${theirBody.id}`, headers: bearer(theirToken) })).json()).toMatchObject({
      name: "Their Board",
      version: 1,
    });
  });
});

describe("the API description", () => {
  it("documents every bodies endpoint in the OpenAPI document", async () => {
    const doc = (await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" })).json();
    for (const path of [
      "/api/v1/bodies",
      "/api/v1/bodies/{id}",
      "/api/v1/bodies/{id}/memberships",
      "/api/v1/bodies/{id}/memberships/{membershipId}/end",
      "/api/v1/bodies/{id}/terms-of-reference",
      "/api/v1/bodies/{id}/terms-of-reference/{termsId}",
      "/api/v1/bodies/{id}/terms-of-reference/{termsId}/ratify",
    ]) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
  });
});
