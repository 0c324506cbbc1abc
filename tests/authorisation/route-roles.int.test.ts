/// <reference types="vite/client" />
/**
 * The route × role test: every route the app registers must say who may use it
 * (a `*RouteExpectations` export in a `src/**\/*.authorisation.ts` file), and each route is then
 * requested by the public and by a user of every role, through the same doors a browser or an
 * API client uses, to check that the allowed get through and everyone else is refused.
 */
import { randomUUID } from "node:crypto";
import type { LightMyRequestResponse, RouteOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import { ROLES, type Role, type TokenScope } from "../../src/modules/accounts/accounts.tables.ts";
import { SESSION_COOKIE } from "../../src/platform/http/http.plugin.tsx";
import { createUser } from "../factories/index.ts";
import { cookiesFrom, createTestApp, form, type TestApp } from "../setup/app.ts";
import { buildFixtures, type FixtureSet } from "./fixtures.ts";
import { EVERYONE, type RouteExpectation, type Who } from "./types.ts";

// Loaded when the file is collected, so that a module's expectations appear as soon as its file exists.
const modules = import.meta.glob<Record<string, unknown>>("../../src/**/*.authorisation.ts", { eager: true });

interface Expectation extends RouteExpectation {
  /** Where the expectation was declared, for messages. */
  source: string;
  method: string;
  path: string;
}

// The CSRF secret's cookie (see http.plugin.tsx): a new one invalidates the form token we hold.
const CSRF_COOKIE = "quorum_csrf";
const ROUTE_PATTERN = /^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) (\/\S*)$/;

const expectations: Expectation[] = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([name]) => name.endsWith("RouteExpectations"))
    .flatMap(([name, value]) => {
      const source = `${file.replace(/^(\.\.\/)+/, "")} ${name}`;
      if (!Array.isArray(value)) throw new Error(`${source} must be an array of RouteExpectation`);
      return (value as RouteExpectation[]).map((e) => {
        const match = ROUTE_PATTERN.exec(typeof e.route === "string" ? e.route : "");
        return { ...e, source, method: match?.[1] ?? "", path: match?.[2] ?? "" };
      });
    }),
);

/** A role's way in: a browser session for pages, personal access tokens for the API. */
interface Caller {
  who: Role;
  session: { userId: string; cookie: string; csrf: string } | null;
  tokens: Partial<Record<TokenScope, { userId: string; secret: string }>>;
}

let t: TestApp;
const registered: { method: string; path: string }[] = [];
let fixtures: FixtureSet;
const callers = new Map<Role, Caller>();
// Text that only non-public records carry: no anonymous GET may ever show it.
const DRAFT_MARKER = `draft-marker-${randomUUID()}`;
const ARCHIVED_MARKER = `archived-marker-${randomUUID()}`;
const PART_2_MARKER = `part-2-marker-${randomUUID()}`;

beforeAll(async () => {
  t = await createTestApp({
    onRoute: (route: RouteOptions) => {
      for (const method of [route.method].flat()) registered.push({ method, path: route.url });
    },
  });
  fixtures = await buildFixtures(t, {
    label: "Route test",
    markers: { draft: DRAFT_MARKER, archived: ARCHIVED_MARKER, part2: PART_2_MARKER },
  });
  for (const who of ROLES) callers.set(who, { who, session: null, tokens: {} });
});

afterAll(async () => {
  await t?.close();
});

async function sessionOf(caller: Caller) {
  // A session is replaced whenever a response touched its cookies (sign-out, sign-in as someone
  // else, a password change), so every request is made by the principal it claims to be.
  if (!caller.session) {
    caller.session = await t.signIn(caller.who);
    await assignContributor(caller.who, caller.session.userId);
  }
  return caller.session;
}

async function tokenOf(caller: Caller, scope: TokenScope) {
  let token = caller.tokens[scope];
  if (!token) {
    const user = await createUser(t.database.db, t.partnership.id, caller.who);
    const secret = await accountsService({ db: t.database.db }).createTokenFor({
      partnershipId: t.partnership.id,
      userId: user.id,
      name: `route test ${scope}`,
      scope,
    });
    token = { userId: user.id, secret };
    caller.tokens[scope] = token;
    await assignContributor(caller.who, user.id);
  }
  return token;
}

/** Contributors edit only the workstreams they are assigned to: every contributor caller is assigned to the fixture workstream. */
async function assignContributor(who: Role, userId: string) {
  if (who === "contributor") await fixtures.assignContributor(userId);
}

/** A form field's value as a browser would send it. */
function fieldText(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return JSON.stringify(value);
}

function formFields(body: Record<string, unknown>): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const [k, v] of Object.entries(body)) {
    if (v === undefined || v === null) continue;
    fields[k] = Array.isArray(v) ? v.map(fieldText) : fieldText(v);
  }
  return fields;
}

/** Makes one request to the expectation's route as `who`, the way a browser or API client would. */
async function request(e: Expectation, method: string, who: Who, scope: TokenScope = "write"): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  let requesterUserId: string | null = null;
  let csrf = "";
  const caller = who === "anonymous" ? undefined : callers.get(who);
  const api = e.path.startsWith("/api/");
  if (api) {
    if (caller) {
      const token = await tokenOf(caller, scope);
      headers.authorization = `Bearer ${token.secret}`;
      requesterUserId = token.userId;
    }
  } else if (caller) {
    const session = await sessionOf(caller);
    headers.cookie = session.cookie;
    csrf = session.csrf;
    requesterUserId = session.userId;
  } else {
    // A new visitor each time: cookies and a CSRF token, so forms fail only for lack of permission.
    const anonymous = await t.anonymousSession();
    headers.cookie = anonymous.cookie;
    csrf = anonymous.csrf;
  }
  const f = fixtures.fixturesFor(requesterUserId);
  const url = await e.url(f);
  const body = e.body ? await e.body(f) : undefined;
  let payload: string | undefined;
  if (method !== "GET" && method !== "HEAD") {
    if (api) {
      if (body) {
        headers["content-type"] = "application/json";
        payload = JSON.stringify(body);
      }
    } else {
      headers["content-type"] = "application/x-www-form-urlencoded";
      payload = form({ _csrf: csrf, ...formFields(body ?? {}) });
    }
  }
  const response = await t.app.inject({ method: method as "GET", url, headers, ...(payload !== undefined ? { payload } : {}) });
  if (caller?.session && !api) {
    const touched = response.cookies.some((c) => c.name === SESSION_COOKIE || c.name === CSRF_COOKIE);
    if (touched) caller.session = null;
    else caller.session.cookie = cookiesFrom(response, caller.session.cookie);
  }
  return response;
}

/** What went wrong with one response, or null when it is what the expectation says. */
function verdict(e: Expectation, who: Who, status: number): string | null {
  if (status >= 500) return `server error ${status}`;
  if (e.allowed.includes(who)) return [401, 403, 404].includes(status) ? `is allowed but got ${status}` : null;
  const expected = e.hiddenAs404?.includes(who) ? 404 : who === "anonymous" ? 401 : 403;
  return status === expected ? null : `is denied: expected ${expected}, got ${status}`;
}

/** A short reason from an error response, to make a failure readable. */
function reason(response: LightMyRequestResponse): string {
  const type = String(response.headers["content-type"] ?? "");
  if (type.includes("json")) {
    try {
      const body = response.json<{ error?: { code?: string; message?: string } }>();
      if (body.error) return ` (${body.error.code}: ${body.error.message})`;
    } catch {
      return "";
    }
  }
  const title = /<title>([^<]*)<\/title>/.exec(response.body)?.[1];
  return title ? ` (“${title}”)` : "";
}

function registeredKeys() {
  const keys = new Set(registered.map((r) => `${r.method} ${r.path}`));
  // Fastify answers HEAD with the GET route's handler (exposeHeadRoutes, and @fastify/static's
  // HEAD+GET pairs), so such a HEAD has the GET's authorisation: it is checked with the GET's
  // expectation rather than declared twice. A HEAD-only route would still need its own.
  const foldedHeads = new Set([...keys].filter((k) => k.startsWith("HEAD ") && keys.has(`GET ${k.slice(5)}`)));
  return { checked: new Set([...keys].filter((k) => !foldedHeads.has(k))), foldedHeads };
}

describe("route × role", () => {
  it("has exactly one valid expectation for every registered route, and none for routes that do not exist", () => {
    const { checked, foldedHeads } = registeredKeys();
    expect(checked.size, "no routes were registered: is the onRoute hook in place?").toBeGreaterThan(0);
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const e of expectations) {
      if (!e.method) {
        problems.push(`${e.source}: "${String(e.route)}" is not "METHOD /path" as Fastify registers it`);
        continue;
      }
      const earlier = seen.get(e.route);
      if (earlier) problems.push(`${e.route}: declared twice, in ${earlier} and ${e.source}`);
      seen.set(e.route, e.source);
      if (foldedHeads.has(e.route)) problems.push(`${e.route} (${e.source}): HEAD is checked with the GET's expectation; remove this one`);
      else if (!checked.has(e.route)) problems.push(`${e.route} (${e.source}): no such route is registered`);
      for (const who of [...e.allowed, ...(e.hiddenAs404 ?? [])])
        if (!EVERYONE.includes(who)) problems.push(`${e.route} (${e.source}): unknown principal "${who}"`);
      for (const who of e.hiddenAs404 ?? []) if (e.allowed.includes(who)) problems.push(`${e.route} (${e.source}): "${who}" is both allowed and hidden`);
      if (["POST", "PUT", "PATCH"].includes(e.method) && !e.body && e.path.startsWith("/api/"))
        problems.push(`${e.route} (${e.source}): an API write needs a valid body`);
    }
    for (const [file, exports] of Object.entries(modules)) {
      if (!Object.keys(exports).some((name) => name.endsWith("RouteExpectations"))) problems.push(`${file}: exports no <module>RouteExpectations array`);
    }
    for (const key of [...checked].sort()) if (!seen.has(key)) problems.push(`${key}: registered, but no *.authorisation.ts says who may use it`);
    expect(problems, `Route expectations are incomplete or wrong:\n  ${problems.join("\n  ")}\n`).toEqual([]);
  });

  for (const e of [...expectations].sort((a, b) => a.route.localeCompare(b.route))) {
    it(`${e.route} allows ${e.allowed.length === 0 ? "nobody" : e.allowed.join(", ")}`, async () => {
      expect(registeredKeys().checked.has(e.route), `${e.route} (${e.source}) is not a registered route`).toBe(true);
      const problems: string[] = [];
      for (const who of EVERYONE) {
        const response = await request(e, e.method, who);
        const wrong = verdict(e, who, response.statusCode);
        if (wrong) problems.push(`${who} ${wrong}${reason(response)}`);
        if (e.method === "GET") {
          const head = await request(e, "HEAD", who);
          if (head.statusCode !== response.statusCode) problems.push(`${who}: HEAD got ${head.statusCode} but GET got ${response.statusCode}`);
          if (who === "anonymous") {
            for (const marker of [DRAFT_MARKER, ARCHIVED_MARKER, PART_2_MARKER]) {
              if (response.body.includes(marker)) problems.push(`anonymous: the response shows a record the public must not see (${marker.split("-")[0]})`);
            }
          }
        }
      }
      // Read-scope tokens may never change anything, whatever the role behind them.
      const firstRole = e.allowed.find((who): who is Role => who !== "anonymous");
      if (e.path.startsWith("/api/") && !["GET", "HEAD", "OPTIONS"].includes(e.method) && firstRole && !e.allowed.includes("anonymous")) {
        const response = await request(e, e.method, firstRole, "read");
        if (response.statusCode !== 403) problems.push(`${firstRole} with a read-only token: expected 403, got ${response.statusCode}${reason(response)}`);
      }
      expect(problems, `${e.route} (${e.source}):\n  ${problems.join("\n  ")}\n`).toEqual([]);
    });
  }
});

describe("route × role fixtures", () => {
  it("make each request's fresh token belong to the requester", async () => {
    const requester = await createUser(t.database.db, t.partnership.id, "member");
    const f = fixtures.fixturesFor(requester.id);
    const token = await f.fresh("token");
    expect(await f.fresh("token")).toEqual(token);
    expect(await fixtures.fixturesFor(requester.id).fresh("token")).not.toEqual(token);
    const owner = await t.database.pool.query<{ user_id: string }>("select user_id from personal_access_tokens where id = $1", [token.id]);
    expect(owner.rows[0]?.user_id).toBe(requester.id);
    const role = await t.database.pool.query<{ role: string }>("select role from partnership_users where partnership_id = $1 and user_id = $2", [
      t.partnership.id,
      (await f.fresh("user")).id,
    ]);
    expect(role.rows[0]?.role).toBe("viewer");
  });
});
