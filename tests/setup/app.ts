import type { FastifyInstance, LightMyRequestResponse, RouteOptions } from "fastify";
import { buildApp } from "../../src/app.ts";
import { loadConfig, type Config } from "../../src/config.ts";
import { openDatabase, type DatabaseHandle } from "../../src/platform/db/client.ts";
import type { Role, TokenScope } from "../../src/modules/accounts/accounts.tables.ts";
import { accountsService } from "../../src/modules/accounts/accounts.service.ts";
import type { PartnershipRow } from "../../src/modules/partnerships/partnerships.tables.ts";
import { createPartnership, createUser } from "../factories/index.ts";
import { createTestDatabase, type TestDatabase } from "./database.ts";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { LocalFileStore } from "../../src/platform/files/file-store.ts";

/** A signed-in browser: its cookies and a CSRF token for forms. */
export interface Session {
  role: Role;
  userId: string;
  cookie: string;
  csrf: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: DatabaseHandle;
  testDatabase: TestDatabase;
  config: Config;
  /** The app's file store: a temporary directory of this test file's own. */
  fileStore: LocalFileStore;
  /** The partnership served on every host name (the first created). */
  partnership: PartnershipRow;
  /** Signs in a new user with the role (through the real sign-in form) and returns their cookies. */
  signIn(role: Role): Promise<Session>;
  /** A fresh anonymous browser's cookies and CSRF token (e.g. for the sign-in form). */
  anonymousSession(): Promise<{ cookie: string; csrf: string }>;
  /** A personal access token for a new user with the role, in this or another partnership. */
  token(role: Role, scope: TokenScope, partnershipId?: string): Promise<string>;
  close(): Promise<void>;
}

/** Merges Set-Cookie headers into a Cookie header value. */
export function cookiesFrom(response: LightMyRequestResponse, previous = ""): string {
  const jar = new Map(
    previous
      .split("; ")
      .filter(Boolean)
      .map((c) => [c.split("=")[0]!, c] as const),
  );
  for (const c of response.cookies) {
    if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) jar.delete(c.name);
    else jar.set(c.name, `${c.name}=${c.value}`);
  }
  return [...jar.values()].join("; ");
}

/** Reads the CSRF token out of a rendered form. */
export function csrfFrom(html: string): string {
  const field = /name="_csrf" value="([^"]+)"/.exec(html);
  if (field?.[1]) return field[1];
  // Pages without a form still carry the token in the header's sign-out button.
  const query = /[?&]_csrf=([^"&]+)/.exec(html);
  if (query?.[1]) return decodeURIComponent(query[1]);
  throw new Error("no CSRF token in page");
}

/** Builds the real app on a database of its own (cloned from the migrated template), with one partnership. */
export async function createTestApp(
  options: { partnership?: Parameters<typeof createPartnership>[1]; onRoute?: (route: RouteOptions) => void } = {},
): Promise<TestApp> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: testDatabase.url, LOG_LEVEL: "silent", QUORUM_DEMO: "false" });
  const database = openDatabase(testDatabase.url, { max: 5 });
  const partnership = await createPartnership(database.db, options.partnership);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "quorum-test-files-"));
  const fileStore = new LocalFileStore(filesDir);
  const app = await buildApp({ config, database, fileStore, logger: false, ...(options.onRoute ? { onRoute: options.onRoute } : {}) });
  await app.ready();
  const accounts = accountsService({ db: database.db });

  async function anonymousSession() {
    const page = await app.inject({ method: "GET", url: "/sign-in" });
    return { cookie: cookiesFrom(page), csrf: csrfFrom(page.body) };
  }

  return {
    app,
    database,
    testDatabase,
    config,
    partnership,
    anonymousSession,
    async signIn(role) {
      const user = await createUser(database.db, partnership.id, role);
      const anon = await anonymousSession();
      const res = await app.inject({
        method: "POST",
        url: "/sign-in",
        headers: { cookie: anon.cookie, "content-type": "application/x-www-form-urlencoded" },
        payload: new URLSearchParams({ _csrf: anon.csrf, email: user.email, password: user.password }).toString(),
      });
      if (res.statusCode !== 303) throw new Error(`sign-in failed: ${res.statusCode}`);
      const cookie = cookiesFrom(res, anon.cookie);
      const home = await app.inject({ method: "GET", url: "/", headers: { cookie } });
      return { role, userId: user.id, cookie: cookiesFrom(home, cookie), csrf: csrfFrom(home.body) };
    },
    async token(role, scope, partnershipId = partnership.id) {
      const user = await createUser(database.db, partnershipId, role);
      return accounts.createTokenFor({ partnershipId, userId: user.id, name: "test", scope });
    },
    fileStore,
    async close() {
      await app.close();
      await database.close();
      fs.rmSync(filesDir, { recursive: true, force: true });
      await testDatabase.drop();
    },
  };
}

/** Encodes a form body as a browser would. */
export function form(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const value of Array.isArray(v) ? v : [v]) params.append(k, value);
  return params.toString();
}
