// Tests for arm/undefined-symbol: undeclared parameters, variables, user functions and copy loops, with suggestions.
import { describe, expect, it } from "vitest";
import { deployment, template as armTemplate } from "../../engine/helpers.js";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/undefined-symbol";
const fixture = (name: string): string => armFixture(`undefined-symbol/${name}`);

describe(RULE, () => {
  it("reports each undeclared name at its call, with the nearest declared name", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      // The misspelt reads leave the real declarations unread.
      { rule: "arm/unused-parameter", ...locate(text, `"location": {`), includes: ["Parameter 'location' is never used."] },
      { rule: "arm/unused-variable", ...locate(text, `"storageSku": "Standard_LRS"`), includes: ["Variable 'storageSku' is never used."] },
      {
        rule: RULE,
        severity: "error",
        ...locate(text, "naming.storageNames("),
        includes: ["User-defined function 'naming.storageNames' is not declared in this template. Did you mean 'naming.storageName'?"],
      },
      { rule: RULE, ...locate(text, "copyIndex('storageloops')"), includes: ["Copy loop 'storageloops' is not declared in this template. Did you mean 'storageLoop'?"] },
      { rule: RULE, ...locate(text, "parameters('locaton')"), includes: ["Parameter 'locaton' is not declared in this template. Did you mean 'location'? Declare it or fix the name."] },
      { rule: RULE, ...locate(text, "variables('storageSKU2')"), includes: ["Variable 'storageSKU2' is not declared in this template. Did you mean 'storageSku'?"] },
    ]);
  });

  it("checks parameters() and variables() in object keys that are expressions, in their own template", () => {
    const vnet = (tags: Record<string, string>) => ({ type: "Microsoft.Network/virtualNetworks", apiVersion: "2023-04-01", name: "vnet", location: "westus", tags });
    const template = armTemplate({
      parameters: { tagName: { type: "string" } },
      variables: { envKey: "env" },
      resources: [
        vnet({ "[parameters('tagName')]": "a", "[variables('envKey')]": "b", "[variables('envKy')]": "c", "[format('{0}-x', parameters('tagNme'))]": "d" }),
        // The module's own template: the outer variable is not visible here.
        deployment("inner", armTemplate({ resources: [vnet({ "[variables('envKey')]": "e" })] })),
      ],
    });
    const text = JSON.stringify(template, null, 2);
    expectFindings(
      lintText(text, "keys.json").filter((d) => d.ruleId === RULE),
      [
        { rule: RULE, ...locate(text, "variables('envKy')"), includes: ["Variable 'envKy' is not declared in this template. Did you mean 'envKey'?"] },
        { rule: RULE, ...locate(text, "parameters('tagNme')"), includes: ["Parameter 'tagNme' is not declared in this template. Did you mean 'tagName'?"] },
        { rule: RULE, ...locate(text, "variables('envKey')", '"name": "inner"'), includes: ["Variable 'envKey' is not declared in this template."] },
      ],
    );
    // With user-defined functions, a key's parameters() may be a function parameter: only variables() are checked.
    const withFunctions = JSON.stringify({ ...template, functions: [{ namespace: "n", members: { f: { parameters: [{ name: "p", type: "string" }], output: { type: "object", value: { "[parameters('p')]": 1 } } } } }] }, null, 2);
    expect(lintText(withFunctions, "functions.json").filter((d) => d.ruleId === RULE).map((d) => d.message.split(" is ")[0])).toEqual(["Variable 'envKy'", "Variable 'envKey'"]);
  });

  it("knows resource, variable, property and output loops, and not the loops of a nested template", () => {
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      variables: { copy: [{ name: "diskNames", count: 2, input: "[format('d{0}', copyIndex('diskNames'))]" }] },
      resources: [
        {
          type: "Microsoft.Compute/disks",
          apiVersion: "2023-04-02",
          name: "[variables('diskNames')[copyIndex('VMLOOP')]]",
          copy: { name: "vmLoop", count: 2 },
          properties: {
            copy: [{ name: "dataDisks", count: 2, input: { lun: "[copyIndex('dataDisks')]", size: "[copyIndex('dataDisk')]" } }],
          },
        },
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "inner",
          properties: {
            mode: "Incremental",
            expressionEvaluationOptions: { scope: "inner" },
            template: {
              $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              contentVersion: "1.0.0.0",
              resources: [{ type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: "[format('s{0}', copyIndex('innerLoop'))]", copy: { name: "innerLoop", count: 2 } }],
            },
          },
        },
      ],
      outputs: { ids: { type: "array", copy: { count: 2, input: "[copyIndex('innerLoop')]" } } },
    };
    const text = JSON.stringify(template, null, 2);
    const findings = lintText(text, "loops.json").filter((d) => d.ruleId === RULE);
    expectFindings(findings, [
      { rule: RULE, ...locate(text, "copyIndex('dataDisk')"), includes: ["Copy loop 'dataDisk' is not declared in this template. Did you mean 'dataDisks'?"] },
      { rule: RULE, ...locate(text, "copyIndex('innerLoop')]"), includes: ["Copy loop 'innerLoop' is not declared in this template."] },
    ]);
  });

  it("checks reads in function bodies against the function, and names per template (outer and inner scopes)", () => {
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { site: { type: "string" } },
      variables: { v: "[parameters('SITE')]" },
      functions: [
        {
          namespace: "fx",
          members: {
            // Declared by the template but not by the function: a function body sees only its own parameters.
            own: { parameters: [{ name: "prefix", type: "string" }], output: { type: "string", value: "[concat(parameters('Prefix'), parameters('site'))]" } },
          },
        },
      ],
      resources: [
        {
          type: "Microsoft.Resources/deployments",
          apiVersion: "2022-09-01",
          name: "[fx.own(variables('v'))]",
          properties: {
            mode: "Incremental",
            expressionEvaluationOptions: { scope: "inner" },
            parameters: { p: { value: "[parameters('site')]" } },
            template: {
              $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
              contentVersion: "1.0.0.0",
              parameters: { p: { type: "string" } },
              // Declared by the outer template only: undeclared here.
              variables: { w: "[parameters('site')]", x: "[variables('v')]" },
              resources: [],
              outputs: { o: { type: "string", value: "[concat(parameters('P'), variables('w'), variables('x'))]" } },
            },
          },
        },
      ],
    };
    const text = JSON.stringify(template, null, 2);
    const findings = lintText(text, "scopes.json").filter((d) => d.ruleId === RULE);
    expectFindings(findings, [
      { rule: RULE, ...locate(text, "parameters('site'))]"), includes: ["Function parameter 'site' is not declared in this template."] },
      { rule: RULE, ...locate(text, "parameters('site')", `"w":`), includes: ["Parameter 'site' is not declared in this template."] },
      { rule: RULE, ...locate(text, "variables('v')", `"x":`), includes: ["Variable 'v' is not declared in this template."] },
    ]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
