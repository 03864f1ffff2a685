// Tests for the rule runner: reports → diagnostics, crashing rules, engine diagnostics, fingerprints.
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.js";
import { defaultConfig, type ResolvedConfig } from "../../src/runner/config.js";
import { internalErrorResult, lintAnalysis, oneLine } from "../../src/runner/run.js";
import type { Rule } from "../../src/runner/types.js";
import { fakeAnalysis, perResourceRule, resourceNodes, TempDir, templateText, testRule } from "./helpers.js";

const CWD = "/repo";
const FILE = "/repo/infra/main.json";

function lint(text: string, rules: Rule[], options: { isTemplate?: boolean; config?: ResolvedConfig; engine?: Diagnostic[] } = {}) {
  const analysis = fakeAnalysis(text, FILE, options);
  if (options.engine !== undefined) analysis.diagnostics.push(...options.engine);
  return lintAnalysis(analysis, options.config ?? defaultConfig({ builtinRules: rules }), { cwd: CWD });
}

describe("lintAnalysis", () => {
  it("turns a report into a full diagnostic: position, severity, docs, data", () => {
    const result = lint(templateText(["st1"]), [perResourceRule("arm/per-resource")]);
    expect(result.file).toBe(FILE);
    expect(result.source).toBe(templateText(["st1"]));
    expect(result.diagnostics).toHaveLength(1);
    const [d] = result.diagnostics;
    expect(d).toMatchObject({
      ruleId: "arm/per-resource",
      severity: "warning",
      message: "Resource st1.",
      file: FILE,
      line: 4,
      column: 5,
      endLine: 4,
      endColumn: 95,
      docsUrl: "https://example.invalid/arm/per-resource",
      data: { name: "st1" },
    });
    expect(d!.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("uses the configured severity and skips rules that are off", () => {
    const rules = [perResourceRule("arm/a"), perResourceRule("arm/b")];
    const config = defaultConfig({ builtinRules: rules, overrides: [{ id: "arm/a", severity: "error" }, { id: "arm/b", severity: "off" }] });
    const result = lint(templateText(["st1"]), rules, { config });
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([["arm/a", "error"]]);
  });

  it("a rule that throws gives one internal error; the other rules still report", () => {
    const crashing = testRule({ id: "arm/crash" }, (context) => {
      context.report({ span: { offset: 0, length: 1 }, message: "before the crash" });
      throw new Error("kaboom\nsecond line");
    });
    const result = lint(templateText(["st1", "st2"]), [crashing, perResourceRule("arm/fine")]);
    const internal = result.diagnostics.filter((d) => d.ruleId === "armlint/internal-error");
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({ severity: "error", line: 1, column: 1, message: 'Rule "arm/crash" crashed: kaboom second line' });
    expect(internal[0]!.message).not.toMatch(/ at /);
    expect(result.diagnostics.filter((d) => d.ruleId === "arm/fine")).toHaveLength(2);
  });

  it("a report without a message is the rule's bug: an internal error", () => {
    const bad = testRule({ id: "arm/bad" }, (context) => {
      context.report({ message: "" });
    });
    expect(lint(templateText([]), [bad]).diagnostics[0]!.message).toMatch(/Rule "arm\/bad" crashed: report\(\) needs a non-empty "message"/);
  });

  it("does not run rules on a file that is not a template, and says so once", () => {
    const result = lint('{ "a": 1 }', [perResourceRule("arm/x")], { isTemplate: false });
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity, d.line, d.column])).toEqual([["armlint/not-a-template", "info", 1, 1]]);
    const engine: Diagnostic = { ...result.diagnostics[0]!, message: "from the engine", fingerprint: undefined };
    const again = lint('{ "a": 1 }', [], { isTemplate: false, engine: [engine] });
    expect(again.diagnostics.map((d) => d.message)).toEqual(["from the engine"]);
  });

  it("keeps engine diagnostics with their severities; config applies to registered ids", () => {
    const engine: Diagnostic[] = [
      { ruleId: "armlint/parse-error", severity: "error", message: "Bad\nJSON", file: FILE, line: 2, column: 3, endLine: 2, endColumn: 4, span: { offset: 5, length: 1 } },
      { ruleId: "arm/limits", severity: "error", message: "Too big", file: FILE, line: 1, column: 1, endLine: 1, endColumn: 1, span: { offset: 0, length: 0 } },
    ];
    const limits = testRule({ id: "arm/limits" }, () => undefined);
    const off = defaultConfig({ builtinRules: [limits], overrides: [{ id: "arm/limits", severity: "off" }] });
    expect(lint("{}", [limits], { engine, config: off }).diagnostics.map((d) => [d.ruleId, d.message])).toEqual([
      ["armlint/parse-error", "Bad JSON"],
    ]);
    const info = defaultConfig({ builtinRules: [limits], overrides: [{ id: "arm/limits", severity: "info" }] });
    expect(lint("{}", [limits], { engine, config: info }).diagnostics.find((d) => d.ruleId === "arm/limits")?.severity).toBe("info");
  });

  it("a rule may lower a finding's severity, never raise it", () => {
    const lower = perResourceRule("arm/lower", { severity: "info" });
    const raise = perResourceRule("arm/raise", { severity: "error" });
    const result = lint(templateText(["st1"]), [lower, raise]);
    expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ["arm/lower", "info"],
      ["arm/raise", "warning"],
    ]);
  });

  it("reports by span, or at the start of the file when given neither node nor span", () => {
    const rule = testRule({ id: "arm/spans" }, (context) => {
      context.report({ span: { offset: 4, length: 9 }, message: "span" });
      context.report({ message: "nowhere" });
    });
    const result = lint(templateText([]), [rule]);
    expect(result.diagnostics.map((d) => [d.message, d.line, d.column, d.endLine, d.endColumn])).toEqual([
      ["nowhere", 1, 1, 1, 1],
      ["span", 2, 3, 2, 12],
    ]);
  });

  it("sorts by line, column, rule id", () => {
    const rules = [perResourceRule("arm/z"), perResourceRule("arm/a")];
    const result = lint(templateText(["st1", "st2"]), rules);
    expect(result.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)).toEqual(["4:5 arm/a", "4:5 arm/z", "5:5 arm/a", "5:5 arm/z"]);
  });

  it("makes every message one line", () => {
    expect(oneLine("first\n  second\r\nthird \r fourth")).toBe("first second third fourth");
  });
});

describe("fingerprints of findings", () => {
  const rule = perResourceRule("arm/per-resource");
  const fingerprints = (text: string) => lint(text, [rule]).diagnostics.map((d) => d.fingerprint);

  it("do not change when lines shift", () => {
    const before = fingerprints(templateText(["st1", "st2"]));
    const after = fingerprints(templateText(["st1", "st2"], 7));
    expect(lint(templateText(["st1"], 7), [rule]).diagnostics[0]!.line).toBe(11);
    expect(after).toEqual(before);
    expect(new Set(before).size).toBe(2);
  });

  it("do not change when unrelated findings come and go", () => {
    const [st2] = fingerprints(templateText(["st2"]));
    expect(fingerprints(templateText(["st1", "st2"]))[1]).toBe(st2);
  });

  it("number otherwise-equal findings in source order", () => {
    const anonymous = testRule({ id: "arm/anon" }, (context) => {
      for (const node of resourceNodes(context.analysis.root)) context.report({ node, message: "same" });
    });
    const fps = lint(templateText(["a", "b", "c"]), [anonymous]).diagnostics.map((d) => d.fingerprint);
    expect(new Set(fps).size).toBe(3);
    const shifted = lint(templateText(["a", "b", "c"], 3), [anonymous]).diagnostics.map((d) => d.fingerprint);
    expect(shifted).toEqual(fps);
  });

  it("depend on the file path relative to the working directory", () => {
    const analysis = fakeAnalysis(templateText(["st1"]), FILE);
    const fromRepo = lintAnalysis(analysis, defaultConfig({ builtinRules: [rule] }), { cwd: "/repo" }).diagnostics[0]!.fingerprint;
    const fromInfra = lintAnalysis(analysis, defaultConfig({ builtinRules: [rule] }), { cwd: "/repo/infra" }).diagnostics[0]!.fingerprint;
    expect(fromRepo).not.toBe(fromInfra);
  });
});

describe("findings in other files", () => {
  const dir = new TempDir().write({ "linked.json": '{\n  "x": 1,\n  "y": 2\n}\n' });
  afterAll(() => {
    dir.remove();
  });

  it("take positions from that file (loaded by the analysis, or read from disk)", () => {
    const linked = join(dir.path, "linked.json");
    const rule = testRule({ id: "arm/linked" }, (context) => {
      context.report({ file: linked, span: { offset: 14, length: 6 }, message: "in the linked template" });
    });
    const result = lint(templateText([]), [rule]);
    expect(result.diagnostics[0]).toMatchObject({ file: linked, line: 3, column: 3, endLine: 3, endColumn: 9 });
  });
});

describe("internalErrorResult", () => {
  it("reports an analysis crash for the file", () => {
    const result = internalErrorResult("infra/x.json", new Error("engine broke"), "/repo");
    expect(result.file).toBe("/repo/infra/x.json");
    expect(result.diagnostics[0]).toMatchObject({ ruleId: "armlint/internal-error", severity: "error", message: "armlint failed to analyze this file: engine broke" });
  });
});

describe("asynchronous rules", () => {
  it("a rule returning a Promise is an internal error, and its rejection is handled", async () => {
    const asyncCheck: (context: unknown) => Promise<void> = async () => {
      await Promise.resolve();
      throw new Error("late failure");
    };
    // eslint-disable-next-line @typescript-eslint/no-misused-promises -- deliberately async: the runner must catch it
    const asyncRule = testRule({ id: "arm/async" }, asyncCheck);
    const result = lint(templateText([]), [asyncRule]);
    expect(result.diagnostics.map((d) => d.message)).toEqual(['Rule "arm/async" crashed: check() returned a Promise; rules must be synchronous']);
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
