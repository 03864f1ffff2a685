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

  it("the name of one instance of a loop whose names come from a variable array is known, as ARM knows it", () => {
    // The shape of azure-resource-optimization-toolkit: runbooks named from an array, a schedule waiting for the first.
    const text = (entry: string): string => `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
      "parameters": { "account": { "type": "string" } },
      "variables": { "runbooks": [ { "name": "Bootstrap_Main" }, { "name": "Cleanup" } ] },
      "resources": [
        { "type": "Microsoft.Automation/automationAccounts", "apiVersion": "2023-11-01", "name": "[parameters('account')]", "location": "westeurope" },
        { "copy": { "name": "runbooksLoop", "count": "[length(variables('runbooks'))]" }, "type": "Microsoft.Automation/automationAccounts/runbooks", "apiVersion": "2023-11-01",
          "name": "[concat(parameters('account'), '/', variables('runbooks')[copyIndex()].name)]", "location": "westeurope",
          "dependsOn": ["[resourceId('Microsoft.Automation/automationAccounts', parameters('account'))]"] },
        { "type": "Microsoft.Automation/automationAccounts/schedules", "apiVersion": "2023-11-01", "name": "[concat(parameters('account'), '/start')]",
          "dependsOn": ["${entry}"] } ] }`;
    const entries = (entry: string): unknown[] => lintText(text(entry), fixture("loop-instance.json")).filter((d) => d.ruleId === RULE).map((d) => d.data?.entry);
    expect(entries("[variables('runbooks')[1].name]")).toEqual([]);
    expect(entries("Bootstrap_Main")).toEqual([]);
    expect(entries("Bootstrap")).toEqual(["Bootstrap"]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
