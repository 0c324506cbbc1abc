import type { Database } from "../../platform/db/client.ts";
import { newId } from "../../platform/db/columns.ts";
import { recordAudit } from "../../platform/audit/audit.ts";
import { actorOf, type RequestContext } from "../../platform/http/context.ts";
import { Forbidden, NotFound, TooManyRequests, ValidationFailed } from "../../platform/http/errors.ts";
import { hashPassword, hashSecret, newSecret, verifyDecoy, verifyPassword } from "../../platform/auth/secrets.ts";
import type { Principal } from "../../platform/auth/principal.ts";
import { accountsRepository } from "./accounts.repository.ts";
import { accountsPolicy } from "./accounts.policy.ts";
import type { oneTimeLinks, Role, TokenScope, UserRow } from "./accounts.tables.ts";
import type { PartnershipRow } from "../partnerships/partnerships.tables.ts";

type OneTimeLinkRow = typeof oneTimeLinks.$inferSelect;

export const SESSION_IDLE_MS = 8 * 60 * 60 * 1000;
const SESSION_TOUCH_MS = 5 * 60 * 1000;
const THROTTLE_WINDOW_MS = 15 * 60 * 1000;
const MAX_FAILURES_PER_ACCOUNT = 5;
const MAX_FAILURES_PER_ADDRESS = 30;
export const TOKEN_PREFIX = "qrm_";

/** The one message for every failed sign-in, so it never reveals whether an e-mail has an account. */
export const SIGN_IN_FAILED = "The email address or password is not correct";
export const SIGN_IN_THROTTLED = "Too many attempts to sign in. Wait 15 minutes, then try again.";
/** Why a one-time link cannot set a password, with what to do about it. */
export const LINK_UNUSABLE = "This link has expired or has already been used. Ask an administrator for a new one.";
/** How long an invitation or reset link works. */
export const LINK_LIFETIME_DAYS = 7;
const LINK_LIFETIME_MS = LINK_LIFETIME_DAYS * 24 * 60 * 60 * 1000;

/** Sign-in, sessions, user management, one-time links and personal access tokens. */
export function accountsService(deps: { db: Database }) {
  const repo = accountsRepository(deps.db);

  function requireUser(ctx: RequestContext) {
    if (ctx.principal.kind !== "user") throw new Forbidden();
    return ctx.principal;
  }

  /**
   * An unused, unexpired one-time link with its user, or null. A link may only set the password of
   * an account whose access is all in the link's partnership (see inviteUser), so that it can never
   * be used to take over an account that another partnership trusts.
   */
  async function findUsableLink(linkToken: string): Promise<{ link: OneTimeLinkRow; user: UserRow } | null> {
    const link = await repo.findLink(hashSecret(linkToken));
    if (!link || link.usedAt || link.expiresAt.getTime() <= Date.now()) return null;
    const user = await repo.findUser(link.userId);
    if (!user || user.disabledAt) return null;
    if ((await repo.countRolesElsewhere(link.partnershipId, user.id)) > 0) return null;
    return { link, user };
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

    /** Resolves a bearer token; the token fixes the partnership, whatever host was asked (read in the same statement). */
    async authenticateToken(token: string): Promise<{ principal: Principal; partnershipId: string; partnership: PartnershipRow } | null> {
      if (!token.startsWith(TOKEN_PREFIX)) return null;
      const row = await repo.findToken(hashSecret(token));
      if (!row || row.revokedAt || row.disabledAt || (row.expiresAt && row.expiresAt.getTime() <= Date.now())) return null;
      if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > SESSION_TOUCH_MS) await repo.touchToken(row.partnershipId, row.id);
      return {
        partnershipId: row.partnershipId,
        partnership: row.partnership,
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

    /** Ends one session (signing out); other sessions of the same user carry on. */
    async signOut(sessionToken: string): Promise<void> {
      await repo.deleteSession(hashSecret(sessionToken));
    },

    /**
     * Changes the signed-in user's password after checking the current one. Every session of the
     * user ends, and a new one replaces the current session, so a stolen cookie stops working too.
     */
    async changePassword(ctx: RequestContext, input: { currentPassword: string; newPassword: string }): Promise<{ sessionToken: string; expiresAt: Date }> {
      if (!accountsPolicy.manageOwnAccount(ctx.principal)) throw new Forbidden();
      const principal = requireUser(ctx);
      // Someone at an unlocked screen must not be able to guess the current password at leisure.
      const guessKey = hashSecret(`password-change:${principal.userId}`);
      if ((await repo.countRecentFailures(guessKey, new Date(Date.now() - THROTTLE_WINDOW_MS))) >= MAX_FAILURES_PER_ACCOUNT) {
        throw new TooManyRequests("Too many attempts to change your password. Wait 15 minutes, then try again.", THROTTLE_WINDOW_MS / 1000);
      }
      const user = await repo.findUser(principal.userId);
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
        await repo.recordFailures([guessKey]);
        throw new ValidationFailed({ currentPassword: "Your current password is not correct" });
      }
      await repo.clearFailures(guessKey);
      const passwordHash = await hashPassword(input.newPassword);
      const sessionToken = newSecret();
      const expiresAt = new Date(Date.now() + SESSION_IDLE_MS);
      await deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        await r.setPassword(user.id, passwordHash);
        await r.deleteSessionsOfUser(user.id);
        await r.insertSession({ tokenHash: hashSecret(sessionToken), userId: user.id, partnershipId: ctx.partnership.id, expiresAt });
        await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "user", recordId: user.id, action: "password_change" });
      });
      return { sessionToken, expiresAt };
    },

    /** The people with a role in this partnership, for administrators. */
    async listUsers(ctx: RequestContext) {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      return repo.listPartnershipUsers(ctx.partnership.id);
    },

    /** One person with a role in this partnership, for administrators; 404 for anyone else. */
    async getUser(ctx: RequestContext, userId: string) {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      const row = await repo.findPartnershipUser(ctx.partnership.id, userId);
      if (!row) throw new NotFound("User not found");
      return row;
    },

    /**
     * Gives a person a role here. A new person gets a one-time link to set a password. Identity is
     * global, so a person who already has a Quorum account gets the role and no link: a link sets
     * the password of the whole account, and an administrator of one partnership must never be able
     * to take over an account that other partnerships trust.
     */
    async inviteUser(ctx: RequestContext, input: { name: string; email: string; role: Role }): Promise<{ userId: string; name: string; linkToken: string | null; expiresAt: Date | null }> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        const existing = await r.findUserByEmail(input.email);
        if (existing && (await r.findRole(ctx.partnership.id, existing.id))) {
          throw new ValidationFailed({ email: "This person already has access to this partnership" });
        }
        const rolesElsewhere = existing ? await r.countRolesElsewhere(ctx.partnership.id, existing.id) : 0;
        if (existing && !existing.passwordHash && rolesElsewhere > 0) {
          throw new ValidationFailed({ email: "This person has an invitation to Quorum they have not accepted yet. Invite them here once they have set their password." });
        }
        const user = existing ?? (await r.insertUser({ name: input.name, email: input.email }));
        await r.upsertRole(ctx.partnership.id, user.id, input.role);
        await recordAudit(tx, {
          partnershipId: ctx.partnership.id,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: "user",
          recordId: user.id,
          action: "invite",
          after: { name: user.name, role: input.role },
        });
        if (user.passwordHash) return { userId: user.id, name: user.name, linkToken: null, expiresAt: null };
        const linkToken = newSecret();
        const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS);
        await r.expireOpenLinks(ctx.partnership.id, user.id);
        await r.insertLink({
          partnershipId: ctx.partnership.id,
          id: newId(),
          userId: user.id,
          purpose: "invite",
          tokenHash: hashSecret(linkToken),
          createdByUserId: requireUser(ctx).userId,
          expiresAt,
        });
        return { userId: user.id, name: user.name, linkToken, expiresAt };
      });
    },

    /**
     * Issues a new one-time password-reset link; earlier open links for the user stop working.
     * Refused for people who also have access to another partnership (see inviteUser).
     */
    async issueResetLink(ctx: RequestContext, userId: string): Promise<{ linkToken: string; expiresAt: Date; name: string; purpose: "invite" | "reset" }> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        const target = await r.findPartnershipUser(ctx.partnership.id, userId);
        if (!target) throw new NotFound("User not found");
        if ((await r.countRolesElsewhere(ctx.partnership.id, userId)) > 0) {
          throw new ValidationFailed({
            _form: `${target.name} also has access to another partnership, so a reset link from here could take over that access. Ask your Quorum system administrator to reset their password.`,
          });
        }
        await r.expireOpenLinks(ctx.partnership.id, userId);
        const linkToken = newSecret();
        const expiresAt = new Date(Date.now() + LINK_LIFETIME_MS);
        const purpose = target.hasPassword ? "reset" : "invite";
        await r.insertLink({
          partnershipId: ctx.partnership.id,
          id: newId(),
          userId,
          purpose,
          tokenHash: hashSecret(linkToken),
          createdByUserId: requireUser(ctx).userId,
          expiresAt,
        });
        await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "user", recordId: userId, action: "reset_link" });
        return { linkToken, expiresAt, name: target.name, purpose };
      });
    },

    /** Changes a person's role here; an administrator cannot give up their own admin role. */
    async changeRole(ctx: RequestContext, userId: string, role: Role): Promise<void> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      await deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        const existing = await r.findRole(ctx.partnership.id, userId);
        if (!existing) throw new NotFound("User not found");
        if (userId === requireUser(ctx).userId && role !== "admin") throw new ValidationFailed({ role: "You cannot remove your own admin role" });
        if (existing.role === role) return;
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

    /**
     * Removes a person's access to this partnership: their role goes, their sessions and API tokens
     * here end and their open links stop working. Their account and its history remain. An
     * administrator cannot remove themself, so a partnership always keeps an administrator.
     */
    async removeAccess(ctx: RequestContext, userId: string): Promise<{ name: string }> {
      if (!accountsPolicy.manageUsers(ctx.principal)) throw new Forbidden();
      if (userId === requireUser(ctx).userId) throw new ValidationFailed({ _form: "You cannot remove your own access" });
      return deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        const target = await r.findPartnershipUser(ctx.partnership.id, userId);
        if (!target) throw new NotFound("User not found");
        await r.deleteRole(ctx.partnership.id, userId);
        await r.deleteSessionsOfUserIn(ctx.partnership.id, userId);
        const revokedTokens = await r.revokeTokensOfUser(ctx.partnership.id, userId);
        await r.expireOpenLinks(ctx.partnership.id, userId);
        await recordAudit(tx, {
          partnershipId: ctx.partnership.id,
          actor: actorOf(ctx),
          requestId: ctx.requestId,
          recordType: "user",
          recordId: userId,
          action: "remove_access",
          before: { name: target.name, role: target.role },
          after: { revokedTokens },
        });
        return { name: target.name };
      });
    },

    /** Looks up an unused, unexpired one-time link, for the page that sets a password. */
    findUsableLink,

    /** Sets the password from a one-time link; the link then stops working and old sessions end. */
    async acceptLink(linkToken: string, newPassword: string): Promise<void> {
      const found = await findUsableLink(linkToken);
      if (!found) throw new NotFound(LINK_UNUSABLE);
      const passwordHash = await hashPassword(newPassword);
      await deps.db.transaction(async (tx) => {
        const r = accountsRepository(tx);
        if (!(await r.useLink(found.link.partnershipId, found.link.id))) throw new NotFound(LINK_UNUSABLE);
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

    /** The signed-in user's own personal access tokens, newest first. */
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

    /** Revokes one of the signed-in user's own tokens; 404 for anyone else's. */
    async revokeToken(ctx: RequestContext, tokenId: string): Promise<{ name: string }> {
      if (!accountsPolicy.manageOwnAccount(ctx.principal)) throw new Forbidden();
      return deps.db.transaction(async (tx) => {
        const row = await accountsRepository(tx).revokeToken(ctx.partnership.id, requireUser(ctx).userId, tokenId);
        if (!row) throw new NotFound("Token not found");
        await recordAudit(tx, { partnershipId: ctx.partnership.id, actor: actorOf(ctx), requestId: ctx.requestId, recordType: "personal_access_token", recordId: row.id, action: "revoke" });
        return { name: row.name };
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
    /** A user by e-mail address, whatever its case; for the CLI and seeds. */
    findUserByEmail: (email: string) => repo.findUserByEmail(email),
  };
}

export type AccountsService = ReturnType<typeof accountsService>;
