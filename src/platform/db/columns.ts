import { integer, timestamp, uuid } from "drizzle-orm/pg-core";
import { v7 as uuidv7 } from "uuid";

/** The tenant key every domain table starts with (the Citus distribution column). */
export const partnershipIdColumn = () => uuid().notNull();

/** Time-ordered UUIDs keep primary-key indexes compact as tables grow to millions of rows. */
export const idColumn = () =>
  uuid()
    .notNull()
    .$defaultFn(() => uuidv7());

export const newId = (): string => uuidv7();

/** Optimistic-concurrency counter: a write must name the version it read. */
export const versionColumn = () => integer().notNull().default(1);

export const timestampsColumns = () => ({
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** Archived records leave lists but keep their history and their links. */
export const archivedAtColumn = () => timestamp({ withTimezone: true });
