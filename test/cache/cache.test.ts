// `--cache`: results reused only while the file and everything its result depends on are unchanged (linked templates, parameters, config, plugins).
import { cpSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheFilePath, CACHE_FILE_NAME, LintCache } from "../../src/cache/cache.js";
import { lintTasks } from "../../src/parallel/run.js";
import { formatResults } from "../../src/report/index.js";
import type { FileTask } from "../../src/parallel/task.js";
import { ROOT } from "../cli/helpers.js";
import { TEMPLATE_SCHEMA, tempDirs, type TempDir } from "../runner/helpers.js";

const temps = tempDirs("each");

function template(resources: unknown[], extra: Record<string, unknown> = {}): string {
  return `${JSON.stringify({ $schema: TEMPLATE_SCHEMA, contentVersion: "1.0.0.0", ...extra, resources }, null, 2)}\n`;
}

const SA = "Microsoft.Storage/storageAccounts";

function project(): TempDir {
  return temps({
    "main.json": template([
      { type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: "child", properties: { mode: "Incremental", templateLink: { relativePath: "modules/child.json" } } },
      { type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: "later", properties: { mode: "Incremental", templateLink: { relativePath: "modules/later.json" } } },
    ]),
    "modules/child.json": template([{ type: SA, apiVersion: "2023-01-01", name: "a", dependsOn: ["nothing-here"] }]),
    "other.json": template([{ type: SA, apiVersion: "2023-01-01", name: "[parameters('name')]" }], { parameters: { name: { type: "string" }, unused: { type: "string" } } }),
    "other.parameters.json": JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: { name: { value: "x" } } }),
    "armlint.config.json": JSON.stringify({ rules: { "arm/unused-parameter": "warning" } }),
    // child.json has no findings of its own (the rule is off there), only those main.json's run puts in it:
    // the JSON report still shows its text, with or without the cache.
    "modules/armlint.config.json": JSON.stringify({ rules: { "arm/unknown-dependency": "off" } }),
  });
}

function tasks(dir: TempDir): FileTask[] {
  return [{ file: dir.file("main.json") }, { file: dir.file("modules/child.json") }, { file: dir.file("other.json"), parameters: dir.file("other.parameters.json") }];
}

async function lintWithCache(dir: TempDir): Promise<{ cache: LintCache; summary: string[] }> {
  const cache = new LintCache(join(dir.path, CACHE_FILE_NAME));
  const run = await lintTasks(tasks(dir), { setup: { cwd: dir.path, config: { source: { kind: "discover" }, overrides: [] }, lint: {} }, cache });
  expect(cache.save()).toBeUndefined();
  const summary = run.results.flatMap((r) => r.diagnostics.map((d) => `${d.file.slice(dir.path.length + 1)}:${d.line} ${d.ruleId}`));
  return { cache, summary };
}

/** Rewrites a file with new content (and a new time, so nothing could pass for unchanged by time). */
function rewrite(file: string, content: string): void {
  writeFileSync(file, content);
  const later = new Date(Date.now() + 5_000);
  utimesSync(file, later, later);
}

describe("the lint cache", () => {
  it("reuses every result of an unchanged project, identical to a fresh run", async () => {
    const dir = project();
    const first = await lintWithCache(dir);
    expect(first.cache.hits).toBe(0);
    expect(first.cache.misses).toBe(3);
    expect(first.summary).toContain("modules/child.json:10 arm/unknown-dependency");
    const second = await lintWithCache(dir);
    expect(second.cache.hits).toBe(3);
    expect(second.summary).toEqual(first.summary);
    const fresh = await lintTasks(tasks(dir), { setup: { cwd: dir.path, config: { source: { kind: "discover" }, overrides: [] }, lint: {} } });
    const cached = await lintTasks(tasks(dir), { setup: { cwd: dir.path, config: { source: { kind: "discover" }, overrides: [] }, lint: {} }, cache: new LintCache(join(dir.path, CACHE_FILE_NAME)) });
    expect(cached.results.map((r) => r.diagnostics)).toEqual(fresh.results.map((r) => r.diagnostics));
    for (const format of ["json", "stylish", "compact"] as const) expect(formatResults(cached.results, format)).toBe(formatResults(fresh.results, format));
    expect(formatResults(cached.results, "json")).toContain(`"filePath":${JSON.stringify(dir.file("modules/child.json"))}`);
    expect(cached.results.find((r) => r.file === dir.file("modules/child.json"))?.source).toBe(readFileSync(dir.file("modules/child.json"), "utf8"));
  });

  it("re-lints a file whose linked template changed", async () => {
    const dir = project();
    await lintWithCache(dir);
    rewrite(dir.file("modules/child.json"), template([{ type: SA, apiVersion: "2023-01-01", name: "a" }]));
    const after = await lintWithCache(dir);
    expect(after.cache.hits).toBe(1);
    expect(after.summary).not.toContain("modules/child.json:10 arm/unknown-dependency");
  });

  it("re-lints a file when a linked template that was missing appears", async () => {
    const dir = project();
    await lintWithCache(dir);
    dir.write({ "modules/later.json": template([{ type: SA, apiVersion: "2023-01-01", name: "b", dependsOn: ["also-nothing"] }]) });
    const after = await lintWithCache(dir);
    expect(after.cache.hits).toBe(2);
    expect(after.summary).toContain("modules/later.json:10 arm/unknown-dependency");
  });

  it("re-lints every file under a config when it changes (modules/ has its own)", async () => {
    const dir = project();
    const before = await lintWithCache(dir);
    expect(before.summary.some((line) => /^other\.json:\d+ arm\/unused-parameter$/.test(line))).toBe(true);
    rewrite(dir.file("armlint.config.json"), JSON.stringify({ rules: { "arm/unused-parameter": "off" } }));
    const after = await lintWithCache(dir);
    expect(after.cache.hits).toBe(1);
    expect(after.summary.some((line) => line.endsWith("arm/unused-parameter"))).toBe(false);
  });

  it("re-lints a file whose parameters file changed", async () => {
    const dir = project();
    await lintWithCache(dir);
    rewrite(dir.file("other.parameters.json"), JSON.stringify({ parameters: { name: { value: "x" }, typo: { value: 1 } } }));
    const after = await lintWithCache(dir);
    expect(after.cache.hits).toBe(2);
  });

  it("re-lints when a plugin's code changes (the files whose config loads it)", async () => {
    const dir = project();
    cpSync(join(ROOT, "fixtures/plugins/test-plugin"), dir.file("plugins/test-plugin"), { recursive: true });
    rewrite(dir.file("armlint.config.json"), JSON.stringify({ plugins: ["./plugins/test-plugin"], rules: { "test/resource": "warning" } }));
    const before = await lintWithCache(dir);
    expect((await lintWithCache(dir)).cache.hits).toBe(3);
    const plugin = dir.file("plugins/test-plugin/index.js");
    rewrite(plugin, `${readFileSync(plugin, "utf8")}\n// changed\n`);
    const after = await lintWithCache(dir);
    expect(after.cache.hits).toBe(1);
    expect(after.summary).toEqual(before.summary);
  });

  it("re-lints a file whose own bytes changed, even with the same size and time", async () => {
    const dir = project();
    await lintWithCache(dir);
    const file = dir.file("other.json");
    const text = readFileSync(file, "utf8");
    const { atime, mtime } = statSync(file);
    writeFileSync(file, text.replace('"unused"', '"unusee"'));
    utimesSync(file, atime, mtime);
    const after = await lintWithCache(dir);
    expect(after.cache.hits).toBe(2);
    expect(after.summary.filter((line) => line.endsWith("arm/unused-parameter"))).toHaveLength(1);
  });

  it("a corrupt or foreign cache file is set aside, never an error", async () => {
    const dir = project();
    for (const content of ["{ not json", JSON.stringify({ hello: "world" }), JSON.stringify({ format: 1, stamp: "other", entries: { x: 1 } }), "\u0000\u0001"]) {
      writeFileSync(join(dir.path, CACHE_FILE_NAME), content);
      const run = await lintWithCache(dir);
      expect(run.cache.hits).toBe(0);
      expect(run.summary).toContain("modules/child.json:10 arm/unknown-dependency");
    }
  });

  it("--cache-location: a file, or a folder to hold .armlintcache", () => {
    const dir = project();
    expect(cacheFilePath(undefined, dir.path)).toBe(join(dir.path, CACHE_FILE_NAME));
    expect(cacheFilePath("build/lint.cache", dir.path)).toBe(join(dir.path, "build/lint.cache"));
    expect(cacheFilePath("modules", dir.path)).toBe(join(dir.path, "modules", CACHE_FILE_NAME));
    expect(cacheFilePath("new-folder/", dir.path)).toBe(join(dir.path, "new-folder", CACHE_FILE_NAME));
  });
});
