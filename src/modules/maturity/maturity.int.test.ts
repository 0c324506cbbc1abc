import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import {
  addWorkstreamContributor,
  createMaturityAssessment,
  createMaturityFramework,
  createOrganisation,
  createUser,
  createWorkstream,
} from "../../../tests/factories/index.ts";
import { accountsService } from "../accounts/accounts.service.ts";
import { auditEvents } from "../../platform/audit/audit.tables.ts";

let t: TestApp;
let pid: string;
let admin: string;
let secretary: Session;
let contributor: string;
let contributorSession: Session;
let otherContributor: string;
let member: string;
let workstream: { id: string };
let eastKent: { id: string; name: string };
let medway: { id: string; name: string };

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });
const formHeaders = (s: Session) => ({ cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" });

interface FrameworkJson {
  id: string;
  version: number;
  title: string;
  published: boolean;
  levels: { id: string; rank: number; title: string }[];
  dimensions: { id: string; title: string; position: number; descriptors: { levelId: string; text: string }[] }[];
  latestRatings: {
    subjects: {
      name: string;
      organisationId: string | null;
      areaName: string | null;
      latestAssessedOn: string;
      assessmentCount: number;
      ratings: {
        dimensionId: string;
        latest: { levelTitle: string; assessedOn: string };
        change: number | null;
        changeLabel: string;
        fromEarlierAssessment: boolean;
      }[];
    }[];
    counts: { title: string; count: number }[];
    total: number;
  };
}

/** A token for a new user with the role, assigned as a contributor to `workstreamId` when given. */
async function tokenFor(role: "contributor", workstreamId?: string): Promise<string> {
  const user = await createUser(t.database.db, pid, role);
  if (workstreamId) await addWorkstreamContributor(t.database.db, pid, { workstreamId, userId: user.id });
  return accountsService({ db: t.database.db }).createTokenFor({ partnershipId: pid, userId: user.id, name: "test", scope: "write" });
}

async function createFramework(token: string, body: Record<string, unknown>) {
  return t.app.inject({ method: "POST", url: "/api/v1/maturity-frameworks", headers: json(token), payload: body });
}

async function getFramework(id: string, token?: string): Promise<FrameworkJson> {
  const res = await t.app.inject({ method: "GET", url: `/api/v1/maturity-frameworks/${id}`, headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.statusCode, res.body).toBe(200);
  return res.json<FrameworkJson>();
}

async function assess(token: string, body: Record<string, unknown>) {
  return t.app.inject({ method: "POST", url: "/api/v1/maturity-assessments", headers: json(token), payload: body });
}

/** Ratings for a framework from level titles per dimension, in dimension order. */
function ratingsOf(fw: FrameworkJson, titles: string[]) {
  return titles.map((title, i) => ({
    dimensionId: fw.dimensions[i]!.id,
    levelId: fw.levels.find((l) => l.title === title)!.id,
    evidence: `Evidence ${i + 1}`,
  }));
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.db;
  pid = t.partnership.id;
  workstream = await createWorkstream(db, pid, { name: "Local care", published: true });
  eastKent = await createOrganisation(db, pid, { name: "East Kent Hospitals University NHS Foundation Trust" });
  medway = await createOrganisation(db, pid, { name: "Medway Community Healthcare" });
  admin = await t.token("admin", "write");
  member = await t.token("member", "write");
  secretary = await t.signIn("secretary");
  contributor = await tokenFor("contributor", workstream.id);
  otherContributor = await tokenFor("contributor");
  contributorSession = await t.signIn("contributor");
  await addWorkstreamContributor(db, pid, { workstreamId: workstream.id, userId: contributorSession.userId });
});
afterAll(async () => {
  await t.close();
});

const LEVELS = [{ title: "Emerging" }, { title: "Developing" }, { title: "Maturing" }, { title: "Thriving" }];

describe("the local care readiness matrix: latest ratings and change since the last assessment", () => {
  let fw: FrameworkJson;

  beforeAll(async () => {
    const res = await createFramework(admin, {
      title: "Local care maturity matrix",
      description: "Readiness to implement the local care model",
      workstreamId: workstream.id,
      published: true,
      levels: LEVELS,
      dimensions: [
        { title: "Leadership", descriptors: ["Local care leads named", "Shared plan agreed", "Joint decisions", "System leadership"] },
        { title: "Integrated teams", descriptors: ["Teams identified"] },
        { title: "Shared records" },
      ],
    });
    expect(res.statusCode, res.body).toBe(201);
    fw = res.json<FrameworkJson>();
    // Three assessments of East Kent, recorded out of date order; one of Medway; the Whitstable vanguard twice.
    for (const [subject, on, levels] of [
      [{ organisationId: eastKent.id }, "2018-03-01", ["Developing", "Emerging", "Maturing"]],
      [{ organisationId: eastKent.id }, "2017-06-01", ["Emerging", "Emerging", "Emerging"]],
      [{ organisationId: eastKent.id }, "2017-11-20", ["Emerging", "Developing", "Thriving"]],
      [{ organisationId: medway.id }, "2018-02-01", ["Emerging", "Emerging", "Emerging"]],
      [{ areaName: "Whitstable vanguard" }, "2017-11-01", ["Developing", "Maturing", "Developing"]],
      [{ areaName: "whitstable Vanguard" }, "2018-02-15", ["Thriving", "Maturing", "Maturing"]],
    ] as const) {
      const r = await assess(contributor, {
        frameworkId: fw.id,
        ...subject,
        assessedOn: on,
        assessorName: "Local care lead",
        method: "self",
        ratings: ratingsOf(fw, [...levels]),
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });

  it("stores the matrix: dimensions in order, levels least mature first, descriptors per cell", async () => {
    const got = await getFramework(fw.id);
    expect(got.levels.map((l) => [l.rank, l.title])).toEqual([
      [1, "Emerging"],
      [2, "Developing"],
      [3, "Maturing"],
      [4, "Thriving"],
    ]);
    expect(got.dimensions.map((d) => d.title)).toEqual(["Leadership", "Integrated teams", "Shared records"]);
    expect(got.dimensions[0]!.descriptors.map((d) => d.text)).toEqual(["Local care leads named", "Shared plan agreed", "Joint decisions", "System leadership"]);
    expect(got.dimensions[1]!.descriptors).toEqual([{ levelId: got.levels[0]!.id, text: "Teams identified" }]);
    expect(got.dimensions[2]!.descriptors).toEqual([]);
  });

  it("gives each subject's latest level per dimension and the exact change since its previous assessment", async () => {
    const { latestRatings: m } = await getFramework(fw.id);
    expect(m.subjects.map((s) => [s.name, s.latestAssessedOn, s.assessmentCount])).toEqual([
      [eastKent.name, "2018-03-01", 3],
      [medway.name, "2018-02-01", 1],
      ["whitstable Vanguard", "2018-02-15", 2],
    ]);
    const labels = m.subjects.map((s) => s.ratings.map((r) => `${r.latest.levelTitle}: ${r.changeLabel}`));
    expect(labels).toEqual([
      // East Kent 20 Nov 2017 → 1 Mar 2018.
      ["Developing: ▲ 1 from Emerging", "Emerging: ▼ 1 from Developing", "Maturing: ▼ 1 from Thriving"],
      // Medway has been assessed once.
      ["Emerging: new", "Emerging: new", "Emerging: new"],
      // Whitstable 1 Nov 2017 → 15 Feb 2018, the area name matched whatever its case.
      ["Thriving: ▲ 2 from Developing", "Maturing: no change", "Maturing: ▲ 1 from Developing"],
    ]);
    expect(m.subjects.map((s) => s.ratings.map((r) => r.change))).toEqual([
      [1, -1, -1],
      [null, null, null],
      [2, 0, 1],
    ]);
    expect(m.total).toBe(9);
    expect(m.counts.map((c) => [c.title, c.count])).toEqual([
      ["Emerging", 4],
      ["Developing", 1],
      ["Maturing", 3],
      ["Thriving", 1],
    ]);
  });

  it("falls back to the latest assessment that rated a dimension, and says so", async () => {
    // Recorded before "Shared records" was part of the framework (factory: ratings as given, unchecked).
    const dims = fw.dimensions;
    const lv = (title: string) => fw.levels.find((l) => l.title === title)!.id;
    const swale = "Swale area";
    await createMaturityAssessment(
      t.database.db,
      pid,
      { frameworkId: fw.id, areaName: swale, assessedOn: "2017-10-01" },
      { [dims[0]!.id]: lv("Emerging"), [dims[2]!.id]: lv("Developing") },
    );
    await createMaturityAssessment(t.database.db, pid, { frameworkId: fw.id, areaName: swale, assessedOn: "2018-01-10" }, { [dims[0]!.id]: lv("Maturing") });
    const { latestRatings: m } = await getFramework(fw.id);
    const s = m.subjects.find((x) => x.name === swale)!;
    expect(s.ratings.map((r) => [r.dimensionId, r.latest.levelTitle, r.latest.assessedOn, r.changeLabel, r.fromEarlierAssessment])).toEqual([
      [dims[0]!.id, "Maturing", "2018-01-10", "▲ 2 from Emerging", false],
      [dims[2]!.id, "Developing", "2017-10-01", "new", true],
    ]);
    expect(m.total).toBe(11);
  });

  it("draws the heat map as a table with the level and the change in words, and a count per level", async () => {
    const res = await t.app.inject({ method: "GET", url: `/maturity/${fw.id}` });
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("Latest ratings by organisation or area, with the change since the previous assessment");
    expect(html).toContain('<th scope="row" class="nhsuk-table__header"><a href="/maturity/');
    expect(html).toContain('<span aria-hidden="true">▲ 1 from Emerging</span><span class="nhsuk-u-visually-hidden">up 1 from Emerging</span>');
    expect(html).toContain("no change");
    expect(html).toMatch(/nhsuk-tag--red[^>]*>Emerging</);
    // Emerging 4, Developing 2, Maturing 4, Thriving 1 (with the Swale area from the fallback test).
    expect(html).toContain("4 of 11 ratings are Emerging");
    expect(html).toContain("2 of 11 ratings are Developing");
    expect(html).toContain("1 of 11 ratings is Thriving");
    expect(html).toContain("From 1 October 2017");
    // The matrix itself, with its descriptors.
    expect(html).toContain("The framework: what each dimension looks like at each level");
    expect(html).toContain("Shared plan agreed");
    // The public sees no history and no edit links.
    expect(html).not.toContain("history-heading");
    expect(html).not.toContain("/edit");
  });

  it("lists each subject's assessments over time, oldest first", async () => {
    const res = await t.app.inject({ method: "GET", url: `/maturity/${fw.id}/assessments?organisationId=${eastKent.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`Assessments of ${eastKent.name}`);
    const dates = [...res.body.matchAll(/>(\d{1,2} \w+ 20\d\d)<\/a>/g)].map((m) => m[1]);
    expect(dates).toEqual(["1 June 2017", "20 November 2017", "1 March 2018"]);
    expect(res.body).not.toContain("Medway");
    const area = await t.app.inject({ method: "GET", url: `/maturity/${fw.id}/assessments?area=WHITSTABLE%20vanguard` });
    expect([...area.body.matchAll(/>(\d{1,2} \w+ 20\d\d)<\/a>/g)].map((m) => m[1])).toEqual(["1 November 2017", "15 February 2018"]);

    const api = await t.app.inject({ method: "GET", url: `/api/v1/maturity-assessments?frameworkId=${fw.id}&organisationId=${eastKent.id}` });
    expect(
      api
        .json<{ data: { assessedOn: string; ratings: { levelTitle: string }[] }[] }>()
        .data.map((a) => [a.assessedOn, a.ratings.map((r) => r.levelTitle).join("/")]),
    ).toEqual([
      ["2018-03-01", "Developing/Emerging/Maturing"],
      ["2017-11-20", "Emerging/Developing/Thriving"],
      ["2017-06-01", "Emerging/Emerging/Emerging"],
    ]);
  });

  it("offers the latestRatings service contract", async () => {
    const ctx = { partnership: t.partnership, principal: { kind: "anonymous" as const }, requestId: "test" };
    const { maturityService } = await import("./maturity.service.ts");
    const { organisationsService } = await import("../organisations/organisations.service.ts");
    const service = maturityService({ db: t.database.db, organisations: organisationsService({ db: t.database.db }) });
    const latest = await service.latestRatings(ctx, fw.id);
    expect(latest.subjects[0]!.cells.map((c) => c?.change)).toEqual([1, -1, -1]);
  });
});

describe("visibility", () => {
  let hidden: { id: string };
  let hiddenAssessment: { id: string };

  beforeAll(async () => {
    const made = await createMaturityFramework(t.database.db, pid, { title: "Draft primary care matrix", published: false });
    hidden = made.framework;
    hiddenAssessment = await createMaturityAssessment(
      t.database.db,
      pid,
      { frameworkId: hidden.id, organisationId: eastKent.id },
      { [made.dimensions[0]!.id]: made.levels[0]!.id },
    );
  });

  it("hides unpublished frameworks and their assessments from the public (404), pages and API alike", async () => {
    for (const url of [
      `/maturity/${hidden.id}`,
      `/maturity/${hidden.id}/assessments`,
      `/maturity-assessments/${hiddenAssessment.id}`,
      `/api/v1/maturity-frameworks/${hidden.id}`,
      `/api/v1/maturity-assessments/${hiddenAssessment.id}`,
    ]) {
      const res = await t.app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
    }
    const list = await t.app.inject({ method: "GET", url: "/maturity" });
    expect(list.body).not.toContain("Draft primary care matrix");
    const api = await t.app.inject({ method: "GET", url: "/api/v1/maturity-frameworks?limit=100" });
    expect(api.json<{ data: { id: string }[] }>().data.map((f) => f.id)).not.toContain(hidden.id);
    const assessments = await t.app.inject({ method: "GET", url: `/api/v1/maturity-assessments?frameworkId=${hidden.id}` });
    expect(assessments.json<{ data: unknown[] }>().data).toEqual([]);
  });

  it("shows them to insiders, with their publication status", async () => {
    const res = await t.app.inject({ method: "GET", url: `/api/v1/maturity-frameworks/${hidden.id}`, headers: { authorization: `Bearer ${member}` } });
    expect(res.statusCode).toBe(200);
    const page = await t.app.inject({ method: "GET", url: "/maturity", headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("Draft primary care matrix");
    expect(page.body).toContain("Not published");
  });

  it("does not name an unpublished workstream to the public", async () => {
    const secret = await createWorkstream(t.database.db, pid, { name: "Secret workstream" });
    const made = await createMaturityFramework(t.database.db, pid, { title: "Published under a hidden workstream", published: true, workstreamId: secret.id });
    const res = await t.app.inject({ method: "GET", url: `/maturity/${made.framework.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain("Secret workstream");
    const api = await t.app.inject({ method: "GET", url: `/api/v1/maturity-frameworks/${made.framework.id}` });
    expect(api.json<{ workstream: unknown }>().workstream).toBeNull();
  });
});

describe("validation", () => {
  let fw: FrameworkJson;
  let other: FrameworkJson;

  beforeAll(async () => {
    fw = (
      await createFramework(admin, { title: "Validation matrix", workstreamId: workstream.id, levels: LEVELS, dimensions: [{ title: "A" }, { title: "B" }] })
    ).json<FrameworkJson>();
    other = (await createFramework(admin, { title: "Other matrix", levels: LEVELS, dimensions: [{ title: "X" }] })).json<FrameworkJson>();
  });

  it("requires a rating for every dimension", async () => {
    const res = await assess(admin, {
      frameworkId: fw.id,
      organisationId: eastKent.id,
      assessedOn: "2018-03-05",
      assessorName: "PMO",
      ratings: ratingsOf(fw, ["Emerging"]),
    });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({ [`rating-${fw.dimensions[1]!.id}`]: "Select a level for “B”" });
  });

  it("requires each level to belong to the framework, and each dimension too", async () => {
    const foreignLevel = [...ratingsOf(fw, ["Emerging"]), { dimensionId: fw.dimensions[1]!.id, levelId: other.levels[0]!.id, evidence: "" }];
    const res = await assess(admin, { frameworkId: fw.id, organisationId: eastKent.id, assessedOn: "2018-03-05", assessorName: "PMO", ratings: foreignLevel });
    expect(res.statusCode).toBe(422);
    expect(res.json<{ error: { fields: Record<string, string> } }>().error.fields).toEqual({
      [`rating-${fw.dimensions[1]!.id}`]: "Select one of this framework's levels",
    });
    const foreignDimension = [...ratingsOf(fw, ["Emerging", "Emerging"]), { dimensionId: other.dimensions[0]!.id, levelId: fw.levels[0]!.id, evidence: "" }];
    const res2 = await assess(admin, {
      frameworkId: fw.id,
      organisationId: eastKent.id,
      assessedOn: "2018-03-05",
      assessorName: "PMO",
      ratings: foreignDimension,
    });
    expect(res2.json<{ error: { fields: Record<string, string> } }>().error.fields.ratings).toBe("Every rating must name a dimension of this framework");
  });

  it("requires exactly one subject and a date not in the future", async () => {
    const both = await assess(admin, {
      frameworkId: fw.id,
      organisationId: eastKent.id,
      areaName: "Swale",
      assessedOn: "2018-03-05",
      assessorName: "PMO",
      ratings: ratingsOf(fw, ["Emerging", "Emerging"]),
    });
    expect(both.statusCode).toBe(400);
    const future = await assess(admin, {
      frameworkId: fw.id,
      areaName: "Swale",
      assessedOn: "2099-01-01",
      assessorName: "PMO",
      ratings: ratingsOf(fw, ["Emerging", "Emerging"]),
    });
    expect(future.statusCode).toBe(422);
    expect(future.json<{ error: { fields: Record<string, string> } }>().error.fields.assessedOn).toBe(
      "The date of the assessment must be today or in the past",
    );
  });

  it("refuses a framework with too few levels or a duplicated dimension", async () => {
    expect((await createFramework(admin, { title: "One level", levels: [{ title: "Only" }], dimensions: [{ title: "A" }] })).statusCode).toBe(400);
    const dup = await createFramework(admin, { title: "Dup", levels: LEVELS, dimensions: [{ title: "A" }, { title: " a" }] });
    expect(dup.statusCode).toBe(422);
    expect(dup.json<{ error: { fields: Record<string, string> } }>().error.fields.dimensions).toContain("listed twice");
  });

  it("shows the form's errors inline with the values kept", async () => {
    const res = await t.app.inject({
      method: "POST",
      url: `/maturity/${fw.id}/assessments`,
      headers: formHeaders(secretary),
      payload: form({
        _csrf: secretary.csrf,
        organisationId: "",
        areaName: "Whitstable vanguard",
        "assessedOn-day": "31",
        "assessedOn-month": "2",
        "assessedOn-year": "2018",
        assessorName: "Kept assessor",
        method: "peer",
        [`rating-${fw.dimensions[0]!.id}`]: fw.levels[1]!.id,
      }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain("<title>Error: Record an assessment");
    expect(res.body).toContain("Date of the assessment must be a real date");
    expect(res.body).toContain(`href="#rating-${fw.dimensions[1]!.id}-1"`);
    expect(res.body).toContain('value="Kept assessor"');
    expect(res.body).toContain('value="Whitstable vanguard"');
  });
});

describe("editing frameworks", () => {
  let fw: FrameworkJson;

  beforeAll(async () => {
    fw = (
      await createFramework(admin, { title: "Editable matrix", published: true, levels: LEVELS, dimensions: [{ title: "A" }, { title: "B" }, { title: "C" }] })
    ).json<FrameworkJson>();
    const r = await assess(admin, {
      frameworkId: fw.id,
      organisationId: medway.id,
      assessedOn: "2018-01-01",
      assessorName: "PMO",
      ratings: ratingsOf(fw, ["Emerging", "Developing", "Emerging"]),
    });
    expect(r.statusCode).toBe(201);
    fw = await getFramework(fw.id);
  });

  it("refuses to remove a dimension or level that ratings use, with a clear message", async () => {
    const [a, b, c] = fw.dimensions;
    const dropB = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-frameworks/${fw.id}`,
      headers: json(admin),
      payload: { version: fw.version, dimensions: [a, c].map((d) => ({ id: d!.id, title: d!.title })) },
    });
    expect(dropB.statusCode).toBe(422);
    expect(dropB.json<{ error: { fields: Record<string, string> } }>().error.fields.dimensions).toBe(
      "“B” (1 rating) cannot be removed because assessments use it. Rename it instead, or change those assessments first",
    );
    void b;
    const dropDeveloping = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-frameworks/${fw.id}`,
      headers: json(admin),
      payload: { version: fw.version, levels: fw.levels.filter((l) => l.title !== "Developing").map((l) => ({ id: l.id, title: l.title })) },
    });
    expect(dropDeveloping.statusCode).toBe(422);
    expect(dropDeveloping.json<{ error: { fields: Record<string, string> } }>().error.fields.levels).toContain("“Developing” (1 rating) cannot be removed");
    expect((await getFramework(fw.id)).version).toBe(fw.version);
  });

  it("renames, reorders, adds and removes unused rows, and sets descriptors", async () => {
    const [a, b, c] = fw.dimensions;
    const [emerging, developing, maturing, thriving] = fw.levels;
    const res = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-frameworks/${fw.id}`,
      headers: json(admin),
      payload: {
        version: fw.version,
        title: "Edited matrix",
        dimensions: [
          { id: c!.id, title: "C renamed" },
          { id: a!.id, title: "A", descriptors: ["a1", "a2", "", "a4"] },
          { id: b!.id, title: "B" },
          { title: "D new", descriptors: ["d1"] },
        ],
        // Thriving (unused) is removed; Embedded is added at the top.
        levels: [
          { id: emerging!.id, title: "Emerging" },
          { id: developing!.id, title: "Developing" },
          { id: maturing!.id, title: "Maturing" },
          { title: "Embedded" },
        ],
      },
    });
    expect(res.statusCode, res.body).toBe(200);
    const got = res.json<FrameworkJson>();
    expect(got.title).toBe("Edited matrix");
    expect(got.version).toBe(fw.version + 1);
    expect(got.dimensions.map((d) => d.title)).toEqual(["C renamed", "A", "B", "D new"]);
    expect(got.levels.map((l) => `${l.rank}:${l.title}`)).toEqual(["1:Emerging", "2:Developing", "3:Maturing", "4:Embedded"]);
    expect(got.levels.map((l) => l.id)).not.toContain(thriving!.id);
    expect(got.dimensions[1]!.descriptors.map((d) => d.text)).toEqual(["a1", "a2", "a4"]);
    expect(got.dimensions[3]!.descriptors.map((d) => d.text)).toEqual(["d1"]);
    // The Medway rating is kept; the new dimension is not rated yet.
    expect(got.latestRatings.subjects[0]!.ratings.map((r) => r.latest.levelTitle)).toEqual(["Emerging", "Emerging", "Developing"]);
    fw = got;
  });

  it("answers a stale write with 409 and the newer framework, leaving it intact", async () => {
    const stale = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-frameworks/${fw.id}`,
      headers: json(admin),
      payload: { version: fw.version - 1, title: "Stale" },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json<{ error: { current: { title: string; version: number } } }>().error.current).toMatchObject({
      title: "Edited matrix",
      version: fw.version,
    });
    expect((await getFramework(fw.id)).title).toBe("Edited matrix");
  });

  it("edits through the page form, and shows a 409 that keeps what was typed", async () => {
    const edit = await t.app.inject({ method: "GET", url: `/maturity/${fw.id}/edit`, headers: { cookie: secretary.cookie } });
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain("1 rating uses it, so it cannot be removed");
    const fields: Record<string, string> = {
      _csrf: secretary.csrf,
      title: "Edited on the page",
      description: "",
      workstreamId: "",
      published: "yes",
      version: String(fw.version),
    };
    fw.dimensions.forEach((d, i) => {
      fields[`dimensions-${i}-id`] = d.id;
      fields[`dimensions-${i}-title`] = d.title;
      fields[`dimensions-${i}-position`] = String(fw.dimensions.length - i); // reversed
    });
    fw.levels.forEach((l, i) => {
      fields[`levels-${i}-id`] = l.id;
      fields[`levels-${i}-title`] = l.title;
      fields[`levels-${i}-rank`] = String(i + 1);
    });
    fields[`levels-${fw.levels.length - 1}-remove`] = "yes"; // Embedded, unused
    fields[`descriptor-${fw.dimensions[0]!.id}-${fw.levels[0]!.id}`] = "C at emerging";
    const saved = await t.app.inject({ method: "POST", url: `/maturity/${fw.id}`, headers: formHeaders(secretary), payload: form(fields) });
    expect(saved.statusCode, saved.body).toBe(303);
    const got = await getFramework(fw.id);
    expect(got.title).toBe("Edited on the page");
    expect(got.dimensions.map((d) => d.title)).toEqual(["D new", "B", "A", "C renamed"]);
    expect(got.levels.map((l) => l.title)).toEqual(["Emerging", "Developing", "Maturing"]);
    expect(got.dimensions[3]!.descriptors).toEqual([{ levelId: fw.levels[0]!.id, text: "C at emerging" }]);

    const again = await t.app.inject({
      method: "POST",
      url: `/maturity/${fw.id}`,
      headers: formHeaders(secretary),
      payload: form({ ...fields, title: "Typed but stale" }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain("Someone else saved this framework first");
    expect(again.body).toContain('value="Typed but stale"');
    expect((await getFramework(fw.id)).title).toBe("Edited on the page");
  });

  it("audits every change", async () => {
    const rows = await t.database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(and(eq(auditEvents.partnershipId, pid), eq(auditEvents.recordType, "maturity_framework"), eq(auditEvents.recordId, fw.id)));
    expect(rows.map((r) => r.action).sort()).toEqual(["create", "update", "update"]);
    const page = await t.app.inject({ method: "GET", url: `/maturity/${fw.id}`, headers: { cookie: secretary.cookie } });
    expect(page.body).toContain("history-heading");
  });
});

describe("assessments: contributors, edits and conflicts", () => {
  let fw: FrameworkJson;
  let orphan: FrameworkJson;

  beforeAll(async () => {
    fw = (
      await createFramework(admin, { title: "Contributor matrix", workstreamId: workstream.id, levels: LEVELS, dimensions: [{ title: "A" }, { title: "B" }] })
    ).json<FrameworkJson>();
    orphan = (await createFramework(admin, { title: "No workstream matrix", levels: LEVELS, dimensions: [{ title: "A" }] })).json<FrameworkJson>();
  });

  const body = (framework: FrameworkJson, levels: string[]) => ({
    frameworkId: framework.id,
    areaName: "Dartford, Gravesham and Swanley",
    assessedOn: "2018-03-05",
    assessorName: "Contributor",
    ratings: ratingsOf(framework, levels),
  });

  it("lets contributors of the framework's workstream record assessments, and nobody else below the programme office", async () => {
    expect((await assess(contributor, body(fw, ["Emerging", "Emerging"]))).statusCode).toBe(201);
    expect((await assess(otherContributor, body(fw, ["Emerging", "Emerging"]))).statusCode).toBe(403);
    expect((await assess(member, body(fw, ["Emerging", "Emerging"]))).statusCode).toBe(403);
    expect((await assess(contributor, body(orphan, ["Emerging"]))).statusCode).toBe(403);
    expect((await assess(admin, body(orphan, ["Emerging"]))).statusCode).toBe(201);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/v1/maturity-assessments",
      headers: { "content-type": "application/json" },
      payload: body(fw, ["Emerging", "Emerging"]),
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("never lets contributors change frameworks", async () => {
    expect((await createFramework(contributor, { title: "X", levels: LEVELS, dimensions: [{ title: "A" }] })).statusCode).toBe(403);
    const patch = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-frameworks/${fw.id}`,
      headers: json(contributor),
      payload: { version: fw.version, title: "Y" },
    });
    expect(patch.statusCode).toBe(403);
  });

  it("records through the page, edits with a version, and answers a stale edit with 409", async () => {
    const page = await t.app.inject({ method: "GET", url: `/maturity/${fw.id}/assessments/new`, headers: { cookie: contributorSession.cookie } });
    expect(page.statusCode).toBe(200);
    const fields = {
      _csrf: contributorSession.csrf,
      organisationId: medway.id,
      areaName: "",
      "assessedOn-day": "5",
      "assessedOn-month": "3",
      "assessedOn-year": "2018",
      assessorName: "Page assessor",
      method: "peer",
      notes: "",
      [`rating-${fw.dimensions[0]!.id}`]: fw.levels[0]!.id,
      [`evidence-${fw.dimensions[0]!.id}`]: "Workshop notes",
      [`rating-${fw.dimensions[1]!.id}`]: fw.levels[2]!.id,
    };
    const created = await t.app.inject({
      method: "POST",
      url: `/maturity/${fw.id}/assessments`,
      headers: formHeaders(contributorSession),
      payload: form(fields),
    });
    expect(created.statusCode, created.body).toBe(303);
    const id = String(created.headers.location).split("/").pop()!;
    const view = await t.app.inject({ method: "GET", url: `/maturity-assessments/${id}`, headers: { cookie: contributorSession.cookie } });
    expect(view.body).toContain("Workshop notes");
    expect(view.body).toContain("Peer review");
    expect(view.body).toContain("Edit this assessment");

    const edited = await t.app.inject({
      method: "POST",
      url: `/maturity-assessments/${id}`,
      headers: formHeaders(contributorSession),
      payload: form({ ...fields, [`rating-${fw.dimensions[1]!.id}`]: fw.levels[3]!.id, version: "1" }),
    });
    expect(edited.statusCode, edited.body).toBe(303);
    const api = await t.app.inject({ method: "GET", url: `/api/v1/maturity-assessments/${id}`, headers: { authorization: `Bearer ${admin}` } });
    const got = api.json<{ version: number; method: string; ratings: { levelTitle: string; evidence: string }[] }>();
    expect(got.version).toBe(2);
    expect(got.ratings.map((r) => r.levelTitle)).toEqual(["Emerging", "Thriving"]);

    const stale = await t.app.inject({
      method: "POST",
      url: `/maturity-assessments/${id}`,
      headers: formHeaders(contributorSession),
      payload: form({ ...fields, assessorName: "Stale typist", version: "1" }),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain("Someone else saved this assessment first");
    expect(stale.body).toContain('value="Stale typist"');

    const staleApi = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-assessments/${id}`,
      headers: json(contributor),
      payload: { version: 1, notes: "late" },
    });
    expect(staleApi.statusCode).toBe(409);
    expect(staleApi.json<{ error: { current: { version: number } } }>().error.current.version).toBe(2);
    const patched = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-assessments/${id}`,
      headers: json(contributor),
      payload: { version: 2, areaName: "Medway and Swale" },
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json<{ organisation: unknown; areaName: string; subjectName: string }>()).toMatchObject({
      organisation: null,
      areaName: "Medway and Swale",
      subjectName: "Medway and Swale",
    });

    const denied = await t.app.inject({
      method: "PATCH",
      url: `/api/v1/maturity-assessments/${id}`,
      headers: json(otherContributor),
      payload: { version: 3, notes: "x" },
    });
    expect(denied.statusCode).toBe(403);

    const history = await t.app.inject({ method: "GET", url: `/maturity-assessments/${id}`, headers: { cookie: secretary.cookie } });
    expect(history.body).toContain("history-heading");
    expect(history.body).toContain("Ratings");
  });
});
