#!/usr/bin/env node
// Prints the README's rules table from the built rule registry (run `npm run build` first).
import { builtinRules } from "../dist/rules/index.js";

const rows = [...builtinRules].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
console.log("| rule | default | what it checks |");
console.log("|---|---|---|");
for (const r of rows) {
  const { id, defaultSeverity, description } = r.meta;
  console.log(`| [\`${id}\`](rules/${id}.md) | ${defaultSeverity} | ${description.replaceAll("|", "\\|")} |`);
}
