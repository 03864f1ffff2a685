// Tests for the change-rule API and the matching of resources across versions (by identity, not position or symbolic name).
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { analyzeFile, analyzeText } from "../../src/analyze.js";
import { compareVersions } from "../../src/diff/compare.js";
import { matchResources } from "../../src/diff/match.js";
import { defineChangeRule, isChangeRule, type ChangeRule, type TemplateVersion } from "../../src/diff/types.js";
import { defaultConfig } from "../../src/runner/config.js";
import { lintAnalysis } from "../../src/runner/run.js";
import { diffFixture, ROOT, versions } from "./helpers.js";

const TEMPLATE = '{\n "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",\n "resources": [{"type": "A.B/c", "apiVersion": "1", "name": "n"}]\n}';
const CHANGE_RULES = ["foundry/deletion-order", "foundry/key-vault-switch"];

function matchOf(name: string): ReturnType<typeof matchResources> {
  return matchResources(analyzeFile(diffFixture(name, "before")), analyzeFile(diffFixture(name, "after")));
}

describe("matchResources", () => {
  it("reordered resources with differently spelled names are the same resources", () => {
    const m = matchOf("reordered");
    expect(m.removed).toEqual([]);
    expect(m.added).toEqual([]);
    expect(m.kept).toHaveLength(7);
    const account = m.kept.find((k) => k.before.type === "Microsoft.CognitiveServices/accounts")!;
    expect([account.before.decl.index, account.after.decl.index]).toEqual([1, 5]);
    const kv = m.kept.find((k) => k.before.identity.endsWith("/connections/kv-connection"))!;
    expect(kv.after.decl.nameNode?.type === "string" ? kv.after.decl.nameNode.value : "").toBe("[concat(parameters('accountName'), '/kv-connection')]");
  });

  it("languageVersion 2.0: renamed symbolic names match by identity", () => {
    const m = matchOf("v2-renamed");
    expect(m.removed).toEqual([]);
    expect(m.added).toEqual([]);
    const renamed = m.kept.map((k) => `${k.before.decl.symbolicName ?? ""}->${k.after.decl.symbolicName ?? ""}`).sort();
    expect(renamed).toEqual([
      "account->foundry",
      "kvConnection->keyVaultConnection",
      "kvRole->kvRole",
      "project->mainProject",
      "searchConnection->search",
      "storageConnection->storageConnection",
      "vault->vault",
    ]);
  });

  it("removed and added identities", () => {
    const m = matchOf("key-vault-connection-replaced");
    expect(m.removed.map((n) => n.identity.slice(n.identity.lastIndexOf("/connections/")))).toEqual(["/connections/kv-connection"]);
    expect(m.added.map((n) => n.identity.slice(n.identity.lastIndexOf("/connections/")))).toEqual(["/connections/kv-connection-2"]);
    const removed = matchOf("key-vault-connection-removed").removed.map((n) => n.type);
    expect(removed).toEqual(["Microsoft.CognitiveServices/accounts/connections", "Microsoft.Authorization/roleAssignments"]);
  });

  it("an `existing` declaration is declared but not deployed", () => {
    const m = matchOf("v2-vault-made-existing");
    const vault = m.removed[0]!;
    expect(vault.type).toBe("Microsoft.KeyVault/vaults");
    expect(m.deploys("before", vault.identity)).toBe(true);
    expect(m.deploys("after", vault.identity)).toBe(false);
    expect(m.declarations("after", vault.identity).map((n) => n.existing)).toEqual([true]);
  });

  it("an undefined version deploys nothing", () => {
    const m = matchResources(analyzeFile(diffFixture("everything-removed", "before")), undefined);
    expect(m.removed).toHaveLength(7);
    expect(m.kept).toEqual([]);
    expect(matchResources(undefined, undefined).removed).toEqual([]);
  });
});

describe("change rules", () => {
  it("are registered built-in rules, recognized as change rules", () => {
    const ids = builtinRules.filter(isChangeRule).map((r) => r.meta.id);
    expect(ids).toEqual(CHANGE_RULES);
    for (const id of CHANGE_RULES) expect(defaultConfig().registry.get(id)?.meta.defaultSeverity).toBe("error");
  });

  it("find nothing in a single-file lint", () => {
    const result = lintAnalysis(analyzeFile(diffFixture("everything-removed", "before")), defaultConfig(), { cwd: ROOT });
    expect(result.diagnostics.filter((d) => CHANGE_RULES.includes(d.ruleId))).toEqual([]);
  });

  it("a custom change rule: side, span, severity, fingerprint from fingerprintFile, and a crash as an internal error", () => {
    const probe: ChangeRule = defineChangeRule({
      meta: { id: "test/probe", description: "Probe.", type: "problem", defaultSeverity: "warning", docsUrl: "https://example.invalid/probe" },
      checkChange(context) {
        expect(context.mode).toBe("incremental");
        expect(context.id).toBe("test/probe");
        context.report({ side: "before", span: { offset: 3, length: 3 }, message: `removed ${context.resources.removed.length}`, identity: "x" });
        context.report({ side: "after", span: { offset: 0, length: 1 }, message: "after", severity: "info" });
      },
    });
    const crash = defineChangeRule({
      meta: { id: "test/crash", description: "Crash.", type: "problem", defaultSeverity: "error", docsUrl: "" },
      checkChange() {
        throw new Error("boom");
      },
    });
    expect(() => {
      probe.check({} as never);
    }).not.toThrow();
    const config = defaultConfig({ builtinRules: [probe, crash] });
    const before: TemplateVersion = { side: "before", file: "main:t.json", analysis: analyzeText(TEMPLATE, "main:t.json") };
    const after: TemplateVersion = { side: "after", file: "/w/t.json", analysis: undefined };
    const first = compareVersions(before, after, config, { mode: "incremental", cwd: "/w", fingerprintFile: "/w/t.json" });
    expect(first.before.diagnostics.map((d) => [d.file, d.line, d.column, d.severity, d.message])).toEqual([["main:t.json", 2, 2, "warning", "removed 1"]]);
    expect(first.after.diagnostics.map((d) => [d.ruleId, d.severity, d.message])).toEqual([
      ["armlint/internal-error", "error", 'Rule "test/crash" crashed: boom'],
      ["test/probe", "info", "after"],
    ]);
    const relabeled = compareVersions({ ...before, file: "other-ref:t.json" }, after, config, { mode: "incremental", cwd: "/w", fingerprintFile: "/w/t.json" });
    expect(relabeled.before.diagnostics[0]!.fingerprint).toBe(first.before.diagnostics[0]!.fingerprint);
  });

  it("a deleted after version gives results for both sides, the after one empty", () => {
    const v = versions("nothing-removed");
    const result = compareVersions(v.before, { ...v.after, analysis: undefined }, defaultConfig(), { mode: "complete", cwd: ROOT });
    expect(result.after).toEqual({ file: v.after.file, diagnostics: [], source: undefined });
    expect(result.before.diagnostics.map((d) => d.ruleId)).toEqual(Array<string>(4).fill("foundry/deletion-order"));
  });
});
