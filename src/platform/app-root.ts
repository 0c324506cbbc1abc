import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The directory Quorum is installed in (package.json, migrations/, node_modules/), found by walking
 * up from this file. The same answer whether the code runs from src/ (tsx, tests) or from the
 * server bundle in dist/ (npm start, scripts/build.ts), where paths relative to a source file no
 * longer hold.
 */
export const APP_ROOT = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

function findAppRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, "package.json")) && existsSync(path.join(dir, "migrations"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`Quorum's installation (package.json and migrations/) was not found above ${start}`);
  }
}
