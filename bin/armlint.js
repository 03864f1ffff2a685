#!/usr/bin/env node
// armlint command-line entry: hands off to the bundled CLI (dist/bundle/armlint.mjs, built by `npm run build`).
import { main, tuneV8 } from "../dist/bundle/armlint.mjs";

// V8 flags for a short run of much code (src/cli/v8-tuning.ts), set before any of it gets hot.
tuneV8(process.env);
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`armlint: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
