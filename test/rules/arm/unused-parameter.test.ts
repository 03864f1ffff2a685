// Tests for arm/unused-parameter: a declared parameter no expression reads.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/unused-parameter";
const fixture = (name: string): string => armFixture(`unused-parameter/${name}`);

describe(RULE, () => {
  it("reports the parameter's key", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      { rule: RULE, severity: "warning", ...locate(text, `"storageSku"`), includes: ["Parameter 'storageSku' is never used. Remove it, or use it where it was meant to be."] },
    ]);
  });

  it("a template that reads parameters dynamically (parameters(variables('x'))) is not judged", () => {
    const text = readFixture(fixture("bad.json")).replace(`"name": "Standard_LRS"`, `"name": "[parameters(concat('storage', 'Sku'))]"`);
    expect(lintText(text, fixture("dynamic.json")).filter((d) => d.ruleId === RULE)).toEqual([]);
  });

  it("a parameter read only in an expression used as an object key counts as used", () => {
    const text = readFixture(fixture("good.json"))
      .replace(`"storageSku": {`, `"identityId": {\n      "type": "string"\n    },\n    "storageSku": {`)
      .replace(`"kind": "StorageV2"`, `"kind": "StorageV2",\n      "identity": {\n        "type": "UserAssigned",\n        "userAssignedIdentities": {\n          "[parameters('identityId')]": {}\n        }\n      }`);
    expect(lintText(text, fixture("key.json"))).toEqual([]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
