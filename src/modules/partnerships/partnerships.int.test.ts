import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cookiesFrom, createTestApp, form, type Session, type TestApp } from "../../../tests/setup/app.ts";
import { createObjectives, STP_OBJECTIVES } from "../../../tests/factories/index.ts";
import { partnershipsService } from "./partnerships.service.ts";
import type { PartnershipObjectiveRow } from "./partnerships.tables.ts";

let t: TestApp;
let objectives: PartnershipObjectiveRow[];
beforeAll(async () => {
  t = await createTestApp({ partnership: { name: "Kent and Medway STP", shortName: "K&M STP" } });
  objectives = await createObjectives(t.database.db, t.partnership.id);
});
afterAll(async () => {
  await t.close();
});

async function post(session: Session, fields: Record<string, string>) {
  return t.app.inject({
    method: "POST",
    url: "/partnership/settings",
    headers: { cookie: session.cookie, "content-type": "application/x-www-form-urlencoded" },
    payload: form({ _csrf: session.csrf, ...fields }),
  });
}

async function currentVersion(): Promise<number> {
  const rows = await t.database.pool.query<{ version: number }>("select version from partnerships where id = $1", [t.partnership.id]);
  return rows.rows[0]!.version;
}

async function currentObjectives(): Promise<{ id: string; title: string; description: string }[]> {
  const rows = await t.database.pool.query<{ id: string; title: string; description: string }>(
    "select id, title, description from partnership_objectives where partnership_id = $1 and archived_at is null order by position",
    [t.partnership.id],
  );
  return rows.rows;
}

/** The settings form as the page fills it, for the objectives as they are now, with changes on top. */
async function settingsFields(changes: Record<string, string> = {}): Promise<Record<string, string>> {
  const fields: Record<string, string> = {
    name: "Kent and Medway STP",
    shortName: "K&M STP",
    financialYearStartMonth: "4",
    version: String(await currentVersion()),
  };
  (await currentObjectives()).forEach((o, i) => {
    fields[`objectives.${i}.id`] = o.id;
    fields[`objectives.${i}.title`] = o.title;
    fields[`objectives.${i}.description`] = o.description;
  });
  return { ...fields, ...changes };
}

describe("partnership settings", () => {
  it("shows the objectives with two blank rows to add more, and April as the financial year's start", async () => {
    const admin = await t.signIn("admin");
    const page = await t.app.inject({ method: "GET", url: "/partnership/settings", headers: { cookie: admin.cookie } });
    expect(page.statusCode).toBe(200);
    for (const o of STP_OBJECTIVES) expect(page.body).toContain(`value="${o.title}"`);
    expect(page.body).toContain('name="objectives.4.title"');
    expect(page.body).not.toContain('name="objectives.5.title"');
    expect(page.body).toMatch(/<option value="4" selected="">April<\/option>/);
    expect(page.body).toContain('name="objectives.0.remove"');
  });

  it("saves the details and adds, edits and removes objectives, auditing each change", async () => {
    const admin = await t.signIn("admin");
    const [health, care, finance] = objectives;
    const res = await post(
      admin,
      await settingsFields({
        name: "Kent and Medway Integrated Care System",
        shortName: "K&M ICS",
        financialYearStartMonth: "4",
        "objectives.1.title": "Quality of care",
        "objectives.2.remove": "yes",
        "objectives.3.title": "Tackling inequalities",
        "objectives.3.description": "Tackle inequalities in outcomes, experience and access.",
        "objectives.4.title": "",
        "objectives.4.description": "",
      }),
    );
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe("/partnership/settings");

    const after = await currentObjectives();
    expect(after.map((o) => o.title)).toEqual(["Health and wellbeing", "Quality of care", "Tackling inequalities"]);
    const home = await t.app.inject({ method: "GET", url: "/", headers: { cookie: cookiesFrom(res, admin.cookie) } });
    expect(home.body).toContain("Kent and Medway Integrated Care System");
    expect(home.body).toContain("Tackling inequalities");
    expect(home.body).not.toContain("Finance and efficiency");

    const audit = await t.database.pool.query<{ record_type: string; record_id: string; action: string; actor_user_id: string }>(
      "select record_type, record_id, action, actor_user_id from audit_events where partnership_id = $1 and actor_user_id = $2 order by id",
      [t.partnership.id, admin.userId],
    );
    const events = audit.rows.map((r) => `${r.record_type} ${r.action} ${r.record_id}`);
    expect(events).toContain(`partnership update ${t.partnership.id}`);
    expect(events).toContain(`partnership_objective update ${care!.id}`);
    expect(events).toContain(`partnership_objective archive ${finance!.id}`);
    expect(events.filter((e) => e.startsWith("partnership_objective create"))).toHaveLength(1);
    expect(events.some((e) => e.endsWith(health!.id))).toBe(false);
  });

  it("keeps what was typed and shows the errors when the form is not valid", async () => {
    const admin = await t.signIn("admin");
    const before = await currentVersion();
    const res = await post(
      admin,
      await settingsFields({ name: "", "objectives.0.title": "", "objectives.3.description": "A purpose without a title", shortName: "Typed short name" }),
    );
    expect(res.statusCode).toBe(422);
    expect(res.body).toMatch(/<title>Error: Partnership settings/);
    expect(res.body).toContain("There is a problem");
    expect(res.body).toContain("Enter the partnership&#x27;s name");
    expect(res.body).toContain('href="#objectives-0-title"');
    expect(res.body).toContain("Enter a title for objective 1, or choose to remove it");
    expect(res.body).toContain("Enter a title for objective 4");
    expect(res.body).toContain('value="Typed short name"');
    expect(res.body).toContain("A purpose without a title");
    expect(await currentVersion()).toBe(before);
  });

  it("refuses a stale save with 409, keeping what was typed, and leaves the newer data intact", async () => {
    const first = await t.signIn("admin");
    const second = await t.signIn("admin");
    const stale = await settingsFields();
    const saved = await post(first, await settingsFields({ name: "Kent and Medway ICS", "objectives.0.title": "Improving health" }));
    expect(saved.statusCode).toBe(303);

    const conflict = await post(second, { ...stale, name: "A name typed by the second admin", "objectives.1.title": "A title typed by the second admin" });
    expect(conflict.statusCode).toBe(409);
    expect(conflict.body).toContain("Someone else saved these settings first");
    expect(conflict.body).toContain('value="A name typed by the second admin"');
    expect(conflict.body).toContain('value="A title typed by the second admin"');
    // The form now carries the newer version, so saving again is a deliberate overwrite.
    expect(conflict.body).toContain(`name="version" value="${await currentVersion()}"`);

    const api = await t.app.inject({ method: "GET", url: "/api/v1/partnership" });
    expect(api.json().name).toBe("Kent and Medway ICS");
    expect(api.json().objectives.map((o: { title: string }) => o.title)).toContain("Improving health");
    expect(api.json().objectives.map((o: { title: string }) => o.title)).not.toContain("A title typed by the second admin");
  });

  it("is for administrators only: 401 for the public, 403 for a secretary, and never with a read token", async () => {
    expect((await t.app.inject({ method: "GET", url: "/partnership/settings" })).statusCode).toBe(401);
    const secretary = await t.signIn("secretary");
    expect((await t.app.inject({ method: "GET", url: "/partnership/settings", headers: { cookie: secretary.cookie } })).statusCode).toBe(403);
    const before = await currentVersion();
    expect((await post(secretary, await settingsFields({ name: "Taken over" }))).statusCode).toBe(403);
    expect(await currentVersion()).toBe(before);

    const readToken = await t.token("admin", "read");
    const page = await t.app.inject({ method: "GET", url: "/partnership/settings", headers: { authorization: `Bearer ${readToken}` } });
    expect(page.statusCode).toBe(403);
    const service = partnershipsService({ db: t.database.db });
    const ctx = {
      partnership: t.partnership,
      requestId: "test",
      principal: {
        kind: "user" as const,
        userId: secretary.userId,
        name: "Reader",
        email: "r@example.org",
        role: "admin" as const,
        via: "token" as const,
        scope: "read" as const,
      },
    };
    await expect(service.saveSettings(ctx, before, { name: "Taken over", shortName: "X", financialYearStartMonth: 4 }, [])).rejects.toMatchObject({
      status: 403,
    });
    expect(await currentVersion()).toBe(before);
  });
});
