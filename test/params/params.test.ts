// Parameters files: reading them (also `bicep build-params` output), their values in the evaluator, the params/* rules.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeFile, analyzeText } from "../../src/analyze.js";
import { ObjectValue, Unknown, displayValue } from "../../src/expressions/values.js";
import { parametersFileFor, parseParameterText, readParameterFile } from "../../src/params/file.js";
import { literalValue } from "../../src/params/values.js";
import { loadText } from "../../src/load/loader.js";
import { lintAnalysis } from "../../src/runner/run.js";
import { configOf, expectFindings, lintWith, locate, paramsRules, PARAMS_FIXTURES, readFixture, show } from "../types/helpers.js";

const rulesFixture = (name: string) => path.join(PARAMS_FIXTURES, "rules", name);
const TEMPLATE = rulesFixture("main.json");

describe("reading parameters files", () => {
  it("values, Key Vault references and build-params expressions; values are literals, the rest opaque", () => {
    const file = readParameterFile(rulesFixture("good.parameters.json"));
    expect(file.diagnostics).toEqual([]);
    expect(file.problems).toEqual([]);
    expect(file.entries.map((e) => [e.name, e.source])).toEqual([
      ["Location", "value"],
      ["accountName", "value"],
      ["sku", "value"],
      ["replicas", "value"],
      ["disableLocalAuth", "value"],
      ["tags", "value"],
      ["zones", "value"],
      ["adminKey", "reference"],
    ]);
    expect(file.values.get("location")?.value).toBe("westeurope");
    expect(file.values.get("replicas")?.value).toBe(3);
    expect(file.values.get("zones")?.value).toEqual(["1", "3"]);
    const tags = file.values.get("tags")?.value;
    expect(tags).toBeInstanceOf(ObjectValue);
    expect((tags as ObjectValue).get("ENV")).toBe("test");
    const secret = file.values.get("adminkey")?.value;
    expect(secret).toBeInstanceOf(Unknown);
    expect(displayValue(secret!)).toBe("parameters('adminKey')");

    const built = readParameterFile(rulesFixture("build-params.parameters.json"));
    expect(built.problems).toEqual([]);
    expect(built.entries.map((e) => [e.name, e.source])).toEqual([
      ["accountName", "value"],
      ["sku", "expression"],
      ["adminKey", "reference"],
    ]);
    expect(built.values.get("sku")?.value).toBeInstanceOf(Unknown);
  });

  it("a string that looks like an expression stays opaque, also nested; reserved characters too", () => {
    const root = loadText('{"a": ["x", "[concat(1)]"], "b": {"c": "\uE000"}, "d": "[[escaped]"}', "v.json").root!;
    const v = literalValue(root, "p");
    expect(v).toBeInstanceOf(ObjectValue);
    const o = v as ObjectValue;
    const a = o.get("a") as unknown[];
    expect(a[0]).toBe("x");
    expect(displayValue(a[1] as Unknown)).toBe("parameters('p').a[1]");
    expect((o.get("b") as ObjectValue).get("c")).toBeInstanceOf(Unknown);
    expect(o.get("d")).toBeInstanceOf(Unknown);
  });

  it("shapes: the Azure CLI's bare parameters object, a template given by mistake, no parameters, unreadable", () => {
    const flat = parseParameterText('{ "name": { "value": "x" } }', "flat.json");
    expect(flat.problems).toEqual([]);
    expect(flat.values.get("name")?.value).toBe("x");
    const template = parseParameterText(readFixture(TEMPLATE), "t.json");
    expect(template.problems.map((p) => p.message)).toEqual([expect.stringContaining("is a deployment template, not a parameters file")]);
    expect(parseParameterText('{ "$schema": "x", "other": 1 }', "n.json").problems.map((p) => p.message)).toEqual([expect.stringContaining('No "parameters" object')]);
    expect(parseParameterText("[1]", "a.json").problems).toHaveLength(1);
    const missing = readParameterFile(path.join(PARAMS_FIXTURES, "nope.parameters.json"));
    expect(missing.diagnostics.map((d) => d.ruleId)).toEqual(["armlint/parse-error"]);
    expect(missing.parametersNode).toBeUndefined();
  });

  it("the parameters file of a template is <name>.parameters.json beside it", () => {
    expect(parametersFileFor("/a/b/main.json")).toBe("/a/b/main.parameters.json");
    expect(parametersFileFor("/a/b.c/azuredeploy.jsonc")).toBe("/a/b.c/azuredeploy.parameters.json");
    expect(parametersFileFor("C:\\x\\main.json")).toBe("C:\\x\\main.parameters.json");
  });
});

describe("values in the evaluator", () => {
  const template = JSON.stringify({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    parameters: { n: { type: "int", defaultValue: 1 }, name: { type: "string" }, secret: { type: "securestring" }, unset: { type: "string", defaultValue: "d" } },
    variables: { full: "[format('{0}-x', parameters('name'))]" },
    resources: [
      {
        type: "Microsoft.Resources/deployments",
        apiVersion: "2022-09-01",
        name: "inner",
        properties: {
          mode: "Incremental",
          expressionEvaluationOptions: { scope: "inner" },
          parameters: { n: { value: "[parameters('n')]" } },
          template: { parameters: { n: { type: "int" } }, resources: [], outputs: { twice: { type: "int", value: "[mul(parameters('n'), 2)]" } } },
        },
      },
    ],
  });
  const parameters = parseParameterText(
    JSON.stringify({ parameters: { n: { value: 3 }, name: { value: "app" }, secret: { reference: { keyVault: { id: "/x" }, secretName: "s" } } } }),
    "p.json",
  );

  it("root parameters take the file's values only when a file is given; defaults stay symbols", () => {
    const withFile = analyzeText(template, "t.json", { parameters });
    const engine = withFile.engine!;
    const root = engine.frameOf(withFile.model!.root);
    expect(engine.parameter(root, "n")).toBe(3);
    expect(engine.parameter(root, "NAME")).toBe("app");
    expect(engine.parameter(root, "secret")).toBeInstanceOf(Unknown);
    expect(engine.parameter(root, "unset")).toBeInstanceOf(Unknown);
    const without = analyzeText(template, "t.json");
    expect(without.engine!.parameter(without.engine!.frameOf(without.model!.root), "n")).toBeInstanceOf(Unknown);
  });

  it("tracks which file values an evaluation read, through variables, module parameters and outputs", () => {
    const analysis = analyzeText(template, "t.json", { parameters });
    const engine = analysis.engine!;
    const model = analysis.model!;
    const root = engine.frameOf(model.root);
    const ctx = engine.contextFor(undefined, model.root);
    const first = engine.trackParameterReads(() => engine.variable(root, "full", ctx));
    expect(first).toEqual({ value: "app-x", parameters: ["name"] });
    // Cached the second time: still reported.
    expect(engine.trackParameterReads(() => engine.variable(root, "full", ctx)).parameters).toEqual(["name"]);
    const inner = engine.frameOf(model.scopes[1]!);
    expect(engine.trackParameterReads(() => engine.output(inner, "twice", ctx))).toEqual({ value: 6, parameters: ["n"] });
    expect(engine.trackParameterReads(() => engine.parameter(root, "unset")).parameters).toEqual([]);
    expect([...engine.parametersRead].sort()).toEqual(["n", "name"]);
  });
});

describe("params/* rules", () => {
  const config = configOf(paramsRules);

  it("bad values, an unknown name, a missing required parameter", () => {
    const text = readFixture(rulesFixture("bad.parameters.json"));
    const at = (n: string) => locate(text, n).line;
    const findings = lintWith(TEMPLATE, config, { parameters: rulesFixture("bad.parameters.json") });
    expect(findings.every((d) => d.file === rulesFixture("bad.parameters.json"))).toBe(true);
    expectFindings(findings, [
      { rule: "params/missing-parameter", line: at('"parameters"'), severity: "warning", includes: ["requires parameter 'adminKey'"] },
      { rule: "params/unknown-parameter", line: at('"locaton"'), severity: "error", includes: ["no parameter 'locaton': did you mean 'location'?"] },
      { rule: "params/invalid-value", line: at('"a"'), includes: ["'accountName': the value has 1 character; at least 2 are required"] },
      { rule: "params/invalid-value", line: at('"S3"'), includes: ['"S3" is not one of the allowed values "S0", "S1"'] },
      { rule: "params/invalid-value", line: at("5 }"), includes: ["5 is above the maximum value 3"] },
      { rule: "params/invalid-value", line: at('"yes"'), includes: ["declares it 'bool', so the value must be true or false, not the string \"yes\""] },
      { rule: "params/invalid-value", line: at('"4"'), includes: ['"4" is not one of the allowed values "1", "2", "3"'] },
    ]);
  });

  it("good values (case-insensitive names and allowed values, a Key Vault reference), bicep build-params output: no finding", () => {
    expect(lintWith(TEMPLATE, config, { parameters: rulesFixture("good.parameters.json") }).map(show)).toEqual([]);
    expect(lintWith(TEMPLATE, config, { parameters: rulesFixture("build-params.parameters.json") }).map(show)).toEqual([]);
  });

  it("entries without a usable value are reported once (not also as missing)", () => {
    const findings = lintWith(TEMPLATE, config, { parameters: rulesFixture("invalid.parameters.json") });
    expect(findings.map((d) => d.ruleId)).toEqual(["params/invalid-file", "params/invalid-file", "params/invalid-file"]);
  });

  it("a parameters file that cannot be read is a parse error in that file (exit code 2 in the CLI)", () => {
    const analysis = analyzeFile(TEMPLATE, { parameters: path.join(PARAMS_FIXTURES, "nope.parameters.json") });
    expect(analysis.diagnostics.map((d) => [d.ruleId, path.basename(d.file)])).toEqual([["armlint/parse-error", "nope.parameters.json"]]);
  });

  it("without a parameters file the params/* rules do nothing", () => {
    expect(lintWith(TEMPLATE, config).map(show)).toEqual([]);
  });
});

describe("secure parameters", () => {
  const template = JSON.stringify({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    parameters: { key: { type: "securestring", minLength: 12, allowedValues: ["never-shown-1", "never-shown-2"] } },
    resources: [],
  });

  it("a literal secret in the parameters file stays opaque to the evaluator and is never quoted", () => {
    const parameters = parseParameterText(JSON.stringify({ parameters: { key: { value: "hunter2-secret" } } }), "p.json");
    const analysis = analyzeText(template, "t.json", { parameters });
    expect(analysis.engine!.parameter(analysis.engine!.frameOf(analysis.model!.root), "key")).toBeInstanceOf(Unknown);
    const findings = lintAnalysis(analysis, configOf(paramsRules), { cwd: PARAMS_FIXTURES }).diagnostics;
    expect(findings.map((d) => d.message)).toEqual(["Parameter 'key': the value is not one of the allowed values \"never-shown-1\", \"never-shown-2\"."]);
    expect(findings.every((d) => !d.message.includes("hunter2"))).toBe(true);
  });
});
