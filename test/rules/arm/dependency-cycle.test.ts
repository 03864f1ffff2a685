// Tests for arm/dependency-cycle: cycles of two and three resources, and a cycle through a module.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/dependency-cycle";
const fixture = (name: string): string => armFixture(`dependency-cycle/${name}`);

describe(RULE, () => {
  it("two resources that depend on each other: one finding, on a dependsOn entry of the cycle", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      {
        rule: RULE,
        severity: "error",
        ...locate(text, `"[resourceId('Microsoft.Web/sites', 'app-web')]"`),
        includes: ["Dependency cycle: 'plan-app' → 'app-web' → 'plan-app'. ARM rejects the template; remove this dependsOn entry or another edge of the cycle."],
      },
    ]);
  });

  it("three resources: the message walks the whole loop in dependency order", () => {
    const text = readFixture(fixture("three.json"));
    expectFindings(lintFile(fixture("three.json")), [
      {
        rule: RULE,
        ...locate(text, `"[resourceId('Microsoft.Network/networkInterfaces', 'nic-vm')]"`),
        includes: ["Dependency cycle: 'pip-lb' → 'nic-vm' → 'lb-web' → 'pip-lb'."],
      },
    ]);
  });

  it("through a module: the module waits for the vault, the vault reads the module's output by name", () => {
    const text = readFixture(fixture("module.json"));
    expectFindings(lintFile(fixture("module.json")), [
      {
        rule: RULE,
        ...locate(text, `"[resourceId('Microsoft.KeyVault/vaults', 'kv-app-001')]"`),
        includes: ["Dependency cycle: 'identity-module' → 'kv-app-001' → 'identity-module'. ARM rejects the template; remove this dependsOn entry"],
      },
    ]);
  });

  it("a resource that depends on itself", () => {
    const text = readFixture(fixture("good.json")).replace(`"name": "plan-app",`, `"name": "plan-app",\n      "dependsOn": ["plan-app"],`);
    expectFindings(lintText(text, fixture("self.json")), [{ rule: RULE, ...locate(text, `["plan-app"]`), column: locate(text, `"plan-app"]`).column, includes: ["Dependency cycle: 'plan-app' → 'plan-app'."] }]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
