import { describe, expect, it } from "vitest";
import { detach } from "../../src/text/detach.js";

describe("detach", () => {
  it("returns an equal string", () => {
    const text = `{"type": "Microsoft.Network/virtualNetworks/subnets", "x": 1}`;
    const slice = text.slice(10, 51);
    expect(detach(slice)).toBe(slice);
    expect(detach("")).toBe("");
    expect(detach("short")).toBe("short");
    expect(detach("\uE000copyindex()\uE001-name")).toBe("\uE000copyindex()\uE001-name");
  });
});
