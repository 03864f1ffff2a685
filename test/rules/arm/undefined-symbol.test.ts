// Tests for arm/undefined-symbol: undeclared parameters, variables, user functions and copy loops, with suggestions.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, locate, readFixture } from "../harness.js";

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

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
