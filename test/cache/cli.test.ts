// `--cache` and `--cache-location` through the CLI: same output from the cache, and re-linted when a linked template or the config changes.
import { existsSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../cli/helpers.js";
import { TEMPLATE_SCHEMA, tempDirs, type TempDir } from "../runner/helpers.js";

const SA = "Microsoft.Storage/storageAccounts";
const temps = tempDirs();

beforeAll(() => {
  ensureBuilt();
});

function template(resources: unknown[]): string {
  return `${JSON.stringify({ $schema: TEMPLATE_SCHEMA, contentVersion: "1.0.0.0", resources }, null, 2)}\n`;
}

function project(): TempDir {
  return temps({
    "infra/main.json": template([{ type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: "child", properties: { mode: "Incremental", templateLink: { relativePath: "modules/child.json" } } }]),
    "infra/modules/child.json": template([{ type: SA, apiVersion: "2023-01-01", name: "a", dependsOn: ["nothing-here"] }]),
    "infra/other.json": template([{ type: SA, apiVersion: "2023-01-01", name: "b", dependsOn: ["also-nothing"] }]),
    "armlint.config.json": JSON.stringify({ rules: { "arm/unknown-dependency": "error" } }),
    "infra/modules/armlint.config.json": JSON.stringify({ rules: { "arm/unknown-dependency": "off" } }),
  });
}

/** Lints infra/ with the cache; `reused` and `linted` come from the ARMLINT_DEBUG line. */
function lint(dir: TempDir, extra: string[] = ["--cache"]): { code: number; stdout: string; reused: number; linted: number } {
  const run = runCli(["--format", "json", ...extra, "infra"], { cwd: dir.path, env: { ARMLINT_DEBUG: "1" } });
  const counts = /cache .*: (\d+) reused, (\d+) linted/.exec(run.stderr);
  return { code: run.code, stdout: run.stdout, reused: Number(counts?.[1] ?? -1), linted: Number(counts?.[2] ?? -1) };
}

function touch(file: string, content: string): void {
  writeFileSync(file, content);
  const later = new Date(Date.now() + 10_000);
  utimesSync(file, later, later);
}

describe("--cache through the CLI", () => {
  it("writes ./.armlintcache; an unchanged repository is answered from it with identical output", () => {
    const dir = project();
    const first = lint(dir);
    expect(first).toMatchObject({ code: 1, reused: 0, linted: 3 });
    expect(existsSync(dir.file(".armlintcache"))).toBe(true);
    const second = lint(dir);
    expect(second).toMatchObject({ code: 1, reused: 3, linted: 0 });
    expect(second.stdout).toBe(first.stdout);
    expect(runCli(["--format", "json", "infra"], { cwd: dir.path }).stdout).toBe(first.stdout);
  }, 120_000);

  it("a changed linked template re-lints the template that links it", () => {
    const dir = project();
    const before = lint(dir);
    touch(dir.file("infra/modules/child.json"), template([{ type: SA, apiVersion: "2023-01-01", name: "a" }]));
    const after = lint(dir);
    // main.json (which links it) and child.json itself; other.json is reused.
    expect(after).toMatchObject({ reused: 1, linted: 2 });
    expect(after.stdout).not.toBe(before.stdout);
    expect(after.stdout).not.toContain("nothing-here");
  }, 120_000);

  it("a changed config re-lints every file under it (infra/modules/ has its own)", () => {
    const dir = project();
    expect(lint(dir).code).toBe(1);
    touch(dir.file("armlint.config.json"), JSON.stringify({ rules: { "arm/unknown-dependency": "off" } }));
    const after = lint(dir);
    expect(after).toMatchObject({ code: 0, reused: 1, linted: 2 });
    expect(after.stdout).not.toContain("arm/unknown-dependency");
  }, 120_000);

  it("--rule overrides are part of the key too", () => {
    const dir = project();
    lint(dir);
    const after = lint(dir, ["--cache", "--rule", "arm/unknown-dependency:warning"]);
    expect(after).toMatchObject({ code: 0, reused: 0, linted: 3 });
  }, 120_000);

  it("--cache-location: a file, or a folder that gets .armlintcache; nothing is written to ./.armlintcache", () => {
    const dir = project();
    expect(lint(dir, ["--cache-location", "build/lint-cache.json"]).linted).toBe(3);
    expect(existsSync(dir.file("build/lint-cache.json"))).toBe(true);
    expect(lint(dir, ["--cache", "--cache-location", "build/lint-cache.json"]).reused).toBe(3);
    expect(lint(dir, ["--cache", "--cache-location", "tmp-cache/"]).linted).toBe(3);
    expect(existsSync(join(dir.path, "tmp-cache/.armlintcache"))).toBe(true);
    expect(existsSync(dir.file(".armlintcache"))).toBe(false);
  }, 120_000);

  it("with --jobs 2 the cache gives the same output", () => {
    const dir = project();
    const plain = runCli(["--format", "json", "infra"], { cwd: dir.path });
    const threads = lint(dir, ["--cache", "--jobs", "2"]);
    const again = lint(dir, ["--cache", "--jobs", "2"]);
    expect(again).toMatchObject({ reused: 3, linted: 0 });
    expect(threads.stdout).toBe(plain.stdout);
    expect(again.stdout).toBe(plain.stdout);
    // child.json has no findings of its own, only main.json's: its text is in the report all the same.
    expect((JSON.parse(again.stdout) as { filePath: string; source?: string }[]).find((r) => r.filePath.endsWith("child.json"))?.source).toContain("nothing-here");
  }, 120_000);

  it("a corrupt cache file is replaced with a warning, not an error", () => {
    const dir = project();
    writeFileSync(dir.file(".armlintcache"), "{ this is not json");
    const run = runCli(["--format", "json", "--cache", "infra"], { cwd: dir.path });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("was not used (it is not valid JSON); it will be rewritten");
    expect(() => JSON.parse(readFileSync(dir.file(".armlintcache"), "utf8")) as unknown).not.toThrow();
  }, 120_000);
});
