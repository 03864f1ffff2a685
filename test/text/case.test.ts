// Tests for message letter case.
import { describe, expect, it } from "vitest";
import { capitalize } from "../../src/text/case.js";

describe("capitalize", () => {
  it("upper-cases the first character only, and leaves empty or non-letter starts alone", () => {
    expect(capitalize("connection 'kv' of x")).toBe("Connection 'kv' of x");
    expect(capitalize("Key Vault")).toBe("Key Vault");
    expect(capitalize("")).toBe("");
    expect(capitalize("'quoted' start")).toBe("'quoted' start");
    expect(capitalize("missing")).toBe("Missing");
  });
});
