import { z } from "zod";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { SESSION_COOKIE, viewContext } from "../../platform/http/http.plugin.tsx";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { TooManyRequests, ValidationFailed } from "../../platform/http/errors.ts";
import { signInSchema } from "./accounts.schema.ts";
import { SignInPage } from "./accounts.views.tsx";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../seeds/demo-users.ts";

/** Only local paths are followed after sign-in, never another site. */
export function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}

/** Sign in and out. */
export const accountsRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const { accounts } = services;
  const demo = config.loadDemo ? DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD })) : undefined;

  app.get("/sign-in", { schema: { querystring: z.object({ returnTo: z.string().max(2000).optional() }) } }, async (request, reply) => {
    return reply.page(<SignInPage ctx={viewContext(request, reply)} values={{}} errors={{}} returnTo={safeReturnTo(request.query.returnTo)} demo={demo} />);
  });

  app.post("/sign-in", async (request, reply) => {
    const typed = submittedValues(request.body);
    const returnTo = safeReturnTo(typed.returnTo);
    const form = parseForm(signInSchema, request.body);
    if (!form.ok) return reply.page(<SignInPage ctx={viewContext(request, reply)} values={typed} errors={form.errors} returnTo={returnTo} demo={demo} />, 422);
    try {
      const { sessionToken, expiresAt } = await accounts.signIn({ ...form.value, clientAddress: request.ip, partnershipId: request.ctx.partnership.id });
      reply.setCookie(SESSION_COOKIE, sessionToken, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies, expires: expiresAt });
      return reply.seeOther(returnTo);
    } catch (err) {
      if (err instanceof ValidationFailed || err instanceof TooManyRequests) {
        const status = err instanceof TooManyRequests ? 429 : 401;
        if (err instanceof TooManyRequests) reply.header("retry-after", String(err.retryAfterSeconds));
        return reply.page(<SignInPage ctx={viewContext(request, reply)} values={{ email: typed.email ?? "" }} errors={{ email: err.message }} returnTo={returnTo} demo={demo} />, status);
      }
      throw err;
    }
  });

  app.post("/sign-out", async (request, reply) => {
    if (request.sessionToken) await accounts.signOut(request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.seeOther("/", "You have signed out");
  });
};
