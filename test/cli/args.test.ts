// Tests for the argv parser: every option, both value forms, subcommands, and usage errors with hints.
import { describe, expect, it } from "vitest";
import { parseArgs, UsageError, type LintOptions } from "../../src/cli/args.js";

function lint(argv: string[]): LintOptions {
  const parsed = parseArgs(argv);
  if (parsed.command !== "lint") throw new Error(`expected lint, got ${parsed.command}`);
  return parsed.options;
}

function usageError(argv: string[]): string {
  try {
    parseArgs(argv);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return `${(error as UsageError).message} | ${(error as UsageError).hint}`;
  }
  throw new Error("expected a usage error");
}

describe("parseArgs", () => {
  it("has defaults", () => {
    expect(lint([])).toEqual({
      paths: [],
      format: "stylish",
      outputFile: undefined,
      maxWarnings: undefined,
      quiet: false,
      rules: [],
      config: undefined,
      noConfig: false,
      color: undefined,
    });
  });

  it("reads every option, as `--opt value` and `--opt=value`", () => {
    const options = lint([
      "a.json",
      "--format=json",
      "--output-file",
      "out/r.json",
      "--max-warnings=3",
      "--quiet",
      "--rule",
      "arm/x:off",
      "--rule=plugin/y:info",
      "--config",
      "c.json",
      "--color",
      "dir",
    ]);
    expect(options).toEqual({
      paths: ["a.json", "dir"],
      format: "json",
      outputFile: "out/r.json",
      maxWarnings: 3,
      quiet: true,
      rules: [
        { id: "arm/x", severity: "off" },
        { id: "plugin/y", severity: "info" },
      ],
      config: "c.json",
      noConfig: false,
      color: true,
    });
  });

  it("short aliases, last --color/--no-color wins, -- ends options", () => {
    const options = lint(["-f", "unix", "-o", "x.txt", "-c", "cfg.json", "--color", "--no-color", "--", "--weird-name.json"]);
    expect(options).toMatchObject({ format: "unix", outputFile: "x.txt", config: "cfg.json", color: false, paths: ["--weird-name.json"] });
  });

  it("--max-warnings -1 means no limit", () => {
    expect(lint(["--max-warnings", "-1"]).maxWarnings).toBeUndefined();
    expect(lint(["--max-warnings", "0"]).maxWarnings).toBe(0);
  });

  it("--help and --version win over everything else", () => {
    expect(parseArgs(["x.json", "--help"])).toEqual({ command: "help" });
    expect(parseArgs(["-h"])).toEqual({ command: "help" });
    expect(parseArgs(["--version", "x"])).toEqual({ command: "version" });
    expect(parseArgs(["-v"])).toEqual({ command: "version" });
  });

  it("the rules subcommand takes the common options only", () => {
    expect(parseArgs(["rules", "--format", "json", "--no-config"])).toEqual({
      command: "rules",
      options: { format: "json", config: undefined, noConfig: true, color: undefined },
    });
    expect(usageError(["rules", "--quiet"])).toMatch(/Option '--quiet' does not apply to 'armlint rules'/);
    expect(usageError(["rules", "x"])).toMatch(/takes no paths.*\| To lint a folder named 'rules', run 'armlint \.\/rules'/);
    expect(lint(["./rules"]).paths).toEqual(["./rules"]);
  });

  it.each([
    [["--fromat", "json"], /^Unknown option '--fromat'\. Did you mean '--format'\? \| Run 'armlint --help' for usage\.$/],
    [["--nonsense"], /^Unknown option '--nonsense'\. \| Run 'armlint --help'/],
    [["-x"], /^Unknown option '-x'/],
    [["--format"], /^Option '--format' needs a value/],
    [["--config", "--quiet"], /^Option '--config' needs a value/],
    [["--quiet=yes"], /^Option '--quiet' takes no value/],
    [["--format", "pmd"], /^Unknown format 'pmd'\. \| Use one of: stylish, json, compact, unix, sarif, github, junit, checkstyle, azure-devops\.$/],
    [["--max-warnings", "many"], /needs a whole number \(got 'many'\)/],
    [["--max-warnings", "-5"], /must be 0 or more/],
    [["--rule", "arm/x"], /needs 'id:severity' \(got 'arm\/x'\)\. \| Example: --rule arm\/unused-parameter:off/],
    [["--rule", "arm/x:warn"], /Invalid severity 'warn' in '--rule arm\/x:warn'\. \| Use one of: off, info, warning, error\./],
    [["--config", "a.json", "--no-config"], /cannot be used together/],
  ])("usage error for %j", (argv, expected) => {
    expect(usageError(argv)).toMatch(expected);
  });
});
