// The CLI with parameters files and type data: --parameters, <template>.parameters.json beside a template, --types, config keys.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../cli/helpers.js";
import { TempDir } from "../runner/helpers.js";
import { NO_TYPE_DATA, PARAMS_FIXTURES, TYPE_DATA, typeDataPresent, TYPES_FIXTURES } from "../types/helpers.js";

interface JsonReport {
  filePath: string;
  messages: { ruleId: string; message: string; line: number }[];
}

const temp = new TempDir();
const env = { ARMLINT_CACHE_DIR: temp.file("cache") };

beforeAll(() => {
  ensureBuilt();
});
afterAll(() => {
  temp.remove();
});

/** `file ruleId` of every finding, paths relative to `base`. */
function findings(stdout: string, base: string): string[] {
  const reports = JSON.parse(stdout) as JsonReport[];
  return reports.flatMap((r) => r.messages.map((m) => `${path.relative(base, r.filePath)} ${m.ruleId}`));
}

describe("parameters files in the CLI", () => {
  it("--parameters FILE: values make a finding definite, and the file is checked", () => {
    const run = runCli(["--no-config", "-f", "json", "kv-loop/main.json", "--parameters", "kv-loop/two.parameters.json"], { cwd: PARAMS_FIXTURES, env });
    expect(findings(run.stdout, PARAMS_FIXTURES)).toContain("kv-loop/main.json foundry/single-key-vault-connection");
    const one = runCli(["--no-config", "-f", "json", "kv-loop/main.json", "--parameters", "kv-loop/one.parameters.json"], { cwd: PARAMS_FIXTURES, env });
    expect(findings(one.stdout, PARAMS_FIXTURES)).not.toContain("kv-loop/main.json foundry/single-key-vault-connection");
    const bad = runCli(["--no-config", "-f", "json", "rules/main.json", "--parameters", "rules/bad.parameters.json"], { cwd: PARAMS_FIXTURES, env });
    expect(bad.code).toBe(1);
    expect(findings(bad.stdout, PARAMS_FIXTURES).filter((f) => f.startsWith("rules/bad.parameters.json"))).toHaveLength(7);
  });

  it("a folder: <template>.parameters.json is used for its template (not skipped); others stay skipped", () => {
    const run = runCli(["--no-config", "-f", "json", "connection-name"], { cwd: PARAMS_FIXTURES, env });
    expect(findings(run.stdout, PARAMS_FIXTURES)).toEqual(["connection-name/main.json types/invalid-value"]);
    expect(run.stderr).toBe("armlint: 1 parameter file skipped\n");
    const report = (JSON.parse(run.stdout) as JsonReport[])[0]!;
    expect(report.messages[0]!.message).toContain("(Value from main.parameters.json: parameters 'projectName', 'searchConnectionName'.)");
  });

  it("parameters files named on the command line (a shell glob, a pre-commit hook) are used with their templates", () => {
    const cwd = path.join(PARAMS_FIXTURES, "connection-name");
    const expected = ["connection-name/main.json types/invalid-value"];
    const both = runCli(["--no-config", "-f", "json", "main.json", "main.parameters.json"], { cwd, env });
    expect(findings(both.stdout, PARAMS_FIXTURES)).toEqual(expected);
    expect(both.stderr).toBe("");
    // Only the parameters file changed: its template is linted with it.
    const alone = runCli(["--no-config", "-f", "json", "main.parameters.json"], { cwd, env });
    expect(findings(alone.stdout, PARAMS_FIXTURES)).toEqual(expected);
    expect((JSON.parse(alone.stdout) as JsonReport[])[0]!.messages[0]!.message).toContain("(Value from main.parameters.json:");
    // short.parameters.json has no short.json beside it: reported, not silently dropped.
    const orphan = runCli(["--no-config", "-f", "json", "short.parameters.json"], { cwd, env });
    expect(findings(orphan.stdout, PARAMS_FIXTURES)).toEqual(["connection-name/short.parameters.json armlint/not-a-template"]);
    expect((JSON.parse(orphan.stdout) as JsonReport[])[0]!.messages[0]!.message).toBe(
      "A deployment parameters file, not a template: armlint checks it with its template. Lint the template with '--parameters short.parameters.json', or keep it beside the template as '<template>.parameters.json' (used automatically).",
    );
    expect(orphan.code).toBe(0);
  });

  it('config "discoverParameterFiles": false turns the pairing off', () => {
    const dir = temp.file("no-discovery");
    cpSync(path.join(PARAMS_FIXTURES, "connection-name"), dir, { recursive: true });
    writeFileSync(path.join(dir, "armlint.config.json"), '{ "discoverParameterFiles": false }');
    const run = runCli(["-f", "json", "."], { cwd: dir, env });
    expect(findings(run.stdout, dir)).toEqual([]);
    expect(run.stderr).toBe("armlint: 2 parameter files skipped\n");
  });

  it("--parameters with several templates is a usage error (exit 2)", () => {
    const run = runCli(["--no-config", "kv-loop", "connection-name", "--parameters", "kv-loop/one.parameters.json"], { cwd: PARAMS_FIXTURES, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Option '--parameters' applies to one template, but 2 files were found.");
  });

  it("a missing --parameters file is an unreadable input (exit 2)", () => {
    const run = runCli(["--no-config", "-f", "json", "kv-loop/main.json", "--parameters", "kv-loop/missing.parameters.json"], { cwd: PARAMS_FIXTURES, env });
    expect(run.code).toBe(2);
    expect(findings(run.stdout, PARAMS_FIXTURES)).toContain("kv-loop/missing.parameters.json armlint/parse-error");
  });
});

describe("type data in the CLI", () => {
  it("--types with a folder that does not exist: exit 2 with the reason", () => {
    const run = runCli(["--no-config", "--types", "no-such-folder", "kv-loop/main.json"], { cwd: PARAMS_FIXTURES, env });
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`armlint: Type data folder '${path.join(PARAMS_FIXTURES, "no-such-folder")}' does not exist.\n`);
  });

  it.skipIf(!typeDataPresent)(`--types DIR turns on the unknown-* checks; config "types" does the same${typeDataPresent ? "" : ` (skipped: ${NO_TYPE_DATA})`}`, () => {
    const bad = path.join(TYPES_FIXTURES, "unknown-property", "bad.json");
    expect(findings(runCli(["--no-config", "-f", "json", bad], { env }).stdout, TYPES_FIXTURES)).toEqual([]);
    const withTypes = runCli(["--no-config", "-f", "json", "--types", TYPE_DATA, bad], { env });
    expect(findings(withTypes.stdout, TYPES_FIXTURES)).toEqual(["unknown-property/bad.json types/unknown-property", "unknown-property/bad.json types/unknown-property"]);
    const dir = temp.file("with-config");
    mkdirSync(dir, { recursive: true });
    cpSync(bad, path.join(dir, "main.json"));
    writeFileSync(path.join(dir, "armlint.config.json"), JSON.stringify({ types: path.relative(dir, TYPE_DATA) }));
    expect(findings(runCli(["-f", "json", "."], { cwd: dir, env }).stdout, dir)).toEqual(["main.json types/unknown-property", "main.json types/unknown-property"]);
  });
});
