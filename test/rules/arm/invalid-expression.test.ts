// Tests for arm/invalid-expression: syntax errors located inside the string, and wrong argument counts.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, lintText, locate, readFixture } from "../harness.js";

const RULE = "arm/invalid-expression";
const fixture = (name: string): string => armFixture(`invalid-expression/${name}`);

describe(RULE, () => {
  it("syntax errors: the column points at the offending token inside the string", () => {
    const text = readFixture(fixture("bad.json"));
    const findings = lintFile(fixture("bad.json"));
    expectFindings(findings, [
      {
        rule: RULE,
        severity: "error",
        // The missing comma: the finding starts at the argument that follows it.
        ...locate(text, "uniqueString(resourceGroup().id))]", "concat('st'"),
        includes: ["Invalid expression: Expected ',' or ')' after argument 2 of 'concat', found 'uniqueString': separate arguments with ','"],
      },
      {
        rule: RULE,
        // The unclosed call: the finding covers the call from its name.
        ...locate(text, "toUpper("),
        includes: ["Invalid expression: Missing ')' to close the call to 'toUpper'"],
      },
    ]);
    // The span ends inside the same string, not after it.
    const first = findings[0]!;
    expect(first.endLine).toBe(first.line);
    expect(text.slice(first.span.offset, first.span.offset + first.span.length)).toBe("uniqueString");
  });

  it("a parameter read only in a broken expression still counts as used", () => {
    const findings = lintFile(fixture("bad.json"));
    expect(findings.filter((d) => d.ruleId === "arm/unused-parameter")).toEqual([]);
  });

  it("wrong argument counts for known functions", () => {
    const text = readFixture(fixture("argument-count.json"));
    expectFindings(lintFile(fixture("argument-count.json")), [
      { rule: RULE, ...locate(text, "toLower(concat("), includes: ["'toLower' takes 1 argument but is called with 2. Fix the call's arguments."] },
      { rule: RULE, ...locate(text, "equals(parameters('appName'))"), includes: ["'equals' takes 2 arguments but is called with 1."] },
    ]);
  });

  it("names an unlisted list* function as each call spells it", () => {
    const template = {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      resources: [],
      outputs: {
        a: { type: "object", value: "[listThings('id', '2020-01-01', 'x', 'y')]" },
        b: { type: "object", value: "[LISTTHINGS('id', '2020-01-01', 'x', 'y')]" },
        c: { type: "object", value: "[listthings('id')]" },
      },
    };
    const text = JSON.stringify(template, null, 2);
    expectFindings(
      lintText(text, "list.json").filter((d) => d.ruleId === RULE),
      [
        { rule: RULE, ...locate(text, "listThings("), includes: ["'listThings' takes 1 to 3 arguments but is called with 4."] },
        { rule: RULE, ...locate(text, "LISTTHINGS("), includes: ["'LISTTHINGS' takes 1 to 3 arguments but is called with 4."] },
      ],
    );
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
