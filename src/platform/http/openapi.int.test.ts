import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../../../tests/setup/app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

describe("GET /api/v1/openapi.json", () => {
  it("is an OpenAPI 3.1 document generated from the zod schemas of every API route", async () => {
    const res = await t.app.inject({ method: "GET", url: "/api/v1/openapi.json" });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe("3.1.0");
    const paths = Object.keys(doc.paths as Record<string, unknown>);
    for (const p of ["/api/v1/organisations", "/api/v1/organisations/{id}", "/api/v1/people", "/api/v1/bodies", "/api/v1/partnership"]) expect(paths).toContain(p);
    // Request bodies and responses carry real schemas, not empty objects.
    const create = doc.paths["/api/v1/organisations"].post;
    expect(create.requestBody.content["application/json"].schema.properties.name).toBeDefined();
    expect(create.responses["201"].content["application/json"].schema.properties.id).toBeDefined();
    expect(create.responses["409"]).toBeDefined();
    // Anonymous access is open data; writes name the bearer scheme.
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
    expect(create.security).toEqual([{ bearer: [] }]);
  });
});
