// Tests for arm/unused-variable: a declared variable no expression reads.
import { describe, expect, it } from "vitest";
import { allConfig, armFixture, expectFindings, lintFile, locate, readFixture } from "../harness.js";

const RULE = "arm/unused-variable";
const fixture = (name: string): string => armFixture(`unused-variable/${name}`);

describe(RULE, () => {
  it("reports the variable's key", () => {
    const text = readFixture(fixture("bad.json"));
    expectFindings(lintFile(fixture("bad.json")), [
      { rule: RULE, severity: "warning", ...locate(text, `"storageSku"`), includes: ["Variable 'storageSku' is never used. Remove it, or use it where it was meant to be."] },
    ]);
  });

  it("good.json: no findings from any rule", () => {
    expect(lintFile(fixture("good.json"), allConfig)).toEqual([]);
  });
});
