import pino from "pino";
import { ConfigError, loadConfig } from "./config.ts";
import { buildApp, buildServices } from "./app.ts";
import { openDatabase } from "./platform/db/client.ts";
import { startDatabase, type RunningDatabase } from "./platform/db/database.ts";
import { DataDirLockedError } from "./platform/db/datadir-lock.ts";
import { loadDemoIfEmpty } from "../seeds/demo.ts";
import { DEMO_PASSWORD, DEMO_USERS } from "../seeds/demo-users.ts";

const SHUTDOWN_GRACE_MS = 25_000;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const log = pino({ level: config.logLevel });

  let running: RunningDatabase;
  try {
    running = await startDatabase(config, (msg) => log.info({ component: "postgres" }, msg));
  } catch (err) {
    if (err instanceof DataDirLockedError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const database = openDatabase(running.url, { onError: (err) => log.warn({ err: err.message }, "database connection lost; the pool will reconnect") });
  const services = buildServices(config, database);
  const seeded = config.loadDemo ? await loadDemoIfEmpty(database.db) : false;
  const app = await buildApp({ config, database, services });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) {
      log.warn({ signal }, "second signal: stopping now");
      process.exit(1);
    }
    stopping = true;
    log.info({ signal }, "stopping: no new requests; finishing those in flight");
    const force = setTimeout(() => {
      log.error("shutdown took too long; exiting");
      process.exit(1);
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    try {
      await app.close();
      await database.close();
      await running.stop();
      log.info("stopped cleanly");
      clearTimeout(force);
      process.exit(0);
    } catch (err) {
      log.error({ err }, "error while stopping");
      process.exit(1);
    }
  };
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));

  try {
    await app.listen({ port: config.port, host: config.host });
  } catch (err) {
    log.error({ err }, "could not listen");
    await database.close();
    await running.stop();
    process.exit(1);
  }
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const url = config.publicUrl ?? `http://${config.host}:${port}`;
  const lines = [
    "",
    `Quorum is running at ${url}`,
    running.embedded ? `Database: embedded PostgreSQL 17, data in ${config.dataDir}` : "Database: DATABASE_URL",
  ];
  if (config.loadDemo) {
    lines.push(seeded ? "Loaded the Kent and Medway demo partnership." : "Demo partnership: Kent and Medway STP.");
    lines.push(`Demo sign-in (password "${DEMO_PASSWORD}"):`);
    for (const u of DEMO_USERS) lines.push(`  ${u.role.padEnd(12)} ${u.email}`);
  }
  lines.push("Press Ctrl+C to stop.", "");
  process.stdout.write(`${lines.join("\n")}\n`);
}

main().catch((err: unknown) => {
  console.error("Quorum could not start:", err instanceof Error ? err.message : err);
  process.exit(1);
});
