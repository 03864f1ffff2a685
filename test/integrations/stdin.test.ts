// `--stdin` / `--stdin-filename`: editors lint unsaved buffers with the named file's config, parameters and ignores.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { EslintResult } from "../../src/report/index.js";
import { parseArgs } from "../../src/cli/args.js";
import { armlint, ensureBuilt, INTEGRATION_FIXTURES } from "./helpers.js";

const PROJECT = join(INTEGRATION_FIXTURES, "stdin");
const MAIN = join(PROJECT, "infra/main.json");
const TEXT = readFileSync(MAIN, "utf8");

function rules(stdout: string): string[] {
  return (JSON.parse(stdout) as EslintResult[]).flatMap((r) => r.messages.map((m) => `${r.filePath}: ${m.ruleId!}`));
}

describe("--stdin", () => {
  beforeAll(() => {
    ensureBuilt();
  });

  it("lints standard input as <stdin> with the working directory's config when no filename is given", () => {
    const run = armlint(["--stdin", "--format", "json"], { input: TEXT });
    expect(run.code).toBe(0);
    // No config at the repository root: unused parameters are warnings.
    expect(rules(run.stdout)).toEqual(["<stdin>: arm/unused-parameter", "<stdin>: arm/unused-variable"]);
    const stylish = armlint(["--stdin"], { input: TEXT });
    expect(stylish.stdout).toMatch(/^\n<stdin>\n {2}5:5 {2}warning/);
  });

  it("lints it as the --stdin-filename path: that path's config, its parameters file, its name in the output", () => {
    const run = armlint(["--stdin", "--stdin-filename", "fixtures/integrations/stdin/infra/main.json", "--format", "json"], { input: TEXT.replace('"leftover": "y"', '"leftover": "y", "another": "z"') });
    expect(run.code).toBe(1);
    expect(rules(run.stdout)).toEqual([
      `${MAIN}: arm/unused-variable`,
      `${MAIN}: arm/unused-variable`,
      `${join(PROJECT, "infra/main.parameters.json")}: params/unknown-parameter`,
    ]);
    const relative = armlint(["--stdin", "--stdin-filename", "infra/main.json", "-f", "unix"], { input: TEXT, cwd: PROJECT });
    expect(relative.stdout.split("\n")[0]).toBe(`${MAIN}:9:5: Variable 'leftover' is never used. Remove it, or use it where it was meant to be. [Warning/arm/unused-variable]`);
  });

  it("the buffer wins over the file on disk", () => {
    const fixed = TEXT.replace('"leftover": "y"', "").replace('"variables": {\n    \n  },', '"variables": {},');
    const run = armlint(["--stdin", "--stdin-filename", "infra/main.json", "--format", "json", "--parameters", "infra/main.parameters.json"], { input: fixed, cwd: PROJECT });
    expect(rules(run.stdout)).toEqual([`${join(PROJECT, "infra/main.parameters.json")}: params/unknown-parameter`]);
  });

  it("counts a path left out by ignorePatterns as ignored and lints nothing", () => {
    const run = armlint(["--stdin", "--stdin-filename", "generated/out.json"], { input: TEXT, cwd: PROJECT });
    expect(run).toEqual({ code: 0, stdout: "1 file ignored (ignorePatterns)\n", stderr: "" });
  });

  it("reports text that is not JSON, or not text, as a parse error (exit 2), and JSON that is not a template as a note", () => {
    const broken = armlint(["--stdin", "-f", "compact"], { input: "{\n  \"a\": " });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toMatch(/^<stdin>: line 2, col \d+, Error - .* \(armlint\/parse-error\)\n\n1 problem\n$/);
    const binary = armlint(["--stdin", "-f", "compact"], { input: Buffer.from([0x7b, 0x00, 0x7d]) });
    expect(binary.code).toBe(2);
    expect(binary.stdout).toContain("(armlint/parse-error)");
    const other = armlint(["--stdin", "-f", "unix"], { input: '{"name": "x"}' });
    expect(other.code).toBe(0);
    expect(other.stdout).toMatch(/^<stdin>:1:1: Not an ARM deployment template .*\[Warning\/armlint\/not-a-template\]/);
  });

  it("works with every format, SARIF included", () => {
    const run = armlint(["--stdin", "--stdin-filename", "fixtures/integrations/stdin/infra/main.json", "-f", "sarif"], { input: TEXT });
    const log = JSON.parse(run.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    expect(log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri).toBe("fixtures/integrations/stdin/infra/main.json");
  });

  it.each([
    [["--stdin", "a.json"], "Option '--stdin' lints standard input, so it takes no paths (got 'a.json')."],
    [["--stdin-filename", "a.json"], "Option '--stdin-filename' names the text read with '--stdin'; add '--stdin'."],
    [["--stdin", "--fix"], "Option '--fix' does not apply to '--stdin' (fixes are read from and written to the file on disk)."],
    [["--stdin", "--stdin-filename="], "Option '--stdin-filename' needs a file name."],
  ])("usage error for %j", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
    const run = armlint(argv);
    expect(run.code).toBe(2);
    expect(run.stderr.split("\n")[0]).toBe(`armlint: ${message}`);
  });

  it("parses into the lint options", () => {
    expect(parseArgs(["--stdin", "--stdin-filename", "x/y.json"])).toMatchObject({ command: "lint", options: { stdin: true, stdinFilename: "x/y.json", paths: [] } });
    expect(parseArgs(["a.json"])).toMatchObject({ command: "lint", options: { stdin: undefined, stdinFilename: undefined } });
  });
});
