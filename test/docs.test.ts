// Documentation consistency: every built-in rule has its docs page and a README entry, and every docs link resolves.
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { DOCS_BASE } from "../src/diagnostics.js";

const root = resolve(import.meta.dirname, "..");
const readme = readFileSync(join(root, "README.md"), "utf8");

describe("rule documentation", () => {
  it("every built-in rule links to a docs page that exists in rules/", () => {
    const missing = builtinRules
      .filter((r) => !r.meta.docsUrl.startsWith(DOCS_BASE) || !existsSync(join(root, "rules", r.meta.docsUrl.slice(DOCS_BASE.length))))
      .map((r) => r.meta.id);
    expect(missing).toEqual([]);
  });

  it("every docs page starts with its rule id as the title", () => {
    const wrong = builtinRules.filter((r) => !readFileSync(join(root, "rules", `${r.meta.id}.md`), "utf8").startsWith(`# ${r.meta.id}`)).map((r) => r.meta.id);
    expect(wrong).toEqual([]);
  });

  it("the README lists every built-in rule with its docs link", () => {
    const missing = builtinRules.filter((r) => !readme.includes(`[\`${r.meta.id}\`](rules/${r.meta.id}.md)`)).map((r) => r.meta.id);
    expect(missing).toEqual([]);
  });

  it("rule ids are unique and namespaced", () => {
    const ids = builtinRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^(arm|foundry|types|params)\/[a-z0-9-]+$/);
  });
});
