// Tests for arm/missing-dependency: exact findings on each fixture, the suggested entry and its place, and the fix.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/runner/config.js";
import { allConfig, applyEdits, armFixture, expectFindings, jsonDiff, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/missing-dependency";
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";
const fixture = (name: string): string => armFixture(`missing-dependency/${name}`);

/** Where the finding must point: the string that shows the use. */
function at(name: string, needle: string, after?: string): { line: number; column: number } {
  return locate(readFixture(fixture(name)), needle, after);
}

describe(RULE, () => {
  it("classic flat template: a NIC uses the VNet's subnet id without dependsOn", () => {
    const findings = lintFile(fixture("bad.json"));
    expectFindings(findings, [
      {
        rule: RULE,
        severity: "error",
        ...at("bad.json", `"[resourceId('Microsoft.Network/virtualNetworks/subnets'`),
        includes: [
          "Microsoft.Network/networkInterfaces '{parameters('nicName')}' refers to the id of Microsoft.Network/virtualNetworks '{parameters('vnetName')}' but does not depend on it",
          `Add "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]" to its dependsOn`,
        ],
      },
    ]);
    const d = findings[0]!;
    expect(d.message).not.toContain("Bicep");
    expect(d.data).toMatchObject({ entry: "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]" });
    expect(d.fix?.description).toBe(`Add "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]" to the dependsOn of Microsoft.Network/networkInterfaces '{parameters('nicName')}'`);
    expect(d.suggestions?.[0]?.fix).toEqual(d.fix);
  });

  it("nested deployment: a resource inside a module uses a VNet of the parent; the entry goes on the module", () => {
    expectFindings(lintFile(fixture("nested-module.json")), [
      {
        rule: RULE,
        ...at("nested-module.json", `"[resourceId('Microsoft.Network/virtualNetworks/subnets'`),
        includes: [
          "Microsoft.Network/networkInterfaces 'nic-app' refers to the id of Microsoft.Network/virtualNetworks '{parameters('vnetName')}'",
          `Add "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]" to the dependsOn of its enclosing module 'nic-module'`,
        ],
      },
    ]);
  });

  it("two modules: the child in one module waits for its parent deployed by another; the entry names that module", () => {
    expectFindings(lintFile(fixture("module-to-module.json")), [
      {
        rule: RULE,
        ...at("module-to-module.json", `"[format('{0}/{1}', parameters('storageAccountName'), 'default')]"`),
        includes: [
          "Microsoft.Storage/storageAccounts/blobServices '{parameters('storageAccountName')}/default' is a child of Microsoft.Storage/storageAccounts",
          `Add "[resourceId('Microsoft.Resources/deployments', 'storage-module')]" to the dependsOn of its enclosing module 'blob-service-module'`,
          "to wait for module 'storage-module' (which deploys Microsoft.Storage/storageAccounts",
        ],
      },
    ]);
  });

  it("languageVersion 2.0: the suggested entry is the symbolic name", () => {
    const findings = lintFile(fixture("symbolic.json"));
    expectFindings(findings, [
      {
        rule: RULE,
        ...at("symbolic.json", `"[resourceId('Microsoft.Network/virtualNetworks/subnets'`),
        includes: ["Microsoft.Network/networkInterfaces 'nic-app' refers to the id of Microsoft.Network/virtualNetworks", `Add "vnet" to its dependsOn`],
      },
    ]);
    expect(findings[0]!.data).toMatchObject({ entry: "vnet" });
  });

  it("child resource with a format() name and no dependsOn on its parent", () => {
    expectFindings(lintFile(fixture("child.json")), [
      {
        rule: RULE,
        ...at("child.json", `"[format('{0}/{1}', parameters('vnetName'), 'apps')]"`),
        includes: [
          "Microsoft.Network/virtualNetworks/subnets '{parameters('vnetName')}/apps' is a child of Microsoft.Network/virtualNetworks '{parameters('vnetName')}'",
          `Add "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]" to its dependsOn`,
        ],
      },
    ]);
  });

  it("child nested in its parent's resources: a NIC that waits for the VNet does not wait for the subnet", () => {
    expectFindings(lintFile(fixture("nested-child.json")), [
      {
        rule: RULE,
        ...at("nested-child.json", `"[resourceId('Microsoft.Network/virtualNetworks/subnets'`),
        includes: [
          "Microsoft.Network/networkInterfaces 'nic-app' refers to the id of Microsoft.Network/virtualNetworks/subnets '{parameters('vnetName')}/{parameters('subnetName')}'",
          // The nested child's id takes its parent's name first.
          `Add "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]" to its dependsOn`,
        ],
      },
    ]);
  });

  it("extension resource: a role assignment scoped with format('Microsoft.KeyVault/vaults/{0}', ...) to a vault of the template", () => {
    expectFindings(lintFile(fixture("extension-scope.json")), [
      {
        rule: RULE,
        ...at("extension-scope.json", `"[format('Microsoft.KeyVault/vaults/{0}'`),
        includes: [
          "Microsoft.Authorization/roleAssignments",
          "is scoped to Microsoft.KeyVault/vaults '{parameters('vaultName')}'",
          `Add "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]" to its dependsOn`,
        ],
      },
    ]);
  });

  it("reference(resourceId(...)) of a deployed resource creates no implicit dependency", () => {
    expectFindings(lintFile(fixture("reference-resource-id.json")), [
      {
        rule: RULE,
        ...at("reference-resource-id.json", `"[reference(resourceId(`),
        includes: [
          "Microsoft.Web/sites '{parameters('siteName')}' reads (reference()) from Microsoft.Storage/storageAccounts '{parameters('storageAccountName')}'",
          `Add "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]" to its dependsOn`,
        ],
      },
    ]);
  });

  it("Bicep-generated template: points to the Bicep source and offers no JSON edit", () => {
    const findings = lintFile(fixture("bicep-generated.json"));
    expectFindings(findings, [
      {
        rule: RULE,
        ...at("bicep-generated.json", `"[format('Microsoft.KeyVault/vaults/{0}'`),
        includes: [`Add "vault" to its dependsOn`, "In the Bicep source, reference the resource symbolically or add `dependsOn: [vault]`."],
      },
    ]);
    expect(findings[0]!.fix).toBeUndefined();
    expect(findings[0]!.suggestions).toEqual([{ description: `Add "vault" to the dependsOn of Microsoft.Authorization/roleAssignments '{guid(parameters('vaultName'), parameters('principalId'), 'secrets-user')}'` }]);
  });

  it("a child and its parent under mutually exclusive conditions never deploy together: no finding", () => {
    expect(lintFile(fixture("exclusive-conditions.json"), allConfig)).toEqual([]);
  });

  it("exclusive conditions inside and(...), and not(x) against x", () => {
    const text = readFixture(fixture("exclusive-conditions.json"))
      .replace(`"[equals(parameters('vnetNewOrExisting'), 'new')]"`, `"[and(parameters('deployNetwork'), not(parameters('reuseVnet')))]"`)
      .replace(`"[equals(parameters('vnetNewOrExisting'), 'existing')]"`, `"[and(parameters('deployNetwork'), parameters('reuseVnet'))]"`)
      .replace(`"vnetNewOrExisting": {`, `"deployNetwork": { "type": "bool" }, "reuseVnet": { "type": "bool" }, "vnetNewOrExisting": {`);
    expect(lintText(text, fixture("exclusive-and.json")).filter((d) => d.ruleId === RULE)).toEqual([]);
    // Conditions that can hold together still race.
    const both = text.replace(`"[and(parameters('deployNetwork'), parameters('reuseVnet'))]"`, `"[parameters('deployNetwork')]"`);
    expect(lintText(both, fixture("exclusive-and.json")).filter((d) => d.ruleId === RULE).map((d) => d.line)).toEqual([locate(both, `"[format('{0}/{1}'`).line]);
  });

  it("one id declared in two mutually exclusive modules: waiting for the one in the same module is enough", () => {
    const module = (name: string, condition: string): string => `{
      "condition": "${condition}",
      "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "${name}",
      "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" },
        "template": { "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "resources": [
          { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "nsg-shared", "location": "westeurope" },
          { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-${name}", "location": "westeurope",
            "dependsOn": ["[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-shared')]"],
            "properties": { "networkSecurityGroup": { "id": "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-shared')]" } } } ] } } }`;
    const text = `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "parameters": { "imageType": { "type": "string" } },
      "resources": [ ${module("gallery", "[equals(parameters('imageType'), 'Gallery')]")}, ${module("custom", "[equals(parameters('imageType'), 'Custom')]")} ] }`;
    expect(lintText(text, fixture("twins.json"), allConfig)).toEqual([]);
  });

  it("an id that also matches other resources by pattern: the one the resource waits for is the one it means", () => {
    const text = `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "resources": [
      { "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "pip-app", "location": "westeurope" },
      { "copy": { "name": "pipLoop", "count": 2 }, "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "[concat('pip-app', copyIndex())]", "location": "westeurope" },
      { "copy": { "name": "nicLoop", "count": 2 }, "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "[concat('nic', copyIndex())]", "location": "westeurope",
        "dependsOn": ["pipLoop"],
        "properties": { "ipConfigurations": [ { "name": "c", "properties": { "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', concat('pip-app', copyIndex()))]" } } } ] } } ] }`;
    expect(lintText(text, fixture("pattern.json")).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it("one expression matching several resources by pattern: reported per target unless the resource waits for one of them", () => {
    const pip = (name: string, extra = ""): string => `{ ${extra} "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "${name}", "location": "westeurope" }`;
    const nic = (deps: string): string => `{ "copy": { "name": "nicLoop", "count": 2 }, "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "[concat('nic', copyIndex())]", "location": "westeurope", ${deps}
        "properties": { "ipConfigurations": [ { "name": "c", "properties": { "publicIPAddress": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', concat('pip-app', copyIndex()))]" } } } ] } }`;
    const loop = pip("[concat('pip-app', copyIndex())]", `"copy": { "name": "pipLoop", "count": 2 },`);
    const lint = (resources: string[]): number[][] => {
      const text = `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0", "resources": [\n${resources.join(",\n")} ] }`;
      return lintText(text, fixture("pattern.json"))
        .filter((d) => d.ruleId === RULE)
        .map((d) => [d.line, d.column]);
    };
    expect(lint([pip("pip-app"), loop, nic("")])).toEqual([[5, 105]]);
    expect(lint([pip("pip-app"), pip("pip-app7"), loop, nic("")])).toEqual([
      [6, 105],
      [6, 105],
    ]);
    expect(lint([pip("pip-app"), loop, nic(`"dependsOn": ["pipLoop"],`)])).toEqual([]);
  });

  it("a read of one member of a variable uses only the ids in that member", () => {
    // The shape of sharepoint-adfs: one settings object holds names and the public IPs' ids side by side.
    const text = `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "variables": {
        "net": { "nsgName": "nsg-app", "pipRef": { "id": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-app')]" },
                 "nics": [ { "name": "nic-a" }, { "pip": "[resourceId('Microsoft.Network/publicIPAddresses', 'pip-app')]" } ] },
        "pipOnly": "[variables('net').pipRef]"
      },
      "resources": [
        { "type": "Microsoft.Network/publicIPAddresses", "apiVersion": "2023-09-01", "name": "pip-app", "location": "westeurope" },
        { "type": "Microsoft.Network/networkSecurityGroups", "apiVersion": "2023-09-01", "name": "[variables('net').nsgName]", "location": "westeurope",
          "properties": { "nic": "[variables('net').nics[0].name]", "alsoNic": "[variables('net')['nics'][0]['name']]" } },
        { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-a", "location": "westeurope",
          "properties": { "ipConfigurations": [ { "name": "c", "properties": { "publicIPAddress": "[variables('net').pipRef]" } } ] } },
        { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-b", "location": "westeurope",
          "properties": { "ipConfigurations": [ { "name": "c", "properties": { "publicIPAddress": "[variables('pipOnly')]" } } ] } },
        { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-c", "location": "westeurope",
          "properties": { "all": "[string(variables('net'))]" } },
        { "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "name": "nic-d", "location": "westeurope",
          "properties": { "second": "[string(variables('net').nics[parameters('i')])]" } } ],
      "parameters": { "i": { "type": "int", "defaultValue": 1 } } }`;
    const found = lintText(text, fixture("variable-members.json")).filter((d) => d.ruleId === RULE);
    // The NSG reads only names: no finding. nic-a reads the member holding the id, nic-b a variable built from it,
    // nic-c the whole object (one finding for its two reads), nic-d an element picked by a parameter (which may be the one with the id).
    expect(found.map((d) => /'(nic-[a-d]|nsg-app)'/.exec(d.message)?.[1]).sort()).toEqual(["nic-a", "nic-b", "nic-c", "nic-d"]);
    expect(found.every((d) => d.message.includes("Microsoft.Network/publicIPAddresses 'pip-app'"))).toBe(true);
  });

  it("a use through a variable or a user function is reported at the property of the resource that reads it", () => {
    const text = `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "functions": [ { "namespace": "ids", "members": { "lb": { "parameters": [],
        "output": { "type": "string", "value": "[resourceId('Microsoft.Network/loadBalancers', 'lb-app')]" } } } } ],
      "variables": { "lbId": "[resourceId('Microsoft.Network/loadBalancers', 'lb-app')]" },
      "resources": [
        { "type": "Microsoft.Network/loadBalancers", "apiVersion": "2023-09-01", "name": "lb-app", "location": "westeurope" },
        { "type": "Microsoft.Network/privateLinkServices", "apiVersion": "2023-09-01", "name": "pls-a", "location": "westeurope",
          "properties": { "loadBalancerFrontendIpConfigurations": [ { "id": "[concat(variables('lbId'), '/frontendIPConfigurations/fe')]" } ] } },
        { "type": "Microsoft.Network/privateLinkServices", "apiVersion": "2023-09-01", "name": "pls-b", "location": "westeurope",
          "properties": { "sku": "[reference(variables('lbId'), '2023-09-01').sku]" } },
        { "type": "Microsoft.Network/privateLinkServices", "apiVersion": "2023-09-01", "name": "pls-c", "location": "westeurope",
          "properties": { "lb": "[ids.lb()]" } } ] }`;
    const found = lintText(text, fixture("through-variable.json")).filter((d) => d.ruleId === RULE);
    const position = (needle: string): { line: number; column: number } => locate(text, needle);
    // Each finding sits in its own resource, where the variable or function is read, not at the shared resourceId().
    expect(found.map((d) => ({ name: /'(pls-[a-c])'/.exec(d.message)?.[1], line: d.line, column: d.column }))).toEqual([
      { name: "pls-a", ...position(`"[concat(variables('lbId')`) },
      { name: "pls-b", ...position(`"[reference(variables('lbId')`) },
      { name: "pls-c", ...position(`"[ids.lb()]"`) },
    ]);
    // The use of pls-b is a read: the message says so.
    expect(found[1]!.message).toContain("reads (reference()) from Microsoft.Network/loadBalancers 'lb-app'");
  });

  it("a resource that deploys nothing (a loop over an optional array nobody passed, a false condition) races with nothing", () => {
    // Bicep's optional module arrays: the module loops over `coalesce(parameters('nics'), [])`.
    const module = (parameters: string, condition = "true()"): string => `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "resources": [
        { "type": "Microsoft.Network/virtualNetworks", "apiVersion": "2023-09-01", "name": "vnet1", "location": "westeurope" },
        { "condition": "[${condition}]", "type": "Microsoft.Resources/deployments", "apiVersion": "2022-09-01", "name": "shares",
          "properties": { "mode": "Incremental", "expressionEvaluationOptions": { "scope": "inner" }, "parameters": { ${parameters} },
            "template": { "$schema": "${SCHEMA}", "languageVersion": "2.0", "contentVersion": "1.0.0.0",
              "parameters": { "nics": { "type": "array", "nullable": true } },
              "resources": { "nic": { "copy": { "name": "nic", "count": "[length(coalesce(parameters('nics'), createArray()))]" },
                "type": "Microsoft.Network/networkInterfaces", "apiVersion": "2023-09-01", "location": "westeurope",
                "name": "[coalesce(parameters('nics'), createArray())[copyIndex()]]",
                "properties": { "ipConfigurations": [ { "name": "c", "properties": { "subnet": { "id": "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'default')]" } } } ] } } } } } } ] }`;
    const lint = (text: string): number => lintText(text, fixture("never-deploys.json")).filter((d) => d.ruleId === RULE).length;
    expect(lint(module(`"nics": { "value": ["nic-a", "nic-b"] }`))).toBe(1);
    expect(lint(module(""))).toBe(0);
    expect(lint(module(`"nics": { "value": null }`))).toBe(0);
    expect(lint(module(`"nics": { "value": ["nic-a"] }`, "false()"))).toBe(0);
  });

  it("an id in an object key (userAssignedIdentities) is a use; an id in a tag is text", () => {
    const text = (dependsOn: string): string => `{ "$schema": "${SCHEMA}", "contentVersion": "1.0.0.0",
      "resources": [
        { "type": "Microsoft.ManagedIdentity/userAssignedIdentities", "apiVersion": "2023-01-31", "name": "id-app", "location": "westeurope" },
        { "type": "Microsoft.Web/sites", "apiVersion": "2023-01-01", "name": "app", "location": "westeurope", ${dependsOn}
          "identity": { "type": "UserAssigned", "userAssignedIdentities": { "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-app')]": {} } } },
        { "type": "Microsoft.Insights/components", "apiVersion": "2020-02-02", "name": "ai-app", "location": "westeurope", "kind": "web",
          "tags": { "[concat('hidden-link:', resourceId('Microsoft.Web/sites', 'app'))]": "Resource", "site": "[resourceId('Microsoft.Web/sites', 'app')]" } } ] }`;
    const bad = text("");
    expectFindings(lintText(bad, fixture("key-use.json")).filter((d) => d.ruleId === RULE), [
      {
        rule: RULE,
        ...locate(bad, `"[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'id-app')]"`, "userAssignedIdentities"),
        includes: ["Microsoft.Web/sites 'app' refers to the id of Microsoft.ManagedIdentity/userAssignedIdentities 'id-app'"],
      },
    ]);
    expect(lintText(text(`"dependsOn": ["id-app"],`), fixture("key-use.json")).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });

  describe("fix", () => {
    const cases: [file: string, added: string][] = [
      ["bad.json", `+ $.resources[1].dependsOn = ["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"]`],
      ["nested-module.json", `+ $.resources[1].dependsOn = ["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"]`],
      ["module-to-module.json", `+ $.resources[1].dependsOn = ["[resourceId('Microsoft.Resources/deployments', 'storage-module')]"]`],
      ["symbolic.json", `+ $.resources.nic.dependsOn = ["vnet"]`],
      ["child.json", `+ $.resources[1].dependsOn = ["[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"]`],
      ["extension-scope.json", `+ $.resources[1].dependsOn = ["[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]"]`],
      ["reference-resource-id.json", `+ $.resources[1].dependsOn = ["[resourceId('Microsoft.Storage/storageAccounts', parameters('storageAccountName'))]"]`],
      ["nested-child.json", `+ $.resources[1].dependsOn[1] = "[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('vnetName'), parameters('subnetName'))]"`],
    ];
    it.each(cases)("%s: the edit gives valid JSON that differs only by the entry and lints clean", (name, added) => {
      const file = fixture(name);
      const before = readFixture(file);
      const [finding] = lintFile(file).filter((d) => d.ruleId === RULE);
      expect(finding?.fix).toBeDefined();
      const after = applyEdits(before, finding!.fix!.edits);
      const parsedBefore: unknown = JSON.parse(before);
      const parsedAfter: unknown = JSON.parse(after);
      expect(jsonDiff(parsedBefore, parsedAfter)).toEqual([added]);
      // Clean at the default settings. (With arm/redundant-dependency on, nested-child.json's older
      // entry on the VNet becomes redundant: the new one on the subnet implies it.)
      expect(lintText(after, file, defaultConfig())).toEqual([]);
    });

    it("appends to an existing dependsOn array in its layout", () => {
      const file = fixture("bad.json");
      const text = readFixture(file).replace(
        `"location": "[parameters('location')]",\n      "properties": {\n        "ipConfigurations"`,
        `"location": "[parameters('location')]",\n      "dependsOn": [\n        "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-app')]"\n      ],\n      "properties": {\n        "ipConfigurations"`,
      );
      const [finding] = lintText(text, file).filter((d) => d.ruleId === RULE);
      const after = applyEdits(text, finding!.fix!.edits);
      expect(after).toContain(
        `"dependsOn": [\n        "[resourceId('Microsoft.Network/networkSecurityGroups', 'nsg-app')]",\n        "[resourceId('Microsoft.Network/virtualNetworks', parameters('vnetName'))]"\n      ]`,
      );
    });
  });
});
