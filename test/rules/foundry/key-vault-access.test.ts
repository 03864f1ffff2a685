// Tests for foundry/key-vault-access: wrong role, no grant, no managed identity, access policies, and the facts it cannot see.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHAPES, expectFindings, fixture, lintFoundryFile, lintFoundryText } from "./harness.js";

const RULE = "foundry/key-vault-access";
const f = (name: string): string => fixture("key-vault-access", name);

describe(RULE, () => {
  it("reports a role that cannot set or delete secrets, on the role assignment's roleDefinitionId", () => {
    expectFindings(lintFoundryFile(f("bad")), [
      {
        rule: RULE,
        line: 90,
        column: 29,
        severity: "error",
        includes: [
          "The Key Vault Secrets User role assignment on vault '{parameters('keyVaultName')}' gives Foundry resource '{parameters('accountName')}' a role that cannot set or delete secrets",
          "Key Vault connection 'kv-connection'",
          "Use Key Vault Secrets Officer (b86a8fe4-44ce-4948-aee5-eccb2c155cd7)",
        ],
      },
    ]);
  });

  it("reports a deployed vault with no grant for the Foundry resource, on the Key Vault connection", () => {
    expectFindings(lintFoundryFile(f("bad-v2")), [
      {
        rule: RULE,
        line: 68,
        includes: [
          "Foundry resource '{parameters('accountName')}' gets no access to Key Vault '{parameters('keyVaultName')}' of its Key Vault connection 'kv-connection'",
          "Assign Key Vault Secrets Officer",
        ],
      },
    ]);
  });

  it("reports a Foundry resource declared without a managed identity (module)", () => {
    expectFindings(lintFoundryFile(f("bad-modules")), [
      { rule: RULE, line: 153, includes: ["is declared without a managed identity", "\"identity\": {\"type\": \"SystemAssigned\"}"] },
    ]);
  });

  it("reports an access policy without set/delete, following the principal through a module output", () => {
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [
      { rule: RULE, line: 41, includes: ["The access policy for Foundry resource '{parameters('accountName')}'", "lacks the secret permission(s) set, delete", "get, list, set, delete"] },
    ]);
  });

  it("reports a data role on a vault that uses access policies", () => {
    const text = readFileSync(f("good"), "utf8").replace('"enableRbacAuthorization": true', '"enableRbacAuthorization": false');
    expectFindings(lintFoundryText(text), [{ rule: RULE, line: 90, includes: ["uses access policies (enableRbacAuthorization is not true)", "Key Vault Secrets Officer role assignment"] }]);
  });

  it("reports an access policy on a vault that uses RBAC", () => {
    const text = readFileSync(f("good-v2"), "utf8").replace('"enableRbacAuthorization": false', '"enableRbacAuthorization": true');
    expectFindings(lintFoundryText(text), [{ rule: RULE, line: 91, includes: ["uses RBAC authorization, so the access policy for Foundry resource"] }]);
  });

  it("says nothing when the principal id is a parameter it cannot follow", () => {
    const text = readFileSync(f("bad"), "utf8").replace(
      "\"[reference(resourceId('Microsoft.CognitiveServices/accounts', parameters('accountName')), '2025-06-01', 'full').identity.principalId]\"",
      "\"[parameters('principalId')]\"",
    );
    expect(lintFoundryText(text).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it("says nothing when the vault is not deployed by the template and it has no grant", () => {
    const text = readFileSync(f("bad-v2"), "utf8").replace('"vault": {', '"vault": {\n      "existing": true,');
    expect(lintFoundryText(text).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it("says nothing when a role assignment for the resource's identity has a scope it cannot resolve (it may be the vault)", () => {
    const text = readFileSync(f("bad"), "utf8").replace(
      "\"scope\": \"[format('Microsoft.KeyVault/vaults/{0}', parameters('keyVaultName'))]\"",
      "\"scope\": \"[parameters('grantScope')]\"",
    );
    expect(text).toContain("parameters('grantScope')");
    expect(lintFoundryText(text).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
