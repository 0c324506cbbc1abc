import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { errorResponses } from "../../platform/http/api-schemas.ts";
import { Unauthorised } from "../../platform/http/errors.ts";
import { ROLES, TOKEN_SCOPES } from "./accounts.tables.ts";

const meOutput = z.object({
  userId: z.uuid(),
  name: z.string(),
  role: z.enum(ROLES).nullable().describe("Role in this partnership; null means public access only"),
  scope: z.enum(TOKEN_SCOPES).describe("What the credential may do: a read token never changes anything"),
  via: z.enum(["session", "token"]).describe("How the request was authenticated"),
  partnership: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
});

/**
 * JSON API about the caller: GET /api/v1/me. Tokens themselves are managed only in the browser
 * (/account/tokens), so that a leaked token can never mint another.
 */
export const accountsApi: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/me",
    {
      schema: {
        tags: ["Account"],
        summary: "Who the access token (or session) belongs to",
        security: [{ bearer: [] }],
        response: { 200: meOutput, ...errorResponses },
      },
    },
    async (request) => {
      const { principal, partnership } = request.ctx;
      if (principal.kind !== "user") throw new Unauthorised("Send a personal access token: Authorization: Bearer <token>");
      return {
        userId: principal.userId,
        name: principal.name,
        role: principal.role,
        scope: principal.scope,
        via: principal.via,
        partnership: { id: partnership.id, slug: partnership.slug, name: partnership.name },
      };
    },
  );
};
