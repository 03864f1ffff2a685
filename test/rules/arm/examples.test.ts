// The quick-start examples under fixtures/examples show the findings the README promises, and the clean one none.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { allConfig, exampleFixtures, expectFindings, lintFile, locate, readFixture } from "../harness.js";

const example = (name: string): string => path.join(exampleFixtures, name);

describe("fixtures/examples", () => {
  it("vm-network.json: the NIC races the VNet; an unused variable", () => {
    const text = readFixture(example("vm-network.json"));
    expectFindings(lintFile(example("vm-network.json"), allConfig), [
      { rule: "arm/unused-variable", ...locate(text, `"osDiskType"`), includes: ["Variable 'osDiskType' is never used."] },
      {
        rule: "arm/missing-dependency",
        ...locate(text, `"[resourceId('Microsoft.Network/virtualNetworks/subnets'`),
        includes: ["Microsoft.Network/networkInterfaces '{parameters('vmName')}-nic' refers to the id of Microsoft.Network/virtualNetworks 'vnet-web'", `Add "[resourceId('Microsoft.Network/virtualNetworks', variables('vnetName'))]" to its dependsOn`],
      },
    ]);
  });

  it("key-vault-access.json: the role assignment races the vault; an undefined parameter", () => {
    const text = readFixture(example("key-vault-access.json"));
    expectFindings(lintFile(example("key-vault-access.json"), allConfig), [
      {
        rule: "arm/missing-dependency",
        ...locate(text, `"[format('Microsoft.KeyVault/vaults/{0}'`),
        includes: ["is scoped to Microsoft.KeyVault/vaults '{parameters('vaultName')}'", `Add "[resourceId('Microsoft.KeyVault/vaults', parameters('vaultName'))]" to its dependsOn`],
      },
      { rule: "arm/undefined-symbol", ...locate(text, "parameters('principalType')"), includes: ["Parameter 'principalType' is not declared in this template."] },
    ]);
  });

  it("web-app.json: a dependsOn entry with a stale name; the read it should have ordered races", () => {
    const text = readFixture(example("web-app.json"));
    expectFindings(lintFile(example("web-app.json"), allConfig), [
      { rule: "arm/unknown-dependency", ...locate(text, `"[resourceId('Microsoft.Insights/components', 'appi-contoso')]"`), includes: ["Microsoft.Insights/components/appi-contoso' names no resource"] },
      {
        rule: "arm/missing-dependency",
        ...locate(text, `"[reference(resourceId('Microsoft.Insights/components'`),
        includes: ["Microsoft.Web/sites 'app-{parameters('appName')}' reads (reference()) from Microsoft.Insights/components 'appi-{parameters('appName')}'"],
      },
    ]);
  });

  it("storage-clean.json: no findings from any rule", () => {
    expect(lintFile(example("storage-clean.json"), allConfig)).toEqual([]);
  });
});
