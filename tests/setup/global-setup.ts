import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { acquireDataDirLock, DataDirLockedError, type DataDirLock } from "../../src/platform/db/datadir-lock.ts";
import { startEmbeddedPostgres, stopOrphanedPostgres, type EmbeddedPostgresHandle } from "../../src/platform/db/embedded.ts";
import { runMigrations } from "../../src/platform/db/migrate.ts";
import { databaseUrl, dropDatabase, TEMPLATE_PREFIX, TEST_DATABASE_PREFIX, withAdminClient } from "./database.ts";

declare module "vitest" {
  export interface ProvidedContext {
    /** A superuser (or CREATEDB) URL for creating and dropping test databases. */
    databaseAdminUrl: string;
    /** The migrated template that `createTestDatabase()` clones. */
    templateDatabase: string;
  }
}

const TEMP_DIR_PREFIX = "quorum-test-pg-";
const MINIMUM_SERVER_VERSION = 150000;
// Set QUORUM_TEST_PG_LOG=1 to see the embedded server's log when debugging the test setup.
const verbose = process.env.QUORUM_TEST_PG_LOG === "1";
const log = (msg: string) => {
  if (verbose) console.log(`[test-db] ${msg}`);
};

/**
 * Vitest global setup: a PostgreSQL server (TEST_DATABASE_URL, or an embedded one in a temp dir)
 * and a migrated template database, provided to the tests; the returned teardown removes them.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const cleanups: Array<() => Promise<void>> = [];
  const teardown = async () => {
    for (const cleanup of cleanups.reverse()) {
      try {
        await cleanup();
      } catch (err) {
        console.error("[test-db] cleanup failed:", err);
      }
    }
  };

  try {
    let adminUrl = process.env.TEST_DATABASE_URL;
    if (adminUrl === undefined || adminUrl === "") {
      const server = await startTemporaryServer(cleanups);
      adminUrl = server.adminConnectionString;
    } else {
      log("Using the PostgreSQL server in TEST_DATABASE_URL");
    }
    const admin = adminUrl;

    const version = await withAdminClient(admin, async (client) =>
      Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v),
    );
    if (!(version >= MINIMUM_SERVER_VERSION)) {
      throw new Error(`The test database server runs PostgreSQL ${version}; Quorum needs 15 or newer.`);
    }

    const runId = randomBytes(4).toString("hex");
    const template = `${TEMPLATE_PREFIX}${runId}`;
    await withAdminClient(admin, (client) => client.query(`CREATE DATABASE ${client.escapeIdentifier(template)}`));
    cleanups.push(async () => {
      // Drop only this run's databases: a shared server may be serving other runs at the same time.
      const names = await withAdminClient(admin, async (client) =>
        (
          await client.query<{ datname: string }>("SELECT datname FROM pg_database WHERE starts_with(datname, $1)", [`${TEST_DATABASE_PREFIX}${runId}_`])
        ).rows.map((r) => r.datname),
      );
      for (const name of names) await dropDatabase(admin, name);
      await dropDatabase(admin, template);
    });

    const started = Date.now();
    await runMigrations(databaseUrl(admin, template), log);
    // Nobody may connect to the template again: CREATE DATABASE ... TEMPLATE fails while anyone is.
    await withAdminClient(admin, (client) => client.query(`ALTER DATABASE ${client.escapeIdentifier(template)} WITH ALLOW_CONNECTIONS false`));
    log(`Template ${template} migrated in ${Date.now() - started} ms`);

    project.provide("databaseAdminUrl", admin);
    project.provide("templateDatabase", template);
  } catch (err) {
    await teardown();
    throw err;
  }
  return teardown;
}

async function startTemporaryServer(cleanups: Array<() => Promise<void>>): Promise<EmbeddedPostgresHandle> {
  await removeAbandonedServers();

  const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), TEMP_DIR_PREFIX));
  cleanups.push(() => fs.rm(dataDir, { recursive: true, force: true }));
  // Locked like a real data dir, so a later run can tell an abandoned one (its owner died) from a live one.
  const lock = await acquireDataDirLock(dataDir);
  cleanups.push(() => lock.release());

  const started = Date.now();
  const server = await startEmbeddedPostgres({ dataDir, log });
  cleanups.push(() => server.stop());
  log(`Embedded PostgreSQL ready on port ${server.port} in ${Date.now() - started} ms (${dataDir})`);
  return server;
}

/**
 * Stops and deletes embedded servers of earlier test runs that were killed before their teardown
 * (the server runs detached, so it survives its vitest); otherwise each would keep running forever.
 */
async function removeAbandonedServers(): Promise<void> {
  const tmp = os.tmpdir();
  for (const entry of await fs.readdir(tmp)) {
    if (!entry.startsWith(TEMP_DIR_PREFIX)) continue;
    const dir = path.join(tmp, entry);
    try {
      const stat = await fs.stat(path.join(dir, "quorum.lock")).catch(() => undefined);
      // A directory without a lock file may be one another run has just made and not yet locked.
      if (stat === undefined && Date.now() - (await fs.stat(dir)).mtimeMs < 60_000) continue;
      let lock: DataDirLock;
      try {
        lock = await acquireDataDirLock(dir);
      } catch (err) {
        if (err instanceof DataDirLockedError) continue; // a live run owns it
        throw err;
      }
      try {
        await stopOrphanedPostgres(dir, log);
        await fs.rm(dir, { recursive: true, force: true });
        log(`Removed the abandoned test server in ${dir}`);
      } finally {
        await lock.release();
      }
    } catch (err) {
      console.warn(`[test-db] could not remove the abandoned test server in ${dir}:`, err);
    }
  }
}
