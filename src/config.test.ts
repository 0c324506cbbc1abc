import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./config.ts";

describe("loadConfig", () => {
  it("has working defaults for development", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: "127.0.0.1", databaseUrl: undefined, loadDemo: true, secureCookies: false });
    expect(config.dataDir).toMatch(/\/data$/);
  });

  it("refuses to start in production without its secrets, listing all of them at once", () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: "production" });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join("\n");
    expect(problems).toContain("SESSION_SECRET");
    expect(problems).toContain("PUBLIC_URL");
  });

  it("lists every invalid value together", () => {
    expect(() => loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" })).toThrow(/PORT[\s\S]*DATABASE_URL[\s\S]*LOG_LEVEL|PORT[\s\S]*LOG_LEVEL/);
    try {
      loadConfig({ PORT: "seventy", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud" });
    } catch (err) {
      expect((err as ConfigError).problems).toHaveLength(3);
    }
  });

  it("starts in production with its secrets, with secure cookies behind https and no demo", () => {
    const config = loadConfig({ NODE_ENV: "production", SESSION_SECRET: "s".repeat(40), PUBLIC_URL: "https://governance.example.nhs.uk", DATABASE_URL: "postgres://db/quorum" });
    expect(config).toMatchObject({ secureCookies: true, loadDemo: false });
  });
});
