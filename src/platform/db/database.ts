import type { Config } from "../../config.ts";
import { acquireDataDirLock, type DataDirLock } from "./datadir-lock.ts";
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from "./embedded.ts";
import { runMigrations } from "./migrate.ts";

/** A running PostgreSQL for Quorum: the URL to use and how to let go of it. */
export interface RunningDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

/**
 * Connects Quorum to its database: the server in DATABASE_URL, or (when unset) its own embedded
 * PostgreSQL 17 under the data directory, which it locks against a second Quorum. Migrations are
 * applied before anything else uses the database.
 */
export async function startDatabase(config: Config, log: (msg: string) => void): Promise<RunningDatabase> {
  if (config.databaseUrl) {
    await runMigrations(config.databaseUrl, log);
    return { url: config.databaseUrl, embedded: false, stop: async () => {} };
  }
  const lock: DataDirLock = await acquireDataDirLock(config.dataDir);
  let server: EmbeddedPostgresHandle | undefined;
  try {
    server = await startEmbeddedPostgres({ dataDir: config.dataDir, log });
    await runMigrations(server.connectionString, log);
  } catch (err) {
    await server?.stop().catch(() => {});
    await lock.release();
    throw err;
  }
  const running = server;
  return {
    url: running.connectionString,
    embedded: true,
    async stop() {
      try {
        await running.stop();
      } finally {
        await lock.release();
      }
    },
  };
}
