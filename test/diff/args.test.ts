// Tests for parsing `armlint diff`, `armlint --base` and `armlint plan` command lines.
import { describe, expect, it } from "vitest";
import { parseArgs, UsageError } from "../../src/cli/args.js";

const DIFF_DEFAULTS = {
  format: "stylish",
  config: undefined,
  noConfig: false,
  color: undefined,
  base: undefined,
  deploymentMode: "complete",
  outputFile: undefined,
  maxWarnings: undefined,
  quiet: false,
  rules: [],
  noInlineConfig: false,
};

describe("parseArgs: diff, --base, plan", () => {
  it("diff BEFORE AFTER", () => {
    expect(parseArgs(["diff", "a.json", "b.json"])).toEqual({ command: "diff", options: { ...DIFF_DEFAULTS, paths: ["a.json", "b.json"] } });
  });

  it("--base makes the default command a comparison, with paths (none: the CLI uses .)", () => {
    expect(parseArgs(["--base", "origin/main", "infra", "-f", "json", "--deployment-mode", "incremental"])).toEqual({
      command: "diff",
      options: { ...DIFF_DEFAULTS, format: "json", base: "origin/main", deploymentMode: "incremental", paths: ["infra"] },
    });
    expect(parseArgs(["--base=HEAD~1"])).toMatchObject({ command: "diff", options: { base: "HEAD~1", paths: [] } });
    expect(parseArgs(["diff", "--base", "main", "x.json"])).toMatchObject({ command: "diff", options: { base: "main", paths: ["x.json"] } });
  });

  it("diff takes the lint report options", () => {
    expect(parseArgs(["diff", "a", "b", "--quiet", "--max-warnings", "3", "-o", "r.txt", "--rule", "foundry/key-vault-switch:warning", "--no-inline-config"])).toMatchObject({
      command: "diff",
      options: { quiet: true, maxWarnings: 3, outputFile: "r.txt", rules: [{ id: "foundry/key-vault-switch", severity: "warning" }], noInlineConfig: true },
    });
  });

  it("plan FILE", () => {
    expect(parseArgs(["plan", "main.json", "--format", "json", "--no-color"])).toEqual({
      command: "plan",
      options: { format: "json", config: undefined, noConfig: false, color: false, paths: ["main.json"], outputFile: undefined },
    });
  });

  it.each([
    [["diff", "a.json"], "'armlint diff' compares two template files (got 1 path)."],
    [["diff", "a", "b", "c"], "'armlint diff' compares two template files (got 3 paths)."],
    [["diff", "a", "b", "--deployment-mode", "stack"], "Unknown deployment mode 'stack'."],
    [["diff", "a", "b", "--parameters", "p.json"], "Option '--parameters' does not apply to 'armlint diff'."],
    [["--base", "main", "--types", "t"], "Option '--types' does not apply to '--base'."],
    [["--base", " "], "Option '--base' needs a git revision (a branch, tag or commit)."],
    [["--deployment-mode", "complete"], "Option '--deployment-mode' applies to 'armlint diff' and '--base' only."],
    [["plan"], "'armlint plan' needs a template file."],
    [["plan", "a.json", "-f", "compact"], "'armlint plan' prints text or JSON (got '--format compact')."],
    [["plan", "a.json", "--base", "main"], "Option '--base' does not apply to 'armlint plan'."],
  ])("usage error: %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });
});
