import { defineConfig } from "vitest/config";

// Three tiers: unit tests beside the code (*.test.ts), integration tests on real PostgreSQL
// (*.int.test.ts; each file gets its own database cloned from a migrated template), and browser
// tests (tests/e2e, headless Debian Chromium with axe).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["src/**/*.test.ts", "seeds/**/*.test.ts"],
          // Integration tests anywhere (src/, seeds/) need the database global setup of their own project.
          exclude: ["**/*.int.test.ts", "node_modules/**"],
        },
      },
      {
        test: {
          name: "integration",
          include: ["src/**/*.int.test.ts", "tests/**/*.int.test.ts", "seeds/**/*.int.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["tests/e2e/**/*.e2e.test.ts"],
          globalSetup: ["tests/setup/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
