// Tests for arm/template-limits: resources (copies included), parameters, variables, outputs and expression length.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/template-limits";
const fixture = (name: string): string => armFixture(`template-limits/${name}`);
const SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/** A template with `count` storage accounts written out one by one, plus extra top-level sections. */
function generated(count: number, extra: Record<string, unknown> = {}): string {
  const resources = Array.from({ length: count }, (_, i) => ({
    type: "Microsoft.Storage/storageAccounts",
    apiVersion: "2023-01-01",
    name: `st${String(i).padStart(4, "0")}data`,
    location: "westeurope",
    sku: { name: "Standard_LRS" },
    kind: "StorageV2",
  }));
  return JSON.stringify({ $schema: SCHEMA, contentVersion: "1.0.0.0", ...extra, resources }, null, 2);
}

/** `n` entries `prefix0..prefixN` built by `make`. */
function entries(n: number, prefix: string, make: (name: string) => unknown): Record<string, unknown> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}${i}`, make(`${prefix}${i}`)]));
}

describe(RULE, () => {
  it("a copy loop of 801 counts as 801 resources", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      {
        rule: RULE,
        severity: "error",
        // At the opening bracket of `resources`.
        ...locate(text, "[", `"resources"`),
        includes: ["This template declares 801 resources (copies included); ARM allows at most 800."],
      },
    ]);
  });

  it("801 resources written out; 800 is fine", () => {
    const file = fixture("generated.json");
    const text = generated(801);
    expectFindings(lintText(text, file), [{ rule: RULE, ...locate(text, "[", `"resources"`), includes: ["This template declares 801 resources (copies included); ARM allows at most 800."] }]);
    expect(lintText(generated(800), file)).toEqual([]);
  });

  it("parameters, variables and outputs over their limits", () => {
    const parameters = entries(257, "p", () => ({ type: "string", defaultValue: "x" }));
    const variables = entries(513, "v", () => "x");
    const outputs = entries(65, "o", () => ({ type: "string", value: "x" }));
    const text = generated(1, { parameters, variables, outputs });
    const findings = lintText(text, fixture("generated.json")).filter((d) => d.ruleId === RULE);
    expect(findings.map((d) => d.message)).toEqual([
      "This template declares 257 parameters; ARM allows at most 256. Move some into a module or linked template.",
      "This template declares 513 variables; ARM allows at most 512. Move some into a module or linked template.",
      "This template declares 65 outputs; ARM allows at most 64. Move some into a module or linked template.",
    ]);
    expect(findings.map((d) => d.line)).toEqual([locate(text, `"parameters"`).line, locate(text, `"variables"`).line, locate(text, `"outputs"`).line]);
  });

  it("an expression longer than 24,576 characters", () => {
    const long = `[concat('${"a".repeat(24_600)}')]`;
    const text = generated(1, { outputs: { big: { type: "string", value: long } } });
    const findings = lintText(text, fixture("generated.json")).filter((d) => d.ruleId === RULE);
    expect(findings.map((d) => d.message)).toEqual([`This expression is ${long.length} characters long; ARM allows at most 24576. Split it with variables.`]);
  });

  it("good.json (a copy loop of exactly 800): no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
