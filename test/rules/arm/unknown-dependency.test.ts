// Tests for arm/unknown-dependency: dependsOn entries, by name or by resource id, that name nothing in the template.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/unknown-dependency";
const fixture = (name: string): string => armFixture(`unknown-dependency/${name}`);

describe(RULE, () => {
  it("an entry by name with a typo; the use it was meant to order becomes a missing dependency", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      {
        rule: RULE,
        severity: "error",
        ...locate(text, `"nsg-webb"`),
        includes: [`dependsOn entry 'nsg-webb' names no resource, module or copy loop of this template`, `ARM fails with "resource is not defined in the template"`],
      },
      {
        rule: "arm/missing-dependency",
        ...locate(text, `"[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-web')]"`),
        includes: [`Add "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-web')]" to its dependsOn`],
      },
    ]);
  });

  it("an entry by resourceId() of a resource the template does not declare", () => {
    const text = readFixture(fixture("resource-id.json"));
    expectFindings(lintFile(fixture("resource-id.json")), [
      {
        rule: RULE,
        ...locate(text, `"[resourceId('Microsoft.Storage/storageAccounts', 'stlogs002')]"`),
        includes: ["dependsOn entry '/subscriptions/{subscription().subscriptionId}/resourceGroups/{resourceGroup().name}/providers/Microsoft.Storage/storageAccounts/stlogs002' names no resource"],
      },
    ]);
  });

  it("an entry whose name is partly symbolic is not reported when the template declares that type (toLower, loops)", () => {
    const text = readFixture(fixture("resource-id.json"))
      .replace(`"name": "[parameters('storageAccountName')]"`, `"name": "[toLower(parameters('storageAccountName'))]"`)
      .replace(`"[resourceId('Microsoft.Storage/storageAccounts', 'stlogs002')]"`, `"[resourceId('Microsoft.Storage/storageAccounts', concat(parameters('storageAccountName'), '2'))]"`);
    expect(lintText(text, fixture("symbolic.json")).filter((d) => d.ruleId === RULE)).toEqual([]);
    // A type the template does not declare at all is still certainly dangling.
    const otherType = text.replace(`concat(parameters('storageAccountName'), '2'))]`, `concat(parameters('storageAccountName'), '2'))]", "[resourceId('Microsoft.KeyVault/vaults', parameters('storageAccountName'))]`);
    expect(lintText(otherType, fixture("symbolic.json")).filter((d) => d.ruleId === RULE).map((d) => d.data?.entry)).toEqual([
      "/subscriptions/{subscription().subscriptionId}/resourceGroups/{resourceGroup().name}/providers/Microsoft.KeyVault/vaults/{parameters('storageAccountName')}",
    ]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
