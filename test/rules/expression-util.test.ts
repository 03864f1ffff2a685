// Tests for the rules' shared expression index and call reads: the same calls as a plain walk of every expression, kept or collected on demand.
import { describe, expect, it } from "vitest";
import { callsNamed, expressionIndex } from "../../rules/expression-util.js";
import { callReads } from "../../rules/usage.js";
import { analyzeText } from "../../src/analyze.js";
import type { Call } from "../../src/expressions/ast.js";
import { walkExpression } from "../../src/expressions/walk.js";
import type { ExpressionSite, TemplateModel } from "../../src/model/types.js";

function modelOf(template: unknown): TemplateModel {
  const model = analyzeText(JSON.stringify(template, null, 2), "index.json").model;
  if (model === undefined) throw new Error("no model");
  return model;
}

/** The reference: every call without a namespace, by lowercased name, in model order and pre-order. */
function plainWalk(model: TemplateModel): Map<string, { site: ExpressionSite; call: Call }[]> {
  const out = new Map<string, { site: ExpressionSite; call: Call }[]>();
  for (const site of model.expressions) {
    if (!site.result.ok) continue;
    walkExpression(site.result.expr, (node) => {
      if (node.kind !== "call" || node.namespace !== undefined) return;
      const key = node.name.toLowerCase();
      const list = out.get(key) ?? [];
      list.push({ site, call: node });
      out.set(key, list);
    });
  }
  return out;
}

const template = {
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  parameters: { name: { type: "string" }, Count: { type: "int" } },
  variables: {
    a: "[concat(parameters('name'), Concat('x', SUBSTRING(parameters('NAME'), 0)))]",
    b: "[createArray(variables('a'), createarray(copyIndex()), fooBar(1), FOOBAR(1, 2))]",
    broken: "[concat('x']",
  },
  resources: [
    {
      type: "Microsoft.Storage/storageAccounts",
      apiVersion: "2023-01-01",
      name: "[format('{0}{1}', parameters('name'), copyIndex('loop'))]",
      copy: { name: "loop", count: "[parameters('count')]" },
      properties: { x: "[if(equals(Parameters(variables('b')[0]), 'y'), substring('a', 0, 1), json('{}'))]", y: "[ns.fn(parameters('name'))]" },
    },
  ],
};

describe("expressionIndex", () => {
  it("groups the calls of every name as a plain walk finds them, kept names and names collected on first read alike", () => {
    const model = modelOf(template);
    const reference = plainWalk(model);
    const index = expressionIndex(model);
    expect([...index.calls.keys()].sort()).toEqual([...reference.keys()].sort());
    for (const [key, list] of reference) {
      const group = index.calls.get(key)!;
      expect(group.name).toBe(list[0]!.call.name);
      expect(group.calls).toEqual(list.map((e) => e.call));
      expect(group.sites).toEqual(list.map((e) => e.site));
      const counts = list.map((e) => e.call.args.length);
      expect([group.minArgs, group.maxArgs]).toEqual([Math.min(...counts), Math.max(...counts)]);
      expect(callsNamed(model, key)).toBe(group);
    }
    expect(index.broken.map((s) => s.node.value)).toEqual(["[concat('x']"]);
    expect(index.userCalls.map((c) => `${c.call.namespace}.${c.call.name}`)).toEqual(["ns.fn"]);
    expect(callsNamed(model, "nosuchfunction").calls).toEqual([]);
  });

  it("collects a name's calls on demand even when another name's were read first", () => {
    const model = modelOf(template);
    const index = expressionIndex(model);
    // Reading the sites first, then the calls of another name: one walk fills every list.
    expect(index.calls.get("foobar")!.sites.length).toBe(2);
    expect(index.calls.get("substring")!.calls.map((c) => c.args.length)).toEqual([2, 3]);
    expect(index.calls.get("parameters")!.calls.length).toBe(6);
  });
});

describe("callReads", () => {
  it("reads the lowercased literal names per template and marks a template read dynamically", () => {
    const model = modelOf(template);
    const params = callReads(model, "parameters");
    expect([...params.names.get(model.root)!].sort()).toEqual(["count", "name"]);
    expect(params.dynamic.has(model.root)).toBe(true);
    expect(params.inFunction).toBe(false);
    const vars = callReads(model, "variables");
    expect([...vars.names.get(model.root)!].sort()).toEqual(["a", "b"]);
    expect(vars.dynamic.size).toBe(0);
    expect(callReads(model, "parameters")).toBe(params);
  });

  it("tells reads in function bodies (a `functions` key in any casing) from the template's own, per template", () => {
    const body = { parameters: [{ name: "p", type: "string" }], output: { type: "string", value: "[parameters('p')]" } };
    const inner = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { r: { type: "string" } },
      resources: [],
      outputs: { o: { type: "string", value: "[parameters('r')]" } },
    };
    const model = modelOf({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { p: { type: "string" }, q: { type: "string" } },
      FUNCTIONS: [{ namespace: "fx", members: { f: body } }],
      variables: { v: "[parameters('q')]" },
      resources: [
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "inner",
          properties: { mode: "Incremental", expressionEvaluationOptions: { scope: "inner" }, template: inner },
        },
      ],
    });
    const reads = callReads(model, "parameters");
    expect(reads.inFunction).toBe(true);
    expect([...reads.names.get(model.root)!]).toEqual(["q"]);
    const innerScope = model.scopes.find((s) => s !== model.root)!;
    expect([...reads.names.get(innerScope)!]).toEqual(["r"]);
    const withoutFunctions = modelOf({ ...inner, parameters: { r: { type: "string" } } });
    expect(callReads(withoutFunctions, "parameters").inFunction).toBe(false);
  });
});
