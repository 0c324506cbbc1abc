import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

/** A database of its own for one test file, cloned from the migrated template. */
export interface TestDatabase {
  readonly name: string;
  readonly url: string;
  /** Drops the database, disconnecting anyone still connected (close your pool first, or give it an error handler). */
  drop(): Promise<void>;
}

export const TEMPLATE_PREFIX = "quorum_template_";
export const TEST_DATABASE_PREFIX = "quorum_test_";

let counter = 0;

/**
 * Creates `quorum_test_<run>_<pid>_<counter>_<random>` from the migrated template; call it once per file in beforeAll.
 *
 * The run id (shared with the template's name) lets the global teardown drop exactly this run's
 * databases on a server that other runs may be using at the same time.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject("databaseAdminUrl");
  const template = inject("templateDatabase");
  const name = `${TEST_DATABASE_PREFIX}${runIdOf(template)}_${process.pid}_${++counter}_${randomBytes(3).toString("hex")}`;

  await withAdminClient(adminUrl, async (client) => {
    // Cloning a template copies its files: far faster than migrating every test database afresh.
    await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)} TEMPLATE ${client.escapeIdentifier(template)}`);
  });

  let dropped: Promise<void> | undefined;
  return {
    name,
    url: databaseUrl(adminUrl, name),
    drop() {
      dropped ??= dropDatabase(adminUrl, name);
      return dropped;
    },
  };
}

/** The run id embedded in a template database's name. */
export function runIdOf(template: string): string {
  if (!template.startsWith(TEMPLATE_PREFIX)) throw new Error(`Unexpected template database name: ${template}`);
  return template.slice(TEMPLATE_PREFIX.length);
}

/** The same server and credentials as `serverUrl`, but database `name`. */
export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${encodeURIComponent(name)}`;
  return url.href;
}

/** Drops a database, disconnecting its sessions first (PostgreSQL 13+ `WITH (FORCE)`). */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdminClient(adminUrl, async (client) => {
    await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)} WITH (FORCE)`);
  });
}

/** Runs `fn` with a short-lived connection to the admin database. */
export async function withAdminClient<T>(adminUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl, application_name: "quorum-tests" });
  client.on("error", () => {}); // the query in flight fails too; an unheard event would crash the worker
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
