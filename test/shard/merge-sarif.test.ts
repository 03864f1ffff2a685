// `armlint merge-sarif`: shards' SARIF logs joined into one run (rules by id, indexes remapped, duplicates dropped, order-independent).
import { describe, expect, it } from "vitest";
import { mergeSarifLogs, MergeSarifError } from "../../src/cli/merge-sarif-command.js";
import { sarifLog } from "../../src/report/sarif.js";
import { toFileReports } from "../../src/report/results.js";
import type { LintResult } from "../../src/runner/run.js";
import type { Diagnostic } from "../../src/diagnostics.js";

type Json = Record<string, unknown>;

function rule(id: string): Json {
  return { id, shortDescription: { text: id } };
}

function result(ruleId: string, ruleIndex: number, uri: string, line: number, extra: Json = {}): Json {
  return {
    ruleId,
    ruleIndex,
    level: "error",
    message: { text: `${ruleId} at ${uri}:${line}` },
    locations: [{ physicalLocation: { artifactLocation: { uri, uriBaseId: "%SRCROOT%" }, region: { startLine: line, startColumn: 1 } } }],
    ...extra,
  };
}

function log(rules: Json[], results: Json[], invocation: Json = { executionSuccessful: true }, runExtra: Json = {}): Json {
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "armlint", version: "1.2.3", rules } },
        invocations: [invocation],
        originalUriBaseIds: { "%SRCROOT%": { uri: "file:///repo/" } },
        columnKind: "utf16CodeUnits",
        results,
        ...runExtra,
      },
    ],
  };
}

function run0(merged: Json): Json {
  return (merged.runs as Json[])[0]!;
}

describe("mergeSarifLogs", () => {
  it("joins rule tables by id and remaps ruleIndex, notifications and artifact indexes", () => {
    const a = log([rule("b/two"), rule("a/one")], [result("b/two", 0, "x.json", 3), result("a/one", 1, "x.json", 1)]);
    const b = log(
      [rule("c/three"), rule("a/one")],
      [result("c/three", 0, "y.json", 2, { locations: [{ physicalLocation: { artifactLocation: { index: 0 }, region: { startLine: 2 } } }] })],
      {
        executionSuccessful: false,
        toolExecutionNotifications: [{ level: "error", message: { text: "y.json could not be read" }, associatedRule: { id: "c/three", index: 0 } }],
      },
      { artifacts: [{ location: { uri: "y.json" } }] },
    );
    const c = log([], [], { executionSuccessful: true }, { artifacts: [{ location: { uri: "z.json" } }] });
    const merged = mergeSarifLogs([
      { name: "c.sarif", log: c },
      { name: "a.sarif", log: a },
      { name: "b.sarif", log: b },
    ]);
    expect(merged.version).toBe("2.1.0");
    expect(merged.runs).toHaveLength(1);
    const run = run0(merged);
    const driver = (run.tool as { driver: Json }).driver;
    expect((driver.rules as Json[]).map((r) => r.id)).toEqual(["a/one", "b/two", "c/three"]);
    const results = run.results as Json[];
    // Sorted by location: the result located by artifact index alone (no uri) comes first.
    expect(results.map((r) => [r.ruleId, r.ruleIndex])).toEqual([
      ["c/three", 2],
      ["a/one", 0],
      ["b/two", 1],
    ]);
    // y.json's artifact was appended after c's z.json: its index moved from 0 to 1.
    expect(run.artifacts).toEqual([{ location: { uri: "z.json" } }, { location: { uri: "y.json" } }]);
    const located = results[0]!.locations as { physicalLocation: { artifactLocation: Json } }[];
    expect(located[0]!.physicalLocation.artifactLocation.index).toBe(1);
    const invocations = run.invocations as Json[];
    expect(invocations).toHaveLength(1);
    expect(invocations[0]!.executionSuccessful).toBe(false);
    expect(invocations[0]!.toolExecutionNotifications).toEqual([
      { level: "error", message: { text: "y.json could not be read" }, associatedRule: { id: "c/three", index: 2 } },
    ]);
  });

  it("drops duplicate results and does not depend on the order of the inputs", () => {
    const a = log([rule("a/one")], [result("a/one", 0, "x.json", 1), result("a/one", 0, "w.json", 9)]);
    const b = log([rule("a/one")], [result("a/one", 0, "x.json", 1), result("a/one", 0, "v.json", 4)]);
    const ab = mergeSarifLogs([
      { name: "a", log: a },
      { name: "b", log: b },
    ]);
    const ba = mergeSarifLogs([
      { name: "b", log: b },
      { name: "a", log: a },
    ]);
    expect(JSON.stringify(ab)).toBe(JSON.stringify(ba));
    expect((run0(ab).results as Json[]).map((r) => (r.message as Json).text)).toEqual(["a/one at v.json:4", "a/one at w.json:9", "a/one at x.json:1"]);
  });

  it("refuses runs of other tools, other versions or other categories", () => {
    const other = log([], []);
    ((other.runs as Json[])[0]!.tool as { driver: Json }).driver.name = "eslint";
    expect(() => mergeSarifLogs([{ name: "a", log: log([], []) }, { name: "b", log: other }])).toThrow(/joins the shards of one tool/);
    const newer = log([], []);
    ((newer.runs as Json[])[0]!.tool as { driver: Json }).driver.version = "9.9.9";
    expect(() => mergeSarifLogs([{ name: "a", log: log([], []) }, { name: "b", log: newer }])).toThrow(/same version/);
    const categorized = log([], [], { executionSuccessful: true }, { automationDetails: { id: "infra/run-1" } });
    expect(() => mergeSarifLogs([{ name: "a", log: log([], []) }, { name: "b", log: categorized }])).toThrow(/category 'infra'/);
    expect(() => mergeSarifLogs([{ name: "a", log: { version: "2.0.0", runs: [] } }])).toThrow(MergeSarifError);
    expect(() => mergeSarifLogs([{ name: "a", log: "[]" }])).toThrow(/not a SARIF 2.1.0 log/);
    expect(() => mergeSarifLogs([{ name: "a", log: { version: "2.1.0", runs: [] } }])).toThrow(/no runs/);
  });

  it("keeps __proto__ and constructor keys of the inputs as plain data", () => {
    const hostile = JSON.parse(
      '{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"armlint","version":"1.2.3","rules":[]}},"results":[{"ruleId":"x","message":{"text":"m"},"__proto__":{"polluted":true},"properties":{"constructor":{"prototype":{"polluted":true}}}}],"originalUriBaseIds":{"__proto__":{"uri":"file:///x/"}}}]}',
    ) as unknown;
    const merged = mergeSarifLogs([{ name: "h", log: hostile }]);
    expect(({} as Json).polluted).toBeUndefined();
    const first = (run0(merged).results as Json[])[0]!;
    expect(Object.getPrototypeOf(first)).toBe(Object.prototype);
    expect(Object.hasOwn(first, "__proto__")).toBe(true);
    expect(Object.hasOwn(run0(merged).originalUriBaseIds as Json, "__proto__")).toBe(true);
  });

  it("merging the SARIF of shards gives the SARIF of the whole run (armlint's formatter)", () => {
    const cwd = "/nonexistent-repo";
    const diagnostic = (file: string, line: number, ruleId: string): Diagnostic => ({
      ruleId,
      severity: "warning",
      message: `${ruleId} in ${file}`,
      file: `${cwd}/${file}`,
      line,
      column: 2,
      endLine: line,
      endColumn: 5,
      span: { offset: 0, length: 0 },
      fingerprint: `${file}:${line}:${ruleId}`,
    });
    const results: LintResult[] = ["a.json", "b.json", "c.json", "d.json"].map((file, i) => ({
      file: `${cwd}/${file}`,
      diagnostics: [diagnostic(file, i + 1, "arm/unused-parameter"), diagnostic(file, i + 5, "arm/unused-variable")],
      source: undefined,
    }));
    const whole = sarifLog(toFileReports(results), { cwd });
    const shard1 = sarifLog(toFileReports([results[0]!, results[2]!]), { cwd });
    const shard2 = sarifLog(toFileReports([results[1]!, results[3]!]), { cwd });
    const merged = mergeSarifLogs([
      { name: "2", log: JSON.parse(JSON.stringify(shard2)) as unknown },
      { name: "1", log: JSON.parse(JSON.stringify(shard1)) as unknown },
    ]);
    expect(merged).toEqual(JSON.parse(JSON.stringify(whole)));
  });
});
