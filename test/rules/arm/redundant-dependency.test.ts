// Tests for arm/redundant-dependency (off by default): a dependsOn entry another dependency already implies.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../../src/runner/config.js";
import { allConfig, armFixture, coreRules, expectFindings, lintFile, locate, readFixture } from "../harness.js";

const RULE = "arm/redundant-dependency";
const fixture = (name: string): string => armFixture(`redundant-dependency/${name}`);

describe(RULE, () => {
  it("is off by default", () => {
    expect(lintFile(fixture("bad.json"), defaultConfig({ builtinRules: coreRules }))).toEqual([]);
  });

  it("when enabled, reports the entry implied through another one", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      {
        rule: RULE,
        severity: "warning",
        ...locate(text, `"[resourceId('Microsoft.Network/virtualNetworks', 'vnet-app')]"`, `"nic-app"`),
        includes: ["This dependsOn on Microsoft.Network/virtualNetworks 'vnet-app' is already implied through Microsoft.Network/virtualNetworks/subnets 'vnet-app/default'; it can be removed."],
      },
    ]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
