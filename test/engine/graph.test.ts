// Resource identities and the dependency graph: one small template per edge kind and construct, plus the graph queries.
import { describe, expect, it } from "vitest";
import type { GraphNode } from "../../src/graph/types.js";
import { canonical, toStringValue } from "../../src/expressions/values.js";
import { analyze, deployment, edgesOf, evaluateIn, label, nodeNamed, nodesNamed, RG_PREFIX, shown, spanText, SUB_SCHEMA, template, type Json } from "./helpers.js";

const SA = "Microsoft.Storage/storageAccounts";
const KV = "Microsoft.KeyVault/vaults";

function res(type: string, name: string, extra: Record<string, Json> = {}): Record<string, Json> {
  return { type, apiVersion: "2023-01-01", name, ...extra };
}

function v2(resources: Record<string, Json>, parts: Record<string, Json> = {}): Record<string, Json> {
  return template({ languageVersion: "2.0", ...parts, resources });
}

function pathLabels(edges: { from: GraphNode; to: GraphNode; kind: string }[] | undefined): string[] | undefined {
  return edges?.map((e) => `${label(e.from)} -${e.kind}-> ${label(e.to)}`);
}

describe("explicit dependsOn", () => {
  it("by resourceId", () => {
    const { graph, text } = analyze(
      template({
        parameters: { sa: { type: "string" } },
        resources: [res(SA, "[parameters('sa')]"), res("Microsoft.Web/sites", "app", { dependsOn: [`[resourceId('${SA}', parameters('sa'))]`] })],
      }),
    );
    const app = nodeNamed(graph, "app");
    const sa = nodeNamed(graph, "{parameters('sa')}");
    expect(edgesOf(app)).toEqual(["explicit -> {parameters('sa')}"]);
    expect(spanText(text, app.out[0]!)).toBe(`"[resourceId('${SA}', parameters('sa'))]"`);
    expect(sa.displayId).toBe(`${RG_PREFIX}/providers/${SA}/{parameters('sa')}`);
    expect(graph.dangling).toEqual([]);
  });

  it("by plain name", () => {
    const { graph } = analyze(template({ resources: [res(SA, "sa1"), res("Microsoft.Web/sites", "app", { dependsOn: ["sa1"] })] }));
    expect(edgesOf(nodeNamed(graph, "app"))).toEqual(["explicit -> sa1"]);
  });

  it("by copy loop name: one edge to the loop's node", () => {
    const { graph } = analyze(
      template({
        resources: [
          res("Microsoft.Network/networkInterfaces", "[format('nic{0}', copyIndex())]", { copy: { name: "nics", count: 3 } }),
          res("Microsoft.Compute/virtualMachines", "vm", { dependsOn: ["nics"] }),
        ],
      }),
    );
    expect(edgesOf(nodeNamed(graph, "vm"))).toEqual(["explicit -> nic{copyIndex('nics')}"]);
  });

  it("by an unqualified Namespace/type/name string", () => {
    const { graph } = analyze(
      template({
        resources: [res("Microsoft.Network/virtualNetworks", "vnet1"), res("Microsoft.Network/networkInterfaces", "nic", { dependsOn: ["Microsoft.Network/virtualNetworks/vnet1"] })],
      }),
    );
    expect(edgesOf(nodeNamed(graph, "nic"))).toEqual(["explicit -> vnet1"]);
  });

  it("by languageVersion 2.0 symbolic name", () => {
    const { graph } = analyze(v2({ storage: res(SA, "sa1"), site: res("Microsoft.Web/sites", "app", { dependsOn: ["storage"] }) }));
    expect(edgesOf(nodeNamed(graph, "site"))).toEqual(["explicit -> sa1"]);
  });

  it("by one instance of a 2.0 loop: 'sym[0]', a literal index and format('sym[{0}]', copyIndex())", () => {
    const { graph } = analyze(
      v2({
        nics: res("Microsoft.Network/networkInterfaces", "[format('nic{0}', copyIndex())]", { copy: { name: "nics", count: 2 } }),
        vm0: res("Microsoft.Compute/virtualMachines", "vm0", { dependsOn: ["nics[0]"] }),
        vm1: res("Microsoft.Compute/virtualMachines", "vm1", { dependsOn: ["[format('nics[{0}]', 1)]"] }),
        vms: res("Microsoft.Compute/virtualMachines", "[format('vm-{0}', copyIndex())]", {
          copy: { name: "vms", count: 2 },
          dependsOn: ["[format('nics[{0}]', copyIndex())]"],
        }),
      }),
    );
    const nic = "explicit -> nic{copyIndex('nics')}";
    expect(edgesOf(nodeNamed(graph, "vm0"))).toEqual([nic]);
    expect(edgesOf(nodeNamed(graph, "vm1"))).toEqual([nic]);
    expect(edgesOf(nodeNamed(graph, "vms"))).toEqual([nic]);
    expect(graph.dangling).toEqual([]);
  });

  it("if() inside a dependsOn entry: both branches are dependencies", () => {
    const { graph } = analyze(
      template({
        parameters: { useA: { type: "bool" } },
        resources: [
          res(SA, "saa"),
          res(SA, "sab"),
          res("Microsoft.Web/sites", "app", { dependsOn: [`[if(parameters('useA'), resourceId('${SA}', 'saa'), resourceId('${SA}', 'sab'))]`] }),
        ],
      }),
    );
    expect(edgesOf(nodeNamed(graph, "app"))).toEqual(["explicit -> saa", "explicit -> sab"]);
  });

  it("dangling entries are reported with their text and span", () => {
    const { graph, text } = analyze(
      template({ resources: [res(SA, "sa1"), res("Microsoft.Web/sites", "app", { dependsOn: ["sa1", "nothere", `[resourceId('${KV}', 'kv-missing')]`] })] }),
    );
    expect(edgesOf(nodeNamed(graph, "app"))).toEqual(["explicit -> sa1"]);
    expect(graph.dangling.map((d) => d.text)).toEqual(["nothere", `${RG_PREFIX}/providers/${KV}/kv-missing`]);
    expect(graph.dangling.map((d) => text.slice(d.span.offset, d.span.offset + d.span.length))).toEqual(['"nothere"', `"[resourceId('${KV}', 'kv-missing')]"`]);
    expect(graph.dangling.every((d) => d.from === nodeNamed(graph, "app"))).toBe(true);
  });

  it("a dependsOn cannot reach inside another deployment", () => {
    const { graph } = analyze(
      template({
        resources: [deployment("mod", template({ resources: [res(SA, "inner")] })), res("Microsoft.Web/sites", "app", { dependsOn: ["inner"] })],
      }),
    );
    expect(edgesOf(nodeNamed(graph, "app"))).toEqual([]);
    expect(graph.dangling.map((d) => d.text)).toEqual(["inner"]);
  });
});

describe("implicit edges", () => {
  it("reference('name') in classic mode adds an edge", () => {
    const { graph } = analyze(
      template({
        resources: [res(SA, "sa1"), res("Microsoft.Web/sites", "app", { properties: { endpoint: "[reference('sa1').primaryEndpoints.blob]" } })],
      }),
    );
    const app = nodeNamed(graph, "app");
    expect(edgesOf(app)).toEqual(["implicit -> sa1"]);
    expect(app.out[0]!.label).toBe("reference('sa1')");
    expect(app.uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["reference sa1"]);
  });

  it("reference('sym') and list*('sym') in languageVersion 2.0 add an edge", () => {
    const { graph } = analyze(
      v2({
        storage: res(SA, "sa1"),
        vault: res(KV, "kv1"),
        site: res("Microsoft.Web/sites", "app", {
          properties: { endpoint: "[reference('storage').primaryEndpoints.blob]", key: "[listKeys('vault', '2023-01-01').keys[0].value]" },
        }),
      }),
    );
    expect(edgesOf(nodeNamed(graph, "site"))).toEqual(["implicit -> kv1", "implicit -> sa1"]);
  });

  it("reference(format('sym[{0}]', copyIndex())) names one element of a 2.0 loop: an edge to the loop", () => {
    const { graph } = analyze(
      v2({
        storages: { ...res(SA, "[format('sa{0}', copyIndex())]"), copy: { name: "storages", count: 2 } },
        anyName: res("Microsoft.Authorization/roleAssignments", "[guid(parameters('x'))]"),
        sites: {
          ...res("Microsoft.Web/sites", "[format('app{0}', copyIndex())]", {
            properties: { endpoint: "[reference(format('storages[{0}]', copyIndex())).primaryEndpoints.blob]" },
          }),
          copy: { name: "sites", count: 2 },
        },
      }, { parameters: { x: { type: "string" } } }),
    );
    // Not matched by name to the role assignment, whose name could be anything.
    expect(edgesOf(nodeNamed(graph, "sites"))).toEqual(["implicit -> sa{copyIndex('storages')}"]);
  });

  it("reference(resourceId(...)) is a use but adds no edge", () => {
    const { graph } = analyze(
      template({
        resources: [
          res(SA, "sa1"),
          res("Microsoft.Web/sites", "app", {
            properties: {
              endpoint: `[reference(resourceId('${SA}', 'sa1'), '2023-01-01').primaryEndpoints.blob]`,
              key: `[listKeys(resourceId('${SA}', 'sa1'), '2023-01-01').keys[0].value]`,
            },
          }),
        ],
      }),
    );
    const app = nodeNamed(graph, "app");
    expect(edgesOf(app)).toEqual([]);
    expect([...new Set(app.uses.map((u) => `${u.kind} ${u.target.displayName}`))].sort()).toEqual(["list sa1", "reference sa1", "resourceId sa1"]);
  });
});

describe("containment", () => {
  it("a resource inside a module waits for what the module depends on", () => {
    const { graph } = analyze(
      template({
        resources: [res(SA, "sa1"), deployment("mod", template({ resources: [res("Microsoft.Web/sites", "inner")] }), { dependsOn: ["sa1"] })],
      }),
    );
    const inner = nodeNamed(graph, "inner");
    const sa = nodeNamed(graph, "sa1");
    const mod = nodeNamed(graph, "mod");
    expect(edgesOf(mod)).toEqual(["contains -> inner", "contains -> mod (start)"]);
    expect(edgesOf(mod.start!)).toEqual(["explicit -> sa1"]);
    expect(edgesOf(inner)).toEqual(["inherits -> mod (start)"]);
    expect(graph.reaches(inner, sa)).toBe(true);
    expect(pathLabels(graph.path(inner, sa))).toEqual(["inner -inherits-> mod (start)", "mod (start) -explicit-> sa1"]);
  });

  it("depending on a module reaches everything inside it, three levels deep", () => {
    const level3 = template({ resources: [res(SA, "leaf")] });
    const level2 = template({ resources: [deployment("m3", level3)] });
    const level1 = template({ resources: [deployment("m2", level2)] });
    const { graph } = analyze(template({ resources: [deployment("m1", level1), res("Microsoft.Web/sites", "app", { dependsOn: ["m1"] })] }));
    const app = nodeNamed(graph, "app");
    const leaf = nodeNamed(graph, "leaf");
    expect(graph.reaches(app, leaf)).toBe(true);
    expect(pathLabels(graph.path(app, leaf))).toEqual(["app -explicit-> m1", "m1 -contains-> m2", "m2 -contains-> m3", "m3 -contains-> leaf"]);
    expect(leaf.deployment).toBe(nodeNamed(graph, "m3"));
    expect(graph.reaches(leaf, app)).toBe(false);
  });

  it("a module that depends on a module waits for the first module's inner resources", () => {
    const { graph } = analyze(
      template({
        resources: [
          deployment("first", template({ resources: [res(KV, "kv1")] })),
          deployment("second", template({ resources: [res(SA, "sa2")] }), { dependsOn: [`[resourceId('Microsoft.Resources/deployments', 'first')]`] }),
        ],
      }),
    );
    expect(graph.reaches(nodeNamed(graph, "sa2"), nodeNamed(graph, "kv1"))).toBe(true);
    expect(graph.reaches(nodeNamed(graph, "kv1"), nodeNamed(graph, "sa2"))).toBe(false);
  });
});

describe("module parameters and outputs", () => {
  it("an account name output used to name a child in another module gives the first module's account identity", () => {
    const accountModule = template({
      parameters: { accountName: { type: "string" } },
      resources: [res("Microsoft.CognitiveServices/accounts", "[parameters('accountName')]")],
      outputs: { accountName: { type: "string", value: "[parameters('accountName')]" } },
    });
    const connectionModule = template({
      parameters: { parentName: { type: "string" } },
      resources: [res("Microsoft.CognitiveServices/accounts/connections", "[format('{0}/{1}', parameters('parentName'), 'kv')]")],
    });
    const { graph, engine } = analyze(
      template({
        parameters: { acct: { type: "string" } },
        resources: [
          deployment("modA", accountModule, {}, { parameters: { accountName: { value: "[parameters('acct')]" } } }),
          deployment(
            "modB",
            connectionModule,
            { dependsOn: ["[resourceId('Microsoft.Resources/deployments', 'modA')]"] },
            { parameters: { parentName: { value: "[reference(resourceId('Microsoft.Resources/deployments', 'modA'), '2022-09-01').outputs.accountName.value]" } } },
          ),
        ],
      }),
    );
    const account = nodeNamed(graph, "{parameters('acct')}");
    const connection = nodeNamed(graph, "{parameters('acct')}/kv");
    expect(account.displayId).toBe(`${RG_PREFIX}/providers/Microsoft.CognitiveServices/accounts/{parameters('acct')}`);
    expect(connection.displayId).toBe(`${RG_PREFIX}/providers/Microsoft.CognitiveServices/accounts/{parameters('acct')}/connections/kv`);
    expect(connection.uses.filter((u) => u.kind === "parent").map((u) => u.target)).toEqual([account]);
    const accountId = evaluateIn("[resourceId('Microsoft.CognitiveServices/accounts', parameters('acct'))]", { parameters: { acct: { type: "string" } } });
    expect(engine.resolveId(toStringValue(accountId.value)).map((d) => d.index)).toEqual([account.decl.index]);
    expect(graph.reaches(connection, account)).toBe(true);
  });

  it("a module output read by name (2.0 symbol) creates the dependency", () => {
    const { graph } = analyze(
      v2({
        modA: deployment("modA", template({ resources: [res(KV, "kv1")], outputs: { id: { type: "string", value: `[resourceId('${KV}', 'kv1')]` } } })),
        site: res("Microsoft.Web/sites", "app", { properties: { vault: "[reference('modA').outputs.id.value]" } }),
      }),
    );
    const app = nodeNamed(graph, "app");
    expect(edgesOf(app)).toEqual(["implicit -> modA"]);
    expect(app.uses.map((u) => `${u.kind} ${u.target.displayName}`).sort()).toEqual(["reference modA", "resourceId kv1"]);
  });

  it("a renamed module parameter: inner parameters('vaultName') is the outer parameters('kvName')", () => {
    const inner = template({
      parameters: { vaultName: { type: "string" } },
      resources: [res("Microsoft.Web/sites", "app", { properties: { keyVaultReferenceIdentity: `[resourceId('${KV}', parameters('vaultName'))]` } })],
    });
    const { graph } = analyze(
      template({
        parameters: { kvName: { type: "string" } },
        resources: [res(KV, "[parameters('kvName')]"), deployment("mod", inner, { dependsOn: ["[parameters('kvName')]"] }, { parameters: { vaultName: { value: "[parameters('kvName')]" } } })],
      }),
    );
    const vault = nodeNamed(graph, "{parameters('kvName')}");
    const app = nodeNamed(graph, "app");
    expect(app.uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId {parameters('kvName')}"]);
    expect(app.uses[0]!.target).toBe(vault);
    expect(graph.reaches(app, vault)).toBe(true);
  });

  it("a module parameter left out or given null: null when nullable, the default when it has one, else symbolic", () => {
    const inner = template({
      languageVersion: "2.0",
      parameters: {
        storages: { type: "array", nullable: true },
        tags: { type: "object", defaultValue: { env: "dev" } },
        required: { type: "string" },
        passed: { type: "array", nullable: true },
      },
      resources: {},
      outputs: {
        count: { type: "int", value: "[length(coalesce(parameters('storages'), createArray()))]" },
        env: { type: "string", value: "[parameters('tags').env]" },
        required: { type: "string", value: "[parameters('required')]" },
        passed: { type: "int", value: "[length(coalesce(parameters('passed'), createArray()))]" },
      },
    });
    const outputs = (parameters: Json): Record<string, string> => {
      const mod = deployment("mod", inner);
      (mod.properties as Record<string, Json>).parameters = parameters;
      const { model, engine } = analyze(template({ parameters: { p: { type: "array" } }, resources: [mod] }));
      const scope = model.scopes.find((s) => s.deployment !== undefined)!;
      const out: Record<string, string> = {};
      for (const name of ["count", "env", "required", "passed"]) out[name] = shown(engine.evaluate(scope.outputs.get(name)!.value!, undefined, scope));
      return out;
    };
    expect(outputs({ tags: { value: null }, passed: { value: "[parameters('p')]" } })).toEqual({
      count: "0",
      env: "dev",
      required: "parameters('required')",
      passed: "length({coalesce(parameters('p'), createArray())})",
    });
    // Parameters from an expression (or a link) may hold anything: nothing is taken as left out.
    expect(outputs("[createObject()]").count).toBe("length({coalesce(parameters('storages'), createArray())})");
  });

  it("same-named parameters of different modules stay apart", () => {
    const inner = template({ parameters: { name: { type: "string" } }, resources: [res(KV, "[parameters('name')]")] });
    const { graph } = analyze(template({ parameters: { name: { type: "string" } }, resources: [res(KV, "[parameters('name')]"), deployment("mod", inner)] }));
    const both = nodesNamed(graph, "{parameters('name')}");
    expect(both).toHaveLength(2);
    expect(both[0]!.identity).not.toBe(both[1]!.identity);
  });
});

describe("identities", () => {
  it("copy loops are one node with their count", () => {
    const { graph } = analyze(
      template({
        parameters: { n: { type: "int" } },
        resources: [
          res(SA, "[format('sa{0}', copyIndex())]", { copy: { name: "accounts", count: 3 } }),
          res(KV, "[format('kv{0}', copyIndex(1))]", { copy: { name: "vaults", count: "[parameters('n')]", mode: "serial", batchSize: 1 } }),
        ],
      }),
    );
    expect(graph.resources).toHaveLength(2);
    expect(graph.resources.map((n) => n.copy)).toEqual([
      { name: "accounts", count: 3 },
      { name: "vaults", count: "{parameters('n')}" },
    ]);
    expect(graph.resources.map((n) => n.displayName)).toEqual(["sa{copyIndex('accounts')}", "kv{add(copyIndex('vaults'), 1)}"]);
  });

  it("a role assignment scoped with format('Microsoft.KeyVault/vaults/{0}') is the extensionResourceId one", () => {
    // foundry-samples/infrastructure/infrastructure-setup-bicep/01-connections/connection-key-vault.json (scope form up to Bicep v0.39)
    const name = "[guid(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'KeyVaultSecretsOfficer')]";
    const parts: Record<string, Json> = { parameters: { keyVaultName: { type: "String" } } };
    const { graph } = analyze(
      template({
        ...parts,
        resources: [
          res(KV, "[parameters('keyVaultName')]"),
          res("Microsoft.Authorization/roleAssignments", name, {
            scope: "[format('Microsoft.KeyVault/vaults/{0}', parameters('keyVaultName'))]",
            dependsOn: ["[resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName'))]"],
          }),
          res("Microsoft.Web/sites", "app", {
            dependsOn: [
              "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'Microsoft.Authorization/roleAssignments', guid(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'KeyVaultSecretsOfficer'))]",
            ],
          }),
        ],
      }),
    );
    const ra = graph.resources[1]!;
    const expected = evaluateIn(
      "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'Microsoft.Authorization/roleAssignments', guid(resourceId('Microsoft.KeyVault/vaults', parameters('keyVaultName')), 'KeyVaultSecretsOfficer'))]",
      parts,
    );
    expect(ra.identity).toBe(expected.key);
    expect(ra.uses.filter((u) => u.kind === "scope").map((u) => u.target)).toEqual([graph.resources[0]]);
    expect(edgesOf(nodeNamed(graph, "app"))).toEqual([`explicit -> ${ra.displayName}`]);
  });

  it("the v0.40 scope form (a full resourceId) gives the same identity", () => {
    const parts: Record<string, Json> = { parameters: { kv: { type: "string" } } };
    const build = (scope: string): string => {
      const { graph } = analyze(
        template({ ...parts, resources: [res(KV, "[parameters('kv')]"), res("Microsoft.Authorization/roleAssignments", "[guid('x')]", { scope })] }),
      );
      return graph.resources[1]!.identity;
    };
    expect(build("[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]")).toBe(build("[format('Microsoft.KeyVault/vaults/{0}', parameters('kv'))]"));
  });

  it("template keys are read case-insensitively (dependson, apiversion, Type, Name)", () => {
    const { graph, model } = analyze(
      template({
        resources: [
          { Type: SA, apiversion: "2023-01-01", Name: "sa1" },
          { TYPE: "Microsoft.Web/sites", APIVersion: "2023-01-01", name: "app", dependson: ["sa1"], Properties: { x: `[resourceId('${SA}', 'SA1')]` } },
        ],
      }),
    );
    expect(model.resources.map((r) => [r.type, r.apiVersion])).toEqual([
      [SA, "2023-01-01"],
      ["Microsoft.Web/sites", "2023-01-01"],
    ]);
    const app = nodeNamed(graph, "app");
    expect(edgesOf(app)).toEqual(["explicit -> sa1"]);
    expect(app.uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId sa1"]);
  });

  it("an id spelled in literals is a use whatever the case of '/providers/' (ARM ids ignore case)", () => {
    const { graph } = analyze(
      template({
        resources: [
          res(SA, "sa1"),
          res("Microsoft.Web/sites", "app1", { properties: { a: `[concat(resourceGroup().id, '/Providers/${SA}/sa1')]` } }),
        ],
      }),
    );
    expect(nodeNamed(graph, "app1").uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId sa1"]);
  });

  it("an id whose 'providers/' part starts a literal or a variable's value is a use (joined to resourceGroup().id after a '/')", () => {
    // `variables('tail')` is evaluated by the first web app's body, so the second app's read of it meets the inert-variable check.
    const { graph } = analyze(
      template({
        variables: { tail: `providers/${SA}/sa1` },
        resources: [
          res(SA, "sa1"),
          res("Microsoft.Web/sites", "app1", { properties: { a: `[concat(resourceGroup().id, '/', 'providers/${SA}/sa1')]`, b: "[variables('tail')]" } }),
          res("Microsoft.Web/sites", "app2", { properties: { a: "[concat(resourceGroup().id, '/', variables('tail'))]" } }),
        ],
      }),
    );
    for (const name of ["app1", "app2"]) {
      expect(nodeNamed(graph, name).uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId sa1"]);
    }
  });

  it("a variable already evaluated is still read for the ids it spells (the use pass skips only inert ones)", () => {
    // `prefix` and `saId` are evaluated by the first resource's name and body; the second reads them again.
    const { graph } = analyze(
      template({
        variables: { prefix: "app", saId: `[concat(resourceGroup().id, '/providers/${SA}/sa1')]` },
        resources: [
          res(SA, "sa1"),
          res("Microsoft.Web/sites", "[concat(variables('prefix'), '1')]", { properties: { a: "[variables('saId')]", b: "[variables('prefix')]" } }),
          res("Microsoft.Web/sites", "app2", { properties: { a: "[toLower(variables('saId'))]", b: "[concat(variables('prefix'), 'x')]" } }),
        ],
      }),
    );
    for (const name of ["app1", "app2"]) {
      expect(nodeNamed(graph, name).uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId sa1"]);
    }
  });

  it("nested child resources get the full type and name and inherit the parent's", () => {
    const { graph } = analyze(
      template({
        resources: [
          res("Microsoft.Network/virtualNetworks", "vnet1", {
            resources: [res("subnets", "default", { dependsOn: ["vnet1"] }), res("Microsoft.Network/virtualNetworks/subnets", "vnet1/second", { dependsOn: ["default"] })],
          }),
          res("Microsoft.Network/networkInterfaces", "nic", { dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'default')]"] }),
        ],
      }),
    );
    const subnet = nodeNamed(graph, "vnet1/default");
    expect(subnet.type).toBe("Microsoft.Network/virtualNetworks/subnets");
    expect(subnet.displayId).toBe(`${RG_PREFIX}/providers/Microsoft.Network/virtualNetworks/vnet1/subnets/default`);
    expect(subnet.nameSegments).toEqual(["vnet1", "default"]);
    expect(edgesOf(subnet)).toEqual(["explicit -> vnet1"]);
    expect(edgesOf(nodeNamed(graph, "vnet1/second"))).toEqual(["explicit -> vnet1/default"]);
    expect(edgesOf(nodeNamed(graph, "nic"))).toEqual(["explicit -> vnet1/default"]);
    expect(subnet.uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["parent vnet1"]);
  });

  it("a child whose name is one parameter standing for both segments meets split(name, '/')[i]", () => {
    // bicep/src/Bicep.Core.Samples/Files/user_submitted/101/sqlmi-new-vnet/main.json
    const { graph } = analyze(
      template({
        metadata: { _generator: { name: "bicep", version: "dev" } },
        parameters: { subnetName: { type: "string", defaultValue: "subnet-01" } },
        resources: [
          res("Microsoft.Network/virtualNetworks/subnets", "[parameters('subnetName')]"),
          res("Microsoft.Sql/managedInstances", "mi", {
            dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks/subnets', split(parameters('subnetName'), '/')[0], split(parameters('subnetName'), '/')[1])]"],
          }),
          res("Microsoft.Network/networkInterfaces", "nic", { dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks/subnets', parameters('subnetName'))]"] }),
        ],
      }),
    );
    expect(graph.dangling).toEqual([]);
    const subnet = nodeNamed(graph, "{parameters('subnetName')}");
    expect(subnet.displayId).toBe(
      `${RG_PREFIX}/providers/Microsoft.Network/virtualNetworks/{split(parameters('subnetName'), '/')[0]}/subnets/{split(parameters('subnetName'), '/')[1]}`,
    );
    expect(edgesOf(nodeNamed(graph, "mi"))).toEqual(["explicit -> {parameters('subnetName')}"]);
    expect(edgesOf(nodeNamed(graph, "nic"))).toEqual(["explicit -> {parameters('subnetName')}"]);
  });

  it("a wholly symbolic dependsOn entry resolves by name, and is not dangling when it names nothing", () => {
    // azure-quickstart-templates/101-AAD-DomainServices/azuredeploy.json: "dependsOn": ["[parameters('domainServicesVnetName')]"]
    const { graph } = analyze(
      template({
        parameters: { domainServicesVnetName: { type: "string" }, other: { type: "string" } },
        resources: [
          res("Microsoft.Network/virtualNetworks", "[parameters('domainServicesVnetName')]"),
          res("Microsoft.AAD/DomainServices", "ds", { dependsOn: ["[parameters('domainServicesVnetName')]", "[parameters('other')]"] }),
        ],
      }),
    );
    expect(edgesOf(nodeNamed(graph, "ds"))).toEqual(["explicit -> {parameters('domainServicesVnetName')}"]);
    expect(graph.dangling).toEqual([]);
  });

  it("existing resources in 2.0 are nodes marked existing and dependency targets", () => {
    const { graph } = analyze(
      v2({
        vault: res(KV, "[parameters('kv')]", { existing: true }),
        site: res("Microsoft.Web/sites", "app", { dependsOn: ["vault"], properties: { v: "[reference('vault').vaultUri]" } }),
      }, { parameters: { kv: { type: "string" } } }),
    );
    const vault = nodeNamed(graph, "vault");
    expect(vault.existing).toBe(true);
    expect(nodeNamed(graph, "site").existing).toBe(false);
    expect(edgesOf(nodeNamed(graph, "site"))).toEqual(["explicit -> {parameters('kv')}", "implicit -> {parameters('kv')}"]);
  });

  it("condition marks a node conditional; a literal true does not", () => {
    const { graph } = analyze(
      template({
        parameters: { deploy: { type: "bool" } },
        resources: [res(SA, "maybe", { condition: "[parameters('deploy')]" }), res(SA, "always", { condition: true }), res(SA, "never", { condition: false }), res(SA, "plain", { dependsOn: ["maybe"] })],
      }),
    );
    expect(["maybe", "always", "never", "plain"].map((n) => nodeNamed(graph, n).conditional)).toEqual([true, false, true, false]);
    expect(edgesOf(nodeNamed(graph, "plain"))).toEqual(["explicit -> maybe"]);
  });

  it("a cross-resource-group module puts its resources in that group, and the Bicep dependsOn form finds it", () => {
    const { graph } = analyze(
      template({
        parameters: { otherRg: { type: "string" } },
        resources: [
          deployment("crossRg", template({ resources: [res(KV, "kv1")] }), { resourceGroup: "[parameters('otherRg')]" }),
          res("Microsoft.Web/sites", "app", {
            dependsOn: [
              "[extensionResourceId(format('/subscriptions/{0}/resourceGroups/{1}', subscription().subscriptionId, parameters('otherRg')), 'Microsoft.Resources/deployments', 'crossRg')]",
            ],
            properties: { v: `[resourceId(parameters('otherRg'), '${KV}', 'kv1')]` },
          }),
        ],
      }),
    );
    const kv = nodeNamed(graph, "kv1");
    const mod = nodeNamed(graph, "crossRg");
    expect(kv.displayId).toBe(`/subscriptions/{subscription().subscriptionId}/resourceGroups/{parameters('otherRg')}/providers/${KV}/kv1`);
    expect(mod.displayId).toBe("/subscriptions/{subscription().subscriptionId}/resourceGroups/{parameters('otherRg')}/providers/Microsoft.Resources/deployments/crossRg");
    const app = nodeNamed(graph, "app");
    expect(edgesOf(app)).toEqual(["explicit -> crossRg"]);
    expect(app.uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId kv1"]);
  });

  it("a subscription-scope template: resource groups by subscriptionResourceId, modules into a group", () => {
    const { graph, model } = analyze(
      template(
        {
          resources: [
            res("Microsoft.Resources/resourceGroups", "rg-app", { location: "westeurope" }),
            deployment("inRg", template({ resources: [res(SA, "sa1")] }), {
              resourceGroup: "rg-app",
              dependsOn: ["[subscriptionResourceId('Microsoft.Resources/resourceGroups', 'rg-app')]"],
            }),
          ],
        },
        SUB_SCHEMA,
      ),
    );
    expect(model.root.targetScope).toBe("subscription");
    const rg = nodeNamed(graph, "rg-app");
    expect(rg.displayId).toBe("/subscriptions/{subscription().subscriptionId}/providers/Microsoft.Resources/resourceGroups/rg-app");
    expect(nodeNamed(graph, "sa1").displayId).toBe(`/subscriptions/{subscription().subscriptionId}/resourceGroups/rg-app/providers/${SA}/sa1`);
    expect(edgesOf(nodeNamed(graph, "inRg").start!)).toEqual(["explicit -> rg-app"]);
    expect(graph.reaches(nodeNamed(graph, "sa1"), rg)).toBe(true);
  });

  it("expressionEvaluationOptions outer: the nested template sees the parent's parameters; inner: its own", () => {
    const nested = (scope: "inner" | "outer"): Record<string, Json> =>
      deployment(
        `nested-${scope}`,
        template({
          ...(scope === "inner" ? { parameters: { name: { type: "string" } } } : {}),
          resources: [res("Microsoft.Web/sites", `app-${scope}`, { properties: { v: `[resourceId('${KV}', parameters('name'))]` } })],
        }),
        {},
        { scope },
      );
    const { graph } = analyze(template({ parameters: { name: { type: "string" } }, resources: [res(KV, "[parameters('name')]"), nested("outer"), nested("inner")] }));
    const vault = nodeNamed(graph, "{parameters('name')}");
    expect(nodeNamed(graph, "app-outer").uses.map((u) => u.target)).toEqual([vault]);
    expect(nodeNamed(graph, "app-inner").uses).toEqual([]);
  });

  it("an outer-scope nested template also sees the parent's variables", () => {
    const { graph } = analyze(
      template({
        variables: { kvName: "kv-main" },
        resources: [
          res(KV, "[variables('kvName')]"),
          deployment("nested", template({ resources: [res("Microsoft.Web/sites", "[concat(variables('kvName'), '-app')]")] }), {}, { scope: "outer" }),
        ],
      }),
    );
    expect(nodeNamed(graph, "kv-main-app").deployment).toBe(nodeNamed(graph, "nested"));
  });
});

describe("uses", () => {
  it("an id in properties, a scope, parent name segments, reference/list by id", () => {
    const { graph } = analyze(
      template({
        resources: [
          res(SA, "sa1"),
          res(KV, "kv1"),
          res("Microsoft.Network/virtualNetworks", "vnet1"),
          res("Microsoft.Network/virtualNetworks/subnets", "[format('{0}/{1}', 'vnet1', 'snet')]", { dependsOn: ["vnet1"] }),
          res("Microsoft.Insights/diagnosticSettings", "diag", {
            scope: `[format('${KV}/{0}', 'kv1')]`,
            properties: { storageAccountId: `[resourceId('${SA}', 'sa1')]` },
          }),
          res("Microsoft.Web/sites", "app", {
            properties: {
              subnet: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'vnet1', 'snet')]",
              conn: `[listKeys(resourceId('${SA}', 'sa1'), '2023-01-01').keys[0].value]`,
              uri: `[reference(resourceId('${KV}', 'kv1'), '2023-01-01').vaultUri]`,
              literal: `/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg/providers/${KV}/other`,
            },
          }),
        ],
      }),
    );
    const uses = (name: string): string[] => [...new Set(nodeNamed(graph, name).uses.map((u) => `${u.kind} ${u.target.displayName}`))].sort();
    expect(uses("vnet1/snet")).toEqual(["parent vnet1"]);
    expect(uses("diag")).toEqual(["resourceId sa1", "scope kv1"]);
    expect(uses("app")).toEqual(["list sa1", "reference kv1", "resourceId kv1", "resourceId sa1", "resourceId vnet1/snet"]);
    // Uses are not edges: only the dependsOn of the subnet is.
    expect(edgesOf(nodeNamed(graph, "app"))).toEqual([]);
    expect(edgesOf(nodeNamed(graph, "diag"))).toEqual([]);
  });
});

describe("queries", () => {
  const chain = (): ReturnType<typeof analyze> =>
    analyze(
      template({
        resources: [
          res(SA, "a"),
          res(SA, "b", { dependsOn: ["a"] }),
          res(SA, "c", { dependsOn: ["b", `[resourceId('${SA}', 'a')]`] }),
          res(SA, "d", { dependsOn: ["c"] }),
          res(SA, "lone"),
        ],
      }),
    );

  it("reaches and path, with spans pointing at the dependsOn strings", () => {
    const { graph, text } = chain();
    const [a, b, , d, lone] = ["a", "b", "c", "d", "lone"].map((n) => nodeNamed(graph, n));
    expect(graph.reaches(d!, a!)).toBe(true);
    expect(graph.reaches(a!, d!)).toBe(false);
    expect(graph.reaches(d!, lone!)).toBe(false);
    expect(graph.reaches(a!, a!)).toBe(false);
    const p = graph.path(d!, a!)!;
    expect(pathLabels(p)).toEqual(["d -explicit-> c", "c -explicit-> a"]);
    expect(p.map((e) => spanText(text, e))).toEqual(['"c"', `"[resourceId('${SA}', 'a')]"`]);
    expect(p.every((e) => e.file === "template.json")).toBe(true);
    expect(graph.path(a!, d!)).toBeUndefined();
    expect(graph.path(b!, b!)).toEqual([]);
    expect(graph.cycles()).toEqual([]);
  });

  it("waves are topological levels", () => {
    const { graph } = chain();
    expect(graph.waves().map((w) => w.map((n) => n.displayName).sort())).toEqual([["a", "lone"], ["b"], ["c"], ["d"]]);
  });

  it("waves put a module's contents after the module's own dependencies", () => {
    const { graph } = analyze(
      template({ resources: [res(SA, "first"), deployment("mod", template({ resources: [res(KV, "inside")] }), { dependsOn: ["first"] }), res(SA, "after", { dependsOn: ["mod"] })] }),
    );
    expect(graph.waves().map((w) => w.map((n) => n.displayName).sort())).toEqual([["first"], ["inside"], ["mod"], ["after"]]);
  });

  it("cycles: 2-cycle, 3-cycle and a self-dependency", () => {
    const { graph } = analyze(
      template({
        resources: [
          res(SA, "x1", { dependsOn: ["x2"] }),
          res(SA, "x2", { dependsOn: ["x1"] }),
          res(SA, "y1", { dependsOn: ["y2"] }),
          res(SA, "y2", { dependsOn: ["y3"] }),
          res(SA, "y3", { dependsOn: ["y1"] }),
          res(SA, "self", { dependsOn: ["self"] }),
          res(SA, "free", { dependsOn: ["x1"] }),
        ],
      }),
    );
    const cycles = graph.cycles().map((c) => c.map((n) => n.displayName).sort());
    expect(cycles.sort((p, q) => p.length - q.length || p[0]!.localeCompare(q[0]!))).toEqual([["self"], ["x1", "x2"], ["y1", "y2", "y3"]]);
    // Nodes on cycles get no wave; `free` waits for a cycle, so it never becomes ready either.
    expect(graph.waves().flat().map((n) => n.displayName)).toEqual([]);
  });

  it("a copy loop depending on its own name is not a cycle", () => {
    const { graph } = analyze(template({ resources: [res(SA, "[format('sa{0}', copyIndex())]", { copy: { name: "sas", count: 3, mode: "serial" }, dependsOn: ["sas"] })] }));
    expect(graph.cycles()).toEqual([]);
  });

  it("a 10,000-resource dependsOn cycle is found iteratively", () => {
    const n = 10_000;
    const resources: Json[] = [];
    for (let i = 0; i < n; i++) resources.push(res(SA, `r${i}`, { dependsOn: [`r${(i + 1) % n}`] }));
    const { graph } = analyze(template({ resources }));
    const cycles = graph.cycles();
    expect(cycles).toHaveLength(1);
    expect(cycles[0]).toHaveLength(n);
    const r0 = nodeNamed(graph, "r0");
    const last = nodeNamed(graph, `r${n - 1}`);
    expect(graph.reaches(r0, last)).toBe(true);
    expect(graph.path(r0, last)).toHaveLength(n - 1);
    expect(graph.waves()).toEqual([]);
  });
});

describe("findById", () => {
  it("finds nodes by a canonical id, symbolic parts included", () => {
    const { graph } = analyze(template({ parameters: { kv: { type: "string" } }, resources: [res(KV, "[parameters('kv')]")] }));
    const id = evaluateIn(`[resourceId('${KV}', parameters('kv'))]`, { parameters: { kv: { type: "string" } } });
    expect(graph.findById(toStringValue(id.value)).map((n) => n.displayName)).toEqual(["{parameters('kv')}"]);
    expect(graph.findById(canonical(toStringValue(id.value)).toUpperCase())).toHaveLength(1);
  });
});
