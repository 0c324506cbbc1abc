import fp from "fastify-plugin";
import swagger from "@fastify/swagger";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** The OpenAPI 3.1 document for /api/v1, generated from the routes' zod schemas. */
export const apiDocs = fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Quorum API",
        version: "1.0.0",
        description:
          "Open data and management API for a health and care partnership's governance. Anonymous requests see published, public (Part I) content. Send `Authorization: Bearer <personal access token>` to act as a user.",
      },
      components: { securitySchemes: { bearer: { type: "http", scheme: "bearer", description: "A personal access token (qrm_…)" } } },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
    hideUntagged: true,
  });
  app.get("/api/v1/openapi.json", { schema: { hide: true } }, async () => app.swagger());
});
