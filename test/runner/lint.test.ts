// Tests for the programmatic lint API (lintText, lintFiles) on the real analyzer, and the package's exports.
import { afterAll, describe, expect, it } from "vitest";
import * as api from "../../src/index.js";
import { ConfigError, defaultConfig, lintFiles, lintText } from "../../src/index.js";
import { perResourceRule, TempDir, templateText } from "./helpers.js";

const dir = new TempDir().write({
  "a/main.json": templateText(["st1", "st2"]),
  "a/other.json": '{ "name": "pkg" }',
  "a/broken.json": '{ "$schema": "x", ',
  "b/armlint.config.json": JSON.stringify({ ignorePatterns: ["skip-*.json"] }),
  "b/skip-me.json": templateText(["x"]),
  "b/keep.json": templateText(["y"]),
  "bad/armlint.config.json": '{ "nope": 1 }',
  "bad/t.json": templateText([]),
});
afterAll(() => {
  dir.remove();
});

const rule = perResourceRule("arm/per-resource");

describe("lintText", () => {
  it("analyzes and lints a text with the default or a given config", () => {
    const result = lintText(templateText(["st1"]), "/virtual/main.json", defaultConfig({ builtinRules: [rule] }), { cwd: "/virtual" });
    expect(result.file).toBe("/virtual/main.json");
    expect(result.diagnostics.filter((d) => d.ruleId === "arm/per-resource").map((d) => [d.line, d.message])).toEqual([[4, "Resource st1."]]);
  });

  it("reports parse errors with their position", () => {
    const result = lintText('{\n  "a": [1,\n}', "/virtual/x.json", defaultConfig({ builtinRules: [] }));
    expect(result.diagnostics[0]).toMatchObject({ ruleId: "armlint/parse-error", severity: "error", line: 3 });
  });
});

describe("lintFiles", () => {
  it("lints each file (sorted), non-templates get an info note, broken files a parse error", async () => {
    const { results, ignored } = await lintFiles(["a/other.json", "a/main.json", "a/broken.json"], { cwd: dir.path, builtinRules: [rule] });
    expect(ignored).toEqual([]);
    expect(results.map((r) => [r.file.slice(dir.path.length + 1), r.diagnostics.map((d) => d.ruleId)])).toEqual([
      ["a/broken.json", ["armlint/parse-error"]],
      ["a/main.json", ["arm/per-resource", "arm/per-resource"]],
      ["a/other.json", ["armlint/not-a-template"]],
    ]);
  });

  it("leaves out files matched by their config's ignorePatterns", async () => {
    const { results, ignored } = await lintFiles(["b/skip-me.json", "b/keep.json"], { cwd: dir.path, builtinRules: [rule] });
    expect(results.map((r) => r.file)).toEqual([dir.file("b/keep.json")]);
    expect(ignored).toEqual([dir.file("b/skip-me.json")]);
  });

  it("rejects with ConfigError for an invalid config", async () => {
    await expect(lintFiles(["bad/t.json"], { cwd: dir.path, builtinRules: [rule] })).rejects.toBeInstanceOf(ConfigError);
  });

  it("a reading failure is a diagnostic, not an exception", async () => {
    const { results } = await lintFiles(["a/missing.json"], { cwd: dir.path, builtinRules: [rule] });
    expect(results[0]!.diagnostics[0]).toMatchObject({ ruleId: "armlint/parse-error", severity: "error" });
  });
});

describe("public API", () => {
  it("exports analysis, linting, config, formatters and the rule API", () => {
    for (const name of [
      "analyzeText",
      "analyzeFile",
      "lintAnalysis",
      "lintText",
      "lintFiles",
      "loadConfigFile",
      "defaultConfig",
      "ConfigResolver",
      "findConfigFile",
      "formatResults",
      "formatStylish",
      "formatJson",
      "formatCompact",
      "formatUnix",
      "defineRule",
      "builtinRules",
      "discoverFiles",
      "main",
    ]) {
      expect(api, name).toHaveProperty(name);
    }
  });
});
