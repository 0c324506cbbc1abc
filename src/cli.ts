import { parseArgs } from "node:util";
import { randomBytes } from "node:crypto";
import { z } from "zod";
import { ConfigError, loadConfig } from "./config.ts";
import { openDatabase, type DatabaseHandle } from "./platform/db/client.ts";
import { startDatabase, type RunningDatabase } from "./platform/db/database.ts";
import { DataDirLockedError } from "./platform/db/datadir-lock.ts";
import { runMigrations } from "./platform/db/migrate.ts";
import { accountsService } from "./modules/accounts/accounts.service.ts";
import { ROLES, TOKEN_SCOPES } from "./modules/accounts/accounts.tables.ts";
import { partnershipsRepository } from "./modules/partnerships/partnerships.repository.ts";
import { loadDemoIfEmpty } from "../seeds/demo.ts";

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  migrate                              Apply database migrations.
  seed                                 Load the Kent and Medway demo partnership into an empty database.
  db:reset --yes                       Drop everything, migrate, and load the demo partnership (never in production).
  user:create --email E --name N --role R [--password P] [--partnership SLUG]
                                       Create a user (or reset their password) with a role; roles: ${ROLES.join(", ")}.
                                       Without --password a random one is generated and printed.
  token:create --email E --scope read|write [--name N] [--partnership SLUG]
                                       Print a new personal access token for the user (shown once).

With DATABASE_URL unset the CLI starts the embedded PostgreSQL in QUORUM_DATA_DIR, so stop a
running Quorum on that directory first.`;

class UsageError extends Error {}

async function withDatabase<T>(fn: (database: DatabaseHandle, running: RunningDatabase) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const running = await startDatabase(config, () => {});
  const database = openDatabase(running.url, { max: 2 });
  try {
    return await fn(database, running);
  } finally {
    await database.close();
    await running.stop();
  }
}

async function partnershipIdFor(database: DatabaseHandle, slug: string | undefined): Promise<string> {
  const repo = partnershipsRepository(database.db);
  const row = slug ? await repo.findBySlug(slug) : await repo.findFirst();
  if (!row) throw new UsageError(slug ? `No partnership with slug "${slug}".` : "There is no partnership yet: run `npm run cli -- seed` first.");
  return row.id;
}

function option(values: Record<string, string | boolean | undefined>, name: string): string | undefined {
  const v = values[name];
  return typeof v === "string" ? v : undefined;
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      name: { type: "string" },
      role: { type: "string" },
      password: { type: "string" },
      partnership: { type: "string" },
      scope: { type: "string" },
      yes: { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  const command = positionals[0];
  if (!command || values.help) {
    console.log(USAGE);
    return command ? 0 : 1;
  }
  switch (command) {
    case "migrate":
      await withDatabase(async (_db, running) => {
        await runMigrations(running.url, (m) => console.log(m));
      });
      console.log("Migrations applied.");
      return 0;
    case "seed":
      await withDatabase(async (database) => {
        console.log((await loadDemoIfEmpty(database.db)) ? "Loaded the Kent and Medway demo partnership." : "The database already has a partnership; nothing loaded.");
      });
      return 0;
    case "db:reset": {
      const config = loadConfig();
      if (config.env === "production") throw new UsageError("db:reset is refused in production.");
      if (!values.yes) throw new UsageError("db:reset deletes every record. Run it again with --yes to confirm.");
      await withDatabase(async (database, running) => {
        await database.pool.query("drop schema if exists drizzle cascade; drop schema public cascade; create schema public;");
        await runMigrations(running.url);
        await loadDemoIfEmpty(database.db);
      });
      console.log("Database reset and the demo partnership loaded.");
      return 0;
    }
    case "user:create": {
      const input = z
        .object({
          email: z.email({ error: "--email must be an email address" }),
          name: z.string({ error: "--name is required" }).min(1),
          role: z.enum(ROLES, { error: `--role must be one of ${ROLES.join(", ")}` }),
          password: z.string().min(12, "--password must be 12 characters or more").optional(),
        })
        .safeParse({ email: option(values, "email"), name: option(values, "name"), role: option(values, "role"), password: option(values, "password") });
      if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join("\n"));
      const password = input.data.password ?? randomBytes(12).toString("base64url");
      await withDatabase(async (database) => {
        const partnershipId = await partnershipIdFor(database, option(values, "partnership"));
        await accountsService({ db: database.db }).createUserWithPassword({ partnershipId, ...input.data, password });
      });
      console.log(`User ${input.data.email} can now sign in as ${input.data.role}.`);
      if (!input.data.password) console.log(`Password: ${password}`);
      return 0;
    }
    case "token:create": {
      const email = option(values, "email");
      const scope = z.enum(TOKEN_SCOPES).safeParse(option(values, "scope"));
      if (!email || !scope.success) throw new UsageError("token:create needs --email and --scope read|write");
      const secret = await withDatabase(async (database) => {
        const partnershipId = await partnershipIdFor(database, option(values, "partnership"));
        const accounts = accountsService({ db: database.db });
        const user = await accounts.findUserByEmail(email);
        if (!user) throw new UsageError(`No user with email ${email}.`);
        return accounts.createTokenFor({ partnershipId, userId: user.id, name: option(values, "name") ?? "Created with the CLI", scope: scope.data });
      });
      console.log(secret);
      return 0;
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

runCli(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    if (err instanceof UsageError || err instanceof ConfigError || err instanceof DataDirLockedError) console.error(err.message);
    else console.error("Failed:", err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
