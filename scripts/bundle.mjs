#!/usr/bin/env node
// Bundles the CLI (run by `npm run build` after tsc): dist/bundle/armlint.mjs for bin/armlint.js, with what a
// plain lint does not need (other commands, formats, fixes, cache, worker threads, …) in lazily imported chunks.
//
// Input is tsc's output (dist/src, dist/rules), so the bundle runs exactly the code the tests check.
// Packages from node_modules stay imports (they are dependencies, loaded only by the lazy parts).
// Layout: dist/bundle/armlint.mjs (entry), dist/bundle/chunks/*.mjs (shared and lazy chunks, and the
// worker thread entry `worker.mjs`, which src/parallel/pool.ts finds beside its own chunk).
// A chunk's folder is two levels under the package root, like dist/src/<folder>/: code that finds
// files from its own location (cache keys, package.json lookups) sees the same tree from both builds.
import { rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// esbuild (a devDependency) is CommonJS: required, it can also come from NODE_PATH (action.yml installs it outside the package).
const { build } = createRequire(import.meta.url)("esbuild");
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outdir = join(root, "dist/bundle");

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: "dist/src/cli/main.js", out: "armlint" },
    { in: "dist/src/parallel/worker.js", out: "chunks/worker" },
  ],
  outdir,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "node",
  target: "node20",
  packages: "external",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  // Less text for V8 to scan on every start; names are kept readable (no identifier mangling).
  minifyWhitespace: true,
  minifySyntax: true,
  legalComments: "none",
  // Maps back to the TypeScript sources (through tsc's maps, like dist/src), read only under `node --enable-source-maps`.
  sourcemap: "linked",
  sourcesContent: false,
  logLevel: "warning",
});
