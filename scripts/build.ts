/**
 * Builds the server bundle that `npm start` runs: `npm run build` (or `node scripts/build.ts`).
 *
 * esbuild compiles src/server.ts and everything of ours it imports (TypeScript, TSX) into one
 * ES module, dist/server.js, with a source map. Packages stay in node_modules and are loaded by
 * Node as usual, except drizzle-orm, which is compiled in: Node reads a package's package.json
 * for every module it loads from it, and drizzle-orm's is 179 KB over some 450 modules. That alone
 * grew the heap by about 130 MB at start-up, which V8 then kept (docs/performance.md, memory;
 * ADR 0006).
 */
import { build } from "esbuild";
import { mkdir, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const SERVER_BUNDLE = path.join(ROOT, "dist", "server.js");

/** Packages compiled into the bundle rather than loaded from node_modules. */
const BUNDLED_PACKAGES = new Set(["drizzle-orm"]);

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
}

/** Builds dist/server.js (and its map) and returns its path. Safe to run from two processes at once. */
export async function buildServer(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, "src", "server.ts")],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node22",
    jsx: "automatic",
    sourcemap: "linked",
    write: false,
    logLevel: "warning",
    plugins: [
      {
        name: "packages-from-node-modules",
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) => (BUNDLED_PACKAGES.has(packageName(args.path)) ? undefined : { path: args.path, external: true }));
        },
      },
    ],
  });
  await mkdir(path.dirname(SERVER_BUNDLE), { recursive: true });
  // Written aside then renamed, so a server starting at the same moment never reads half a file.
  const suffix = `.${process.pid}.tmp`;
  for (const file of result.outputFiles) await writeFile(file.path + suffix, file.contents);
  for (const file of result.outputFiles) await rename(file.path + suffix, file.path);
  return SERVER_BUNDLE;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  const out = await buildServer();
  console.log(`Built ${path.relative(ROOT, out)} in ${Date.now() - started} ms`);
}
