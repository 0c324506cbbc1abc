import fs from "node:fs";
import path from "node:path";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { APP_ROOT } from "../app-root.ts";

/** The repository's migrations folder, wherever the working directory is. */
export const MIGRATIONS_FOLDER = path.join(APP_ROOT, "migrations");

// Key of the session-level advisory lock held while migrating. Any fixed 64-bit value works, as
// long as nothing else in Quorum uses it; this one is "quorum-m" in ASCII. Advisory locks are
// scoped to one database, so instances migrating different databases do not wait for each other.
export const MIGRATION_LOCK_KEY = 0x71756f72756d2d6dn;

export interface MigrationOptions {
  /** Defaults to the repository's `migrations/`; tests point it elsewhere. */
  migrationsFolder?: string;
}

/** Applies pending drizzle-kit migrations forward-only, serialised across app instances by a PostgreSQL advisory lock. */
export async function runMigrations(connectionString: string, log: (msg: string) => void = () => {}, options: MigrationOptions = {}): Promise<void> {
  const folder = options.migrationsFolder ?? MIGRATIONS_FOLDER;
  // drizzle-kit writes the journal with the first migration; before that there is nothing to apply.
  if (!fs.existsSync(path.join(folder, "meta", "_journal.json"))) {
    log(`No migrations yet (no ${path.join(folder, "meta", "_journal.json")})`);
    return;
  }

  // One dedicated connection: a session-level advisory lock belongs to the connection that took it,
  // so the lock, the migrations and the unlock must all run on the same one.
  const client = new pg.Client({ connectionString, application_name: "quorum-migrate" });
  // A connection dropped between queries is reported as an event; unheard, it would crash the
  // process. The query in flight fails with the same error, so nothing is lost by ignoring it here.
  client.on("error", () => {});
  await client.connect();
  try {
    const started = Date.now();
    // A second instance starting at the same time waits here, then finds everything applied.
    await client.query("SELECT pg_advisory_lock($1::bigint)", [MIGRATION_LOCK_KEY.toString()]);
    try {
      const waited = Date.now() - started;
      if (waited > 1_000) log(`Waited ${waited} ms for another instance to finish migrating`);
      // The migrator applies every pending migration in one transaction, so a failure leaves none applied.
      await migrate(drizzle(client), { migrationsFolder: folder });
      log(`Database migrations are up to date (${Date.now() - started} ms)`);
    } finally {
      // Closing the connection releases the lock anyway; unlocking first just lets a waiter go sooner.
      await client.query("SELECT pg_advisory_unlock($1::bigint)", [MIGRATION_LOCK_KEY.toString()]).catch(() => {});
    }
  } finally {
    await client.end();
  }
}
