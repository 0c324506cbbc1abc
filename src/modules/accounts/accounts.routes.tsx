import { z } from "zod";
import type { FastifyReply, FastifyRequest } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { Services } from "../../app.ts";
import type { Config } from "../../config.ts";
import { SESSION_COOKIE, viewContext } from "../../platform/http/http.plugin.tsx";
import { idParams } from "../../platform/http/api-schemas.ts";
import { parseForm, submittedValues } from "../../platform/http/forms.ts";
import { NotFound, TooManyRequests, ValidationFailed, type FieldErrors } from "../../platform/http/errors.ts";
import { requireAllowed } from "../../platform/http/guards.ts";
import { accountsPolicy } from "./accounts.policy.ts";
import { changePasswordSchema, changeRoleSchema, createTokenSchema, inviteUserSchema, setPasswordSchema, signInSchema } from "./accounts.schema.ts";
import {
  AccountPage,
  ChangePasswordPage,
  ExistingAccountInvitedPage,
  InviteUserPage,
  LinkUnusablePage,
  ManageUserPage,
  OneTimeLinkPage,
  SetPasswordPage,
  SignInPage,
  TokenCreatedPage,
  TokensPage,
  UsersPage,
} from "./accounts.views.tsx";
import { DEMO_PASSWORD, DEMO_USERS } from "../../../seeds/demo-users.ts";

/** Only local paths are followed after sign-in, never another site. */
export function safeReturnTo(value: unknown): string {
  return typeof value === "string" && /^\/(?![/\\])/.test(value) ? value : "/";
}

/** The set-password link's token is a secret: it must never reach the logs with the request path. */
const setPasswordParams = z.object({ token: z.string().max(200) });
const redactedSetPasswordLog = {
  req: (req: { method: string; id: string }) => ({ method: req.method, path: "/set-password/[redacted]", id: req.id }),
};

/** Sign in and out; your account, password and API tokens; users and roles for administrators; set-password links. */
export const accountsRoutes: FastifyPluginAsyncZod<{ services: Services; config: Config }> = async (app, { services, config }) => {
  const { accounts } = services;
  const demo = config.loadDemo ? DEMO_USERS.map((u) => ({ email: u.email, password: DEMO_PASSWORD })) : undefined;

  function setSessionCookie(reply: FastifyReply, sessionToken: string, expiresAt: Date) {
    reply.setCookie(SESSION_COOKIE, sessionToken, { path: "/", httpOnly: true, sameSite: "lax", secure: config.secureCookies, expires: expiresAt });
  }

  /** Where a link sent to a person must point: the configured public address, else the address this request came to. */
  function siteOrigin(request: FastifyRequest): string {
    return config.publicUrl ? config.publicUrl.replace(/\/+$/, "") : `${request.protocol}://${request.host}`;
  }

  function requireOwnAccount(request: FastifyRequest): void {
    requireAllowed(request.ctx.principal, accountsPolicy.manageOwnAccount(request.ctx.principal));
  }

  function requireAdmin(request: FastifyRequest): void {
    requireAllowed(request.ctx.principal, accountsPolicy.manageUsers(request.ctx.principal));
  }

  function currentUserId(request: FastifyRequest): string {
    const p = request.ctx.principal;
    return p.kind === "user" ? p.userId : "";
  }

  // Sign in and out

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
      // Signing in again (perhaps as someone else) ends the session this browser had.
      if (request.sessionToken) await accounts.signOut(request.sessionToken);
      setSessionCookie(reply, sessionToken, expiresAt);
      return reply.seeOther(returnTo);
    } catch (err) {
      if (err instanceof ValidationFailed || err instanceof TooManyRequests) {
        const status = err instanceof TooManyRequests ? 429 : 401;
        if (err instanceof TooManyRequests) reply.header("retry-after", String(err.retryAfterSeconds));
        return reply.page(
          <SignInPage
            ctx={viewContext(request, reply)}
            values={{ email: typed.email ?? "" }}
            errors={{ email: err.message }}
            returnTo={returnTo}
            demo={demo}
          />,
          status,
        );
      }
      throw err;
    }
  });

  app.post("/sign-out", async (request, reply) => {
    if (request.sessionToken) await accounts.signOut(request.sessionToken);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.seeOther("/", "You have signed out");
  });

  // Your account

  app.get("/account", async (request, reply) => {
    requireOwnAccount(request);
    const p = request.ctx.principal;
    if (p.kind !== "user") throw new NotFound();
    return reply.page(<AccountPage ctx={viewContext(request, reply)} user={{ name: p.name, email: p.email, role: p.role }} />);
  });

  app.get("/account/password", async (request, reply) => {
    requireOwnAccount(request);
    return reply.page(<ChangePasswordPage ctx={viewContext(request, reply)} errors={{}} />);
  });

  app.post("/account/password", async (request, reply) => {
    requireOwnAccount(request);
    const form = parseForm(changePasswordSchema, request.body);
    if (!form.ok) return reply.page(<ChangePasswordPage ctx={viewContext(request, reply)} errors={form.errors} />, 422);
    try {
      const { sessionToken, expiresAt } = await accounts.changePassword(request.ctx, form.value);
      setSessionCookie(reply, sessionToken, expiresAt);
      return reply.seeOther("/account", "Your password has been changed. You have been signed out everywhere else.");
    } catch (err) {
      if (err instanceof ValidationFailed) return reply.page(<ChangePasswordPage ctx={viewContext(request, reply)} errors={err.fields ?? {}} />, 422);
      if (err instanceof TooManyRequests) {
        reply.header("retry-after", String(err.retryAfterSeconds));
        return reply.page(<ChangePasswordPage ctx={viewContext(request, reply)} errors={{ currentPassword: err.message }} />, 429);
      }
      throw err;
    }
  });

  // Personal access tokens: managed in the browser only, so that a token can never mint another.

  app.get("/account/tokens", async (request, reply) => {
    requireOwnAccount(request);
    const tokens = await accounts.listTokens(request.ctx);
    return reply.page(<TokensPage ctx={viewContext(request, reply)} tokens={tokens} values={{}} errors={{}} />);
  });

  app.post("/account/tokens", async (request, reply) => {
    requireOwnAccount(request);
    const form = parseForm(createTokenSchema, request.body);
    if (!form.ok) {
      const tokens = await accounts.listTokens(request.ctx);
      return reply.page(<TokensPage ctx={viewContext(request, reply)} tokens={tokens} values={submittedValues(request.body)} errors={form.errors} />, 422);
    }
    // The secret goes only into this response's body: never into a redirect, a flash cookie or a log.
    const { secret } = await accounts.createToken(request.ctx, form.value);
    return reply.page(<TokenCreatedPage ctx={viewContext(request, reply)} name={form.value.name} scope={form.value.scope} secret={secret} />, 201);
  });

  app.post("/account/tokens/:id/revoke", { schema: { params: idParams } }, async (request, reply) => {
    requireOwnAccount(request);
    const { name } = await accounts.revokeToken(request.ctx, request.params.id);
    return reply.seeOther("/account/tokens", `The token “${name}” has been revoked`);
  });

  // Users and roles, for administrators

  app.get("/admin/users", async (request, reply) => {
    requireAdmin(request);
    const users = await accounts.listUsers(request.ctx);
    return reply.page(<UsersPage ctx={viewContext(request, reply)} users={users} currentUserId={currentUserId(request)} />);
  });

  app.get("/admin/users/new", async (request, reply) => {
    requireAdmin(request);
    return reply.page(<InviteUserPage ctx={viewContext(request, reply)} values={{}} errors={{}} />);
  });

  app.post("/admin/users/new", async (request, reply) => {
    requireAdmin(request);
    const typed = submittedValues(request.body);
    const form = parseForm(inviteUserSchema, request.body);
    if (!form.ok) return reply.page(<InviteUserPage ctx={viewContext(request, reply)} values={typed} errors={form.errors} />, 422);
    try {
      const invited = await accounts.inviteUser(request.ctx, form.value);
      const ctx = viewContext(request, reply);
      if (!invited.linkToken || !invited.expiresAt) return reply.page(<ExistingAccountInvitedPage ctx={ctx} name={invited.name} role={form.value.role} />, 201);
      const link = `${siteOrigin(request)}/set-password/${invited.linkToken}`;
      return reply.page(<OneTimeLinkPage ctx={ctx} purpose="invite" name={invited.name} link={link} expiresAt={invited.expiresAt} />, 201);
    } catch (err) {
      if (err instanceof ValidationFailed)
        return reply.page(<InviteUserPage ctx={viewContext(request, reply)} values={typed} errors={err.fields ?? {}} />, 422);
      throw err;
    }
  });

  /** Re-renders a user's page with the reason an action on it was refused. */
  async function manageUserRefused(request: FastifyRequest, reply: FastifyReply, userId: string, errors: FieldErrors, values: Record<string, string> = {}) {
    const user = await accounts.getUser(request.ctx, userId);
    return reply.page(
      <ManageUserPage ctx={viewContext(request, reply)} user={user} isSelf={user.id === currentUserId(request)} values={values} errors={errors} />,
      422,
    );
  }

  app.get("/admin/users/:id", { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    const user = await accounts.getUser(request.ctx, request.params.id);
    return reply.page(<ManageUserPage ctx={viewContext(request, reply)} user={user} isSelf={user.id === currentUserId(request)} values={{}} errors={{}} />);
  });

  app.post("/admin/users/:id/role", { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    const id = request.params.id;
    const form = parseForm(changeRoleSchema, request.body);
    if (!form.ok) return manageUserRefused(request, reply, id, form.errors);
    try {
      await accounts.changeRole(request.ctx, id, form.value.role);
      return reply.seeOther(`/admin/users/${id}`, "The role has been changed");
    } catch (err) {
      if (err instanceof ValidationFailed) return manageUserRefused(request, reply, id, err.fields ?? {}, submittedValues(request.body));
      throw err;
    }
  });

  app.post("/admin/users/:id/reset-link", { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    try {
      const issued = await accounts.issueResetLink(request.ctx, request.params.id);
      const link = `${siteOrigin(request)}/set-password/${issued.linkToken}`;
      return reply.page(
        <OneTimeLinkPage ctx={viewContext(request, reply)} purpose={issued.purpose} name={issued.name} link={link} expiresAt={issued.expiresAt} />,
        201,
      );
    } catch (err) {
      if (err instanceof ValidationFailed) return manageUserRefused(request, reply, request.params.id, err.fields ?? {});
      throw err;
    }
  });

  app.post("/admin/users/:id/remove", { schema: { params: idParams } }, async (request, reply) => {
    requireAdmin(request);
    try {
      const { name } = await accounts.removeAccess(request.ctx, request.params.id);
      return reply.seeOther("/admin/users", `${name} no longer has access to ${request.ctx.partnership.name}`);
    } catch (err) {
      if (err instanceof ValidationFailed) return manageUserRefused(request, reply, request.params.id, err.fields ?? {});
      throw err;
    }
  });

  // Setting a password from an invitation or reset link: anyone holding the link may use it, once.

  // An unknown, used or expired link all get the same 410 page: the link is no good, whatever the reason.
  app.get("/set-password/:token", { schema: { params: setPasswordParams }, logSerializers: redactedSetPasswordLog }, async (request, reply) => {
    const found = await accounts.findUsableLink(request.params.token);
    if (!found) return reply.page(<LinkUnusablePage ctx={viewContext(request, reply)} />, 410);
    return reply.page(<SetPasswordPage ctx={viewContext(request, reply)} token={request.params.token} user={found.user} errors={{}} />);
  });

  app.post("/set-password/:token", { schema: { params: setPasswordParams }, logSerializers: redactedSetPasswordLog }, async (request, reply) => {
    const token = request.params.token;
    const found = await accounts.findUsableLink(token);
    if (!found) return reply.page(<LinkUnusablePage ctx={viewContext(request, reply)} />, 410);
    const form = parseForm(setPasswordSchema, request.body);
    if (!form.ok) return reply.page(<SetPasswordPage ctx={viewContext(request, reply)} token={token} user={found.user} errors={form.errors} />, 422);
    try {
      await accounts.acceptLink(token, form.value.newPassword);
    } catch (err) {
      // Used in another tab a moment ago.
      if (err instanceof NotFound) return reply.page(<LinkUnusablePage ctx={viewContext(request, reply)} />, 410);
      throw err;
    }
    return reply.seeOther("/sign-in", "Your password has been set. Sign in with your email address and new password.");
  });
};
