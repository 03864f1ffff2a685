// Partial evaluator on real corpus expressions: ids, symbolic parameters, variables, string functions, opaque functions, budgets.
import { describe, expect, it } from "vitest";
import { callText, MAX_PENDING_DEPTH, ObjectValue, RefValue, Unknown, type Value } from "../../src/expressions/values.js";
import { evaluateIn, RG_PREFIX, type Json } from "./helpers.js";

const P = (name: string): Record<string, Json> => ({ [name]: { type: "string" } });

function isUnknown(v: Value): boolean {
  return v instanceof Unknown || v instanceof RefValue;
}

describe("resource id functions", () => {
  it("resourceId with a type and one name, under the deployment's resource group", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/01-connections/connection-key-vault.json
    const r = evaluateIn("[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]", { parameters: P("keyVaultName") });
    expect(r.display).toBe(`${RG_PREFIX}/providers/Microsoft.KeyVault/vaults/{parameters('keyVaultName')}`);
  });

  it("resourceId with subscription and resource group arguments", () => {
    // bicep/src/Bicep.Core.Samples/Files/user_submitted/201/vm-push-certificate-windows/main.json
    const r = evaluateIn("[resourceId(parameters('subId'), parameters('rgName'), 'Microsoft.KeyVault/vaults', parameters('keyVaultName'))]", {
      parameters: { ...P("subId"), ...P("rgName"), ...P("keyVaultName") },
    });
    expect(r.display).toBe("/subscriptions/{parameters('subId')}/resourceGroups/{parameters('rgName')}/providers/Microsoft.KeyVault/vaults/{parameters('keyVaultName')}");
  });

  it("resourceId with a resource group argument only keeps the deployment's subscription", () => {
    const r = evaluateIn("[resourceId(parameters('rg'), 'Microsoft.Network/virtualNetworks', 'hub')]", { parameters: P("rg") });
    expect(r.display).toBe("/subscriptions/{subscription().subscriptionId}/resourceGroups/{parameters('rg')}/providers/Microsoft.Network/virtualNetworks/hub");
  });

  it("resourceId with three names interleaves types and names", () => {
    const r = evaluateIn("[resourceId('Microsoft.Sql/servers/databases/backupShortTermRetentionPolicies', 'srv', parameters('db'), 'default')]", {
      parameters: P("db"),
    });
    expect(r.display).toBe(`${RG_PREFIX}/providers/Microsoft.Sql/servers/srv/databases/{parameters('db')}/backupShortTermRetentionPolicies/default`);
  });

  it("a type with a trailing slash gives the same id as without it", () => {
    // bicep/src/Bicep.Core.Samples/Files/user_submitted/301/servicebus-namespace-vnet/main.json
    const parameters = { ...P("virtualNetworkName"), ...P("subnetName") };
    const slash = evaluateIn("[resourceId('Microsoft.Network/virtualNetworks/subnets/', parameters('virtualNetworkName'), parameters('subnetName'))]", { parameters });
    const plain = evaluateIn("[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('virtualNetworkName'), parameters('subnetName'))]", { parameters });
    expect(slash.display).toBe(`${RG_PREFIX}/providers/Microsoft.Network/virtualNetworks/{parameters('virtualNetworkName')}/subnets/{parameters('subnetName')}`);
    expect(slash.key).toBe(plain.key);
  });

  it("subscriptionResourceId with a format()-built name", () => {
    // bicep/src/Bicep.Core.Samples/Files/user_submitted/301/modules-vwan-to-vnet-s2s-with-fw/main.json
    const r = evaluateIn("[subscriptionResourceId('Microsoft.Resources/resourceGroups', format('{0}-hubvnet-rg', parameters('nameprefix')))]", {
      parameters: P("nameprefix"),
    });
    expect(r.display).toBe("/subscriptions/{subscription().subscriptionId}/providers/Microsoft.Resources/resourceGroups/{parameters('nameprefix')}-hubvnet-rg");
  });

  it("subscriptionResourceId with an explicit subscription", () => {
    const r = evaluateIn("[subscriptionResourceId(parameters('sub'), 'Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]", {
      parameters: P("sub"),
    });
    expect(r.display).toBe("/subscriptions/{parameters('sub')}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c");
  });

  it("tenantResourceId of a child type", () => {
    // bicep/src/Bicep.Decompiler.IntegrationTests/Files/Working/cross-scope-tenant/main.json
    const r = evaluateIn("[tenantResourceId('Microsoft.Billing/billingAccounts/enrollmentAccounts', parameters('billingAccount'), parameters('enrollmentAccount'))]", {
      parameters: { ...P("billingAccount"), ...P("enrollmentAccount") },
    });
    expect(r.display).toBe("/providers/Microsoft.Billing/billingAccounts/{parameters('billingAccount')}/enrollmentAccounts/{parameters('enrollmentAccount')}");
  });

  it("managementGroupResourceId under the deployment's management group", () => {
    // bicep-registry-modules/avm/ptn/lz/sub-vending/main.json
    const r = evaluateIn("[managementGroupResourceId('Microsoft.Authorization/roleDefinitions', 'b24988ac-6180-42a0-ab88-20f7382dd24c')]");
    expect(r.display).toBe(
      "/providers/Microsoft.Management/managementGroups/{managementGroup().name}/providers/Microsoft.Authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c",
    );
  });

  it("extensionResourceId on a format()-built resource group scope", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/41-standard-agent-setup/azuredeploy.json
    const r = evaluateIn(
      "[extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', parameters('cosmosDBSubscriptionId'), parameters('cosmosDBResourceGroupName')), 'Microsoft.DocumentDB/databaseAccounts', parameters('cosmosDBName'))]",
      { parameters: { ...P("cosmosDBSubscriptionId"), ...P("cosmosDBResourceGroupName"), ...P("cosmosDBName") } },
    );
    expect(r.display).toBe(
      "/subscriptions/{parameters('cosmosDBSubscriptionId')}/resourceGroups/{parameters('cosmosDBResourceGroupName')}/providers/Microsoft.DocumentDB/databaseAccounts/{parameters('cosmosDBName')}",
    );
    // The same resource written with resourceId(sub, rg, ...) is the same id.
    const same = evaluateIn(
      "[resourceId(parameters('cosmosDBSubscriptionId'), parameters('cosmosDBResourceGroupName'), 'Microsoft.DocumentDB/databaseAccounts', parameters('cosmosDBName'))]",
      { parameters: { ...P("cosmosDBSubscriptionId"), ...P("cosmosDBResourceGroupName"), ...P("cosmosDBName") } },
    );
    expect(same.key).toBe(r.key);
  });

  it("extensionResourceId on a resource id: a role assignment on a vault", () => {
    const r = evaluateIn(
      "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', parameters('kv')), 'Microsoft.Authorization/roleAssignments', guid(parameters('kv'), 'reader'))]",
      { parameters: P("kv") },
    );
    expect(r.display).toBe(
      `${RG_PREFIX}/providers/Microsoft.KeyVault/vaults/{parameters('kv')}/providers/Microsoft.Authorization/roleAssignments/{guid(parameters('kv'), 'reader')}`,
    );
  });

  it("ids compare case-insensitively", () => {
    const a = evaluateIn("[resourceId('Microsoft.KeyVault/vaults', 'MyVault')]");
    const b = evaluateIn("[resourceId('microsoft.keyvault/VAULTS', 'myvault')]");
    expect(a.key).toBe(b.key);
    expect(a.display).not.toBe(b.display);
  });
});

describe("format and concat", () => {
  it("format() builds a child name with symbolic parts", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/01-connections/connection-key-vault.json
    const r = evaluateIn("[format('{0}/{1}', parameters('aiFoundryName'), format('{0}-keyvault', parameters('aiFoundryName')))]", {
      parameters: { aiFoundryName: { type: "String", defaultValue: "<your-account-name>" } },
    });
    expect(r.display).toBe("{parameters('aiFoundryName')}/{parameters('aiFoundryName')}-keyvault");
  });

  it("format() and concat() of the same parts meet", () => {
    const f = evaluateIn("[format('{0}-{1}', parameters('a'), 'x')]", { parameters: P("a") });
    const c = evaluateIn("[concat(parameters('a'), '-x')]", { parameters: P("a") });
    expect(f.key).toBe(c.key);
  });

  it("format() with number specifiers and escaped braces", () => {
    expect(evaluateIn("[format('vm{0:D3}-{{x}}', 7)]").value).toBe("vm007-{x}");
  });

  it("concat() of arrays is an array", () => {
    expect(evaluateIn("[concat(createArray('a'), createArray('b', 'c'))]").value).toEqual(["a", "b", "c"]);
  });

  it("an array element that is null is null; an index outside the array (or not a whole number) stays unknown", () => {
    expect(evaluateIn("[createArray(null(), 1)[0]]").value).toBeNull();
    expect(evaluateIn("[equals(createArray(null(), 1)[0], null())]").value).toBe(true);
    expect(evaluateIn("[createArray('a', 'b')[1]]").value).toBe("b");
    for (const index of ["2", "-1", "1.5"]) expect(isUnknown(evaluateIn(`[createArray('a', 'b')[${index}]]`).value)).toBe(true);
  });
});

describe("parameters and variables", () => {
  it("a parameter stays symbolic even with a defaultValue", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/01-connections/connection-key-vault.json: aiFoundryName has a default
    const r = evaluateIn("[parameters('aiFoundryName')]", { parameters: { aiFoundryName: { type: "String", defaultValue: "<your-account-name>" } } });
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.display).toBe("parameters('aiFoundryName')");
  });

  it("parameter names are case-insensitive and keep the declared spelling", () => {
    const r = evaluateIn("[parameters('KEYVAULTNAME')]", { parameters: P("keyVaultName") });
    expect(r.display).toBe("parameters('keyVaultName')");
  });

  it("nested variables resolve through each other", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/40-basic-agent-setup/azuredeploy.json
    const r = evaluateIn("[variables('accountName')]", {
      parameters: { ...P("aiServicesName"), ...P("deploymentTimestamp") },
      variables: {
        uniqueSuffix: "[substring(uniqueString(format('{0}-{1}', resourceGroup().id, parameters('deploymentTimestamp'))), 0, 4)]",
        accountName: "[toLower(format('{0}{1}', parameters('aiServicesName'), variables('uniqueSuffix')))]",
      },
    });
    expect(r.display.startsWith("{parameters('aiServicesName')}{substring(uniqueString(concat('/subscriptions/', subscription().subscriptionId, ")).toBe(true);
    // The same as writing the whole expression inline.
    const inline = evaluateIn(
      "[toLower(format('{0}{1}', parameters('aiServicesName'), substring(uniqueString(format('{0}-{1}', resourceGroup().id, parameters('deploymentTimestamp'))), 0, 4)))]",
      { parameters: { ...P("aiServicesName"), ...P("deploymentTimestamp") } },
    );
    expect(r.key).toBe(inline.key);
  });

  it("object variables with member access, at any depth and in any key case", () => {
    const r = evaluateIn("[variables('settings').Network.subnets[1].name]", {
      variables: {
        prefix: "app",
        settings: { network: { subnets: [{ name: "[concat(variables('prefix'), '-a')]" }, { name: "[concat(variables('prefix'), '-b')]" }] } },
      },
    });
    expect(r.value).toBe("app-b");
  });

  it("a variable copy loop builds the array (named and unnamed copyIndex)", () => {
    // bicep/src/Bicep.Decompiler.IntegrationTests/Files/Working/copyloop/main.json
    const parts: Record<string, Json> = {
      variables: {
        copy: [
          { name: "itemTest", input: "[variables('items')[copyIndex()]]", count: "[length(variables('items'))]" },
          { name: "indexTest", input: "[copyIndex()]", count: "[length(variables('items'))]" },
          { name: "named", input: "[format('disk{0}', copyIndex('named', 1))]", count: 2 },
        ],
        items: ["a", "b", "c"],
      },
    };
    expect(evaluateIn("[variables('itemTest')]", parts).value).toEqual(["a", "b", "c"]);
    expect(evaluateIn("[variables('indexTest')]", parts).value).toEqual([0, 1, 2]);
    expect(evaluateIn("[variables('named')]", parts).value).toEqual(["disk1", "disk2"]);
  });

  it("a variable copy with an unknown count stays one symbolic value", () => {
    const r = evaluateIn("[variables('disks')]", {
      parameters: { n: { type: "int" } },
      variables: { copy: [{ name: "disks", count: "[parameters('n')]", input: "[format('disk{0}', copyIndex('disks'))]" }] },
    });
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.display).toContain("disk{copyIndex('disks')}");
  });
});

describe("tryGet()", () => {
  it("is a safe dereference: a missing step or null gives null, and null stays null through later steps", () => {
    expect(evaluateIn("[tryGet(createObject('a', createObject('b', 1)), 'a', 'b')]").value).toBe(1);
    expect(evaluateIn("[tryGet(createObject('a', createObject()), 'a', 'b', 'c')]").value).toBe(null);
    expect(evaluateIn("[tryGet(null(), 'keyName')]").value).toBe(null);
    expect(evaluateIn("[tryGet(parameters('p'), 'keyName')]", { parameters: { p: { type: "object" } } }).display).toBe("tryGet({parameters('p')}, 'keyName')");
  });
});

describe("if()", () => {
  it("a known condition picks a branch", () => {
    expect(evaluateIn("[if(equals('a', 'a'), 'yes', 'no')]").value).toBe("yes");
    expect(evaluateIn("[if(equals(1, 2), 'yes', 'no')]").value).toBe("no");
  });

  it("an unknown condition keeps both branches in one opaque value", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/17-private-network-standard-user-assigned-identity-agent-setup/azuredeploy.json
    const r = evaluateIn(
      "[if(equals(parameters('networkInjection'), 'true'), createArray(createObject('scenario', 'agent', 'subnetArmId', parameters('agentSubnetId'), 'useMicrosoftManagedNetwork', false())), null())]",
      { parameters: { networkInjection: { type: "string", defaultValue: "false" }, ...P("agentSubnetId") } },
    );
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.display.startsWith("if(")).toBe(true);
  });

  it("an unknown condition with equal branches is that branch", () => {
    const r = evaluateIn("[if(parameters('flag'), 'same', 'same')]", { parameters: { flag: { type: "bool" } } });
    expect(r.value).toBe("same");
  });
});

describe("string functions on symbolic strings", () => {
  it("toLower: literal parts lowered, so ids written in either case meet", () => {
    // azure-quickstart-templates/301-multi-tier-loadbalancing/azuredeploy.json (toLower(concat(...)))
    const lower = evaluateIn("[toLower(concat('KV-', parameters('env')))]", { parameters: P("env") });
    const plain = evaluateIn("[concat('kv-', parameters('env'))]", { parameters: P("env") });
    expect(lower.display).toBe("kv-{parameters('env')}");
    expect(lower.key).toBe(plain.key);
  });

  it("split/last on an id splits on the literal slashes, never inside a symbol", () => {
    // foundry-samples/.../31-customer-managed-keys-standard-agent/azuredeploy.json: last(split(id, '/'))
    const r = evaluateIn("[last(split(resourceId('Microsoft.Search/searchServices', parameters('aiSearchName')), '/'))]", {
      parameters: P("aiSearchName"),
    });
    expect(r.display).toBe("{parameters('aiSearchName')}");
    const parts = evaluateIn("[split(format('{0}/{1}', parameters('a'), 'leaf'), '/')]", { parameters: P("a") });
    expect(Array.isArray(parts.value) && parts.value.length).toBe(2);
    expect(evaluateIn("[last(split(format('{0}/{1}', parameters('a'), 'leaf'), '/'))]", { parameters: P("a") }).value).toBe("leaf");
  });

  it("split of a whole parameter is opaque, and indexing it stays symbolic", () => {
    // foundry-samples/.../31-customer-managed-keys-standard-agent/azuredeploy.json: "acsParts": "[split(parameters('aiSearchResourceId'), '/')]"
    const r = evaluateIn("[variables('acsParts')[8]]", {
      parameters: P("aiSearchResourceId"),
      variables: { acsParts: "[split(parameters('aiSearchResourceId'), '/')]" },
    });
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.display).toBe("split({parameters('aiSearchResourceId')}, '/')[8]");
  });

  it("take/skip: exact on known strings and arrays, opaque on symbolic strings", () => {
    expect(evaluateIn("[take(split('a/b/c', '/'), 2)]").value).toEqual(["a", "b"]);
    expect(evaluateIn("[skip(split(format('{0}/{1}/{2}', parameters('x'), 'b', 'c'), '/'), 1)]", { parameters: P("x") }).value).toEqual(["b", "c"]);
    expect(evaluateIn("[take('deployscript', 6)]").value).toBe("deploy");
    expect(evaluateIn("[skip('abcdef', 2)]").value).toBe("cdef");
    // bicep/src/Bicep.Core.Samples/Files/user_submitted/301/deployment-script-dev-environment/main.json
    const t = evaluateIn("[toLower(format('{0}st', take(format('deployscript{0}', uniqueString(resourceGroup().id)), 22)))]");
    expect(t.value).toBeTypeOf("string");
    expect(t.display.endsWith("st")).toBe(true);
    expect(isUnknown(evaluateIn("[take(concat('abc', parameters('x')), 2)]", { parameters: P("x") }).value)).toBe(true);
    // bicep-registry-modules/avm/ptn/app/container-job-toolkit/main.json
    expect(evaluateIn("[string(skip(parameters('image'), add(indexOf(parameters('image'), '/'), 1)))]", { parameters: P("image") }).display).toBe(
      "{skip(parameters('image'), add(indexOf(parameters('image'), '/'), 1))}",
    );
  });

  it("substring: exact on known strings, opaque and deterministic on symbolic ones", () => {
    expect(evaluateIn("[substring('abcdef', 1, 3)]").value).toBe("bcd");
    // foundry-samples/infrastructure/infrastructure-setup-bicep/42-basic-agent-setup-with-customization/azuredeploy.json
    const expr = "[format('{0}{1}', parameters('account_name'), substring(uniqueString(parameters('azureDeployName')), 0, 4))]";
    const parts = { parameters: { ...P("account_name"), ...P("azureDeployName") } };
    const a = evaluateIn(expr, parts);
    const b = evaluateIn(expr, parts);
    expect(a.display).toBe("{parameters('account_name')}{substring(uniqueString(parameters('azureDeployName')), 0, 4)}");
    expect(a.key).toBe(b.key);
  });

  it("replace: exact on known strings, opaque on a whole symbol", () => {
    expect(evaluateIn("[replace('my-storage-name', '-', '')]").value).toBe("mystoragename");
    // foundry-samples-azure-ai-foundry/.../mihcm-hr-assist-agent/deploymentScript.json
    const r = evaluateIn("[replace(parameters('storageName'), '-', '')]", { parameters: P("storageName") });
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.display).toBe("replace({parameters('storageName')}, '-', '')");
  });
});

describe("opaque functions: guid, uniqueString", () => {
  it("stay opaque but compare equal for equal arguments", () => {
    // bicep/src/Bicep.Core.Samples/Files/user_submitted/201/avd-backplane-with-network-and-storage-and-monitoring/main.json
    const expr = "[guid(resourceGroup().id, resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', parameters('uamiName')))]";
    const a = evaluateIn(expr, { parameters: P("uamiName") });
    const b = evaluateIn(expr.replace("guid(", "GUID("), { parameters: P("uamiName") });
    expect(a.value).toBeInstanceOf(Unknown);
    expect(a.key).toBe(b.key);
    const other = evaluateIn("[guid(resourceGroup().id, 'other')]");
    expect(other.key).not.toBe(a.key);
  });

  it("equals() of the same opaque call is true; of different ones stays unknown", () => {
    const parts = { parameters: { ...P("x"), ...P("y") } };
    expect(evaluateIn("[equals(guid('a', parameters('x')), guid('a', parameters('x')))]", parts).value).toBe(true);
    expect(evaluateIn("[equals(uniqueString(parameters('x')), uniqueString(parameters('x')))]", parts).value).toBe(true);
    expect(isUnknown(evaluateIn("[equals(uniqueString(parameters('x')), uniqueString(parameters('y')))]", parts).value)).toBe(true);
  });

  it("a uniqueString inside a name keeps the name symbolic and stable", () => {
    const a = evaluateIn("[format('st{0}', uniqueString(resourceGroup().id))]");
    // The deployment's own resource group id is shown by its name.
    expect(a.display).toBe("st{uniqueString(resourceGroup().id)}");
    expect(evaluateIn("[format('s{0}', uniqueString(subscription().id, 'x'))]").display).toBe("s{uniqueString(subscription().id, 'x')}");
    // Only the whole id: a longer string starting with it is spelled out.
    expect(evaluateIn("[format('s{0}', guid(format('{0}/x', resourceGroup().id)))]").display).toBe(
      "s{guid(concat('/subscriptions/', subscription().subscriptionId, '/resourceGroups/', resourceGroup().name, '/x'))}",
    );
  });

  it("a string with symbolic parts shows as the concat() that builds it inside an opaque call, its quotes not doubled", () => {
    // bicep-registry-modules/avm/ptn/sa/modernize-your-code/main.json: a storage account name cut to 24 characters.
    const parts = { parameters: { ...P("a"), ...P("b") } };
    expect(evaluateIn("[format('{0}/default', take(format('st{0}', trim(format('{0}{1}', parameters('a'), parameters('b')))), 24))]", parts).display).toBe(
      "{take(concat('st', trim(concat(parameters('a'), parameters('b')))), 24)}/default",
    );
    // Literal quotes are doubled as ARM writes them; a string that is one symbol is that symbol.
    expect(evaluateIn("[format('id-{0}', guid(format('it''s {0}', parameters('a'))))]", parts).display).toBe("id-{guid(concat('it''s ', parameters('a')))}");
    const whole = evaluateIn("[format('x{0}', uniqueString(string(parameters('a'))))]", parts);
    expect(whole.display).toBe("x{uniqueString(parameters('a'))}");
    expect(whole.key).toBe(evaluateIn("[format('x{0}', uniqueString(parameters('a')))]", parts).key);
  });
});

describe("budgets", () => {
  it("a 10,000-deep nested call is refused by the parser and evaluates to an Unknown", () => {
    const deep = `[${"concat(".repeat(10_000)}'a'${")".repeat(10_000)}]`;
    const r = evaluateIn(deep);
    expect(r.value).toBeInstanceOf(Unknown);
    const site = r.analyzed.model.expressions.find((e) => e.node.value === deep);
    expect(site?.result.ok).toBe(false);
    expect(site?.result.ok === false && site.result.message).toMatch(/nested deeper than 512 levels/);
  });

  it("variables doubling a string 64 times end quickly with an Unknown", () => {
    const variables: Record<string, Json> = { v0: "ab" };
    for (let i = 1; i <= 64; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const started = performance.now();
    for (const top of ["v63", "v64"]) {
      const r = evaluateIn(`[variables('${top}')]`, { variables });
      expect(r.value, top).toBeInstanceOf(Unknown);
      expect(r.analyzed.engine.budget.exhausted).toBeDefined();
    }
    // The same with a symbolic seed: tokens double instead of letters.
    const symbolic: Record<string, Json> = { ...variables, v0: "[parameters('seed')]" };
    const s = evaluateIn("[variables('v63')]", { parameters: P("seed"), variables: symbolic });
    expect(s.value).toBeInstanceOf(Unknown);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("variables referring to each other in a cycle record a problem and stay symbolic", () => {
    const r = evaluateIn("[variables('a')]", { variables: { a: "[variables('b')]", b: "[concat(variables('c'), '-x')]", c: "[variables('a')]" } });
    expect(r.display).toBe("{variables('a')}-x");
    const problems = r.analyzed.engine.problems.filter((p) => p.kind === "variable-cycle");
    expect(problems.map((p) => p.message)).toEqual(["Variable 'a' refers to itself (directly or through other variables)."]);
    const self = evaluateIn("[variables('self')]", { variables: { self: "[concat(variables('self'), 'x')]" } });
    expect(self.analyzed.engine.problems.map((p) => p.kind)).toEqual(["variable-cycle"]);
  });

  it("range(0, 1000000000) stays opaque", () => {
    const r = evaluateIn("[range(0, 1000000000)]");
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.display).toBe("range(0, 1000000000)");
    expect(evaluateIn("[length(range(0, 1000000000))]").value).toBeInstanceOf(Unknown);
    expect(evaluateIn("[range(5, 3)]").value).toEqual([5, 6, 7]);
  });

  it("format() with 100,000 arguments", () => {
    const args = Array.from({ length: 100_000 }, (_, i) => String(i));
    const r = evaluateIn(`[format('{0}-{99999}', ${args.join(", ")})]`);
    expect(r.value).toBe("0-99999");
    const all = evaluateIn(`[format('${args.map((i) => `{${i}}`).join("")}', ${args.join(", ")})]`);
    expect(typeof all.value === "string" && all.value.length).toBe(args.join("").length);
  });

  it("padLeft to a huge length is refused instead of allocated", () => {
    const r = evaluateIn("[padLeft('a', 300000000, 'x')]");
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.analyzed.engine.budget.exhausted).toMatch(/longer than/);
  });

  it("concat() of arrays tripling 40 times is cut off with an Unknown, not built", () => {
    const variables: Record<string, Json> = { v0: "[range(0, 10000)]" };
    for (let i = 1; i <= 40; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const started = performance.now();
    const r = evaluateIn("[length(variables('v40'))]", { variables });
    expect(r.value).toBeInstanceOf(Unknown);
    expect(r.analyzed.engine.budget.exhausted).toMatch(/array longer than/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("arrays sharing structure 40 levels deep are compared without walking every copy", () => {
    const variables: Record<string, Json> = { v0: "ab" };
    for (let i = 1; i <= 40; i++) variables[`v${i}`] = `[createArray(variables('v${i - 1}'), variables('v${i - 1}'))]`;
    const started = performance.now();
    expect(evaluateIn("[equals(variables('v40'), variables('v40'))]", { variables }).value).toBe(true);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe("opaque texts rendered on first read", () => {
  // What the evaluator rendered before texts waited to be read: each call's text at once.
  function eagerChain(fn: string, first: Value, n: number): Unknown {
    let u = new Unknown(callText(fn, [first]));
    for (let i = 1; i < n; i++) u = new Unknown(callText(fn, [u, i]));
    return u;
  }

  it("a pending chain far deeper than the stack allows renders the same text, without overflow", () => {
    const n = 200_000;
    let u = Unknown.ofCall("f", [new Unknown("parameters('p')")]);
    for (let i = 1; i < n; i++) u = Unknown.ofCall("f", [u, i]);
    // The bound renders every MAX_PENDING_DEPTH-th call as it is made, so reading recurses that deep at most.
    expect(u.isPendingCall).toBe(true);
    expect(u.text).toBe(eagerChain("f", new Unknown("parameters('p')"), n).text);
    expect(u.isPendingCall).toBe(false);
  });

  it("reads a pending call's text at most MAX_PENDING_DEPTH calls deep", () => {
    let u = Unknown.ofCall("f", ["a"]);
    let made = 1;
    while (u.isPendingCall && made <= MAX_PENDING_DEPTH) {
      u = Unknown.ofCall("f", [u]);
      made++;
    }
    // The call that would make the pending chain longer than the bound was rendered when made.
    expect(made).toBe(MAX_PENDING_DEPTH + 1);
    expect(u.isPendingCall).toBe(false);
  });

  it("renders at once when an argument is a long string or one of many", () => {
    expect(Unknown.ofCall("f", ["x".repeat(1000)]).isPendingCall).toBe(false);
    expect(Unknown.ofCall("f", Array.from({ length: 100 }, (_, i) => i)).isPendingCall).toBe(false);
    expect(Unknown.ofCall("f", ["a", 1, true, null]).isPendingCall).toBe(true);
    const empty = Unknown.ofCall("coalesce", [new Unknown("parameters('tags')"), []]);
    expect(empty.isPendingCall).toBe(true);
    expect(empty.text).toBe(callText("coalesce", [new Unknown("parameters('tags')"), []]));
  });

  it("a call on containers waits, and reads the text rendered eagerly", () => {
    const obj = new ObjectValue();
    obj.set("a", ["x", Unknown.ofCall("g", [new Unknown("parameters('p')")])]);
    const u = Unknown.ofCall("if", [new Unknown("parameters('c')"), obj, [1, 2]]);
    expect(u.isPendingCall).toBe(true);
    const eagerObj = new ObjectValue();
    eagerObj.set("a", ["x", new Unknown(callText("g", [new Unknown("parameters('p')")]))]);
    expect(u.text).toBe(callText("if", [new Unknown("parameters('c')"), eagerObj, [1, 2]]));
  });

  it("containers count toward the pending depth, nested arrays included", () => {
    // Arrays nested far deeper than the bound: a call on the outermost renders at once.
    let nested: Value = ["a"];
    for (let i = 0; i < 10_000; i++) nested = [nested];
    expect(Unknown.ofCall("f", [nested]).isPendingCall).toBe(false);
    // Pending calls wrapped in arrays: reading recurses one level per array and per call, bounded either way.
    let u: Value = Unknown.ofCall("f", ["a"]);
    let levels = 1;
    while (u instanceof Unknown && u.isPendingCall && levels <= MAX_PENDING_DEPTH) {
      u = Unknown.ofCall("f", [[u]]);
      levels += 2;
    }
    expect(u instanceof Unknown && u.isPendingCall).toBe(false);
    expect(levels).toBeLessThanOrEqual(MAX_PENDING_DEPTH + 2);
    // Shared structure 60 levels deep (2^60 paths) is walked once per container.
    let shared: Value = ["x"];
    for (let i = 0; i < 60; i++) shared = [shared, shared];
    const started = performance.now();
    expect(Unknown.ofCall("f", [shared]).isPendingCall).toBe(false);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it("a deeply nested opaque expression evaluates to the text rendered eagerly", () => {
    const depth = 500;
    const r = evaluateIn(`[${"uniqueString(".repeat(depth)}parameters('p')${")".repeat(depth)}]`, { parameters: P("p") });
    let expected = new Unknown("parameters('p')");
    for (let i = 0; i < depth; i++) expected = new Unknown(callText("uniqueString", [expected]));
    expect(r.value).toBeInstanceOf(Unknown);
    expect((r.value as Unknown).text).toBe(expected.text);
  });
});
