// Golden tests for the formatters: exact output of stylish (no color), json, compact and unix.
import { describe, expect, it } from "vitest";
import { errorsOnly, toFileReports } from "../../src/report/results.js";
import { formatResults, formatReports, toEslintResult } from "../../src/report/index.js";
import { sampleResults, SOURCE_A } from "./fixtures.js";

const SUMMARY = { skippedNotTemplates: 2, skippedParameterFiles: 1, ignored: 1 };

describe("stylish", () => {
  it("matches the golden output (no color)", () => {
    expect(formatResults(sampleResults(), "stylish", { summary: SUMMARY })).toBe(
      [
        "",
        "/repo/a.json",
        "   1:1   info     Just so you know                           test/note",
        "   3:5   error    Resource 'kv' is used without a dependsOn  arm/missing-dependency",
        "  12:10  warning  Parameter 'x' is never used                arm/unused-parameter",
        "",
        "/repo/b.json",
        "  2:1  error  Unexpected end of input  armlint/parse-error",
        "",
        "\u2716 4 problems (2 errors, 1 warning, 1 info)",
        "  0 errors and 1 warning potentially fixable with the `--fix` option.",
        "",
        "2 files skipped (not templates)",
        "1 parameter file skipped",
        "1 file ignored (ignorePatterns)",
      ].join("\n"),
    );
  });

  it("prints nothing for a clean run, and only the summary when files were skipped", () => {
    const clean = [{ file: "/repo/clean.json", diagnostics: [], source: "{}" }];
    expect(formatResults(clean, "stylish")).toBe("");
    expect(formatResults(clean, "stylish", { summary: { skippedNotTemplates: 1, skippedParameterFiles: 0, ignored: 0 } })).toBe(
      "1 file skipped (not a template)",
    );
  });

  it("uses an info mark when there are only info findings", () => {
    const infoOnly = [sampleResults()[2]!].map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === "info") }));
    expect(formatResults(infoOnly, "stylish")).toBe("\n/repo/a.json\n  1:1  info  Just so you know  test/note\n\n\u2139 1 problem (0 errors, 0 warnings, 1 info)\n");
  });

  it("colors with ANSI codes only when asked", () => {
    const colored = formatResults(sampleResults(), "stylish", { color: true });
    expect(colored).toContain("\u001b[4m/repo/a.json\u001b[24m");
    expect(colored).toContain("\u001b[31merror\u001b[39m");
    expect(colored).toContain("\u001b[33mwarning\u001b[39m");
    expect(colored).toContain("\u001b[2m3:5\u001b[22m");
    expect(formatResults(sampleResults(), "stylish", { color: false })).not.toContain("\u001b[");
  });
});

describe("compact (ESLint's compact format)", () => {
  it("matches the golden output", () => {
    expect(formatResults(sampleResults(), "compact", { summary: SUMMARY })).toBe(
      "/repo/a.json: line 1, col 1, Warning - Just so you know. (test/note)\n" +
        "/repo/a.json: line 3, col 5, Error - Resource 'kv' is used without a dependsOn. (arm/missing-dependency)\n" +
        "/repo/a.json: line 12, col 10, Warning - Parameter 'x' is never used. (arm/unused-parameter)\n" +
        "/repo/b.json: line 2, col 1, Error - Unexpected end of input. (armlint/parse-error)\n" +
        "\n" +
        "4 problems",
    );
  });

  it("is empty without problems, and singular for one", () => {
    expect(formatResults([{ file: "/x.json", diagnostics: [], source: undefined }], "compact")).toBe("");
    const one = [sampleResults()[1]!];
    expect(formatResults(one, "compact")).toBe("/repo/b.json: line 2, col 1, Error - Unexpected end of input. (armlint/parse-error)\n\n1 problem");
  });
});

describe("unix (ESLint's unix format)", () => {
  it("matches the golden output", () => {
    expect(formatResults(sampleResults(), "unix")).toBe(
      "/repo/a.json:1:1: Just so you know. [Warning/test/note]\n" +
        "/repo/a.json:3:5: Resource 'kv' is used without a dependsOn. [Error/arm/missing-dependency]\n" +
        "/repo/a.json:12:10: Parameter 'x' is never used. [Warning/arm/unused-parameter]\n" +
        "/repo/b.json:2:1: Unexpected end of input. [Error/armlint/parse-error]\n" +
        "\n" +
        "4 problems",
    );
  });
});

describe("json (ESLint's result format)", () => {
  it("matches the golden output exactly, key order included", () => {
    const expected = [
      {
        filePath: "/repo/a.json",
        messages: [
          { ruleId: "test/note", severity: 1, message: "Just so you know.", line: 1, column: 1, endLine: 1, endColumn: 5, level: "info", fingerprint: "fp-test/note-1" },
          {
            ruleId: "arm/missing-dependency",
            severity: 2,
            message: "Resource 'kv' is used without a dependsOn.",
            line: 3,
            column: 5,
            endLine: 3,
            endColumn: 9,
            suggestions: [{ desc: "Add dependsOn", fix: { range: [1, 5], text: 'Y  "X' } }],
            fingerprint: "fp-arm/missing-dependency-3",
          },
          {
            ruleId: "arm/unused-parameter",
            severity: 1,
            message: "Parameter 'x' is never used.",
            line: 12,
            column: 10,
            endLine: 12,
            endColumn: 14,
            fix: { range: [2, 5], text: "" },
            docsUrl: "https://example.invalid/arm/unused-parameter",
            fingerprint: "fp-arm/unused-parameter-12",
          },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 0,
        warningCount: 2,
        fixableErrorCount: 0,
        fixableWarningCount: 1,
        source: SOURCE_A,
        usedDeprecatedRules: [],
      },
      {
        filePath: "/repo/b.json",
        messages: [
          {
            ruleId: "armlint/parse-error",
            fatal: true,
            severity: 2,
            message: "Unexpected end of input.",
            line: 2,
            column: 1,
            endLine: 2,
            endColumn: 5,
            fingerprint: "fp-armlint/parse-error-2",
          },
        ],
        suppressedMessages: [],
        errorCount: 1,
        fatalErrorCount: 1,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        source: '{\n"a": ',
        usedDeprecatedRules: [],
      },
      {
        filePath: "/repo/clean.json",
        messages: [],
        suppressedMessages: [],
        errorCount: 0,
        fatalErrorCount: 0,
        warningCount: 0,
        fixableErrorCount: 0,
        fixableWarningCount: 0,
        usedDeprecatedRules: [],
      },
    ];
    expect(formatResults(sampleResults(), "json", { summary: SUMMARY })).toBe(JSON.stringify(expected));
  });

  it("is JSON.stringify of the results for no file, one file and several", () => {
    const reports = toFileReports(sampleResults());
    for (const some of [[], reports.slice(0, 1), reports]) {
      expect(formatReports(some, "json")).toBe(JSON.stringify(some.map(toEslintResult)));
    }
  });
});

describe("grouping and --quiet", () => {
  it("puts findings in linked templates under their own file and drops duplicates", () => {
    const [, , a] = sampleResults();
    const linked = { ...a!.diagnostics[0]!, file: "/repo/linked.json", fingerprint: "same" };
    const reports = toFileReports([
      { ...a!, diagnostics: [linked, { ...linked }] },
      { file: "/repo/other-parent.json", diagnostics: [{ ...linked }], source: undefined },
    ]);
    expect(reports.map((r) => [r.filePath, r.messages.length])).toEqual([
      ["/repo/a.json", 0],
      ["/repo/linked.json", 1],
      ["/repo/other-parent.json", 0],
    ]);
  });

  it("--quiet keeps errors only and drops files left without messages", () => {
    const quiet = errorsOnly(toFileReports(sampleResults()));
    expect(quiet.map((r) => [r.filePath, r.messages.map((m) => m.ruleId), r.warningCount])).toEqual([
      ["/repo/a.json", ["arm/missing-dependency"], 0],
      ["/repo/b.json", ["armlint/parse-error"], 0],
    ]);
    expect(formatReports(quiet, "unix")).toMatch(/\n\n2 problems$/);
  });
});
