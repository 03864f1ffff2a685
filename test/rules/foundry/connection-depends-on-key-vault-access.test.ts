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

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
