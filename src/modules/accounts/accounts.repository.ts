import { and, asc, count, desc, eq, gt, isNull, lt, ne, sql } from "drizzle-orm";
import type { Executor } from "../../platform/db/client.ts";
import { prepared } from "../../platform/db/prepared.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";
import {
  oneTimeLinks,
  partnershipUsers,
  personalAccessTokens,
  sessions,
  signInAttempts,
  users,
  type Role,
  type TokenScope,
} from "./accounts.tables.ts";

/** Queries for users, roles, sessions, sign-in throttling, one-time links and API tokens. */
export function accountsRepository(db: Executor) {
  return {
    /** Every page request signed in runs this: a prepared statement (see platform/db/prepared.ts). */
    async findSession(tokenHash: string, partnershipId: string) {
      const query = prepared(db, "auth_session", () =>
        db
          .select({
            userId: users.id,
            name: users.name,
            email: users.email,
            disabledAt: users.disabledAt,
            partnershipId: sessions.partnershipId,
            expiresAt: sessions.expiresAt,
            lastSeenAt: sessions.lastSeenAt,
            role: partnershipUsers.role,
          })
          .from(sessions)
          .innerJoin(users, eq(users.id, sessions.userId))
          .leftJoin(partnershipUsers, and(eq(partnershipUsers.userId, sessions.userId), eq(partnershipUsers.partnershipId, sessions.partnershipId)))
          // A session belongs to the partnership it was opened in; it signs no one in anywhere else.
          .where(and(eq(sessions.tokenHash, sql.placeholder("tokenHash")), eq(sessions.partnershipId, sql.placeholder("partnershipId")))),
      );
      const [row] = await query.execute({ tokenHash, partnershipId });
      return row;
    },
    async insertSession(values: typeof sessions.$inferInsert) {
      await db.insert(sessions).values(values);
    },
    async touchSession(tokenHash: string, expiresAt: Date) {
      await db.update(sessions).set({ lastSeenAt: new Date(), expiresAt }).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteSession(tokenHash: string) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
    },
    async deleteSessionsOfUser(userId: string) {
      await db.delete(sessions).where(eq(sessions.userId, userId));
    },
    /** Ends a user's sessions in one partnership only; their sessions elsewhere are another tenant's business. */
    async deleteSessionsOfUserIn(partnershipId: string, userId: string) {
      await db.delete(sessions).where(and(eq(sessions.partnershipId, partnershipId), eq(sessions.userId, userId)));
    },
    async deleteExpiredSessions(now: Date) {
      await db.delete(sessions).where(lt(sessions.expiresAt, now));
    },

    /**
     * A bearer token with its user, their role and the partnership the token belongs to, in one
     * prepared statement: every API request runs it.
     */
    async findToken(tokenHash: string) {
      const query = prepared(db, "auth_token", () =>
        db
          .select({
            id: personalAccessTokens.id,
            partnershipId: personalAccessTokens.partnershipId,
            scope: personalAccessTokens.scope,
            revokedAt: personalAccessTokens.revokedAt,
            expiresAt: personalAccessTokens.expiresAt,
            lastUsedAt: personalAccessTokens.lastUsedAt,
            userId: users.id,
            name: users.name,
            email: users.email,
            disabledAt: users.disabledAt,
            role: partnershipUsers.role,
            partnership: partnerships,
          })
          .from(personalAccessTokens)
          .innerJoin(users, eq(users.id, personalAccessTokens.userId))
          .innerJoin(partnerships, eq(partnerships.id, personalAccessTokens.partnershipId))
          .leftJoin(
            partnershipUsers,
            and(eq(partnershipUsers.userId, personalAccessTokens.userId), eq(partnershipUsers.partnershipId, personalAccessTokens.partnershipId)),
          )
          .where(eq(personalAccessTokens.tokenHash, sql.placeholder("tokenHash"))),
      );
      const [row] = await query.execute({ tokenHash });
      return row;
    },
    async touchToken(partnershipId: string, id: string) {
      await db
        .update(personalAccessTokens)
        .set({ lastUsedAt: new Date() })
        .where(and(eq(personalAccessTokens.partnershipId, partnershipId), eq(personalAccessTokens.id, id)));
    },
    async insertToken(values: typeof personalAccessTokens.$inferInsert) {
      const [row] = await db.insert(personalAccessTokens).values(values).returning();
      return row!;
    },
    async listTokens(partnershipId: string, userId: string) {
      return db
        .select()
        .from(personalAccessTokens)
        .where(and(eq(personalAccessTokens.partnershipId, partnershipId), eq(personalAccessTokens.userId, userId)))
        .orderBy(desc(personalAccessTokens.createdAt));
    },
    async revokeToken(partnershipId: string, userId: string, id: string) {
      const [row] = await db
        .update(personalAccessTokens)
        .set({ revokedAt: new Date(), updatedAt: new Date() })
        .where(
          and(
            eq(personalAccessTokens.partnershipId, partnershipId),
            eq(personalAccessTokens.userId, userId),
            eq(personalAccessTokens.id, id),
            isNull(personalAccessTokens.revokedAt),
          ),
        )
        .returning();
      return row;
    },

    /** Revokes every live token a user holds in one partnership; returns how many. */
    async revokeTokensOfUser(partnershipId: string, userId: string) {
      const rows = await db
        .update(personalAccessTokens)
        .set({ revokedAt: new Date(), updatedAt: new Date() })
        .where(and(eq(personalAccessTokens.partnershipId, partnershipId), eq(personalAccessTokens.userId, userId), isNull(personalAccessTokens.revokedAt)))
        .returning({ id: personalAccessTokens.id });
      return rows.length;
    },

    async countRecentFailures(keyHash: string, since: Date) {
      const [row] = await db
        .select({ n: count() })
        .from(signInAttempts)
        .where(and(eq(signInAttempts.keyHash, keyHash), gt(signInAttempts.attemptedAt, since)));
      return row?.n ?? 0;
    },
    async recordFailures(keyHashes: string[]) {
      await db.insert(signInAttempts).values(keyHashes.map((keyHash) => ({ keyHash })));
    },
    async clearFailures(keyHash: string) {
      await db.delete(signInAttempts).where(eq(signInAttempts.keyHash, keyHash));
    },

    async findUserByEmail(email: string) {
      const [row] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = lower(${email})`);
      return row;
    },
    async findUser(id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async insertUser(values: typeof users.$inferInsert) {
      const [row] = await db.insert(users).values(values).returning();
      return row!;
    },
    async setPassword(userId: string, passwordHash: string) {
      await db
        .update(users)
        .set({ passwordHash, passwordChangedAt: new Date(), updatedAt: new Date(), version: sql`${users.version} + 1` })
        .where(eq(users.id, userId));
    },
    async findRole(partnershipId: string, userId: string) {
      const [row] = await db
        .select()
        .from(partnershipUsers)
        .where(and(eq(partnershipUsers.partnershipId, partnershipId), eq(partnershipUsers.userId, userId)));
      return row;
    },
    async upsertRole(partnershipId: string, userId: string, role: Role) {
      await db
        .insert(partnershipUsers)
        .values({ partnershipId, userId, role })
        .onConflictDoUpdate({
          target: [partnershipUsers.partnershipId, partnershipUsers.userId],
          set: { role, updatedAt: new Date(), version: sql`${partnershipUsers.version} + 1` },
        });
    },
    async deleteRole(partnershipId: string, userId: string) {
      await db.delete(partnershipUsers).where(and(eq(partnershipUsers.partnershipId, partnershipId), eq(partnershipUsers.userId, userId)));
    },
    /** How many partnerships other than this one give the user a role. */
    async countRolesElsewhere(partnershipId: string, userId: string) {
      const [row] = await db
        .select({ n: count() })
        .from(partnershipUsers)
        .where(and(eq(partnershipUsers.userId, userId), ne(partnershipUsers.partnershipId, partnershipId)));
      return row?.n ?? 0;
    },
    /** One user with their role here, or undefined when they have no role in this partnership. */
    async findPartnershipUser(partnershipId: string, userId: string) {
      const [row] = await db
        .select({ id: users.id, name: users.name, email: users.email, role: partnershipUsers.role, hasPassword: sql<boolean>`${users.passwordHash} is not null` })
        .from(partnershipUsers)
        .innerJoin(users, eq(users.id, partnershipUsers.userId))
        .where(and(eq(partnershipUsers.partnershipId, partnershipId), eq(partnershipUsers.userId, userId)));
      return row;
    },
    async listPartnershipUsers(partnershipId: string) {
      return db
        .select({ id: users.id, name: users.name, email: users.email, role: partnershipUsers.role, hasPassword: sql<boolean>`${users.passwordHash} is not null` })
        .from(partnershipUsers)
        .innerJoin(users, eq(users.id, partnershipUsers.userId))
        .where(eq(partnershipUsers.partnershipId, partnershipId))
        .orderBy(asc(users.name));
    },

    async insertLink(values: typeof oneTimeLinks.$inferInsert) {
      await db.insert(oneTimeLinks).values(values);
    },
    async findLink(tokenHash: string) {
      const [row] = await db.select().from(oneTimeLinks).where(eq(oneTimeLinks.tokenHash, tokenHash));
      return row;
    },
    /** Marks a link used; false if it was already used (a second tab, a replay). */
    async useLink(partnershipId: string, id: string) {
      const rows = await db
        .update(oneTimeLinks)
        .set({ usedAt: new Date() })
        .where(and(eq(oneTimeLinks.partnershipId, partnershipId), eq(oneTimeLinks.id, id), isNull(oneTimeLinks.usedAt)))
        .returning({ id: oneTimeLinks.id });
      return rows.length === 1;
    },
    async expireOpenLinks(partnershipId: string, userId: string) {
      await db
        .update(oneTimeLinks)
        .set({ usedAt: new Date() })
        .where(and(eq(oneTimeLinks.partnershipId, partnershipId), eq(oneTimeLinks.userId, userId), isNull(oneTimeLinks.usedAt)));
    },
  };
}

export type AccountsRepository = ReturnType<typeof accountsRepository>;
export type { Role, TokenScope };
