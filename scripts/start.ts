/**
 * `npm start`: builds the server bundle (scripts/build.ts, under a second) and runs it in this
 * process, so signals reach the server itself and it shuts PostgreSQL down as it should.
 */
import { pathToFileURL } from "node:url";
import { buildServer } from "./build.ts";

const bundle = await buildServer();
// Stack traces name the TypeScript source, not the bundle.
process.setSourceMapsEnabled(true);
await import(pathToFileURL(bundle).href);
