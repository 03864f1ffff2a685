// Tests for arm/duplicate-key: repeated keys (case variants included) in template and resource objects.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, locate, readFixture } from "../harness.js";

const RULE = "arm/duplicate-key";
const fixture = (name: string): string => armFixture(`duplicate-key/${name}`);

describe(RULE, () => {
  it("reports the later key of each pair, exact and case variant", () => {
    const text = readFixture(fixture("bad.json"));
    const findings = lintFile(fixture("bad.json")).filter((d) => d.ruleId === RULE);
    expectFindings(findings, [
      { rule: RULE, severity: "warning", ...locate(text, `"location": "westeurope"`), includes: ["Duplicate key 'location'", "ARM keeps only the last one."] },
      { rule: RULE, ...locate(text, `"DependsOn"`), includes: ["Duplicate key 'DependsOn'", "ARM keeps only the last one."] },
    ]);
  });

  // ARM keeps the last of two keys, so the vnet's effective dependsOn is the empty `DependsOn`, and its
  // use of the NSG's id is a missing dependency.
  it("the graph uses the key ARM keeps (the last one)", () => {
    expect(lintFile(fixture("bad.json")).map((d) => d.ruleId)).toContain("arm/missing-dependency");
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
