// Tests for the shared Foundry domain model: grouping, categories, roles, principals, dependsOn entries in the template's style, creation order.
import { describe, expect, it } from "vitest";
import { analyzeFile, analyzeText } from "../../../src/analyze.js";
import {
  compareSource,
  connectionsByParent,
  dependencyHint,
  dependsOnEntry,
  forEachAccount,
  foundryModel,
  hintSuggestion,
  parallelLoop,
  roleOf,
  type FoundryModel,
} from "../../../rules/foundry/domain.js";
import { tempDirs } from "../../runner/helpers.js";
import { lintFoundryText } from "./harness.js";

const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

function template(resources: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", parameters: { a: { type: "string" }, kv: { type: "string" } }, resources, ...extra }, null, 2);
}

function model(text: string): FoundryModel {
  const fm = foundryModel(analyzeText(text, "/t/main.json"));
  if (fm === undefined) throw new Error("no model");
  return fm;
}

const kvConnection = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: "Microsoft.CognitiveServices/accounts/connections",
  apiVersion: "2025-06-01",
  name,
  properties: { category: "AzureKeyVault", target: "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]", authType: "AccountManagedIdentity" },
  ...extra,
});

const temps = tempDirs();

describe("foundry domain", () => {
  it("orders declarations by source consistently across inline nested and linked templates", () => {
    const sa = (name: string) => ({ type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name });
    const linked = (name: string, file: string) => ({ type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name, properties: { mode: "Incremental", templateLink: { relativePath: file } } });
    const inline = {
      type: "Microsoft.Resources/deployments",
      apiVersion: "2022-09-01",
      name: "inline",
      properties: { mode: "Incremental", expressionEvaluationOptions: { scope: "inner" }, template: JSON.parse(template([sa("x")])) as unknown },
    };
    const dir = temps({ "main.json": template([inline, linked("first", "m.json"), sa("z"), linked("second", "n.json")]), "m.json": template([sa("y")]), "n.json": template([sa("w")]) });
    // Deployments' start nodes left out: they share their deployment's declaration.
    const nodes = analyzeFile(dir.file("main.json")).graph!.nodes.filter((n) => n.owner === undefined);
    const expected = ["inline", "x", "first", "y", "z", "second", "w"];
    // Model order puts the inline template's resource after every outer one; source order does not.
    expect(nodes.map((n) => n.displayName)).toEqual(["inline", "first", "z", "second", "x", "y", "w"]);
    for (const order of [nodes, [...nodes].reverse(), [nodes[3]!, nodes[0]!, nodes[6]!, nodes[2]!, nodes[5]!, nodes[1]!, nodes[4]!]]) {
      expect([...order].sort(compareSource).map((n) => n.displayName)).toEqual(expected);
    }
  });

  it("groups connections by the account their id names, with types and categories matched case-insensitively", () => {
    const fm = model(
      template([
        kvConnection("[format('{0}/{1}', parameters('a'), 'kv')]", { type: "microsoft.cognitiveservices/ACCOUNTS/connections", properties: { category: "azurekeyvault" } }),
        { type: "Microsoft.CognitiveServices/accounts/projects/connections", apiVersion: "2025-06-01", name: "[concat(parameters('a'), '/p/', 'search')]", properties: { category: "CognitiveSearch" } },
        { type: "Microsoft.CognitiveServices/accounts/connections", apiVersion: "2025-06-01", name: "other/x", properties: { category: "[parameters('kv')]" } },
      ]),
    );
    expect(fm.accounts.map((a) => [a.name, a.connections.map((c) => `${c.level}:${c.name}:${String(c.category)}:${String(c.isKeyVault)}`)])).toEqual([
      ["{parameters('a')}", ["account:kv:azurekeyvault:true", "project:search:CognitiveSearch:false"]],
      ["other", ["account:x:undefined:false"]],
    ]);
    expect(fm.accounts[0]!.declared).toBeUndefined();
    expect(fm.connections[1]!.parentName).toBe("p");
  });

  it("is built once per analysis", () => {
    const analysis = analyzeText(template([]), "/t/main.json");
    expect(foundryModel(analysis)).toBe(foundryModel(analysis));
  });

  it("reads a role from every spelling of roleDefinitionId", () => {
    expect(roleOf("/providers/Microsoft.Authorization/roleDefinitions/b86a8fe4-44ce-4948-aee5-eccb2c155cd7").name).toBe("Key Vault Secrets Officer");
    expect(roleOf("/subscriptions/\uE000subscription().subscriptionId\uE001/providers/Microsoft.Authorization/roleDefinitions/4633458B-17DE-408A-B874-0445C86B69E6").secrets).toBe("none");
    expect(roleOf("f25e0fa2-a7c8-4377-a976-54943a77a395").secrets).toBe("contributor");
    expect(roleOf("/providers/Microsoft.Authorization/roleDefinitions/\uE000parameters('role')\uE001").secrets).toBe("unknown");
    expect(roleOf("/providers/Microsoft.Authorization/roleDefinitions/11111111-2222-3333-4444-555555555555")).toEqual({ guid: "11111111-2222-3333-4444-555555555555", name: undefined, secrets: "unknown" });
  });

  it("writes dependsOn entries from the target's own name expression", () => {
    const fm = model(
      template([
        kvConnection("acc/kv-literal"),
        kvConnection("[concat(parameters('a'), '/', 'kv-', parameters('kv'))]"),
        kvConnection("[format('{0}/{1}-kv', parameters('a'), parameters('kv'))]"),
        {
          type: "Microsoft.CognitiveServices/accounts",
          apiVersion: "2025-06-01",
          name: "[parameters('a')]",
          resources: [kvConnection("nested-kv", { type: "connections" })],
        },
        {
          type: "Microsoft.Authorization/roleAssignments",
          apiVersion: "2022-04-01",
          name: "[guid(parameters('kv'))]",
          scope: "Microsoft.KeyVault/vaults/my-vault",
          properties: {},
        },
      ]),
    );
    // Model order: a nested child follows its parent.
    const entries = fm.graph.resources.map((n) => dependsOnEntry(fm.analysis, n.decl));
    expect(entries).toEqual([
      "[resourceId('Microsoft.CognitiveServices/accounts/connections', 'acc', 'kv-literal')]",
      "[resourceId('Microsoft.CognitiveServices/accounts/connections', parameters('a'), concat('kv-', parameters('kv')))]",
      "[resourceId('Microsoft.CognitiveServices/accounts/connections', parameters('a'), format('{1}-kv', parameters('a'), parameters('kv')))]",
      "[resourceId('Microsoft.CognitiveServices/accounts', parameters('a'))]",
      "[resourceId('Microsoft.CognitiveServices/accounts/connections', parameters('a'), 'nested-kv')]",
      "[extensionResourceId(resourceId('Microsoft.KeyVault/vaults', 'my-vault'), 'Microsoft.Authorization/roleAssignments', guid(parameters('kv')))]",
    ]);
  });

  it("matches a principal id to a user-assigned identity listed (with an expression key) on the account", () => {
    const uai = "[resourceId('Microsoft.ManagedIdentity/userAssignedIdentities', 'foundry-id')]";
    const text = template([
      { type: "Microsoft.ManagedIdentity/userAssignedIdentities", apiVersion: "2023-01-31", name: "foundry-id", location: "westus" },
      {
        type: "Microsoft.CognitiveServices/accounts",
        apiVersion: "2025-06-01",
        name: "[parameters('a')]",
        identity: { type: "UserAssigned", userAssignedIdentities: { [uai]: {} } },
        dependsOn: [uai],
      },
      { type: "Microsoft.KeyVault/vaults", apiVersion: "2023-07-01", name: "[parameters('kv')]", properties: { enableRbacAuthorization: true } },
      kvConnection("[format('{0}/{1}', parameters('a'), 'kv')]", {
        dependsOn: ["[resourceId('Microsoft.CognitiveServices/accounts', parameters('a'))]", "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]"],
      }),
      {
        type: "Microsoft.Authorization/roleAssignments",
        apiVersion: "2022-04-01",
        name: "[guid(parameters('kv'), 'reader')]",
        scope: "[format('Microsoft.KeyVault/vaults/{0}', parameters('kv'))]",
        properties: {
          roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', '21090545-7ca7-4776-b22c-e363652d74d2')]",
          principalId: `[reference(${uai.slice(1, -1)}, '2023-01-31').principalId]`,
        },
        dependsOn: [uai, "[resourceId('Microsoft.KeyVault/vaults', parameters('kv'))]"],
      },
    ]);
    const fm = model(text);
    const access = fm.access(fm.connections[0]!);
    expect(access.accountGrants.map((g) => g.role?.name)).toEqual(["Key Vault Reader"]);
    expect(access.problem?.kind).toBe("bad-role");
    expect(lintFoundryText(text).map((d) => d.ruleId)).toEqual(["foundry/key-vault-access"]);
  });

  it("a role assignment on the vault's resource group counts as a grant on the vault", () => {
    const text = template([
      { type: "Microsoft.CognitiveServices/accounts", apiVersion: "2025-06-01", name: "[parameters('a')]", identity: { type: "SystemAssigned" } },
      { type: "Microsoft.KeyVault/vaults", apiVersion: "2023-07-01", name: "[parameters('kv')]", properties: { enableRbacAuthorization: true } },
      kvConnection("[format('{0}/{1}', parameters('a'), 'kv')]"),
      {
        type: "Microsoft.Authorization/roleAssignments",
        apiVersion: "2022-04-01",
        name: "[guid(resourceGroup().id, 'officer')]",
        properties: {
          roleDefinitionId: "[subscriptionResourceId('Microsoft.Authorization/roleDefinitions', 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7')]",
          principalId: "[reference(resourceId('Microsoft.CognitiveServices/accounts', parameters('a')), '2025-06-01', 'full').identity.principalId]",
        },
      },
    ]);
    const access = model(text).access(model(text).connections[0]!);
    expect(access.effective.map((g) => g.on)).toEqual(["ancestor"]);
    expect(access.problem).toBeUndefined();
  });
  it("lists each parent's connections in source order, parents in order of first appearance", () => {
    const connection = (name: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
      type: name.split("/").length === 3 ? "Microsoft.CognitiveServices/accounts/projects/connections" : "Microsoft.CognitiveServices/accounts/connections",
      apiVersion: "2025-06-01",
      name,
      properties: { category: "CognitiveSearch" },
      ...extra,
    });
    const fm = model(template([connection("acc/p1/a"), connection("acc/x"), connection("acc/p2/b"), connection("acc/p1/c"), connection("acc/y"), connection("other/z")]));
    const names = (lists: { name: string }[][]): string[][] => lists.map((list) => list.map((c) => c.name));
    expect(names(connectionsByParent(fm.connections))).toEqual([["a", "c"], ["x", "y"], ["b"], ["z"]]);
    // Any order in, source order out (the parents come in the order they are first met).
    expect(names(connectionsByParent([...fm.connections].reverse()))).toEqual([["z"], ["x", "y"], ["a", "c"], ["b"]]);
    expect(connectionsByParent([])).toEqual([]);
  });

  it("finds the copy loop that creates connections in parallel: not a serial one of batch 1, nor a count of 1", () => {
    const loop = (copy: Record<string, unknown>, name: string): Record<string, unknown> => ({
      type: "Microsoft.CognitiveServices/accounts/connections",
      apiVersion: "2025-06-01",
      name: `[format('acc/${name}-{0}', copyIndex())]`,
      copy: { name, ...copy },
      properties: { category: "CognitiveSearch" },
    });
    const fm = model(
      template([
        loop({ count: 3 }, "parallel"),
        loop({ count: 3, mode: "Serial", batchSize: 1 }, "serial"),
        loop({ count: 3, mode: "serial", batchSize: 2 }, "batch"),
        loop({ count: 1 }, "single"),
        loop({ count: "[length(parameters('kv'))]" }, "unknown"),
      ]),
    );
    expect(fm.connections.map((c) => parallelLoop(fm, c.node) === c.node)).toEqual([true, false, true, false, true]);
  });

  it("runs a rule's check on every Foundry resource, and on none without a Foundry model", () => {
    const analysis = analyzeText(template([kvConnection("acc1/kv"), kvConnection("acc2/kv")]), "/t/main.json");
    const seen: string[] = [];
    forEachAccount({ analysis }, (account, fm) => {
      expect(fm).toBe(foundryModel(analysis));
      seen.push(account.name);
    });
    expect(seen).toEqual(["acc1", "acc2"]);
    forEachAccount({ analysis: analyzeText("[1, 2]", "/t/not-a-template.json") }, () => {
      throw new Error("called without a model");
    });
  });

  it("turns a dependency hint into the suggestion that adds its entry", () => {
    const fm = model(template([kvConnection("acc/kv"), { ...kvConnection("acc/search"), properties: { category: "CognitiveSearch" } }]));
    const [kv, search] = fm.connections;
    const hint = dependencyHint(fm, search!.node, kv!.node, "Make connection 'search' depend on the Key Vault connection 'kv'");
    if (hint?.fix === undefined) throw new Error("expected a hint with a fix");
    const entry = "[resourceId('Microsoft.CognitiveServices/accounts/connections', 'acc', 'kv')]";
    expect(hintSuggestion(hint)).toEqual({ description: `Add "${entry}" to its dependsOn`, fix: hint.fix });
    expect(hintSuggestion({ ...hint, fix: undefined })).toStrictEqual({ description: `Add "${entry}" to its dependsOn` });
  });
});
