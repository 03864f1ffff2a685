// Unit tests of the model's parse cache (TemplateModel.parsed): every expression node finds its site's
// parse, equal texts share one parse, and nodes the model never saw are cached per node like a plain Map.
import { describe, expect, it } from "vitest";
import { parseExpression } from "../../src/expressions/parser.js";
import type { JsonObject, JsonString } from "../../src/load/json.js";
import { parseJson } from "../../src/load/parser.js";
import { buildModel } from "../../src/model/build.js";

function template(text: string): JsonObject {
  const root = parseJson(text).root;
  if (root?.type !== "object") throw new Error("expected an object");
  return root;
}

const TEXT = JSON.stringify({
  $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  contentVersion: "1.0.0.0",
  parameters: { location: { type: "string", defaultValue: "[resourceGroup().location]" } },
  variables: { a: "[parameters('location')]", b: "[parameters('location')]", bad: "[concat(]" },
  resources: [
    {
      type: "Microsoft.Resources/deployments",
      apiVersion: "2022-09-01",
      name: "[variables('a')]",
      properties: {
        mode: "Incremental",
        template: { contentVersion: "1.0.0.0", resources: [], outputs: { o: { type: "string", value: "[parameters('location')]" } } },
      },
    },
  ],
});

describe("TemplateModel.parsed", () => {
  it("answers for every expression site, with the site's own parse, shared by equal texts", () => {
    const model = buildModel(template(TEXT), "t.json");
    expect(model.expressions.length).toBe(6);
    const byText = new Map<string, unknown>();
    for (const site of model.expressions) {
      const parsed = model.parsed.get(site.node);
      expect(parsed).toBeDefined();
      expect(model.parsed.has(site.node)).toBe(true);
      expect(parsed).toEqual(parseExpression(site.node.value));
      if (parsed!.ok) expect(site.result).toBe(parsed);
      else expect(site.result).toEqual({ ok: false, ...parsed!.error });
      const earlier = byText.get(site.node.value);
      if (earlier !== undefined) expect(parsed).toBe(earlier);
      byText.set(site.node.value, parsed);
    }
  });

  it("keeps what is added for other nodes, per node", () => {
    const model = buildModel(template(TEXT), "t.json");
    const other: JsonString = { type: "string", offset: 0, length: 8, value: "[foo()]" };
    expect(model.parsed.get(other)).toBeUndefined();
    expect(model.parsed.has(other)).toBe(false);
    const parsed = parseExpression(other.value);
    model.parsed.set(other, parsed);
    expect(model.parsed.get(other)).toBe(parsed);
    expect(model.parsed.get({ ...other })).toBeUndefined();
  });
});
