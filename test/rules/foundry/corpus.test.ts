// Foundry rules over the real-template corpus: Microsoft's Key Vault sample passes, an extended copy fails, every finding snapshotted.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../../src/diagnostics.js";
import { CORPUS, applyEdits, corpusPresent, lintFoundryFile, lintFoundryText, show } from "./harness.js";

const SAMPLE = path.join(CORPUS, "foundry-samples/infrastructure/infrastructure-setup-bicep/01-connections/connection-key-vault.json");
const SKIP = corpusPresent ? false : "the corpus (../shared/corpus) is not in this checkout";

/** The sample plus one more resource-level connection without dependsOn. */
function extendedSample(): string {
  const template = JSON.parse(readFileSync(SAMPLE, "utf8")) as { resources: unknown[] };
  template.resources.push({
    type: "Microsoft.CognitiveServices/accounts/connections",
    apiVersion: "2025-04-01-preview",
    name: "[format('{0}/{1}', parameters('aiFoundryName'), format('{0}-search', parameters('aiFoundryName')))]",
    properties: { category: "CognitiveSearch", target: "https://search.example.net", authType: "ApiKey", credentials: { key: "[parameters('keyVaultName')]" } },
  });
  return JSON.stringify(template, null, 4);
}

describe.skipIf(SKIP !== false)(`foundry rules on the corpus${SKIP === false ? "" : ` (skipped: ${SKIP})`}`, () => {
  it("Microsoft's Key Vault connection sample (existing account and vault) gives no finding", () => {
    expect(lintFoundryFile(SAMPLE).map(show)).toEqual([]);
  });

  it("the sample plus a connection without dependsOn gives both dependency errors, and their fixes clear them", () => {
    let text = extendedSample();
    const findings = lintFoundryText(text);
    expect(findings.map((d) => [d.ruleId, d.line])).toEqual([
      ["foundry/connection-depends-on-key-vault", 43],
      ["foundry/connection-depends-on-key-vault-access", 43],
    ]);
    expect(findings[0]!.message).toContain(
      `add "[resourceId('Microsoft.CognitiveServices/accounts/connections', parameters('aiFoundryName'), format('{0}-keyvault', parameters('aiFoundryName')))]" to its dependsOn`,
    );
    expect(findings[1]!.message).toContain("does not depend on the Key Vault Secrets Officer role assignment on vault '{parameters('keyVaultName')}'");
    expect(findings[1]!.message).toContain(
      `add "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'Microsoft.Authorization/roleAssignments', guid(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'KeyVaultSecretsOfficer'))]" to its dependsOn`,
    );
    // Each suggestion stands alone (both would create the dependsOn): apply them one at a time.
    for (let round = 0; round < 3; round++) {
      const fix = lintFoundryText(text).flatMap((d) => d.suggestions ?? [])[0]?.fix;
      if (fix === undefined) break;
      text = applyEdits(text, fix.edits);
    }
    expect(lintFoundryText(text).map(show)).toEqual([]);
  });

  it("every foundry finding over the corpus (reviewed by hand: see the snapshot)", { timeout: 600_000 }, () => {
    const files = execFileSync("find", [CORPUS, "-type", "f", "-name", "*.json"], { maxBuffer: 1 << 26, encoding: "utf8" })
      .trim()
      .split("\n")
      .sort();
    const lines: string[] = [];
    for (const file of files) {
      const findings: Diagnostic[] = lintFoundryFile(file);
      for (const d of findings) lines.push(`${d.ruleId} ${path.relative(CORPUS, d.file)}:${d.line} ${d.message}`);
    }
    expect(lines).toMatchSnapshot();
  });
});
