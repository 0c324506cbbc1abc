import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, form, type TestApp } from "../../../tests/setup/app.ts";
import { createOrganisation, createPartnership } from "../../../tests/factories/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const json = (token: string) => ({ authorization: `Bearer ${token}`, "content-type": "application/json" });

describe("organisations API", () => {
  it("creates, reads, updates with optimistic concurrency and archives", async () => {
    const token = await t.token("secretary", "write");
    const created = await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: json(token), payload: { name: "Medway Council", kind: "local_authority" } });
    expect(created.statusCode).toBe(201);
    const org = created.json();
    expect(org).toMatchObject({ name: "Medway Council", kind: "local_authority", active: true, version: 1, archived: false });

    const first = await t.app.inject({ method: "PATCH", url: `/api/v1/organisations/${org.id}`, headers: json(token), payload: { version: 1, shortName: "Medway" } });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ shortName: "Medway", version: 2 });

    // A second writer who also read version 1 is refused, and the first writer's change survives.
    const stale = await t.app.inject({ method: "PATCH", url: `/api/v1/organisations/${org.id}`, headers: json(token), payload: { version: 1, name: "Overwritten" } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe("conflict");
    const after = await t.app.inject({ method: "GET", url: `/api/v1/organisations/${org.id}`, headers: { authorization: `Bearer ${token}` } });
    expect(after.json()).toMatchObject({ name: "Medway Council", shortName: "Medway", version: 2 });

    const archived = await t.app.inject({ method: "POST", url: `/api/v1/organisations/${org.id}/archive`, headers: json(token), payload: { version: 2 } });
    expect(archived.statusCode).toBe(200);
    expect(archived.json().archived).toBe(true);
    // The public no longer sees it; insiders still do.
    expect((await t.app.inject({ method: "GET", url: `/api/v1/organisations/${org.id}` })).statusCode).toBe(404);
    expect((await t.app.inject({ method: "GET", url: `/api/v1/organisations/${org.id}`, headers: { authorization: `Bearer ${token}` } })).statusCode).toBe(200);
  });

  it("rejects bad input with field errors and stores nothing", async () => {
    const token = await t.token("admin", "write");
    const cases: { payload: string; status: number; field?: string }[] = [
      { payload: "{not json", status: 400 },
      { payload: JSON.stringify({ name: "", kind: "nhs_trust" }), status: 400, field: "name" },
      { payload: JSON.stringify({ name: "X", kind: "spaceship" }), status: 400, field: "kind" },
      { payload: JSON.stringify({ name: 42, kind: "nhs_trust" }), status: 400, field: "name" },
      { payload: JSON.stringify({ name: "X", kind: "nhs_trust", colour: "red" }), status: 400, field: "colour" },
      { payload: JSON.stringify({ name: "X", kind: "nhs_trust", odsCode: "'; drop table organisations; --" }), status: 400, field: "odsCode" },
      { payload: JSON.stringify({ name: "a".repeat(201), kind: "nhs_trust" }), status: 400, field: "name" },
      { payload: JSON.stringify({ name: "nul\u0000", kind: "nhs_trust" }), status: 400, field: "name" },
    ];
    for (const c of cases) {
      const res = await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: json(token), payload: c.payload });
      expect(res.statusCode, c.payload).toBe(c.status);
      const body = res.json();
      expect(body.error.code).toBeTypeOf("string");
      expect(body.error.message).toBeTypeOf("string");
      if (c.field) expect(Object.keys(body.error.fields), c.payload).toContain(c.field);
    }
    const invalidUtf8 = Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), Buffer.from('","kind":"nhs_trust"}')]);
    const enc = await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: json(token), payload: invalidUtf8 });
    expect(enc.statusCode).toBe(400);
    expect(enc.json().error.code).toBe("invalid_encoding");
    const big = await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: json(token), payload: JSON.stringify({ name: "x".repeat(2_000_000), kind: "nhs_trust" }) });
    expect(big.statusCode).toBe(413);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/organisations?status=all&limit=100", headers: { authorization: `Bearer ${token}` } });
    expect(list.json().data.map((o: { name: string }) => o.name)).not.toContain("X");
  });

  it("stores HTML and SQL-looking names as text and escapes them on pages", async () => {
    const token = await t.token("admin", "write");
    const name = `<script>alert("x")</script> Robert'); DROP TABLE organisations;--`;
    const res = await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: json(token), payload: { name, kind: "other" } });
    expect(res.statusCode).toBe(201);
    const page = await t.app.inject({ method: "GET", url: `/organisations/${res.json().id}` });
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).toContain("&lt;script&gt;alert");
  });

  it("keeps tokens of one partnership away from another partnership's records", async () => {
    const other = await createPartnership(t.database.db);
    const theirs = await createOrganisation(t.database.db, other.id, { name: "Their Trust" });
    const ours = await t.token("admin", "write");
    const read = await t.app.inject({ method: "GET", url: `/api/v1/organisations/${theirs.id}`, headers: { authorization: `Bearer ${ours}` } });
    expect(read.statusCode).toBe(404);
    const write = await t.app.inject({ method: "PATCH", url: `/api/v1/organisations/${theirs.id}`, headers: json(ours), payload: { version: 1, name: "Hijacked" } });
    expect(write.statusCode).toBe(404);
    const archive = await t.app.inject({ method: "POST", url: `/api/v1/organisations/${theirs.id}/archive`, headers: json(ours), payload: { version: 1 } });
    expect(archive.statusCode).toBe(404);
    const list = await t.app.inject({ method: "GET", url: "/api/v1/organisations?status=all&limit=100", headers: { authorization: `Bearer ${ours}` } });
    expect(list.json().data.map((o: { id: string }) => o.id)).not.toContain(theirs.id);
    // Their own token sees it, unchanged.
    const theirToken = await t.token("admin", "read", other.id);
    const mine = await t.app.inject({ method: "GET", url: `/api/v1/organisations/${theirs.id}`, headers: { authorization: `Bearer ${theirToken}` } });
    expect(mine.json()).toMatchObject({ name: "Their Trust", version: 1 });
  });

  it("refuses writes with a read token, a revoked token, or none", async () => {
    const read = await t.token("admin", "read");
    expect((await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: json(read), payload: { name: "A", kind: "other" } })).statusCode).toBe(403);
    // Without any credentials the answer is "sign in" (401), not "not allowed" (403).
    const anonymous = await t.app.inject({ method: "POST", url: "/api/v1/organisations", headers: { "content-type": "application/json" }, payload: { name: "A", kind: "other" } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.headers["www-authenticate"]).toMatch(/^Bearer/);
    expect((await t.app.inject({ method: "GET", url: "/api/v1/organisations", headers: { authorization: "Bearer qrm_nonsense" } })).statusCode).toBe(401);
  });
});

describe("organisation pages", () => {
  it("lets a secretary add an organisation through the form, keeping typed values on error", async () => {
    const s = await t.signIn("secretary");
    const bad = await t.app.inject({
      method: "POST",
      url: "/organisations",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: s.csrf, name: "Kent Community Health", kind: "", odsCode: "!!" }),
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain("There is a problem");
    expect(bad.body).toContain("Select the kind of organisation");
    expect(bad.body).toContain('value="Kent Community Health"');
    expect(bad.body).toMatch(/<title>Error: /);

    const ok = await t.app.inject({
      method: "POST",
      url: "/organisations",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: s.csrf, name: "Kent Community Health", kind: "foundation_trust", odsCode: "ryy", active: "yes" }),
    });
    expect(ok.statusCode).toBe(303);
    const page = await t.app.inject({ method: "GET", url: ok.headers.location as string, headers: { cookie: s.cookie } });
    expect(page.body).toContain("Kent Community Health");
    expect(page.body).toContain("RYY");
    expect(page.body).toContain("History");
  });

  it("refuses a form without its CSRF token", async () => {
    const s = await t.signIn("secretary");
    const res = await t.app.inject({
      method: "POST",
      url: "/organisations",
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ name: "No token", kind: "other" }),
    });
    expect(res.statusCode).toBe(403);
  });

  it("shows a conflict, keeping what was typed, when someone else saved first", async () => {
    const s = await t.signIn("secretary");
    const org = await createOrganisation(t.database.db, t.partnership.id, { name: "Swale CCG" });
    const token = await t.token("secretary", "write");
    await t.app.inject({ method: "PATCH", url: `/api/v1/organisations/${org.id}`, headers: json(token), payload: { version: 1, name: "NHS Swale CCG" } });
    const res = await t.app.inject({
      method: "POST",
      url: `/organisations/${org.id}`,
      headers: { cookie: s.cookie, "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: s.csrf, name: "Swale Clinical Commissioning Group", kind: "ccg_icb", version: "1", active: "yes" }),
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain("Someone else saved this organisation first");
    expect(res.body).toContain('value="Swale Clinical Commissioning Group"');
    const api = await t.app.inject({ method: "GET", url: `/api/v1/organisations/${org.id}` });
    expect(api.json().name).toBe("NHS Swale CCG");
  });

  it("asks anonymous visitors to sign in and forbids viewers from editing", async () => {
    expect((await t.app.inject({ method: "GET", url: "/organisations/new" })).statusCode).toBe(401);
    const viewer = await t.signIn("viewer");
    expect((await t.app.inject({ method: "GET", url: "/organisations/new", headers: { cookie: viewer.cookie } })).statusCode).toBe(403);
  });
});

describe("addresses that do not exist", () => {
  it("answer 404 on pages and a 400 with the field on the API for a malformed id", async () => {
    const page = await t.app.inject({ method: "GET", url: "/organisations/not-a-uuid" });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain("Page not found");
    const api = await t.app.inject({ method: "GET", url: "/api/v1/organisations/not-a-uuid" });
    expect(api.statusCode).toBe(400);
    expect(api.json().error.fields).toHaveProperty("id");
    const missing = await t.app.inject({ method: "GET", url: "/organisations/01a202f4-8f11-7056-a24c-ad05af81b728" });
    expect(missing.statusCode).toBe(404);
  });
});

describe("list filters", () => {
  it("treat an empty choice as no filter, as the filter form sends it", async () => {
    const res = await t.app.inject({ method: "GET", url: "/organisations?q=&kind=&status=" });
    expect(res.statusCode).toBe(200);
    const api = await t.app.inject({ method: "GET", url: "/api/v1/organisations?kind=" });
    expect(api.statusCode).toBe(200);
  });
});
