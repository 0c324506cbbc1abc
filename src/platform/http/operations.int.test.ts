import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../app.ts";
import { loadConfig } from "../../config.ts";
import { openDatabase } from "../db/client.ts";
import { createPartnership, createUser } from "../../../tests/factories/index.ts";
import { createTestDatabase, type TestDatabase } from "../../../tests/setup/database.ts";
import { cookiesFrom, csrfFrom, form } from "../../../tests/setup/app.ts";

let testDb: TestDatabase;
beforeAll(async () => {
  testDb = await createTestDatabase();
});
afterAll(async () => {
  await testDb.drop();
});

describe("GET /health", () => {
  it("is 200 when the database answers and 503 when it does not", async () => {
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: testDb.url, LOG_LEVEL: "silent" });
    const up = openDatabase(testDb.url);
    const app = await buildApp({ config, database: up, logger: false });
    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    await app.close();
    await up.close();

    // A database nobody listens on: port 1 on loopback refuses at once.
    const down = openDatabase("postgres://quorum:x@127.0.0.1:1/quorum");
    const broken = await buildApp({ config, database: down, logger: false });
    const health = await broken.inject({ method: "GET", url: "/health" });
    expect(health.statusCode).toBe(503);
    expect(health.json()).toMatchObject({ status: "unavailable" });
    // Pages and the API say so clearly too, rather than a 500.
    const page = await broken.inject({ method: "GET", url: "/organisations" });
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain("cannot reach its database");
    const api = await broken.inject({ method: "GET", url: "/api/v1/organisations" });
    expect(api.statusCode).toBe(503);
    expect(api.json().error.code).toBe("service_unavailable");
    await broken.close();
    await down.close();
  });
});

describe("logs", () => {
  it("are JSON lines that all carry the request id, without passwords, cookies or query strings", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk: Buffer, _enc, done) {
        lines.push(...chunk.toString().split("\n").filter(Boolean));
        done();
      },
    });
    const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: testDb.url, LOG_LEVEL: "info" });
    const database = openDatabase(testDb.url);
    const partnership = await createPartnership(database.db);
    const user = await createUser(database.db, partnership.id, "secretary", { email: "private.person@example.org" });
    const app = await buildApp({ config, database, logStream: stream });
    const page = await app.inject({ method: "GET", url: "/sign-in" });
    await app.inject({
      method: "POST",
      url: "/sign-in",
      headers: { cookie: cookiesFrom(page), "content-type": "application/x-www-form-urlencoded" },
      payload: form({ _csrf: csrfFrom(page.body), email: user.email, password: user.password }),
    });
    await app.inject({ method: "GET", url: "/organisations?q=private.person@example.org", headers: { "x-request-id": "trace-12345678" } });
    await app.close();
    await database.close();

    expect(lines.length).toBeGreaterThan(4);
    const parsed = lines.map((l) => JSON.parse(l) as { reqId?: string; msg: string });
    const requestLines = parsed.filter((l) => l.msg === "incoming request" || l.msg === "request completed");
    expect(requestLines.length).toBeGreaterThanOrEqual(6);
    for (const l of requestLines) expect(l.reqId).toMatch(/\S{8,}/);
    expect(parsed.some((l) => l.reqId === "trace-12345678")).toBe(true);
    const all = lines.join("\n");
    expect(all).not.toContain(user.password);
    expect(all).not.toContain("private.person@example.org");
    expect(all).not.toContain("quorum_session=");
    expect(all).not.toContain("_csrf");
  });
});
