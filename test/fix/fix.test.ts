// Tests for `--fix` in-process: golden before/after files, the deployment invariant, passes, comments, line breaks, Bicep output.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { analyzeFile, analyzeText } from "../../src/analyze.js";
import { collectComments } from "../../src/load/comments.js";
import { loadText, toPlainValue } from "../../src/load/loader.js";
import { FIX_SKIPPED, fixFile, type FixOutcome } from "../../src/fix/fix.js";
import { defaultConfig, type ResolvedConfig } from "../../src/runner/config.js";
import { lintAnalysis, type LintResult } from "../../src/runner/run.js";
import { defineRule } from "../../src/runner/types.js";
import { TempDir } from "../runner/helpers.js";
import { jsonDiff } from "../rules/harness.js";
import { expectGolden, FIX_FIXTURES, RULE_FIXTURES } from "./helpers.js";

const MISSING = join(RULE_FIXTURES, "arm/missing-dependency");
const FOUNDRY_GOOD = join(RULE_FIXTURES, "foundry/connection-depends-on-key-vault/good.json");
const config = defaultConfig();
const cwd = join(FIX_FIXTURES, "../..");

/** The fixtures of arm/missing-dependency that have a finding with a fix. */
const FIXABLE = ["bad", "child", "extension-scope", "module-to-module", "nested-child", "nested-module", "reference-resource-id", "symbolic"];

function lintPath(file: string, with_: ResolvedConfig = config): LintResult {
  return lintAnalysis(analyzeFile(file), with_, { cwd });
}

function fix(file: string, options: { config?: ResolvedConfig; maxPasses?: number } = {}): FixOutcome {
  const used = options.config ?? config;
  return fixFile(lintPath(file, used), { config: used, analyze: {}, lint: { cwd }, ...(options.maxPasses === undefined ? {} : { maxPasses: options.maxPasses }) });
}

function parsed(text: string): unknown {
  const root = loadText(text, "/x.json").root;
  if (root === undefined) throw new Error("does not parse");
  return toPlainValue(root);
}

/** The parsed template before and after differ only by added dependsOn entries (strings). */
function expectOnlyAddedDependsOn(before: string, after: string): void {
  const changes = jsonDiff(parsed(before), parsed(after));
  expect(changes.length).toBeGreaterThan(0);
  for (const change of changes) expect(change).toMatch(/^\+ \S*\.dependsOn(?:\[\d+\])? = (?:"[^"]*"|\["[^"]*"(?:,"[^"]*")*\])$/u);
}

describe("--fix on the arm/missing-dependency fixtures", () => {
  for (const name of FIXABLE) {
    it(`${name}.json: golden result, lints clean for the rule, deploys the same except the added ordering`, () => {
      const file = join(MISSING, `${name}.json`);
      const original = readFileSync(file, "utf8");
      const outcome = fix(file);
      expect(outcome.output).toBeDefined();
      expectGolden(outcome.output ?? "", join(FIX_FIXTURES, "missing-dependency", `${name}.fixed.json`));
      expect(outcome.original).toBe(original);
      expect(outcome.skipped).toBeUndefined();
      expect(outcome.result.diagnostics.filter((d) => d.ruleId === "arm/missing-dependency")).toEqual([]);
      const relinted = lintAnalysis(analyzeText(outcome.output ?? "", file, { followLinks: true }), config, { cwd });
      expect(relinted.diagnostics.filter((d) => d.ruleId === "arm/missing-dependency")).toEqual([]);
      expectOnlyAddedDependsOn(original, outcome.output ?? "");
    });
  }

  it("templates without a fixable finding are left alone", () => {
    for (const name of ["good", "exclusive-conditions"]) {
      const outcome = fix(join(MISSING, `${name}.json`));
      expect(outcome).toMatchObject({ output: undefined, applied: 0, passes: 0 });
    }
  });
});

describe("formatting, comments and passes", () => {
  const commented = join(FIX_FIXTURES, "commented.json");

  it("keeps comments, indentation and layout; a suppressed finding is not fixed", () => {
    const original = readFileSync(commented, "utf8");
    const outcome = fix(commented);
    expectGolden(outcome.output ?? "", join(FIX_FIXTURES, "commented.fixed.json"));
    expect(collectComments(outcome.output ?? "").map((c) => c.value)).toEqual(collectComments(original).map((c) => c.value));
    expectOnlyAddedDependsOn(original, outcome.output ?? "");
    // nsg-diagnostics waits for the storage account now, but not for the NSG (its finding is suppressed).
    expect(outcome.result.diagnostics).toEqual([]);
    expect(outcome.result.suppressed?.map((d) => d.data?.entry)).toEqual(["[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-app')]"]);
  });

  it("overlapping fixes (two entries for one resource without dependsOn) take two passes", () => {
    const file = join(FIX_FIXTURES, "foundry-key-vault-connection.json");
    const outcome = fix(file);
    expect(outcome).toMatchObject({ applied: 2, passes: 2 });
    expectGolden(outcome.output ?? "", join(FIX_FIXTURES, "foundry-key-vault-connection.fixed.json"));
    // The Foundry template the fixture was made from, up to layout: the fix restores what was removed.
    expect(parsed(outcome.output ?? "")).toEqual(parsed(readFileSync(FOUNDRY_GOOD, "utf8")));
    expect(outcome.result.diagnostics).toEqual([]);
  });

  it("stops after maxPasses and reports what remains", () => {
    const outcome = fix(join(FIX_FIXTURES, "foundry-key-vault-connection.json"), { maxPasses: 1 });
    expect(outcome).toMatchObject({ applied: 1, passes: 1 });
    expect(outcome.result.diagnostics.map((d) => d.ruleId)).toEqual(["arm/missing-dependency"]);
  });

  it("a \\r\\n file stays \\r\\n", () => {
    const dir = new TempDir().write({ "crlf.json": readFileSync(commented, "utf8").replaceAll("\n", "\r\n") });
    try {
      const outcome = fix(dir.file("crlf.json"));
      expect(outcome.output).toBe(readFileSync(join(FIX_FIXTURES, "commented.fixed.json"), "utf8").replaceAll("\n", "\r\n"));
    } finally {
      dir.remove();
    }
  });
});

describe("templates --fix leaves alone", () => {
  it("a template emitted by Bicep: unchanged, with an info finding at metadata._generator.name pointing at the .bicep source", () => {
    const file = join(MISSING, "bicep-generated.json");
    const outcome = fix(file);
    expect(outcome.output).toBeUndefined();
    expect(outcome.skipped?.reason).toBe("bicep");
    const [note, finding] = outcome.result.diagnostics;
    expect(note).toMatchObject({ ruleId: FIX_SKIPPED, severity: "info", line: 7, column: 15, data: { reason: "bicep" } });
    expect(note?.message).toBe(
      "This template was emitted by Bicep (metadata._generator.name is 'bicep') and regenerated from its .bicep source, so --fix left it unchanged: " +
        "fix the .bicep file instead (1 fixable finding; each message gives the Bicep form of the fix).",
    );
    expect(finding?.message).toContain("In the Bicep source, reference the resource symbolically or add `dependsOn: [vault]`.");
  });

  const customFix = (id: string, text: (source: string) => { offset: number; length: number; text: string }): ResolvedConfig =>
    defaultConfig({
      builtinRules: [
        ...builtinRules,
        defineRule({
          meta: { id, description: "A test rule with a bad fix.", type: "problem", defaultSeverity: "error", docsUrl: "", fixable: "code" },
          check(context) {
            const source = context.analysis.source?.text ?? "";
            if (!source.includes('"Standard_LRS"')) return;
            context.report({ span: { offset: 0, length: 1 }, message: "Bad fix.", fix: { description: "bad", edits: [text(source)] } });
          },
        }),
      ],
    });

  it("a fix that would change what the template deploys is dropped, and says so", () => {
    const bad = customFix("test/changes-sku", (s) => ({ offset: s.indexOf('"Standard_LRS"'), length: '"Standard_LRS"'.length, text: '"Premium_LRS"' }));
    const outcome = fix(join(FIX_FIXTURES, "commented.json"), { config: bad });
    expect(outcome.output).toBeUndefined();
    expect(outcome.skipped?.reason).toBe("changes-deployment");
    expect(outcome.skipped?.note).toContain("(at $.resources[1].sku.name)");
    expect(outcome.result.diagnostics.find((d) => d.ruleId === FIX_SKIPPED)?.severity).toBe("info");
  });

  it("a fix that breaks the JSON is dropped", () => {
    const broken = customFix("test/breaks-json", (s) => ({ offset: s.indexOf('"Standard_LRS"'), length: 1, text: "" }));
    const outcome = fix(join(FIX_FIXTURES, "commented.json"), { config: broken });
    expect(outcome.output).toBeUndefined();
    expect(outcome.skipped?.reason).toBe("invalid-result");
  });
});
