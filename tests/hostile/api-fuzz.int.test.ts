/// <reference types="vite/client" />
/**
 * Hostile input (issue 6, point 7): a property-based test over every API route. Each route is
 * found as the app registers it (onRoute), reached with a valid URL and body from its
 * `*RouteExpectations` entry (tests/authorisation), and then sent random and hostile bodies, query
 * strings, headers and path parameters with an admin's write token. Whatever arrives:
 *   - the answer is never a 5xx;
 *   - every 4xx is JSON `{ error: { code, message } }`;
 *   - a 4xx changes nothing: the row count (and, where tables carry them, the sum of versions and
 *     the latest updated_at) of every table, audit events included, and the files in the store
 *     are exactly as before.
 * 10,000 requests in all (QUORUM_FUZZ_RUNS to change), from a fixed seed (QUORUM_FUZZ_SEED to
 * change; the seed is printed), so a failure replays exactly.
 */
import fs from "node:fs";
import type { LightMyRequestResponse, RouteOptions } from "fastify";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import { createUser } from "../factories/index.ts";
import type { Fixtures, RouteExpectation } from "../authorisation/types.ts";
import { createTestApp, type TestApp } from "../setup/app.ts";
import { buildFixtures } from "../authorisation/fixtures.ts";

const SEED = Number(process.env.QUORUM_FUZZ_SEED ?? 20_180_305);
const TOTAL_RUNS = Number(process.env.QUORUM_FUZZ_RUNS ?? 10_000);

const modules = import.meta.glob<Record<string, unknown>>("../../src/**/*.authorisation.ts", { eager: true });
const expectations = new Map<string, RouteExpectation>();
for (const exports of Object.values(modules)) {
  for (const [name, value] of Object.entries(exports)) {
    if (name.endsWith("RouteExpectations") && Array.isArray(value)) for (const e of value as RouteExpectation[]) expectations.set(e.route, e);
  }
}

// ---- Hostile values

/** JSON text sent as it is: structures too deep to build and serialise in the test itself. */
class RawJson {
  constructor(readonly text: string) {}
}
const DEEP_ARRAY = new RawJson("[".repeat(5_000) + "]".repeat(5_000));
const DEEP_OBJECT = new RawJson('{"a":'.repeat(5_000) + "1" + "}".repeat(5_000));
const BIG_ARRAY = new RawJson(JSON.stringify(Array.from({ length: 20_000 }, (_, i) => i)));
const json = (v: unknown): string => (v instanceof RawJson ? v.text : (JSON.stringify(v) ?? "null"));
const HUGE_STRING = "x".repeat(200_000);
const LONG_UNICODE = "😀£é\u202e".repeat(2_000);
const PROTO_OBJECT = JSON.parse('{"__proto__":{"polluted":"yes"}}') as unknown;
const CONSTRUCTOR_OBJECT = { constructor: { prototype: { polluted: "yes" } } };

const hostileStrings = [
  "",
  " ",
  "\u0000",
  "nul\u0000byte",
  "\uD800",
  "lone \uDFFF surrogate",
  "\uFEFFbom",
  "\r\n\t",
  "2018-02-30",
  "2018-13-01",
  "0000-00-00",
  "9999-12-31",
  "+275760-09-13",
  "2018-03-05T25:61:00Z",
  "infinity",
  "-infinity",
  "NaN",
  "1e9999",
  "123",
  "-5",
  "0x10",
  "1.5",
  "true",
  "null",
  "[]",
  "{}",
  "<script>alert(1)</script>",
  "' OR '1'='1",
  "%",
  "_",
  "\\",
  "../../etc/passwd",
  "00000000-0000-0000-0000-000000000000",
  "AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA",
  HUGE_STRING,
  LONG_UNICODE,
];

const hostileNumbers = [0, -1, 1, -0.5, 0.5, 2_147_483_647, 2_147_483_648, -2_147_483_649, Number.MAX_SAFE_INTEGER, 2 ** 63, 1e308, -1e308, 5e-324];

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom<unknown>(...hostileStrings) },
  { weight: 3, arbitrary: fc.constantFrom<unknown>(...hostileNumbers, null, true, false) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double() },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
  { weight: 1, arbitrary: fc.integer({ min: -100_000_000, max: 100_000_000 }) },
);

const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: scalar },
  { weight: 2, arbitrary: fc.array(scalar, { maxLength: 4 }) },
  { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom<unknown>(DEEP_ARRAY, DEEP_OBJECT, BIG_ARRAY, PROTO_OBJECT, CONSTRUCTOR_OBJECT, [[[]]], {}) },
);

const hostileKeys = [
  "__proto__",
  "constructor",
  "prototype",
  "id",
  "partnershipId",
  "version",
  "createdAt",
  "updatedAt",
  "_csrf",
  "",
  "\u0000",
  "a".repeat(5_000),
];

type BodyOp = { kind: "set"; key: string; value: unknown } | { kind: "delete"; key: string } | { kind: "wrapScalar"; value: unknown };

function bodyOps(keys: readonly string[]): fc.Arbitrary<BodyOp[]> {
  const key =
    keys.length > 0
      ? fc.oneof(fc.constantFrom(...keys), fc.constantFrom(...hostileKeys), fc.string({ maxLength: 12 }))
      : fc.oneof(fc.constantFrom(...hostileKeys), fc.string({ maxLength: 12 }));
  const op: fc.Arbitrary<BodyOp> = fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant("set" as const), key, value: hostileValue }) },
    {
      weight: keys.length > 0 ? 2 : 0,
      arbitrary: fc.record({ kind: fc.constant("delete" as const), key: keys.length > 0 ? fc.constantFrom(...keys) : fc.constant("") }),
    },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant("wrapScalar" as const), value: hostileValue }) },
  );
  return fc.array(op, { minLength: 1, maxLength: 4 });
}

/** JSON text of an object given as entries, so that duplicate and `__proto__` keys survive as sent. */
function objectText(entries: [string, unknown][]): string {
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${json(v)}`).join(",")}}`;
}

function applyOps(valid: Record<string, unknown> | undefined, ops: BodyOp[]): string {
  let entries: [string, unknown][] = Object.entries(valid ?? {});
  for (const op of ops) {
    if (op.kind === "delete") entries = entries.filter(([k]) => k !== op.key);
    else if (op.kind === "set") {
      // Sometimes replaced, sometimes sent twice (a duplicate key: JSON.parse keeps the last).
      if (op.key === "__proto__" || !entries.some(([k]) => k === op.key)) entries.push([op.key, op.value]);
      else entries = entries.map(([k, v]) => (k === op.key ? [k, op.value] : [k, v]));
    } else return json(op.value);
  }
  return objectText(entries);
}

const rawBodies: fc.Arbitrary<string | Buffer> = fc.oneof(
  fc.constantFrom<string | Buffer>(
    "",
    "null",
    "[]",
    "123",
    '"text"',
    "{",
    '{"a":}',
    "{'single':'quotes'}",
    '{"a":1}garbage',
    "\uFEFF{}",
    '{"__proto__":{"polluted":"yes"}}',
    '{"constructor":{"prototype":{"polluted":"yes"}}}',
    "[".repeat(100_000),
    "[".repeat(5_000) + "]".repeat(5_000),
    '{"name":"' + "y".repeat(1_100_000) + '"}',
    Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]),
    Buffer.from([0xc0, 0x80]),
    Buffer.from('{"name":"caf\xe9"}', "latin1"),
    Buffer.from('{"name":"x"}', "utf16le"),
  ),
  fc.string({ maxLength: 60 }),
  fc.json({ maxDepth: 3 }),
);

// ---- Query strings, headers and path parameters

const queryKeys = [
  "page",
  "limit",
  "q",
  "status",
  "from",
  "to",
  "bodyId",
  "workstreamId",
  "meetingId",
  "organisationId",
  "personId",
  "year",
  "financialYear",
  "month",
  "asOf",
  "sort",
  "format",
  "full",
  "__proto__",
  "constructor[prototype][polluted]",
  "a[b][c]",
  "",
];
const rawQueryValues = [
  "%00",
  "%FF%FE",
  "%E0%A4%A",
  "%",
  "%%",
  "&",
  "=",
  "%C0%AF",
  "a%00b",
  "-1",
  "0",
  "101",
  "1e3",
  "99999999999999999999",
  "1.5",
  "true",
  "",
  "[]",
];

const queryPart: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...queryKeys), fc.string({ maxLength: 10 }).map(encodeURIComponent)),
      fc.oneof(
        fc.constantFrom(...rawQueryValues),
        scalar.map((v) => encodeURIComponent(typeof v === "string" ? v.replace(/[\uD800-\uDFFF]/g, "?") : String(v))),
      ),
    ),
    { minLength: 1, maxLength: 5 },
  )
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join("&"));

const contentTypes = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=latin1",
  "application/json; charset=utf-16le",
  'application/json; charset="UTF-8"',
  "APPLICATION/JSON",
  "application/json;;;",
  "application/vnd.api+json",
  "application/json, text/plain",
  "text/plain",
  "text/html; charset=utf-8",
  "application/xml",
  "application/x-www-form-urlencoded",
  "multipart/form-data",
  "multipart/form-data; boundary=fuzz",
  "application/octet-stream",
  "*/*",
  "",
];

const extraHeaders: fc.Arbitrary<Record<string, string>> = fc.record(
  {
    accept: fc.constantFrom("application/json", "text/html", "*/*", "application/xml", "x/y;q=abc", ""),
    "accept-language": fc.constantFrom("cy", "en-GB;q=0.9, *;q=0.1", "ü".repeat(100)),
    "content-encoding": fc.constantFrom("gzip", "br", "identity", "deflate, gzip", "nonsense"),
    "x-csrf-token": fc.string({ maxLength: 30 }).map((s) => s.replace(/[^\x20-\x7e]/g, "")),
    "x-request-id": fc.constantFrom("short", "x".repeat(500), "../../../", "valid-request-id-123"),
    "x-forwarded-for": fc.constantFrom("1.2.3.4", "not-an-ip", "::1, ::1, ::1"),
    "x-http-method-override": fc.constantFrom("DELETE", "PUT", "GET"),
    range: fc.constantFrom("bytes=0-0", "bytes=99999999999-", "bytes=-1", "bytes=5-1", "bytes=0-1,2-3,4-5", "lines=1-2"),
    "if-none-match": fc.constantFrom("*", '"x"', "W/junk"),
    "if-modified-since": fc.constantFrom("Mon, 05 Mar 2018 09:00:00 GMT", "yesterday"),
    cookie: fc.constantFrom("quorum_session=junk", "quorum_csrf=junk; quorum_session=", "=;=;="),
    "x-long-header": fc.constant("h".repeat(10_000)),
  },
  { requiredKeys: [] },
);

const authorizations = ["", "Bearer", "Bearer ", "Bearer qrm_not-a-real-token", "Basic YWRtaW46YWRtaW4=", "bearer  ", "Bearer a b", "Token x"];

const pathValues = [
  "not-a-uuid",
  "00000000-0000-0000-0000-000000000000",
  "%00",
  "..",
  "%2e%2e",
  "%2F",
  "-1",
  "0",
  "1.5",
  "99999999999999999999",
  "1e3",
  "x".repeat(190),
  "x".repeat(300),
  "%FF",
  "é",
];

/** `arb` in `weight` of `weight + nullWeight` cases, otherwise null. */
function sometimes<T>(weight: number, nullWeight: number, arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> {
  return fc.oneof({ weight, arbitrary: arb }, { weight: nullWeight, arbitrary: fc.constant(null) });
}

interface RequestShape {
  body: { kind: "ops"; ops: BodyOp[] } | { kind: "raw"; raw: string | Buffer } | { kind: "valid" } | { kind: "none" };
  query: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  authorization: string | null;
  path: { index: number; value: string } | null;
}

function requestShape(keys: readonly string[], paramCount: number, hasBody: boolean): fc.Arbitrary<RequestShape> {
  const body: fc.Arbitrary<RequestShape["body"]> = fc.oneof(
    { weight: hasBody ? 10 : 2, arbitrary: bodyOps(keys).map((ops) => ({ kind: "ops" as const, ops })) },
    { weight: hasBody ? 3 : 1, arbitrary: rawBodies.map((raw) => ({ kind: "raw" as const, raw })) },
    { weight: hasBody ? 1 : 4, arbitrary: fc.constant({ kind: hasBody ? ("valid" as const) : ("none" as const) }) },
  );
  return fc.record({
    body,
    query: sometimes(1, 2, queryPart),
    contentType: sometimes(1, 3, fc.constantFrom(...contentTypes)),
    headers: fc.oneof({ weight: 3, arbitrary: fc.constant({}) }, { weight: 1, arbitrary: extraHeaders }),
    authorization: sometimes(1, 30, fc.constantFrom(...authorizations)),
    path:
      paramCount > 0
        ? sometimes(1, 6, fc.record({ index: fc.nat({ max: paramCount - 1 }), value: fc.oneof(fc.constantFrom(...pathValues), fc.uuid()) }))
        : fc.constant(null),
  });
}

// ---- The app, its routes and a fingerprint of everything stored

let t: TestApp;
let fixturesFor: (requesterUserId: string) => Fixtures;
let base: Omit<Fixtures, "fresh">;
let adminUserId: string;
let adminToken: string;
let fingerprintSql: string;
const registered: { method: string; url: string }[] = [];
const stats = { requests: 0, byStatus: new Map<number, number>() };
const timing = { inject: 0, fingerprint: 0, byRoute: new Map<string, number>() };

beforeAll(async () => {
  t = await createTestApp({
    onRoute: (route: RouteOptions) => {
      for (const method of [route.method].flat()) if (route.url.startsWith("/api/") && method !== "HEAD") registered.push({ method, url: route.url });
    },
  });
  const fixtures = await buildFixtures(t, { label: "Fuzz" });
  base = fixtures.base;
  fixturesFor = (requesterUserId) => fixtures.fixturesFor(requesterUserId);
  const admin = await createUser(t.database.db, t.partnership.id, "admin");
  adminUserId = admin.id;
  adminToken = await accountsService({ db: t.database.db }).createTokenFor({ partnershipId: t.partnership.id, userId: admin.id, name: "fuzz", scope: "write" });

  const { rows } = await t.database.pool.query<{ schema: string; table: string; has_version: boolean; has_updated_at: boolean }>(
    `select t.table_schema as schema, t.table_name as table,
            exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'version') as has_version,
            exists (select 1 from information_schema.columns c where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'updated_at') as has_updated_at
       from information_schema.tables t
      where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema', 'drizzle')
      order by 1, 2`,
  );
  // One scan per table: its row count, and where it has them the sum of versions (every edit bumps
  // one) and the latest updated_at. Prepared once per connection, so each check costs one execution.
  const parts = rows.map((r) => {
    const name = `"${r.schema}"."${r.table}"`;
    const columns = [
      "count(*)::text",
      ...(r.has_version ? ["coalesce(sum(version), 0)::text"] : []),
      ...(r.has_updated_at ? ["coalesce(max(updated_at)::text, '')"] : []),
    ];
    return `(select ${columns.join(" || ':' || ")} from ${name})`;
  });
  fingerprintSql = `select array_to_string(array[${parts.join(", ")}], ',') as f`;
  console.log(
    `[api-fuzz] fast-check seed ${SEED} (QUORUM_FUZZ_SEED), ${TOTAL_RUNS} requests over ${registered.length} API routes, ${rows.length} tables watched`,
  );
}, 120_000);

afterAll(async () => {
  if (stats.requests > 0) {
    if (process.env.QUORUM_FUZZ_TIMING)
      console.log(
        [...timing.byRoute]
          .sort((a, b) => b[1] - a[1])
          .slice(0, 15)
          .map(([k, v]) => `${k} ${Math.round(v)} ms`)
          .join("\n"),
      );
    console.log(`[api-fuzz] time in requests ${Math.round(timing.inject)} ms, in checking the database ${Math.round(timing.fingerprint)} ms`);
    console.log(`[api-fuzz] ${stats.requests} requests; statuses ${JSON.stringify(Object.fromEntries([...stats.byStatus].sort(([a], [b]) => a - b)))}`);
  }
  await t?.close();
});

async function fingerprint(): Promise<string> {
  const { rows } = await t.database.pool.query<{ f: string }>({ name: "fuzz_fingerprint", text: fingerprintSql });
  let files: number;
  try {
    files = fs.readdirSync(t.fileStore.root, { recursive: true }).length;
  } catch {
    files = -1;
  }
  return `${rows[0]!.f};files=${files}`;
}

function describeDifference(before: string, after: string): string {
  const a = before.split(","),
    b = after.split(",");
  const changed = a.map((v, i) => (v === b[i] ? null : `#${i}: ${v} -> ${b[i]}`)).filter(Boolean);
  return changed.slice(0, 5).join("; ");
}

/** Fills a route pattern's parameters with ids that match nothing, for routes no expectation describes. */
function fallbackUrl(pattern: string): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) => (/^(n|number|version)$/.test(name) ? "1" : "6f1c1e0a-2b8e-4c43-9f0a-1d2e3f4a5b6c"));
}

/** Replaces the index-th path parameter of the concrete URL (positions known from the pattern). */
function withPathParam(pattern: string, url: string, index: number, value: string): string {
  const [pathPart, query] = url.split("?");
  const patternSegments = pattern.split("/");
  const segments = pathPart!.split("/");
  const positions = patternSegments.map((s, i) => (s.startsWith(":") ? i : -1)).filter((i) => i >= 0);
  const position = positions[index];
  if (position === undefined || position >= segments.length) return url;
  segments[position] = value;
  return segments.join("/") + (query !== undefined ? `?${query}` : "");
}

function problemWith(res: LightMyRequestResponse): string | null {
  if (res.statusCode >= 500) return `server error ${res.statusCode}: ${res.body.slice(0, 300)}`;
  if (res.statusCode >= 400) {
    const type = String(res.headers["content-type"] ?? "");
    if (!type.includes("application/json")) return `${res.statusCode} is not JSON (${type}): ${res.body.slice(0, 200)}`;
    let parsed: { error?: { code?: unknown; message?: unknown } };
    try {
      parsed = JSON.parse(res.body) as typeof parsed;
    } catch {
      return `${res.statusCode} body is not valid JSON: ${res.body.slice(0, 200)}`;
    }
    if (typeof parsed.error?.code !== "string" || parsed.error.code === "" || typeof parsed.error.message !== "string" || parsed.error.message === "") {
      return `${res.statusCode} is not { error: { code, message } }: ${res.body.slice(0, 200)}`;
    }
  }
  return null;
}

const WRITES = new Set(["POST", "PUT", "PATCH", "DELETE"]);

describe("hostile input to every API route", () => {
  it("finds the API routes", () => {
    expect(registered.length).toBeGreaterThan(50);
  });

  // The defects the property first found, as plain examples (each was a 5xx or a non-JSON 4xx).
  it("answers unreadable addresses, NUL characters, broken multipart bodies and bad tokens like any other error", async () => {
    const auth = { authorization: `Bearer ${adminToken}` };
    const json = async (url: string, init: { method?: "GET" | "POST"; headers?: Record<string, string>; payload?: string } = {}) => {
      const res = await t.app.inject({
        method: init.method ?? "GET",
        url,
        headers: { ...auth, ...init.headers },
        ...(init.payload ? { payload: init.payload } : {}),
      });
      return { status: res.statusCode, type: String(res.headers["content-type"]), error: (JSON.parse(res.body) as { error?: { code: string } }).error?.code };
    };
    // A malformed %-escape and an over-long parameter are refused by the router, before any hook.
    expect(await json("/api/v1/meetings/%FF")).toEqual({ status: 400, type: expect.stringContaining("json") as string, error: "bad_request" });
    expect(await json(`/api/v1/workstreams/${"x".repeat(300)}`)).toEqual({
      status: 414,
      type: expect.stringContaining("json") as string,
      error: "uri_too_long",
    });
    const page = await t.app.inject({ method: "GET", url: "/meetings/%FF" });
    expect(page.statusCode).toBe(404);
    expect(page.body).toContain("Page not found");
    // PostgreSQL cannot hold NUL: an id-or-slug carrying one is a bad request.
    expect((await json("/api/v1/workstreams/%00/agenda-items")).status).toBe(400);
    // A multipart body without a boundary, or cut short.
    const url = `/api/v1/meetings/${base.meetingId}/items/${base.part1ItemId}/papers`;
    expect(await json(url, { method: "POST", headers: { "content-type": "multipart/form-data" }, payload: "x" })).toMatchObject({
      status: 400,
      error: "malformed_multipart",
    });
    const cutShort = '--b\r\nContent-Disposition: form-data; name="file"; filename="a.pdf"\r\n\r\n%PDF-1.7';
    expect(await json(url, { method: "POST", headers: { "content-type": "multipart/form-data; boundary=b" }, payload: cutShort })).toMatchObject({
      status: 400,
    });
    // The OpenAPI document's route answers errors in the API's shape too.
    expect(await json("/api/v1/openapi.json", { headers: { authorization: "Bearer not-a-token" } })).toMatchObject({ status: 401, error: "unauthorised" });
  });

  // Routes are known only once the app is built: one property per route, each with its own seed.
  it("never answers 5xx, answers every 4xx in JSON, and stores nothing on a 4xx", async () => {
    const routes = registered.map((r, i) => {
      const key = `${r.method} ${r.url}`;
      return { ...r, key, index: i, expectation: expectations.get(key), params: (r.url.match(/:\w+/g) ?? []).length };
    });
    const missing = routes.filter((r) => !r.expectation).map((r) => r.key);
    if (missing.length > 0) console.log(`[api-fuzz] no expectation (ids that match nothing are used) for: ${missing.join(", ")}`);

    /** Per route: fixtures (renewed after a successful write) and the valid URL and body they give. */
    const state = new Map<string, { fixtures: Fixtures; url?: string; body?: Record<string, unknown> | undefined }>();
    async function target(route: (typeof routes)[number]) {
      let s = state.get(route.key);
      if (!s) {
        s = { fixtures: fixturesFor(adminUserId) };
        state.set(route.key, s);
      }
      if (s.url === undefined) {
        s.url = route.expectation ? await route.expectation.url(s.fixtures) : fallbackUrl(route.url);
        s.body = route.expectation?.body ? await route.expectation.body(s.fixtures) : undefined;
      }
      return s as { fixtures: Fixtures; url: string; body: Record<string, unknown> | undefined };
    }

    const problems: string[] = [];
    const perRoute = Math.max(1, Math.ceil(TOTAL_RUNS / routes.length));
    async function fuzz(route: (typeof routes)[number]): Promise<void> {
      const valid = await target(route);
      const keys = Object.keys(valid.body ?? {});
      const isWrite = WRITES.has(route.method);
      const hasBody = isWrite;
      const atStart = await fingerprint();
      let before = atStart;
      const result = await fc.check(
        fc.asyncProperty(requestShape(keys, route.params, hasBody), async (shape) => {
          const { url: validUrl, body: validBody } = await target(route);
          let url = shape.path ? withPathParam(route.url, validUrl, shape.path.index, shape.path.value) : validUrl;
          if (shape.query !== null) url += (url.includes("?") ? "&" : "?") + shape.query;
          const headers: Record<string, string> = { authorization: shape.authorization ?? `Bearer ${adminToken}`, ...shape.headers };
          let payload: string | Buffer | undefined;
          if (shape.body.kind === "ops") payload = applyOps(validBody, shape.body.ops);
          else if (shape.body.kind === "raw") payload = shape.body.raw;
          else if (shape.body.kind === "valid") payload = JSON.stringify(validBody ?? {});
          if (payload !== undefined) headers["content-type"] = shape.contentType ?? "application/json";
          else if (shape.contentType !== null && shape.contentType !== "") headers["content-type"] = shape.contentType;

          const started = performance.now();
          const res = await t.app.inject({ method: route.method as "GET", url, headers, ...(payload !== undefined ? { payload } : {}) });
          stats.requests++;
          stats.byStatus.set(res.statusCode, (stats.byStatus.get(res.statusCode) ?? 0) + 1);
          timing.inject += performance.now() - started;
          timing.byRoute.set(route.key, (timing.byRoute.get(route.key) ?? 0) + performance.now() - started);
          const where = `${route.key} -> ${route.method} ${url.slice(0, 200)} (${res.statusCode})`;
          const problem = problemWith(res);
          const sent = () =>
            `\nheaders sent: ${JSON.stringify({ ...headers, authorization: headers.authorization === `Bearer ${adminToken}` ? "(the admin's token)" : headers.authorization }).slice(0, 400)}\nbody sent: ${String(payload ?? "").slice(0, 300)}`;
          if (problem) throw new Error(`${where}: ${problem}${sent()}`);
          if (!isWrite) return; // reads are checked once for the whole route, below
          const fpStarted = performance.now();
          const after = await fingerprint();
          timing.fingerprint += performance.now() - fpStarted;
          if (res.statusCode >= 400 && after !== before)
            throw new Error(`${where}: a refused request changed what is stored: ${describeDifference(before, after)}${sent()}`);
          if (res.statusCode < 300) {
            // The record may have been consumed (archived, deleted, versioned): fresh ones for the next run.
            state.set(route.key, { fixtures: fixturesFor(adminUserId) });
            await target(route);
            before = await fingerprint();
          } else before = after;
        }),
        { seed: SEED + route.index, numRuns: perRoute, endOnFailure: true },
      );
      if (result.failed) {
        const err = result.errorInstance;
        const message = err instanceof Error ? (err.message.includes("call stack") ? `${err.message}\n${err.stack ?? ""}` : err.message) : String(err);
        problems.push(`${route.key} (seed ${SEED + route.index}, run ${result.numRuns}): ${message.slice(0, 1200)}`);
      } else if (!isWrite) {
        // A read, answered 2xx or refused, never stores anything.
        const atEnd = await fingerprint();
        if (atEnd !== atStart)
          problems.push(`${route.key} (seed ${SEED + route.index}): reading changed what is stored: ${describeDifference(atStart, atEnd)}`);
      }
    }

    // Reads store nothing (checked per route, before and after), so several run at once; writes
    // one at a time, each checked on its own.
    for (const route of routes) await target(route); // fresh fixtures made now, not while reads are being checked
    const reads = routes.filter((r) => !WRITES.has(r.method));
    const workers = Array.from({ length: 3 }, async () => {
      for (let route = reads.shift(); route; route = reads.shift()) await fuzz(route);
    });
    await Promise.all(workers);
    for (const route of routes.filter((r) => WRITES.has(r.method))) await fuzz(route);

    // Nothing sent may have polluted the prototypes the app's own objects inherit from.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype.hasOwnProperty.call(Object.prototype, "polluted")).toBe(false);
    expect(problems, `Hostile input broke ${problems.length} route(s):\n${problems.join("\n\n")}`).toEqual([]);
  }, 600_000);
});
