import type { Database } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { Conflict, Forbidden, NotFound, TooManyRequests, ValidationFailed } from "../../platform/http/errors.ts";
import { hashPassword, hashSecret, newSecret, verifyDecoy, verifyPassword } from "../../platform/auth/secrets.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import { accountsRepository } from "./accounts.repository.ts";
import { accountsPolicy } from "./accounts.policy.ts";
import type { Role, TokenScope } from "./accounts.tables.ts";

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const SESSION_TOUCH_MS = 5 * 60 * 1000;
const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 30;
const LINK_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const TOKEN_PREFIX = "qrm_";

/** The one message for every failed sign-in, so it never reveals whether an e-mail has an account. */
export const SIGN_IN_FAILED = "The email address or password is not correct";
export const SIGN_IN_THROTTLED = "Too many attempts to sign in. Wait 15 minutes, then try again.";

/** Sign-in, sessions, user management, one-time links and personal access tokens. */
export function accountsService(deps: { db: Database }) {
  const repo = accountsRepository(deps.db);

  function requireUser(ctx: RequestContext) {
    if (ctx.principal.kind !== "user") throw new Forbidden();
    return ctx.principal;
  }

  return {
    /** Resolves a session cookie to a principal with their role in the partnership served, sliding its expiry. */
    async authenticateSession(token: string, partnershipId: string): Promise<{ principal: Principal; partnershipId: string } | null> {
      const tokenHash = hashSecret(token);
      const row = await repo.findSession(tokenHash, partnershipId);
      const now = Date.now();
      if (!row || row.expiresAt.getTime() <= now || row.disabledAt) return null;
      // Extending the session writes; do it at most every few minutes, not on every request.
      if (now - row.lastSeenAt.getTime() > SESSION_TOUCH_MS) await repo.touchSession(tokenHash, new Date(now + SESSION_IDLE_MS));
      return {
        partnershipId,
        principal: { kind: "user", userId: row.userId, name: row.name, email: row.email, role: row.role ?? null, via: "session", scope: "write" },
      };
    },

    /** Resolves a bearer token; the token fixes the partnership, whatever host was asked. */
    async authenticateToken(token: string): Promise<{ principal: Principal; partnershipId: string } | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const row = await repo.findToken(hashSecret(token));
      if (!row || row.revokedAt || row.disabledAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > SESSION_TOUCH_MS) await repo.touchToken(row.partnershipId, row.id);
      return {
        partnershipId: row.partnershipId,
        principal: { kind: "user", userId: row.userId, name: row.name, email: row.email, role: row.role ?? null, via: "token", scope: row.scope },
      };
    },

    /**
     * Checks e-mail and password and opens a session. Failures are counted per account and per
     * client address in PostgreSQL, so throttling holds across app instances.
     */
    async signIn(input: { email: string; password: string; clientAddress: string; partnershipId: string }): Promise<{ sessionToken: string; expiresAt: Date }> {
      const accountKey = hashSecret(`account:${input.email.trim().toLowerCase()}`);
      const addressKey = hashSecret(`address:${input.clientAddress}`);
      const since = new Date(Date.now() - THROTTLE_WINDOW_MS);
      const [accountFailures, addressFailures] = await Promise.all([repo.countRecentFailures(accountKey, since), repo.countRecentFailures(addressKey, since)]);
      if (accountFailures >= MAX_FAILURES_PER_ACCOUNT || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
        throw new TooManyRequests(SIGN_IN_THROTTLED, THROTTLE_WINDOW_MS / 1000);
      }
      const user = await repo.findUserByEmail(input.email.trim());
      const ok = user?.passwordHash && !user.disabledAt ? await verifyPassword(user.passwordHash, input.password) : await verifyDecoy(input.password);
      if (!ok || !user) {
        await repo.recordFailures([accountKey, addressKey]);
        throw new ValidationFailed({ email: SIGN_IN_FAILED }, SIGN_IN_FAILED, 401);
      }
      await repo.clearFailures(accountKey);
      const sessionToken = newSecret();
      const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
      await repo.insertSession({ tokenHash: hashSecret(sessionToken), userId: user.id, partnershipId: input.partnershipId, expiresAt });
      return { sessionToken, expiresAt };
    },

    async signOut(sessionToken: string): Promise<void> {
      await repo.deleteSession(hashSecret(sessionToken));
    },

    /** Changes the signed-in user's password after checking the current one; other sessions end. */
    async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }, keepSessionToken: string): Promise<void> {
      const principal = requireUser(ctx);
      const user = await repo.findUser(principal.userId);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        throw new ValidationFailed({ currentPassword: "Your current password is not correct" });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        await r.setPassword(user.id, passwordHash);
        await r.deleteSessionsOfUser(user.id);
        await r.insertSession({ tokenHash: hashSecret(keepSessionToken), userId: user.id, partnershipId: ctx.partnership.id, expiresAt: new Date(Date.now() + SESSION_IDLE_MS) });
        await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "user", recordId: user.id, action: "password_change" });
      });
    },

    async listUsers(ctx: RequestContext) {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      return repo.listPartnershipUsers(ctx.partnership.id);
    },

    /**
     * Gives a person a role here and returns a one-time link for them to set a password.
     * An existing account (in another partnership) is given the role; no second account is made.
     */
    async inviteUser(ctx: RequestContext, input: { name: string; email: string; role: Role }): Promise<{ userId: string; linkToken: string }> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        let user = await r.findUserByEmail(input.email);
        if (user && (await r.findRole(ctx.partnership.id, user.id))) {
          throw new ValidationFailed({ email: "This person already has access to this partnership" });
        }
        user ??= await r.insertUser({ name: input.name, email: input.email });
        await r.upsertRole(ctx.partnership.id, user.id, input.role);
        const linkToken = newSecret();
        await r.insertLink({
          partnershipId: ctx.partnership.id,
          id: newId(),
          userId: user.id,
          purpose: user.passwordHash ? "reset" : "invite",
          tokenHash: hashSecret(linkToken),
          createdByUserId: requireUser(ctx).userId,
          expiresAt: new Date(Date.now() + LINK_LIFETIME_MS),
        });
        await recordAudit(tx, {
          partnershipId: ctx.partnership.id,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: "user",
          recordId: user.id,
          action: "invite",
          after: { name: user.name, role: input.role },
        });
        return { userId: user.id, linkToken };
      });
    },

    /** Issues a new one-time password-reset link; earlier open links for the user stop working. */
    async issueResetLink(ctx: RequestContext, userId: string): Promise<string> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        if (!(await r.findRole(ctx.partnership.id, userId))) throw new NotFound("User not found");
        await r.expireOpenLinks(ctx.partnership.id, userId);
        const linkToken = newSecret();
        await r.insertLink({
          partnershipId: ctx.partnership.id,
          id: newId(),
          userId,
          purpose: "reset",
          tokenHash: hashSecret(linkToken),
          createdByUserId: requireUser(ctx).userId,
          expiresAt: new Date(Date.now() + LINK_LIFETIME_MS),
        });
        await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "user", recordId: userId, action: "reset_link" });
        return linkToken;
      });
    },

    async changeRole(ctx: RequestContext, userId: string, role: Role): Promise<void> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      await deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        const existing = await r.findRole(ctx.partnership.id, userId);
        if (!existing) throw new NotFound("User not found");
        if (userId === requireUser(ctx).userId && role !== "admin") throw new ValidationFailed({ role: "You cannot remove your own admin role" });
        await r.upsertRole(ctx.partnership.id, userId, role);
        await recordAudit(tx, {
          partnershipId: ctx.partnership.id,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: "user",
          recordId: userId,
          action: "update",
          before: { role: existing.role },
          after: { role },
        });
      });
    },

    /** Looks up an unused, unexpired one-time link, for the page that sets a password. */
    async findUsableLink(linkToken: string) {
      const link = await repo.findLink(hashSecret(linkToken));
      if (!link || link.usedAt || link.expiresAt.getTime() <= Date.now()) return null;
      const user = await repo.findUser(link.userId);
      return user ? { link, user } : null;
    },

    /** Sets the password from a one-time link; the link then stops working and old sessions end. */
    async acceptLink(linkToken: string, newPassword: string): Promise<void> {
      const found = await this.findUsableLink(linkToken);
      if (!found) throw new NotFound("This link has expired or has already been used. Ask an administrator for a new one.");
      const passwordHash = await hashPassword(newPassword);
      await deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        if (!(await r.useLink(found.link.partnershipId, found.link.id))) throw new Conflict("This link has already been used");
        await r.setPassword(found.user.id, passwordHash);
        await r.deleteSessionsOfUser(found.user.id);
        await recordAudit(tx, {
          partnershipId: found.link.partnershipId,
          actor: { userId: found.user.id, name: found.user.name },
          recordType: "user",
          recordId: found.user.id,
          action: found.link.purpose === "invite" ? "accept_invite" : "password_reset",
        });
      });
    },

    async listTokens(ctx: RequestContext) {
      if (!accountsPolicy.manageOwnAccount(ctx.principal)) throw new Forbidden();
      return repo.listTokens(ctx.partnership.id, requireUser(ctx).userId);
    },

    /** Creates a personal access token and returns its secret, which is never shown again. */
    async createToken(ctx: RequestContext, input: { name: string; scope: TokenScope }): Promise<{ id: string; secret: string }> {
      if (!accountsPolicy.manageOwnAccount(ctx.principal)) throw new Forbidden();
      const secret = newSecret(TOKEN_PREFIX);
      const userId = requireUser(ctx).userId;
      return deps.db.transaction(async (tx) => {
        const row = await accountsRepository(tx).insertToken({
          partnershipId: ctx.partnership.id,
          userId,
          name: input.name,
          scope: input.scope,
          tokenHash: hashSecret(secret),
          prefix: secret.slice(0, TOKEN_PREFIX.length + 6),
        });
        await recordAudit(tx, {
          partnershipId: ctx.partnership.id,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: "personal_access_token",
          recordId: row.id,
          action: "create",
          after: { name: row.name, scope: row.scope },
        });
        return { id: row.id, secret };
      });
    },

    async revokeToken(ctx: RequestContext, tokenId: string): Promise<void> {
      if (!accountsPolicy.manageOwnAccount(ctx.principal)) throw new Forbidden();
      await deps.db.transaction(async (tx) => {
        const row = await accountsRepository(tx).revokeToken(ctx.partnership.id, requireUser(ctx).userId, tokenId);
        if (!row) throw new NotFound("Token not found");
        await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "personal_access_token", recordId: row.id, action: "revoke" });
      });
    },

    /** For the CLI and seeds: creates a user with a password and a role, outside any request. */
    async createUserWithPassword(input: { partnershipId: string; name: string; email: string; password: string; role: Role }): Promise<string> {
      const passwordHash = await hashPassword(input.password);
      return deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        const existing = await r.findUserByEmail(input.email);
        const user = existing ?? (await r.insertUser({ name: input.name, email: input.email, passwordHash, passwordChangedAt: new Date() }));
        if (existing) await r.setPassword(existing.id, passwordHash);
        await r.upsertRole(input.partnershipId, user.id, input.role);
        await recordAudit(tx, { partnershipId: input.partnershipId, actor: { userId: null, name: "System" }, recordType: "user", recordId: user.id, action: "create", after: { name: input.name, role: input.role } });
        return user.id;
      });
    },

    /** For the CLI: a token for a user without a browser session. */
    async createTokenFor(input: { partnershipId: string; userId: string; name: string; scope: TokenScope }): Promise<string> {
      const secret = newSecret(TOKEN_PREFIX);
      await repo.insertToken({ partnershipId: input.partnershipId, userId: input.userId, name: input.name, scope: input.scope, tokenHash: hashSecret(secret), prefix: secret.slice(0, TOKEN_PREFIX.length + 6) });
      return secret;
    },
    findUserByEmail: (email: string) => repo.findUserByEmail(email),
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
