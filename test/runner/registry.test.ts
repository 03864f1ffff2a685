// Tests for the rule registry: unique ids, rule shape checks, and plugin namespacing.
import { describe, expect, it } from "vitest";
import { namespaceFromSpecifier, readPlugin, RegistryError, RuleRegistry } from "../../src/runner/registry.js";
import { testRule } from "./helpers.js";

const noop = (): void => undefined;

describe("RuleRegistry", () => {
  it("lists rules sorted by id", () => {
    const registry = RuleRegistry.withRules([testRule({ id: "arm/b" }, noop), testRule({ id: "arm/a" }, noop)]);
    expect(registry.rules().map((r) => r.meta.id)).toEqual(["arm/a", "arm/b"]);
    expect(registry.has("arm/a")).toBe(true);
    expect(registry.get("arm/zz")).toBeUndefined();
  });

  it("rejects duplicate ids", () => {
    expect(() => RuleRegistry.withRules([testRule({ id: "arm/a" }, noop), testRule({ id: "arm/a" }, noop)])).toThrow(
      /Rule id "arm\/a" is already registered by a built-in rule/,
    );
  });

  it("rejects malformed built-in rules with the field named", () => {
    const bad = testRule({ id: "arm/a", defaultSeverity: "warn" as "warning" }, noop);
    expect(() => RuleRegistry.withRules([bad])).toThrow(/meta.defaultSeverity must be one of/);
  });

  it("suggests similar ids", () => {
    const registry = RuleRegistry.withRules([testRule({ id: "arm/unused-parameter" }, noop)]);
    expect(registry.similarIds("unused-parameter")).toEqual(["arm/unused-parameter"]);
  });
});

describe("readPlugin", () => {
  const rule = { meta: { id: "r1", description: "d", type: "problem", defaultSeverity: "warning", docsUrl: "u" }, check: noop };

  it("prefixes plain ids with the plugin namespace and keeps already-prefixed ones", () => {
    const plugin = readPlugin({ namespace: "acme", rules: [rule, { ...rule, meta: { ...rule.meta, id: "acme/r2" } }] }, "x");
    expect(plugin.namespace).toBe("acme");
    expect(plugin.rules.map((r) => r.meta.id)).toEqual(["acme/r1", "acme/r2"]);
  });

  it("takes rules from a record and the namespace from `name` or a default export", () => {
    const meta = { description: "d", type: "problem", defaultSeverity: "warning" };
    const plugin = readPlugin({ default: { name: "rec", rules: { "my-rule": { meta, check: noop } } } }, "x");
    expect(plugin.rules.map((r) => r.meta.id)).toEqual(["rec/my-rule"]);
    expect(plugin.rules[0]!.meta.docsUrl).toBe("");
  });

  it("derives the namespace from the package name when none is exported", () => {
    expect(namespaceFromSpecifier("armlint-plugin-foo")).toBe("foo");
    expect(namespaceFromSpecifier("@acme/armlint-plugin")).toBe("acme");
    expect(namespaceFromSpecifier("@acme/armlint-plugin-net")).toBe("acme-net");
    expect(namespaceFromSpecifier("./plugins/bar.js")).toBe("bar");
    expect(readPlugin({ rules: [rule] }, "armlint-plugin-foo").rules[0]!.meta.id).toBe("foo/r1");
  });

  it("rejects foreign namespaces, missing rules and bad shapes", () => {
    expect(() => readPlugin({ namespace: "acme", rules: [{ ...rule, meta: { ...rule.meta, id: "other/r" } }] }, "x")).toThrow(
      /must be "acme\/<name>"/,
    );
    expect(() => readPlugin({ namespace: "acme" }, "x")).toThrow(/exports no "rules"/);
    expect(() => readPlugin({ namespace: "acme", rules: 3 }, "x")).toThrow(/must be an array of rules or a record/);
    expect(() => readPlugin({ namespace: "acme", rules: [{ meta: rule.meta }] }, "x")).toThrow(/"check" must be a function/);
    expect(() => readPlugin({ namespace: "a b", rules: [rule] }, "x")).toThrow(/letters, digits/);
  });

  it("keeps `this` for rules written as class instances", () => {
    class Counter {
      meta = rule.meta;
      calls = 0;
      check(): void {
        this.calls++;
      }
    }
    const instance = new Counter();
    const [wrapped] = readPlugin({ namespace: "cls", rules: [instance] }, "x").rules;
    wrapped!.check({} as never);
    expect(instance.calls).toBe(1);
  });

  it("reserves armlint's namespaces and refuses a namespace twice", () => {
    const registry = RuleRegistry.withRules([]);
    expect(() => {
      registry.registerPlugin(readPlugin({ namespace: "arm", rules: [rule] }, "x"));
    }).toThrow(RegistryError);
    registry.registerPlugin(readPlugin({ namespace: "acme", rules: [rule] }, "x"));
    expect(() => {
      registry.registerPlugin(readPlugin({ namespace: "acme", rules: [rule] }, "y"));
    }).toThrow(/already in use/);
  });
});
