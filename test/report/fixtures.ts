// Shared lint results for formatter tests: two files with findings of every severity, one clean file.
import type { Diagnostic } from "../../src/diagnostics.js";
import type { LintResult } from "../../src/runner/run.js";

function diag(file: string, line: number, column: number, ruleId: string, severity: Diagnostic["severity"], message: string, extra: Partial<Diagnostic> = {}): Diagnostic {
  return {
    ruleId,
    severity,
    message,
    file,
    line,
    column,
    endLine: line,
    endColumn: column + 4,
    span: { offset: line * 10 + column, length: 4 },
    fingerprint: `fp-${ruleId}-${line}`,
    ...extra,
  };
}

export const SOURCE_A = '{\n  "resources": []\n}\n';

/** Results in an unsorted order, to show that formatters sort. */
export function sampleResults(): LintResult[] {
  return [
    { file: "/repo/clean.json", diagnostics: [], source: "{}" },
    {
      file: "/repo/b.json",
      diagnostics: [diag("/repo/b.json", 2, 1, "armlint/parse-error", "error", "Unexpected end of input.")],
      source: '{\n"a": ',
    },
    {
      file: "/repo/a.json",
      diagnostics: [
        diag("/repo/a.json", 12, 10, "arm/unused-parameter", "warning", "Parameter 'x' is never used.", {
          docsUrl: "https://example.invalid/arm/unused-parameter",
          fix: { description: "Remove it", edits: [{ offset: 2, length: 3, text: "" }] },
        }),
        diag("/repo/a.json", 3, 5, "arm/missing-dependency", "error", "Resource 'kv' is used without a dependsOn.", {
          suggestions: [
            { description: "Add dependsOn", fix: { description: "Add", edits: [{ offset: 5, length: 0, text: "X" }, { offset: 1, length: 1, text: "Y" }] } },
            { description: "No fix here" },
          ],
        }),
        diag("/repo/a.json", 1, 1, "test/note", "info", "Just so you know."),
      ],
      source: SOURCE_A,
    },
  ];
}
