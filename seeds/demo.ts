import { count } from "drizzle-orm";
import type { Database } from "../src/platform/db/client.ts";
import { partnerships } from "../src/modules/partnerships/partnerships.tables.ts";
import { seedDemoPartnership } from "./kent-and-medway.ts";

/** Loads the demo partnership into an empty database; returns whether it did. */
export async function loadDemoIfEmpty(db: Database): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(partnerships);
  if ((row?.n ?? 0) > 0) return false;
  await seedDemoPartnership(db);
  return true;
}
