// Unit tests of the model's parse cache (TemplateModel.parsed): every expression node finds its site's
// parse, equal texts share one parse (within a template and across the templates of a run), texts too long
// to share are kept per node, and nodes the model never saw are cached per node like a plain Map.
import { beforeEach, describe, expect, it } from "vitest";
import { parseExpression } from "../../src/expressions/parser.js";
import type { JsonObject, JsonString } from "../../src/load/json.js";
import { parseJson } from "../../src/load/parser.js";
import { buildModel } from "../../src/model/build.js";
import { forgetSharedParses, isShareable, knownParse, sharedParse, sharedParseCount } from "../../src/model/parse-cache.js";

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

beforeEach(() => {
  forgetSharedParses();
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

  it("shares one parse of a text between the models of different templates", () => {
    const first = buildModel(template(TEXT), "a.json");
    const second = buildModel(template(TEXT.replace("Incremental", "Complete")), "b.json");
    expect(second.expressions.length).toBe(first.expressions.length);
    for (const [i, site] of second.expressions.entries()) {
      const mine = first.expressions[i]!;
      expect(site.node).not.toBe(mine.node);
      expect(second.parsed.get(site.node)).toBe(first.parsed.get(mine.node));
    }
  });

  it("still answers every site after the shared parses are let go (the evaluator parses again, per node)", () => {
    const model = buildModel(template(TEXT), "t.json");
    forgetSharedParses();
    for (const site of model.expressions) expect(model.parsed.get(site.node)).toBeUndefined();
    const site = model.expressions[0]!;
    const again = parseExpression(site.node.value);
    model.parsed.set(site.node, again);
    expect(model.parsed.get(site.node)).toBe(again);
  });

  it("keeps a text too long to share per node, and parses it once", () => {
    const long = `[concat('${"x".repeat(20_000)}', parameters('location'))]`;
    expect(isShareable(long)).toBe(false);
    const text = TEXT.replace(`"[variables('a')]"`, JSON.stringify(long));
    const model = buildModel(template(text), "t.json");
    const site = model.expressions.find((s) => s.node.value === long)!;
    expect(site.result.ok).toBe(true);
    expect(knownParse(long)).toBeUndefined();
    expect(model.parsed.get(site.node)).toBe(site.result);
    expect(model.parsed.get({ ...site.node })).toBeUndefined();
  });
});

describe("shared parses", () => {
  it("give the parser's own result, once per text", () => {
    const text = "[format('{0}-{1}', parameters('a'), variables('b'))]";
    const parsed = sharedParse(text);
    expect(parsed).toEqual(parseExpression(text));
    expect(sharedParse(`${text.slice(0, 10)}${text.slice(10)}`)).toBe(parsed);
    expect(knownParse(text)).toBe(parsed);
    expect(sharedParseCount()).toBe(1);
  });

  it("share failed parses too", () => {
    const parsed = sharedParse("[concat(]");
    expect(parsed.ok).toBe(false);
    expect(sharedParse("[concat(]")).toBe(parsed);
  });

  it("are emptied when their texts outgrow the bound, and keep working", () => {
    const body = "y".repeat(16 * 1024 - 8);
    let count = 0;
    // 16 KB texts: the bound (4 M characters) is reached after about 256 of them.
    for (let i = 0; i < 300; i++) {
      sharedParse(`['${body}${String(i).padStart(4, "0")}']`);
      count = Math.max(count, sharedParseCount());
    }
    expect(count).toBeGreaterThan(250);
    expect(sharedParseCount()).toBeLessThan(60);
    expect(sharedParse(`['${body}0000']`).ok).toBe(true);
  });
});
