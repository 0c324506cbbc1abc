import { createHash } from "node:crypto";
import { PgTransaction } from "drizzle-orm/pg-core";
import type { Executor } from "./client.ts";

interface Preparable<P> {
  prepare(name: string): P;
}

const caches = new WeakMap<object, Map<string, unknown>>();

/**
 * The name PostgreSQL knows a prepared statement by. Names are cut at 63 bytes there, so a long
 * key is shortened to a readable prefix plus a hash of the whole key: two keys never share a name.
 */
export function statementName(key: string): string {
  const prefix = key.replace(/[^a-z0-9_]+/gi, "_").slice(0, 36);
  return `${prefix}_${createHash("sha1").update(key).digest("hex").slice(0, 16)}`;
}

/**
 * A named prepared statement for a query on a hot path (the API and pages served most). Drizzle
 * builds its SQL once, and PostgreSQL parses it once per connection and may keep a generic plan
 * after five runs, instead of building, parsing and planning it on every request (measured in
 * docs/performance.md: planning took longer than running these queries).
 *
 * `key` must identify the query's shape: the same key must always build the same SQL text. Values
 * that vary per call are `sql.placeholder(...)`s passed to `execute`; anything else in the query
 * (an enum, a list of statuses) is fixed at preparation, so it belongs in the key.
 *
 * On the database itself the prepared query is kept and reused. Inside a transaction it is built
 * for that transaction's connection each time (Drizzle binds a prepared query to its session); the
 * statement name still spares PostgreSQL the parse on a connection that has seen it.
 */
export function prepared<P>(db: Executor, key: string, build: () => Preparable<P>): P {
  const name = statementName(key);
  if (db instanceof PgTransaction) return build().prepare(name);
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map<string, unknown>()));
  let query = cache.get(key) as P | undefined;
  if (!query) cache.set(key, (query = build().prepare(name)));
  return query;
}
