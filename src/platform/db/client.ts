import pg from "pg";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import * as schema from "./schema.ts";

export type Database = NodePgDatabase<typeof schema>;
/** A transaction handle or the database itself: repositories accept either. */
export type Executor = Database | Parameters<Parameters<Database["transaction"]>[0]>[0];

export interface DatabaseHandle {
  pool: pg.Pool;
  db: Database;
  close(): Promise<void>;
}

/** Opens a connection pool to PostgreSQL; errors on idle clients are logged, never fatal. */
export function openDatabase(connectionString: string, options: { max?: number; onError?: (err: Error) => void } = {}): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 5_000,
    idleTimeoutMillis: 30_000,
    application_name: "quorum",
  });
  // A dropped connection (PostgreSQL restarted) must not crash the process; the pool reconnects.
  pool.on("error", (err) => options.onError?.(err));
  // The pool listens for errors only on idle clients. A checked-out client that loses its server
  // between statements (PostgreSQL shutting down mid-transaction: 57P01) emits "error" with no
  // listener, which would crash the process. Its query fails anyway (the request answers 503) and
  // the pool discards it on release, so here it only needs to be heard.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = drizzle(pool, { schema, casing: "snake_case" });
  return {
    pool,
    db,
    async close() {
      await pool.end();
    },
  };
}
