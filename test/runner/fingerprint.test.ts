// Tests for fingerprints: independent of lines, dependent on rule, file, identity and data, numbered when equal.
import { describe, expect, it } from "vitest";
import { baseFingerprint, fingerprintPath, withOccurrence } from "../../src/runner/fingerprint.js";

describe("fingerprints", () => {
  const base = { ruleId: "arm/x", file: "t/main.json", identity: "id1", data: { a: "1", b: "2" } };

  it("is a sha256 hex digest", () => {
    expect(baseFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it("does not depend on the order of data keys", () => {
    expect(baseFingerprint({ ...base, data: { b: "2", a: "1" } })).toBe(baseFingerprint(base));
  });

  it("changes with rule, file, identity and data", () => {
    const fp = baseFingerprint(base);
    expect(baseFingerprint({ ...base, ruleId: "arm/y" })).not.toBe(fp);
    expect(baseFingerprint({ ...base, file: "t/other.json" })).not.toBe(fp);
    expect(baseFingerprint({ ...base, identity: "id2" })).not.toBe(fp);
    expect(baseFingerprint({ ...base, data: { a: "1", b: "3" } })).not.toBe(fp);
  });

  it("keeps field boundaries (no ambiguity from concatenation)", () => {
    expect(baseFingerprint({ ruleId: "a", file: "bc", identity: "" })).not.toBe(baseFingerprint({ ruleId: "ab", file: "c", identity: "" }));
  });

  it("numbers otherwise-equal findings; the first keeps the base", () => {
    const fp = baseFingerprint(base);
    expect(withOccurrence(fp, 0)).toBe(fp);
    expect(withOccurrence(fp, 1)).not.toBe(fp);
    expect(withOccurrence(fp, 1)).not.toBe(withOccurrence(fp, 2));
  });

  it("uses paths relative to the working directory with / separators", () => {
    expect(fingerprintPath("/work/repo/infra/main.json", "/work/repo")).toBe("infra/main.json");
    expect(fingerprintPath("infra/main.json", "/anything")).toBe("infra/main.json");
  });
});
