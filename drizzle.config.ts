import { defineConfig } from "drizzle-kit";

// Tables are declared beside the code that owns them; drizzle-kit generates reviewed SQL into migrations/.
export default defineConfig({
  dialect: "postgresql",
  schema: ["./src/platform/**/*.tables.ts", "./src/modules/**/*.tables.ts"],
  out: "./migrations",
  casing: "snake_case",
});
