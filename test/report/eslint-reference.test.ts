// compact and unix against ESLint's own formatters (eslint-formatter-compact, eslint-formatter-unix), byte for byte.
import { createRequire } from "node:module";
import { beforeAll, describe, expect, it } from "vitest";
import { formatReports, toEslintResult, type EslintResult } from "../../src/report/index.js";
import { toFileReports } from "../../src/report/results.js";
import { armlint, ensureBuilt } from "../integrations/helpers.js";
import { sampleResults } from "./fixtures.js";

type EslintFormatter = (results: EslintResult[]) => string;

/** The published formatters are CommonJS functions of ESLint results (their typings omit the argument). */
const require = createRequire(import.meta.url);
const eslintCompact = require("eslint-formatter-compact") as EslintFormatter;
const eslintUnix = require("eslint-formatter-unix") as EslintFormatter;

const INPUTS = ["fixtures/examples", "fixtures/integrations/templates/odd-names.json", "fixtures/integrations/templates/not-a-template.json", "fixtures/integrations/broken/broken.json"];

describe("ESLint's formatters render our results exactly as we do", () => {
  beforeAll(() => {
    ensureBuilt();
  });

  it("for the formatter fixtures (every severity, a parse error, a clean file)", () => {
    const reports = toFileReports(sampleResults());
    const results = reports.map(toEslintResult);
    expect(formatReports(reports, "compact")).toBe(eslintCompact(results));
    expect(formatReports(reports, "unix")).toBe(eslintUnix(results));
  });

  it("for the CLI: `--format json` fed to ESLint's formatters equals `--format compact` and `--format unix`", () => {
    const json = armlint(["--format", "json", ...INPUTS]);
    const results = JSON.parse(json.stdout) as EslintResult[];
    expect(results.some((r) => r.messages.some((m) => m.level === "info"))).toBe(true);
    expect(results.some((r) => r.fatalErrorCount > 0)).toBe(true);
    for (const [format, reference] of [["compact", eslintCompact], ["unix", eslintUnix]] as const) {
      const ours = armlint(["--format", format, ...INPUTS]);
      expect(ours.code).toBe(json.code);
      // The CLI ends what it prints with a newline; the formatters' text is what comes before it.
      expect(ours.stdout).toBe(`${reference(results)}\n`);
    }
  });

  it("for a clean run: both print nothing", () => {
    const json = JSON.parse(armlint(["--format", "json", "fixtures/integrations/templates/good.json"]).stdout) as EslintResult[];
    expect(eslintCompact(json)).toBe("");
    expect(armlint(["--format", "compact", "fixtures/integrations/templates/good.json"]).stdout).toBe("");
    expect(eslintUnix(json)).toBe("");
    expect(armlint(["--format", "unix", "fixtures/integrations/templates/good.json"]).stdout).toBe("");
  });
});
