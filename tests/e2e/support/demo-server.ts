import type { FastifyInstance } from "fastify";
import { buildApp } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { openDatabase, type DatabaseHandle } from "../../../src/platform/db/client.ts";
import { seedDemoPartnership } from "../../../seeds/kent-and-medway.ts";
import { createTestDatabase } from "../../setup/database.ts";

export interface DemoServer {
  /** e.g. http://127.0.0.1:40123, no trailing slash. */
  baseUrl: string;
  app: FastifyInstance;
  database: DatabaseHandle;
  close(): Promise<void>;
}

/**
 * The real app with the Kent and Medway demo partnership, on a database of its own and listening
 * on a free loopback port, as a browser would meet it.
 */
export async function startDemoServer(): Promise<DemoServer> {
  const testDatabase = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: "test", DATABASE_URL: testDatabase.url, LOG_LEVEL: "silent", QUORUM_DEMO: "true", HOST: "127.0.0.1", PORT: "0" });
  const database = openDatabase(testDatabase.url, { max: 5 });
  let app: FastifyInstance | undefined;
  try {
    await seedDemoPartnership(database.db);
    app = await buildApp({ config, database, logger: false });
    await app.listen({ host: "127.0.0.1", port: 0 });
    const address = app.server.address();
    if (address === null || typeof address === "string") throw new Error("the demo server has no TCP address");
    const started = app;
    return {
      baseUrl: `http://127.0.0.1:${address.port}`,
      app: started,
      database,
      async close() {
        await started.close();
        await database.close();
        await testDatabase.drop();
      },
    };
  } catch (err) {
    await app?.close();
    await database.close();
    await testDatabase.drop();
    throw err;
  }
}
