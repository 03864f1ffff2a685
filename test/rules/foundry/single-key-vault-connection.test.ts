// Tests for foundry/single-key-vault-connection: second Key Vault connections (resource and project level), loops, exclusive conditions.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHAPES, expectFindings, fixture, lintFoundryFile, lintFoundryText } from "./harness.js";

const RULE = "foundry/single-key-vault-connection";
const f = (name: string): string => fixture("single-key-vault-connection", name);
const SINGLE = "A Foundry resource supports a single Key Vault connection across the resource and all its projects";

describe(RULE, () => {
  it("reports a second resource-level Key Vault connection on its name", () => {
    expectFindings(lintFoundryFile(f("bad")), [
      {
        rule: RULE,
        line: 87,
        column: 15,
        severity: "error",
        includes: ["Foundry resource '{parameters('accountName')}' gets a second Key Vault connection: 'kv-connection-2' (on the resource itself) besides 'kv-connection' (on the resource itself).", SINGLE, "remove 'kv-connection-2'"],
      },
    ]);
  });

  it("reports a copy loop of Key Vault connections whose count is unknown", () => {
    expectFindings(lintFoundryFile(f("bad-v2")), [
      { rule: RULE, line: 72, includes: ["Key Vault connection 'kv-connection-{copyIndex('kvConnections')}' (on the resource itself) is in a copy loop (count {parameters('vaultCount')})", SINGLE] },
    ]);
  });

  it("counts the Key Vault instances of a copy loop over a known list", () => {
    // One Key Vault connection and one other in a serial loop (fixture of connection-depends-on-key-vault): fine.
    const loop = readFileSync(fixture("connection-depends-on-key-vault", "good-loop"), "utf8");
    expect(lintFoundryText(loop)).toEqual([]);
    // A second Key Vault entry in the list: the loop makes two.
    const second = `{ "name": "kv-2", "category": "AzureKeyVault", "authType": "AccountManagedIdentity", "target": "[resourceId('Microsoft.KeyVault/vaults', 'other')]" },`;
    const two = loop.replace(/("connections": \[)/, `$1 ${second}`);
    expect(two).not.toBe(loop);
    const findings = lintFoundryText(two).filter((d) => d.ruleId === RULE);
    expect(findings.map((d) => d.message)).toEqual([expect.stringContaining("is in a copy loop (count 3) that can create more than one Key Vault connection")]);
  });

  it("counts a project's Key Vault connection in another module for the same Foundry resource", () => {
    expectFindings(lintFoundryFile(f("bad-modules")), [
      { rule: RULE, line: 289, includes: ["'project-kv' (on project '{parameters('projectName')}') besides 'kv-connection' (on the resource itself)"] },
    ]);
  });

  it("does not count a Key Vault connection that deploys nothing (its module's copy count is 0)", () => {
    const text = readFileSync(f("bad-modules"), "utf8");
    const none = text.replace(`"name": "connections",`, `"name": "connections", "copy": { "name": "connections", "count": "[length(createArray())]" },`);
    expect(none).not.toBe(text);
    expect(lintFoundryText(none).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it("reports a project-level loop with a known count of 2", () => {
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [{ rule: RULE, line: 294, includes: ["is in a copy loop (count 2)"] }]);
  });

  it("does not count Key Vault connections under opposite conditions twice, nor a loop of count 1", () => {
    expect(lintFoundryFile(f("good-v2"))).toEqual([]);
    expect(lintFoundryFile(f("good-v2-modules"))).toEqual([]);
  });

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
