#!/usr/bin/env node
// armlint command-line entry: hands off to the bundled CLI (dist/bundle/armlint.mjs, built by `npm run build`).
import { main } from "../dist/bundle/armlint.mjs";

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`armlint: internal error: ${err && err.message ? err.message : String(err)}\n`);
    process.exitCode = 2;
  },
);
