// Tests for foundry/connection-depends-on-key-vault-access: exact findings, grant entries (extensionResourceId, symbols, modules), fixes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHAPES, applySuggestions, expectFindings, fixture, lintFoundryFile, lintFoundryText } from "./harness.js";

const RULE = "foundry/connection-depends-on-key-vault-access";
const f = (name: string): string => fixture("connection-depends-on-key-vault-access", name);
const RA_ENTRY =
  "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'Microsoft.Authorization/roleAssignments', guid(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), parameters('accountName'), 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'))]";

describe(RULE, () => {
  it("reports a connection that waits for the Key Vault connection but not for the role assignment (classic)", () => {
    const findings = lintFoundryFile(f("bad"));
    expectFindings(findings, [
      {
        rule: RULE,
        line: 114,
        severity: "error",
        includes: [
          "Connection 'search' of Foundry resource '{parameters('accountName')}' does not depend on the Key Vault Secrets Officer role assignment on vault '{parameters('keyVaultName')}'",
          "Key Vault connection 'kv-connection'",
          `add "${RA_ENTRY}" to its dependsOn.`,
        ],
      },
    ]);
    const fixed = applySuggestions(readFileSync(f("bad"), "utf8"), findings);
    expect(lintFoundryText(fixed)).toEqual([]);
  });

  it("names the role assignment's symbol in languageVersion 2.0", () => {
    const findings = lintFoundryFile(f("bad-v2"));
    expectFindings(findings, [{ rule: RULE, line: 115, includes: ["role assignment 'kvRole'", 'add "kvRole" to its dependsOn.'] }]);
    expect(lintFoundryText(applySuggestions(readFileSync(f("bad-v2"), "utf8"), findings))).toEqual([]);
  });

  it("follows the principal id through a module output and places the entry on the module (classic Bicep output)", () => {
    const where = `add "[resourceId('Microsoft.Resources/deployments', 'kv-access')]" to the dependsOn of module 'connections'`;
    expectFindings(lintFoundryFile(f("bad-modules")), [
      { rule: RULE, line: 283, includes: ["Connection 'search'", where, "dependsOn: [<module 'kv-access'>]"] },
      { rule: RULE, line: 308, includes: ["Connection 'storage'", where] },
    ]);
  });

  it("module placement in languageVersion 2.0", () => {
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [
      { rule: RULE, line: 288, includes: [`add "kvAccess" to the dependsOn of module 'connections' (in the Bicep source on module connections: dependsOn: [kvAccess])`] },
      { rule: RULE, line: 313, includes: ["Connection 'storage'"] },
    ]);
  });

  it("lists both missing Key Vault steps in the Bicep form when both are missing", () => {
    const text = readFileSync(fixture("connection-depends-on-key-vault", "bad-v2-modules"), "utf8").replace('"kvAccess"\n      ]', '"foundry"\n      ]');
    const findings = lintFoundryText(text);
    const access = findings.filter((d) => d.ruleId === RULE);
    expect(access).toHaveLength(2);
    expect(access[0]!.message).toContain("dependsOn: [kvConnection, kvAccess]");
  });

  it("an access-policy vault: the vault carries the grant and the connections reach it through the Key Vault connection (good-v2)", () => {
    expect(lintFoundryFile(f("good-v2"))).toEqual([]);
  });

  it("a copy loop that makes the Key Vault connection and others must wait for the grant too", () => {
    const loop = readFileSync(fixture("connection-depends-on-key-vault", "good-loop"), "utf8");
    const grant = JSON.stringify({
      type: "Microsoft.Authorization/roleAssignments",
      apiVersion: "2022-04-01",
      scope: "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]",
      name: "[guid(parameters('vaultName'), 'secrets-officer')]",
      properties: {
        roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')]",
        principalId: "[reference(resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName')), '2025-06-01', 'full').identity.principalId]",
      },
    });
    const withGrant = loop.replace(/("resources": \[)/, `$1 ${grant},`);
    expect(withGrant).not.toBe(loop);
    const findings = lintFoundryText(withGrant);
    expect(findings.map((d) => d.ruleId)).toEqual([RULE]);
    expect(findings[0]!.message).toContain("does not depend on the Key Vault Secrets Officer role assignment on vault '{parameters('vaultName')}'");
    // Made to wait for the grant: clean.
    const waits = withGrant.replace(
      `"[resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName'))]"\n      ]`,
      `"[resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName'))]", "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', parameters('vaultName')), 'Microsoft.Authorization/roleAssignments', guid(parameters('vaultName'), 'secrets-officer'))]"\n      ]`,
    );
    expect(waits).not.toBe(withGrant);
    expect(lintFoundryText(waits)).toEqual([]);
  });

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
