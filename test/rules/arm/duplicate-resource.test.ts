// Tests for arm/duplicate-resource: one resource declared twice, in classic and languageVersion 2.0 templates.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/duplicate-resource";
const fixture = (name: string): string => armFixture(`duplicate-resource/${name}`);

describe(RULE, () => {
  it("classic template: the second declaration is reported, naming the line of the first", () => {
    const text = readFixture(fixture("bad.json"));
    const first = locate(text, `"[parameters('storageAccountName')]"`, `"resources"`);
    expectFindings(lintFile(fixture("bad.json")), [
      {
        rule: RULE,
        severity: "error",
        ...locate(text, `"[parameters('storageAccountName')]"`, `"Standard_LRS"`),
        includes: [
          `Microsoft.Storage/storageAccounts '{parameters('storageAccountName')}' is declared twice in this template (first declared on line ${first.line}); ARM rejects a resource defined multiple times.`,
        ],
      },
    ]);
  });

  it("languageVersion 2.0: two symbolic names for one vault", () => {
    const text = readFixture(fixture("symbolic.json"));
    expectFindings(lintFile(fixture("symbolic.json")), [
      {
        rule: RULE,
        ...locate(text, `"[parameters('vaultName')]"`, `"vaultWithPurgeProtection"`),
        includes: [`Microsoft.KeyVault/vaults '{parameters('vaultName')}' is declared twice in this template (first declared on line ${locate(text, `"[parameters('vaultName')]"`, `"vault":`).line})`],
      },
    ]);
  });

  it("mutually exclusive conditions are not duplicates (classic and 2.0)", () => {
    expect(lintFile(fixture("conditional.json"), allConfig)).toEqual([]);
    expect(lintFile(fixture("conditional-symbolic.json"), allConfig)).toEqual([]);
  });

  it("of three declarations under conditions, the two that share a condition are duplicates", () => {
    const text = readFixture(fixture("conditional.json")).replace(
      `"resources": [`,
      `"resources": [\n    {\n      "condition": "[parameters('geoRedundant')]",\n      "type": "Microsoft.Storage/storageAccounts",\n      "apiVersion": "2023-01-01",\n      "name": "[parameters('storageAccountName')]",\n      "location": "[parameters('location')]",\n      "sku": { "name": "Standard_RAGRS" },\n      "kind": "StorageV2"\n    },`,
    );
    const findings = lintText(text, fixture("three.json")).filter((d) => d.ruleId === RULE);
    // Declarations: RAGRS (geoRedundant), LRS (not geoRedundant), GRS (geoRedundant): the GRS one repeats the RAGRS one.
    const nameLines = text.split("\n").flatMap((line, i) => (line.includes(`"name": "[parameters('storageAccountName')]"`) ? [i + 1] : []));
    expect(findings.map((d) => [d.line, d.message.includes(`(first declared on line ${nameLines[0]})`)])).toEqual([[nameLines[2], true]]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
