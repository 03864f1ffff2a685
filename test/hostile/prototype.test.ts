// `__proto__`, `constructor` and `prototype` as keys anywhere in a template: kept as ordinary keys through load, model, evaluation and rules; no prototype changes.
import { describe, expect, it } from "vitest";
import { analyzeText } from "../../src/analyze.js";
import { toPlainValue } from "../../src/load/loader.js";
import { lintText } from "../../src/runner/lint.js";
import { prototypeKeysTemplate } from "./inputs.js";

const watched = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Map: Map.prototype };

function snapshot(): Map<string, unknown> {
  const out = new Map<string, unknown>();
  for (const [name, proto] of Object.entries(watched)) {
    for (const key of Reflect.ownKeys(proto)) {
      const d = Object.getOwnPropertyDescriptor(proto, key)!;
      out.set(`${name}.${String(key)}`, "value" in d ? d.value : (d as { get: unknown }).get);
    }
  }
  return out;
}

describe("prototype keys", () => {
  it("are ordinary keys, and nothing reaches a prototype", () => {
    const before = snapshot();
    const text = prototypeKeysTemplate();
    const analysis = analyzeText(text, "/virtual/prototype-keys.json");
    const result = lintText(text, "/virtual/prototype-keys.json");
    expect(snapshot()).toEqual(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(([] as unknown as Record<string, unknown>).polluted).toBeUndefined();

    expect(analysis.isTemplate).toBe(true);
    const root = analysis.model!.root;
    expect([...root.parameters.keys()]).toEqual(expect.arrayContaining(["__proto__", "constructor", "prototype"]));
    expect([...root.variables.keys()]).toEqual(expect.arrayContaining(["__proto__", "constructor", "prototype"]));
    const plain = toPlainValue(analysis.root!) as Record<string, unknown>;
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(Object.hasOwn(plain, "__proto__")).toBe(true);
    expect((plain.__proto__ as Record<string, unknown>).polluted).toBe("yes");

    // Rules see the keys by name: the unknown dependsOn entries are named, nothing crashed.
    const ids = result.diagnostics.map((d) => d.ruleId);
    expect(ids).not.toContain("armlint/internal-error");
    expect(ids).not.toContain("armlint/parse-error");
    expect(result.diagnostics.filter((d) => d.ruleId === "arm/unknown-dependency").map((d) => d.data?.entry ?? d.message.slice(0, 28))).toHaveLength(2);
    expect(snapshot()).toEqual(before);
  });
});
