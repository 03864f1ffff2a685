// Tests for foundry/key-vault-contributor-role: Key Vault Contributor on RBAC vaults (explicit and by API default), not on access-policy vaults.
import { describe, expect, it } from "vitest";
import { SHAPES, expectFindings, fixture, lintFoundryFile } from "./harness.js";

const RULE = "foundry/key-vault-contributor-role";
const f = (name: string): string => fixture("key-vault-contributor-role", name);
const CORE = [
  "Foundry resource '{parameters('accountName')}' gets Key Vault Contributor on Key Vault '{parameters('keyVaultName')}', which uses RBAC authorization",
  "Key Vault connection 'kv-connection' cannot set or delete secrets",
  "Use Key Vault Secrets Officer (b86a8fe4-44ce-4948-aee5-eccb2c155cd7) instead.",
];

describe(RULE, () => {
  it("warns on the roleDefinitionId when the vault sets enableRbacAuthorization: true", () => {
    expectFindings(lintFoundryFile(f("bad")), [{ rule: RULE, line: 90, column: 29, severity: "warning", includes: [...CORE, "(enableRbacAuthorization is true)"] }]);
  });

  it("warns when the vault's API version makes RBAC the default", () => {
    expectFindings(lintFoundryFile(f("bad-v2")), [{ rule: RULE, line: 90, includes: [...CORE, "(enableRbacAuthorization is not set and API version 2026-02-01 defaults to RBAC)"] }]);
  });

  it("follows the principal id into a module (classic and languageVersion 2.0)", () => {
    expectFindings(lintFoundryFile(f("bad-modules")), [{ rule: RULE, line: 225, includes: CORE }]);
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [{ rule: RULE, line: 229, includes: CORE }]);
  });

  it("is silent for Key Vault Contributor on a vault that uses access policies (good, good-v2-modules) or by an older API default (good-v2)", () => {
    expect(lintFoundryFile(f("good"))).toEqual([]);
    expect(lintFoundryFile(f("good-v2"))).toEqual([]);
    expect(lintFoundryFile(f("good-v2-modules"))).toEqual([]);
  });

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
