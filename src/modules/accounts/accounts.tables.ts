import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { idColumn, partnershipIdColumn, timestampsColumns, versionColumn } from "../../platform/db/columns.ts";
import { partnerships } from "../partnerships/partnerships.tables.ts";

export const ROLES = ["admin", "secretary", "member", "contributor", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const roleEnum = pgEnum("role", ROLES);

/** A person who can sign in. Identity is global so one person can hold roles in several partnerships. */
export const users = pgTable(
  "users",
  {
    id: idColumn().primaryKey(),
    email: text().notNull(),
    name: text().notNull(),
    /** argon2id; null until the user accepts an invitation. */
    passwordHash: text(),
    passwordChangedAt: timestamp({ withTimezone: true }),
    disabledAt: timestamp({ withTimezone: true }),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [uniqueIndex("users_email_key").on(sql`lower(${t.email})`)],
);

/** A user's role in one partnership: deny by default, so no row means public access only. */
export const partnershipUsers = pgTable(
  "partnership_users",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    role: roleEnum().notNull(),
    version: versionColumn(),
    ...timestampsColumns(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.userId] }), index("partnership_users_user_idx").on(t.userId)],
);

/** Server-side sessions in PostgreSQL so that several app instances share them; only a hash of the cookie is stored. */
export const sessions = pgTable(
  "sessions",
  {
    tokenHash: text().primaryKey(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId), index("sessions_expires_idx").on(t.expiresAt)],
);

/** Failed sign-in attempts, keyed by a hash of e-mail and of client address, for throttling across instances. */
export const signInAttempts = pgTable(
  "sign_in_attempts",
  {
    id: idColumn().primaryKey(),
    keyHash: text().notNull(),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sign_in_attempts_key_idx").on(t.keyHash, t.attemptedAt)],
);

export const ONE_TIME_LINK_PURPOSES = ["invite", "reset"] as const;
export const oneTimeLinkPurposeEnum = pgEnum("one_time_link_purpose", ONE_TIME_LINK_PURPOSES);

/** Admin-issued invitation and password-reset links: single use, time-limited, stored hashed. */
export const oneTimeLinks = pgTable(
  "one_time_links",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    purpose: oneTimeLinkPurposeEnum().notNull(),
    tokenHash: text().notNull(),
    createdByUserId: uuid().references(() => users.id),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.partnershipId, t.id] }), uniqueIndex("one_time_links_token_key").on(t.tokenHash)],
);

export const TOKEN_SCOPES = ["read", "write"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];
export const tokenScopeEnum = pgEnum("token_scope", TOKEN_SCOPES);

/** Personal access tokens for the API: hashed at rest, shown once, revocable; bound to one partnership. */
export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    partnershipId: partnershipIdColumn().references(() => partnerships.id),
    id: idColumn(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    name: text().notNull(),
    scope: tokenScopeEnum().notNull(),
    tokenHash: text().notNull(),
    /** The first characters, so a person can tell tokens apart without the secret. */
    prefix: text().notNull(),
    lastUsedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
    revokedAt: timestamp({ withTimezone: true }),
    ...timestampsColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.partnershipId, t.id] }),
    uniqueIndex("personal_access_tokens_hash_key").on(t.tokenHash),
    index("personal_access_tokens_user_idx").on(t.partnershipId, t.userId),
  ],
);

export type UserRow = typeof users.$inferSelect;
