// SARIF formatter, in process: rule table, results, regions, fingerprints, fixes, suppressions, notifications, limits.
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import { loadFormatter } from "../../src/report/index.js";
import { toFileReports } from "../../src/report/results.js";
import { FINGERPRINT_KEY, firstParagraph, formatSarif, GITHUB_ACCEPTED_RESULTS, sarifLog, warnNearLimits, type SarifLog } from "../../src/report/sarif.js";
import type { FileReport } from "../../src/report/types.js";
import { tempDir } from "../integrations/helpers.js";
import { sampleResults } from "./fixtures.js";

/** A folder with a `.git` folder: the repository root SARIF paths are relative to. */
function fakeRepo(): string {
  const root = tempDir("sarif");
  mkdirSync(join(root, ".git"));
  mkdirSync(join(root, "infra/sub dir"), { recursive: true });
  return root;
}

function diag(file: string, ruleId: string, severity: Diagnostic["severity"], extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId, severity, message: `${ruleId} here.`, file, line: 3, column: 5, endLine: 3, endColumn: 9, span: { offset: 20, length: 4 }, fingerprint: `fp-${ruleId}`, ...extra };
}

function run(log: SarifLog) {
  expect(log.runs).toHaveLength(1);
  return log.runs[0];
}

describe("sarif", () => {
  const root = fakeRepo();
  const main = join(root, "infra/main.json");
  const spaced = join(root, "infra/sub dir/a#b.json");

  it("describes every rule once, sorted, with descriptions, help, docs and default level", () => {
    const { tool } = run(sarifLog([], { cwd: root }));
    const rules = tool.driver.rules;
    const ids = rules.map((r) => r.id);
    expect(ids).toEqual([...ids].sort());
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of builtinRules) expect(ids).toContain(rule.meta.id);
    for (const id of ["armlint/parse-error", "armlint/internal-error", "armlint/not-a-template", "armlint/evaluation-limit"]) expect(ids).toContain(id);
    for (const rule of rules) {
      expect(rule.shortDescription.text, rule.id).not.toBe("");
      expect(rule.fullDescription.text, rule.id).not.toBe("");
      expect(rule.help.text, rule.id).not.toBe("");
      expect(rule.helpUri, rule.id).toMatch(/^https:\/\/github\.com\/armlint\/armlint\/blob\/main\/rules\/.+\.md$/);
      expect(["error", "warning", "note", "none"]).toContain(rule.defaultConfiguration.level);
    }
    const missing = rules.find((r) => r.id === "arm/missing-dependency")!;
    expect(missing.name).toBe("ArmMissingDependency");
    expect(missing.defaultConfiguration).toEqual({ level: "error" });
    expect(missing.help.markdown).toContain("## What it checks");
    expect(missing.fullDescription.text).not.toContain("\n");
    expect(rules.find((r) => r.id === "arm/redundant-dependency")!.defaultConfiguration).toEqual({ enabled: false, level: "none" });
    expect(rules.find((r) => r.id === "armlint/not-a-template")!.defaultConfiguration).toEqual({ level: "note" });
    expect(tool.driver).toMatchObject({ name: "armlint", informationUri: "https://github.com/armlint/armlint" });
    expect(tool.driver.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("uses the rules it is given (plugins included) and adds ids that only findings carry", () => {
    const meta = { id: "acme/thing", description: "A plugin rule.", type: "problem" as const, defaultSeverity: "warning" as const, docsUrl: "https://acme.example/thing" };
    const reports = toFileReports([{ file: main, diagnostics: [diag(main, "other/unknown", "info")], source: undefined }]);
    const rules = run(sarifLog(reports, { cwd: root, rules: [meta] })).tool.driver.rules;
    expect(rules.find((r) => r.id === "acme/thing")).toEqual({
      id: "acme/thing",
      name: "AcmeThing",
      shortDescription: { text: "A plugin rule." },
      fullDescription: { text: "A plugin rule." },
      help: { text: "A plugin rule.\n\nDocumentation: https://acme.example/thing" },
      helpUri: "https://acme.example/thing",
      defaultConfiguration: { level: "warning" },
      properties: { tags: ["problem"] },
    });
    expect(rules.find((r) => r.id === "other/unknown")).toMatchObject({ defaultConfiguration: { level: "note" } });
    expect(rules.some((r) => r.id === "arm/missing-dependency")).toBe(false);
  });

  it("gives each result its rule index, level, message, repository-relative location and fingerprint", () => {
    const reports = toFileReports([
      { file: main, diagnostics: [diag(main, "arm/missing-dependency", "error"), diag(main, "arm/unused-parameter", "warning", { line: 7, endLine: 9, endColumn: 2 }), diag(main, "armlint/not-a-template", "info")], source: undefined },
      { file: spaced, diagnostics: [diag(spaced, "arm/unused-variable", "warning")], source: undefined },
    ]);
    const { results, tool, originalUriBaseIds, columnKind } = run(sarifLog(reports, { cwd: join(root, "infra") }));
    expect(originalUriBaseIds).toEqual({ "%SRCROOT%": { uri: `file://${root}/` } });
    expect(columnKind).toBe("utf16CodeUnits");
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ["arm/missing-dependency", "error"],
      ["armlint/not-a-template", "note"],
      ["arm/unused-parameter", "warning"],
      ["arm/unused-variable", "warning"],
    ]);
    for (const result of results) expect(tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    expect(results[0]).toEqual({
      ruleId: "arm/missing-dependency",
      ruleIndex: tool.driver.rules.findIndex((r) => r.id === "arm/missing-dependency"),
      level: "error",
      message: { text: "arm/missing-dependency here." },
      locations: [
        { physicalLocation: { artifactLocation: { uri: "infra/main.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: "fp-arm/missing-dependency" },
    });
    expect(results[2]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 7, startColumn: 5, endLine: 9, endColumn: 2 });
    expect(results[3]!.locations[0]!.physicalLocation.artifactLocation).toEqual({ uri: "infra/sub%20dir/a%23b.json", uriBaseId: "%SRCROOT%" });
  });

  it("gives files outside the repository an absolute file URI", () => {
    const outside = join(tmpdir(), "elsewhere", "x.json");
    const reports = toFileReports([{ file: outside, diagnostics: [diag(outside, "arm/unused-variable", "warning")], source: undefined }]);
    const location = run(sarifLog(reports, { cwd: root })).results[0]!.locations[0]!.physicalLocation.artifactLocation;
    expect(location).toEqual({ uri: `file://${outside}` });
  });

  it("carries fixes and suggestions as replacements by character offset, each distinct fix once", () => {
    const fix = { description: "Remove it", edits: [{ offset: 40, length: 3, text: "" }] };
    const reports = toFileReports([
      {
        file: main,
        diagnostics: [
          diag(main, "arm/unused-parameter", "warning", { fix, suggestions: [{ description: "Remove it", fix }, { description: "No fix" }] }),
          diag(main, "arm/missing-dependency", "error", {
            line: 5,
            suggestions: [{ description: "Add dependsOn", fix: { description: "Add", edits: [{ offset: 90, length: 0, text: '"x"' }, { offset: 10, length: 2, text: "y" }] } }],
          }),
        ],
        source: undefined,
      },
    ]);
    const [unused, missing] = run(sarifLog(reports, { cwd: root })).results.sort((a, b) => a.ruleId.localeCompare(b.ruleId)).reverse();
    expect(unused!.fixes).toEqual([
      {
        description: { text: "Remove it" },
        artifactChanges: [{ artifactLocation: { uri: "infra/main.json", uriBaseId: "%SRCROOT%" }, replacements: [{ deletedRegion: { charOffset: 40, charLength: 3 } }] }],
      },
    ]);
    expect(missing!.fixes![0]!.artifactChanges[0]!.replacements).toEqual([
      { deletedRegion: { charOffset: 10, charLength: 2 }, insertedContent: { text: "y" } },
      { deletedRegion: { charOffset: 90, charLength: 0 }, insertedContent: { text: '"x"' } },
    ]);
  });

  it("carries suppressed findings as results with suppressions (kind, justification, where)", () => {
    const baseline = join(root, "armlint-baseline.json");
    const reports = toFileReports([
      {
        file: main,
        diagnostics: [],
        suppressed: [
          diag(main, "arm/unused-parameter", "warning", {
            suppressions: [{ kind: "inSource", justification: "Kept for old pipelines.", location: { file: main, line: 2, column: 5, endLine: 2, endColumn: 60 } }],
          }),
          diag(main, "arm/missing-dependency", "error", { line: 8, suppressions: [{ kind: "external", location: { file: baseline } }] }),
        ],
        source: undefined,
      },
    ]);
    const results = run(sarifLog(reports, { cwd: root })).results;
    expect(results.map((r) => [r.ruleId, r.suppressions])).toEqual([
      [
        "arm/unused-parameter",
        [
          {
            kind: "inSource",
            status: "accepted",
            justification: "Kept for old pipelines.",
            location: {
              physicalLocation: { artifactLocation: { uri: "infra/main.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 2, startColumn: 5, endLine: 2, endColumn: 60 } },
            },
          },
        ],
      ],
      ["arm/missing-dependency", [{ kind: "external", status: "accepted", location: { physicalLocation: { artifactLocation: { uri: "armlint-baseline.json", uriBaseId: "%SRCROOT%" } } } }]],
    ]);
  });

  it("reports files it could not analyze as tool execution notifications, and the run as unsuccessful", () => {
    const broken = join(root, "broken.json");
    const crashed = join(root, "crashed.json");
    const reports = toFileReports([
      { file: broken, diagnostics: [diag(broken, "armlint/parse-error", "error", { message: "Unexpected end of input." })], source: "{" },
      { file: crashed, diagnostics: [diag(crashed, "armlint/internal-error", "error", { message: "Rule x crashed: boom" })], source: undefined },
      { file: main, diagnostics: [diag(main, "arm/unused-variable", "warning")], source: undefined },
    ]);
    const { invocations, tool } = run(sarifLog(reports, { cwd: root }));
    expect(invocations[0].executionSuccessful).toBe(false);
    expect(invocations[0].toolExecutionNotifications).toEqual([
      {
        level: "error",
        message: { text: "broken.json could not be read as JSON: Unexpected end of input." },
        locations: [{ physicalLocation: { artifactLocation: { uri: "broken.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } }],
        associatedRule: { id: "armlint/parse-error", index: tool.driver.rules.findIndex((r) => r.id === "armlint/parse-error") },
      },
      {
        level: "error",
        message: { text: "crashed.json could not be analyzed: Rule x crashed: boom" },
        locations: [{ physicalLocation: { artifactLocation: { uri: "crashed.json", uriBaseId: "%SRCROOT%" }, region: { startLine: 3, startColumn: 5, endLine: 3, endColumn: 9 } } }],
        associatedRule: { id: "armlint/internal-error", index: tool.driver.rules.findIndex((r) => r.id === "armlint/internal-error") },
      },
    ]);
    const clean = run(sarifLog(toFileReports([{ file: main, diagnostics: [], source: "{}" }]), { cwd: root }));
    expect(clean.invocations).toEqual([{ executionSuccessful: true }]);
    expect(clean.results).toEqual([]);
  });

  it("clamps regions that end before they start", () => {
    const odd = toFileReports([{ file: main, diagnostics: [diag(main, "x/y", "warning", { line: 4, column: 9, endLine: 4, endColumn: 2 })], source: undefined }]);
    expect(run(sarifLog(odd, { cwd: root })).results[0]!.locations[0]!.physicalLocation.region).toEqual({ startLine: 4, startColumn: 9, endLine: 4, endColumn: 9 });
  });

  it("is pretty-printed JSON with the SARIF 2.1.0 schema and version", async () => {
    const { format } = await loadFormatter("sarif");
    const text = format(toFileReports(sampleResults()), { color: false, cwd: root, warn: () => undefined });
    const log = JSON.parse(text) as SarifLog;
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    expect(text.startsWith('{\n  "$schema"')).toBe(true);
    expect(formatSarif(toFileReports(sampleResults()), { color: false, cwd: root, warn: () => undefined })).toBe(text);
  });

  describe("GitHub's limits", () => {
    it("warns near and over 5,000 shown and 25,000 accepted results, and is quiet below", () => {
      const messages = (count: number) => {
        const out: string[] = [];
        warnNearLimits(count, (m) => out.push(m));
        return out;
      };
      expect(messages(4_500)).toEqual([]);
      expect(messages(4_501)).toEqual(["armlint: warning: the SARIF run has 4,501 results, near the 5,000 that GitHub code scanning shows per run."]);
      expect(messages(5_001)).toEqual(["armlint: warning: the SARIF run has 5,001 results; GitHub code scanning shows only the top 5,000 of a run, by severity."]);
      expect(messages(22_501)[0]).toMatch(/22,501 results, near the 25,000 that GitHub code scanning accepts per run/);
      expect(messages(GITHUB_ACCEPTED_RESULTS + 1)[0]).toMatch(/25,001 results; GitHub code scanning rejects a run with more than 25,000/);
    });

    it("counts suppressed results too, and warns through the context", () => {
      const many = Array.from({ length: 4_600 }, (_, i) => diag(main, "arm/unused-variable", "warning", { line: i + 1, endLine: i + 1, fingerprint: `fp${i}` }));
      const reports: FileReport[] = toFileReports([{ file: main, diagnostics: many.slice(0, 2_300), suppressed: many.slice(2_300).map((d) => ({ ...d, suppressions: [{ kind: "external" as const }] })), source: undefined }]);
      const warnings: string[] = [];
      const log = JSON.parse(formatSarif(reports, { color: false, cwd: root, warn: (m) => warnings.push(m) })) as SarifLog;
      expect(log.runs[0].results).toHaveLength(4_600);
      expect(warnings).toEqual(["armlint: warning: the SARIF run has 4,600 results, near the 5,000 that GitHub code scanning shows per run."]);
    });
  });

  it("reads the first paragraph of a docs page, skipping the title, severity line and headings", () => {
    expect(firstParagraph("Default severity: **error** · Type: problem\n\n## What it checks\n\nOne\ntwo.\n\nThree.")).toBe("One two.");
    expect(firstParagraph("**Severity:** info · not a rule.\n\nA file that\nis not.\n")).toBe("A file that is not.");
    expect(firstParagraph("## Only headings\n")).toBeUndefined();
  });
});
