// Tests for arm/unknown-function: a well-formed call to a function ARM does not have.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, locate, readFixture } from "../harness.js";

const RULE = "arm/unknown-function";
const fixture = (name: string): string => armFixture(`unknown-function/${name}`);

describe(RULE, () => {
  it("reports the function name (a warning: ARM keeps adding functions)", () => {
    const text = readFixture(fixture("bad.json"));
    const findings = lintFile(fixture("bad.json"));
    expectFindings(findings, [{ rule: RULE, severity: "warning", ...locate(text, "toLowerCase("), includes: ["Unknown template function 'toLowerCase'."] }]);
    expect(text.slice(findings[0]!.span.offset, findings[0]!.span.offset + findings[0]!.span.length)).toBe("toLowerCase");
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
