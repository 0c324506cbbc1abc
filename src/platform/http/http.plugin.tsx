import { randomUUID } from "node:crypto";
import type { ReactElement } from "react";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";
import cookie from "@fastify/cookie";
import csrf from "@fastify/csrf-protection";
import helmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";
import type { Config } from "../../config.ts";
import type { AccountsService } from "../../modules/accounts/accounts.service.ts";
import type { PartnershipsService } from "../../modules/partnerships/partnerships.service.ts";
import { ANONYMOUS } from "../auth/principal.ts";
import type { RequestContext } from "./context.ts";
import { AppError, Conflict, Forbidden, TooManyRequests, Unauthorised } from "./errors.ts";
import { registerBodyParsers } from "./parsers.ts";
import { renderDocument } from "./render.tsx";
import type { ViewContext } from "../views/context.ts";
import { ErrorPage } from "../views/error-page.tsx";
import { APP_ASSETS_DIR, NHSUK_FRONTEND_DIR } from "../views/assets.ts";

export const SESSION_COOKIE = "quorum_session";
const FLASH_COOKIE = "quorum_flash";

declare module "fastify" {
  interface FastifyRequest {
    ctx: RequestContext;
    sessionToken: string | undefined;
  }
  interface FastifyReply {
    /** Sends a rendered page; `status` defaults to 200. */
    page(element: ReactElement, status?: number): FastifyReply;
    /** Redirects after a successful POST (303), with an optional one-off message for the next page. */
    seeOther(location: string, flash?: string): FastifyReply;
  }
}

export interface HttpPlatformOptions {
  config: Config;
  accounts: AccountsService;
  partnerships: PartnershipsService;
}

/** True when the request is for the JSON API, which answers errors in JSON rather than HTML. */
export function isApiRequest(request: FastifyRequest): boolean {
  return request.url.startsWith("/api/");
}

/** Builds what a page's frame needs from the request. */
export function viewContext(request: FastifyRequest, reply: FastifyReply): ViewContext {
  const flash = request.cookies[FLASH_COOKIE];
  if (flash) reply.clearCookie(FLASH_COOKIE, { path: "/" });
  return {
    partnershipName: request.ctx?.partnership.name ?? "Quorum",
    principal: request.ctx?.principal ?? ANONYMOUS,
    csrfToken: reply.generateCsrf(),
    path: request.url.split("?")[0] ?? "/",
    flash: flash ? decodeURIComponent(flash).slice(0, 200) : undefined,
  };
}

function zodFields(issues: readonly { instancePath?: string; keyword?: string; message?: string; params?: unknown }[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const base = (issue.instancePath ?? "").replace(/^\//, "").replaceAll("/", ".");
    const keys = (issue.params as { keys?: unknown } | undefined)?.keys;
    if (issue.keyword === "unrecognized_keys" && Array.isArray(keys)) {
      for (const key of keys) fields[base ? `${base}.${String(key)}` : String(key)] ??= "is not a recognised field";
      continue;
    }
    fields[base || "_request"] ??= issue.message ?? "is not valid";
  }
  return fields;
}

function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown } | undefined;
  if (!e) return false;
  const code = e.code ?? "";
  if (["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "57P01", "57P02", "57P03", "08000", "08001", "08003", "08006", "53300"].includes(code)) return true;
  if (/Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? "")) return true;
  return e.cause ? isDatabaseUnavailable(e.cause) : false;
}

/** The PostgreSQL error (SQLSTATE code) behind an error, unwrapping Drizzle's query errors. */
function postgresErrorIn(err: unknown): { code?: string; constraint?: string } | undefined {
  for (let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e as { code: string };
  }
  return undefined;
}

/**
 * The multipart parser (busboy) refuses a malformed body (no boundary, a body cut short, broken
 * part headers) with plain Errors: the request's fault, not the service's.
 */
const MALFORMED_MULTIPART =
  /^(Multipart: Boundary not found|Boundary required|Unexpected end of multipart data|\w+ terminated early due to unexpected end of multipart data|Malformed part header)/;

/**
 * A full or read-only disk that a write ran into (a file store, or any other disk write), unless
 * the store already said so itself (StorageUnavailable): the service is unavailable, not broken.
 */
function diskProblemIn(err: unknown): "full" | "read-only" | undefined {
  const code = (err as { code?: unknown } | undefined)?.code;
  if (code === "ENOSPC" || code === "EDQUOT") return "full";
  if (code === "EROFS") return "read-only";
  return undefined;
}

/** Maps any thrown error to a status, a stable code, a message safe to show, and field errors. */
export function classifyError(err: unknown): { status: number; code: string; message: string; fields?: Record<string, string>; current?: unknown } {
  if (err instanceof AppError) {
    return { status: err.status, code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}), ...(err instanceof Conflict && err.current ? { current: err.current } : {}) };
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    return { status: 400, code: "validation_failed", message: "The request is not valid", fields: zodFields(err.validation) };
  }
  if (isResponseSerializationError(err)) return { status: 500, code: "internal_error", message: "Sorry, there is a problem with the service" };
  if (isDatabaseUnavailable(err)) return { status: 503, code: "service_unavailable", message: "Quorum cannot reach its database just now. Try again in a moment." };
  const pg = postgresErrorIn(err) ?? {};
  if (pg.code === "23505") return { status: 409, code: "duplicate", message: "A record with these details already exists" };
  if (pg.code === "23503") return { status: 422, code: "invalid_reference", message: "A linked record does not exist in this partnership" };
  // 22021/22P05: text PostgreSQL cannot hold (a NUL character), e.g. in an id-or-slug address.
  if (["22P02", "22007", "22008", "22003", "22001", "22021", "22P05"].includes(pg.code ?? "")) {
    return { status: 400, code: "bad_request", message: "A value in the request is not valid" };
  }
  if (err instanceof Error && MALFORMED_MULTIPART.test(err.message)) {
    return { status: 400, code: "malformed_multipart", message: "The upload could not be read: the body is not well-formed multipart/form-data" };
  }
  const disk = diskProblemIn(err);
  if (disk) {
    return {
      status: 503,
      code: "service_unavailable",
      message: `Quorum could not write to its disk: it is ${disk}. Try again later, or tell the administrator.`,
    };
  }
  const fe = err as FastifyError;
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    const messages: Record<string, string> = {
      FST_ERR_CTP_BODY_TOO_LARGE: "The request body is too large",
      FST_ERR_CTP_INVALID_MEDIA_TYPE: "This content type is not supported; send application/json",
      FST_ERR_CTP_EMPTY_JSON_BODY: "The request body is empty; send a JSON object",
      FST_CSRF_MISSING_SECRET: "Your session has expired. Go back, refresh the page and try again.",
      FST_CSRF_INVALID_TOKEN: "Your session has expired. Go back, refresh the page and try again.",
    };
    return { status: fe.statusCode, code: fe.code?.startsWith("FST_CSRF") ? "csrf_failed" : "bad_request", message: messages[fe.code] ?? "The request is not valid" };
  }
  return { status: 500, code: "internal_error", message: "Sorry, there is a problem with the service" };
}

/**
 * Errors Fastify's router raises before any hook or route runs, so the error handler never sees
 * them: a malformed %-escape in the address (FST_ERR_BAD_URL) or a path parameter longer than any
 * id (FST_ERR_MAX_PARAM_LENGTH). Pass as the `frameworkErrors` server option. The API answers in
 * its usual JSON; a page address that cannot be read is a page that does not exist.
 */
export function answerFrameworkError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const tooLong = error.code === "FST_ERR_MAX_PARAM_LENGTH";
  const badUrl = error.code === "FST_ERR_BAD_URL";
  reply.header("x-request-id", request.id);
  if (isApiRequest(request)) {
    const [status, code, message] = tooLong
      ? [414, "uri_too_long", "A value in the address is too long"]
      : badUrl
        ? [400, "bad_request", "The address is not valid: it contains a malformed %-escape"]
        : [500, "internal_error", "Sorry, there is a problem with the service"];
    void reply.code(status).send({ error: { code, message, fields: {} } });
    return;
  }
  const ctx: ViewContext = { partnershipName: "Quorum", principal: ANONYMOUS, csrfToken: "", path: "/" };
  void reply
    .code(404)
    .type("text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .send(renderDocument(<ErrorPage ctx={ctx} status={404} message="The page you asked for does not exist." />));
}

/**
 * Cross-cutting HTTP: body parsing, cookies, CSRF, security headers, static assets, resolving the
 * partnership and principal of every request, page rendering, and one error handler for HTML and JSON.
 */
export const httpPlatform = fp<HttpPlatformOptions>(async (app: FastifyInstance, opts) => {
  const { config, accounts, partnerships } = opts;
  registerBodyParsers(app);
  await app.register(cookie, { secret: config.sessionSecret });
  await app.register(csrf, {
    cookieKey: "quorum_csrf",
    cookieOpts: { signed: true, httpOnly: true, sameSite: "lax", path: "/", secure: config.secureCookies },
    getToken: (req) => {
      const body = req.body as Record<string, unknown> | undefined;
      const query = req.query as Record<string, unknown> | undefined;
      const fromBody = typeof body?._csrf === "string" ? body._csrf : undefined;
      const fromQuery = typeof query?._csrf === "string" ? query._csrf : undefined;
      const header = req.headers["x-csrf-token"];
      return fromBody ?? fromQuery ?? (typeof header === "string" ? header : undefined);
    },
  });
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: config.secureCookies ? [] : null,
      },
    },
    strictTransportSecurity: config.secureCookies,
  });
  await app.register(fastifyStatic, { root: NHSUK_FRONTEND_DIR, prefix: "/assets/nhsuk/", maxAge: "1d", decorateReply: false });
  await app.register(fastifyStatic, { root: APP_ASSETS_DIR, prefix: "/assets/app/", maxAge: "1h", decorateReply: false });

  app.decorateRequest("ctx", null as unknown as RequestContext);
  app.decorateRequest("sessionToken", undefined);

  app.decorateReply("page", function (this: FastifyReply, element: ReactElement, status = 200) {
    return this.code(status).type("text/html; charset=utf-8").header("cache-control", "no-store").send(renderDocument(element));
  });
  app.decorateReply("seeOther", function (this: FastifyReply, location: string, flash?: string) {
    if (flash) this.setCookie(FLASH_COOKIE, encodeURIComponent(flash), { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies, maxAge: 60 });
    return this.code(303).redirect(location);
  });

  // Every request learns which partnership it is for and who is asking, before any route runs.
  app.addHook("onRequest", async (request, reply) => {
    if (request.url.startsWith("/assets/") || request.url === "/health") return;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization);
      const auth = match?.[1] ? await accounts.authenticateToken(match[1]) : null;
      if (!auth) throw new Unauthorised("The access token is missing, not valid, expired or revoked");
      request.ctx = { partnership: auth.partnership, principal: auth.principal, requestId: request.id };
      return;
    }
    const partnership = await partnerships.resolveForHost(request.hostname.replace(/:\d+$/, ""));
    request.ctx = { partnership, principal: ANONYMOUS, requestId: request.id };
    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const auth = await accounts.authenticateSession(token, partnership.id);
      if (auth) {
        request.ctx.principal = auth.principal;
        request.sessionToken = token;
      } else {
        reply.clearCookie(SESSION_COOKIE, { path: "/" });
      }
    }
  });

  // HTML forms must carry the CSRF token. The API is exempt only because it accepts JSON bodies
  // alone (a cross-site form cannot send application/json) or bearer tokens (never sent ambiently).
  app.addHook("preHandler", (request, reply, done) => {
    if (request.method === "GET" || request.method === "HEAD" || request.method === "OPTIONS" || isApiRequest(request)) return done();
    app.csrfProtection(request, reply, done);
  });

  app.setErrorHandler(async (err, request, reply) => {
    // Services refuse with Forbidden whoever asks. Someone not signed in has not been refused as a
    // person but is missing credentials, so they are asked to sign in (401), on pages and API alike.
    const anonymous = !request.ctx || request.ctx.principal.kind === "anonymous";
    let problem = classifyError(err instanceof Forbidden && anonymous ? new Unauthorised() : err);
    // A page address with a malformed id is simply a page that does not exist.
    if (!isApiRequest(request) && problem.code === "validation_failed" && (err as { validationContext?: string }).validationContext === "params") {
      problem = { status: 404, code: "not_found", message: "The page you asked for does not exist." };
    }
    if (problem.status === 401 && isApiRequest(request)) reply.header("www-authenticate", 'Bearer realm="Quorum"');
    if (problem.status >= 500) request.log.error({ err }, "request failed");
    else request.log.info({ code: problem.code, status: problem.status }, "request refused");
    if (err instanceof TooManyRequests) reply.header("retry-after", String(err.retryAfterSeconds));
    if (problem.status === 503) reply.header("retry-after", "5");
    if (isApiRequest(request) || !request.ctx) {
      if (isApiRequest(request)) {
        return reply.code(problem.status).send({ error: { code: problem.code, message: problem.message, fields: problem.fields ?? {}, ...(problem.current ? { current: problem.current } : {}) } });
      }
    }
    return reply.page(<ErrorPage ctx={viewContextSafe(request, reply)} status={problem.status} message={problem.message} />, problem.status);
  });

  app.setNotFoundHandler(async (request, reply) => {
    if (isApiRequest(request)) return reply.code(404).send({ error: { code: "not_found", message: "No such API route", fields: {} } });
    return reply.page(<ErrorPage ctx={viewContextSafe(request, reply)} status={404} message="The page you asked for does not exist." />, 404);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    reply.header("x-request-id", request.id);
    return payload;
  });

  function viewContextSafe(request: FastifyRequest, reply: FastifyReply): ViewContext {
    try {
      return viewContext(request, reply);
    } catch {
      return { partnershipName: "Quorum", principal: ANONYMOUS, csrfToken: "", path: "/" };
    }
  }
});

export const newRequestId = (): string => randomUUID();
