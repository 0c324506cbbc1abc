import { createRequire } from "node:module";
import path from "node:path";
import { APP_ROOT } from "../app-root.ts";

const require = createRequire(import.meta.url);

/** nhsuk-frontend's built CSS, JS and assets, served from the package itself. */
export const NHSUK_FRONTEND_DIR = path.join(path.dirname(require.resolve("nhsuk-frontend/package.json")), "dist", "nhsuk");

/** Quorum's own small stylesheet and enhancement script. */
export const APP_ASSETS_DIR = path.join(APP_ROOT, "src", "platform", "views", "public");

/** Cache-busting token: the nhsuk-frontend version plus our package version. */
export const ASSET_VERSION = (require("nhsuk-frontend/package.json") as { version: string }).version;
