// Tests for inline suppressions through the runner: metadata and comment directives, reasons, unused ones, --no-inline-config.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { analyzeFile, analyzeText } from "../../src/analyze.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import { defaultConfig } from "../../src/runner/config.js";
import { lintAnalysis, type LintOptions, type LintResult } from "../../src/runner/run.js";
import { defineRule } from "../../src/runner/types.js";
import { locate } from "../rules/harness.js";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(ROOT, "fixtures/suppress");
const config = defaultConfig();

function lint(name: string, options: LintOptions = {}): LintResult {
  return lintAnalysis(analyzeFile(join(FIXTURES, name)), config, { cwd: ROOT, ...options });
}

function text(name: string): string {
  return readFileSync(join(FIXTURES, name), "utf8");
}

/** `ruleId@line` of findings, for compact assertions. */
function at(diagnostics: readonly Diagnostic[] | undefined): string[] {
  return (diagnostics ?? []).map((d) => `${d.ruleId}@${d.line}`);
}

describe("metadata suppressions", () => {
  const src = text("metadata.json");
  const line = (needle: string, after?: string): number => locate(src, needle, after).line;

  it("suppresses the named rule inside the resource, keeping the finding with its reason and location", () => {
    const result = lint("metadata.json");
    const apps = result.suppressed?.find((d) => d.message.includes("/apps'"));
    expect(apps).toMatchObject({ ruleId: "arm/missing-dependency", line: line("[format('{0}/{1}', parameters('vnetName'), 'apps')]") });
    expect(apps?.suppressions).toEqual([
      {
        kind: "inSource",
        justification: "The VNet is created by an earlier pipeline stage; this template only adds the subnet.",
        location: { file: join(FIXTURES, "metadata.json"), ...span(src, '{\n          "disable": ["arm/missing-dependency"],\n          "reason": "The VNet') },
      },
    ]);
    expect(apps?.fingerprint).toMatch(/^[0-9a-f]{64}$/u);
  });

  it("still suppresses without a reason, and warns armlint/suppression-without-reason at the metadata entry", () => {
    const result = lint("metadata.json");
    const data = result.suppressed?.find((d) => d.message.includes("/data'"));
    expect(data?.suppressions).toHaveLength(1);
    expect(data?.suppressions?.[0]?.justification).toBeUndefined();
    const warning = result.diagnostics.filter((d) => d.ruleId === "armlint/suppression-without-reason");
    expect(warning).toHaveLength(1);
    expect(warning[0]).toMatchObject({
      severity: "warning",
      line: line('"armlint": {', "'data')]"),
      column: locate(src, '"armlint": {', "'data')]").column + '"armlint": '.length,
      docsUrl: "https://github.com/armlint/armlint/blob/main/rules/armlint/suppression-without-reason.md",
    });
    expect(warning[0]?.message).toContain(`add "reason": "why" beside "disable"`);
  });

  it("leaves other resources' findings alone", () => {
    expect(at(lint("metadata.json").diagnostics.filter((d) => d.ruleId === "arm/missing-dependency"))).toEqual([
      `arm/missing-dependency@${line("[format('{0}/{1}', parameters('vnetName'), 'web')]")}`,
    ]);
  });

  it("reports unused ids only with reportUnusedSuppressions, as errors, at the id", () => {
    expect(lint("metadata.json").diagnostics.filter((d) => d.ruleId === "armlint/unused-suppression")).toEqual([]);
    const unused = lint("metadata.json", { reportUnusedSuppressions: true }).diagnostics.filter((d) => d.ruleId === "armlint/unused-suppression");
    expect(unused.map((d) => [d.severity, d.line, d.column, d.message])).toEqual([
      [
        "error",
        line('"arm/unused-variable"'),
        locate(src, '"arm/unused-variable"').column,
        "Unused suppression: no 'arm/unused-variable' finding in or about this resource to suppress. Remove 'arm/unused-variable' from its metadata.armlint.disable.",
      ],
      [
        "error",
        line('"arm/no-such-rule"'),
        locate(src, '"arm/no-such-rule"').column,
        "Unused suppression: there is no rule 'arm/no-such-rule' (misspelled, or from a plugin that is not loaded). Fix or remove it.",
      ],
    ]);
  });

  it("covers findings about the resource reported elsewhere (same identity)", () => {
    const aboutStorage = defineRule({
      meta: { id: "test/about-resource", description: "Reports on the parameters object, about the storage account.", type: "problem", defaultSeverity: "error", docsUrl: "" },
      check(context) {
        const node = context.analysis.graph?.resources.find((n) => n.type === "Microsoft.Storage/storageAccounts");
        const parameters = context.analysis.model?.root.json.properties.find((p) => p.key === "parameters");
        if (node !== undefined && parameters !== undefined) context.report({ node: parameters.value, identity: node.identity, message: "About the storage account." });
      },
    });
    const withRule = defaultConfig({ builtinRules: [...builtinRules, aboutStorage] });
    const template = (metadata: string): string => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {},
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st1", "location": "westeurope", "kind": "StorageV2", "sku": { "name": "Standard_LRS" }${metadata} }
  ]
}`;
    const plain = lintAnalysis(analyzeText(template(""), "/t.json"), withRule, { cwd: "/" });
    expect(at(plain.diagnostics)).toEqual(["test/about-resource@4"]);
    const suppressed = lintAnalysis(analyzeText(template(`, "metadata": { "armlint": { "disable": ["test/about-resource"], "reason": "Known." } }`), "/t.json"), withRule, { cwd: "/" });
    expect(at(suppressed.diagnostics)).toEqual([]);
    expect(at(suppressed.suppressed)).toEqual(["test/about-resource@4"]);
    expect(suppressed.suppressed?.[0]?.fingerprint).toBe(plain.diagnostics[0]?.fingerprint);
  });
});

describe("comment suppressions", () => {
  const src = text("comments.json");
  const line = (needle: string): number => locate(src, needle).line;

  it("suppresses the next line only: line and block comments, several ids, no id = every rule, trailing comments", () => {
    const result = lint("comments.json");
    expect(at(result.suppressed)).toEqual([
      `arm/unused-parameter@${line('"legacySku"')}`,
      `arm/unused-parameter@${line('"legacyTier"')}`,
      `arm/unused-variable@${line('"releaseTag"')}`,
      `arm/missing-dependency@${line("'apps')]")}`,
      `arm/missing-dependency@${line("'data')]")}`,
    ]);
    expect(at(result.diagnostics)).toEqual([
      `armlint/suppression-without-reason@${line("// armlint-disable-next-line arm/unused-parameter\n")}`,
      `arm/unused-parameter@${line('"legacyZone"')}`,
      `arm/unused-variable@${line('"docs"')}`,
    ]);
    const reasons = result.suppressed?.map((d) => d.suppressions?.[0]?.justification);
    expect(reasons).toEqual([
      "Kept so old pipelines that pass it still deploy.",
      undefined,
      "Read by the release script, which parses this template.",
      "The VNet comes from an earlier stage; any finding on the name is accepted.",
      "Trailing comments apply to the next line too.",
    ]);
    const block = result.suppressed?.[2]?.suppressions?.[0]?.location;
    expect(block).toMatchObject({ line: line("/* armlint-disable-next-line arm/unused-variable"), endLine: line("/* armlint-disable-next-line arm/unused-variable") + 1 });
  });

  it("reports the directive two lines above its target, and the id that matched nothing, as unused", () => {
    const unused = lint("comments.json", { reportUnusedSuppressions: true }).diagnostics.filter((d) => d.ruleId === "armlint/unused-suppression");
    expect(unused.map((d) => d.message)).toEqual([
      `Unused suppression: no 'arm/unused-parameter' finding on line ${line("// armlint-disable-next-line arm/unused-parameter -- Two") + 1} to suppress. Remove 'arm/unused-parameter' from the comment.`,
      `Unused suppression: no 'arm/unused-parameter' finding on line ${line('"releaseTag"')} to suppress. Remove 'arm/unused-parameter' from the comment.`,
    ]);
  });

  it("never suppresses findings about directives themselves", () => {
    const source = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    // armlint-disable-next-line -- Nothing may hide the warning below.
    // armlint-disable-next-line arm/unused-parameter
    "p": { "type": "string" }
  },
  "resources": []
}`;
    const result = lintAnalysis(analyzeText(source, "/t.json"), config, { cwd: "/", reportUnusedSuppressions: true });
    expect(at(result.diagnostics)).toEqual(["armlint/unused-suppression@5", "armlint/suppression-without-reason@6"]);
    expect(at(result.suppressed)).toEqual(["arm/unused-parameter@7"]);
    expect(result.diagnostics[0]?.message).toBe("Unused suppression: no finding on line 6 to suppress. Remove the comment.");
  });
});

describe("--no-inline-config (inlineConfig: false)", () => {
  it("ignores every directive: nothing suppressed, no directive findings", () => {
    for (const name of ["metadata.json", "comments.json"]) {
      const result = lint(name, { inlineConfig: false, reportUnusedSuppressions: true });
      expect(result.suppressed).toEqual([]);
      expect(result.diagnostics.filter((d) => d.ruleId.startsWith("armlint/"))).toEqual([]);
    }
    expect(at(lint("metadata.json", { inlineConfig: false }).diagnostics)).toHaveLength(3);
    expect(at(lint("comments.json", { inlineConfig: false }).diagnostics)).toHaveLength(7);
  });

  it("keeps fingerprints: a suppressed finding has the one it has when not suppressed", () => {
    const suppressed = lint("comments.json").suppressed ?? [];
    const plain = new Set(lint("comments.json", { inlineConfig: false }).diagnostics.map((d) => d.fingerprint));
    expect(suppressed.length).toBeGreaterThan(0);
    for (const d of suppressed) expect(plain.has(d.fingerprint)).toBe(true);
  });
});

/** The 1-based region of the object that opens at the first occurrence of `needle` (a `{`). */
function span(text: string, needle: string): { line: number; column: number; endLine: number; endColumn: number } {
  const start = text.indexOf(needle);
  const end = matchingBrace(text, start);
  return { ...position(text, start), ...renamed(position(text, end)) };
}

function position(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split("\n").length, column: offset - before.lastIndexOf("\n") };
}

function renamed(p: { line: number; column: number }): { endLine: number; endColumn: number } {
  return { endLine: p.line, endColumn: p.column };
}

/** Offset just past the `}` that closes the `{` at `open`. */
function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i + 1;
  }
  throw new Error("unbalanced");
}
