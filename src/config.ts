import path from "node:path";
import { z } from "zod";

const booleanFromEnv = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default("127.0.0.1"),
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")
      .optional(),
    QUORUM_DATA_DIR: z.string().min(1).default("./data"),
    /** Secret for signing cookies (CSRF secret cookie). Required in production. */
    SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    /** The public address, used in links sent to people (invitations) and feeds. */
    PUBLIC_URL: z.string().url().optional(),
    /** Slug of the partnership served on host names no partnership claims. */
    DEFAULT_PARTNERSHIP: z.string().min(1).optional(),
    /** Load the demo partnership on first start (default: on, except in production). */
    QUORUM_DEMO: booleanFromEnv.optional(),
    /** Set behind HTTPS-terminating proxies: secure cookies and trusted X-Forwarded-* headers. */
    TRUST_PROXY: booleanFromEnv.default(false),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** Largest request body accepted, in bytes. */
    BODY_LIMIT: z.coerce.number().int().positive().default(1_048_576),
    /** Largest paper (uploaded file) accepted, in bytes. */
    PAPER_MAX_BYTES: z.coerce.number().int().positive().default(26_214_400),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV !== "production") return;
    // In production every secret must be given explicitly; report all that are missing at once.
    if (!env.SESSION_SECRET) ctx.addIssue({ code: "custom", path: ["SESSION_SECRET"], message: "is required in production" });
    if (!env.PUBLIC_URL) ctx.addIssue({ code: "custom", path: ["PUBLIC_URL"], message: "is required in production" });
  });

export type Env = z.infer<typeof schema>;

export interface Config {
  env: Env["NODE_ENV"];
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  publicUrl: string | undefined;
  defaultPartnership: string | undefined;
  loadDemo: boolean;
  trustProxy: boolean;
  logLevel: Env["LOG_LEVEL"];
  bodyLimit: number;
  /** Largest paper (uploaded file) accepted, in bytes. */
  paperMaxBytes: number;
  /** Cookies carry the Secure flag whenever the site is served over HTTPS. */
  secureCookies: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Quorum cannot start: the configuration is not valid.\n${problems.map((p) => `  - ${p}`).join("\n")}\nSee .env.example for every variable.`);
    this.name = "ConfigError";
  }
}

/** A development-only secret; production refuses to start without SESSION_SECRET. */
const DEVELOPMENT_SESSION_SECRET = "quorum-development-secret-do-not-use-in-production";

/** Reads and validates the configuration once, listing every problem together. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings in .env files mean "unset".
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join(".")} ${i.message}`));
  }
  const env = parsed.data;
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    dataDir: path.resolve(env.QUORUM_DATA_DIR),
    sessionSecret: env.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
    publicUrl: env.PUBLIC_URL,
    defaultPartnership: env.DEFAULT_PARTNERSHIP,
    loadDemo: env.QUORUM_DEMO ?? env.NODE_ENV !== "production",
    trustProxy: env.TRUST_PROXY,
    logLevel: env.LOG_LEVEL,
    bodyLimit: env.BODY_LIMIT,
    paperMaxBytes: env.PAPER_MAX_BYTES,
    secureCookies: env.PUBLIC_URL?.startsWith("https://") ?? false,
  };
}
