// Tests for config files: discovery upward, --config / --no-config, plugins, ignorePatterns, and every config error.
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ConfigError, ConfigResolver, defaultConfig, findConfigFile, loadConfigFile } from "../../src/runner/config.js";
import { perResourceRule, tempDirs, testRule } from "./helpers.js";

const PLUGIN_DIR = fileURLToPath(new URL("../../fixtures/plugins/test-plugin", import.meta.url));
const noop = (): void => undefined;
const BUILTINS = [
  perResourceRule("arm/per-resource"),
  testRule({ id: "arm/no-options" }, noop),
  testRule(
    {
      id: "arm/with-options",
      schema: { type: "object", properties: { max: { type: "number" }, names: { type: "array" }, strict: { type: "boolean" } } },
    },
    noop,
  ),
  testRule({ id: "arm/open-options", schema: { type: "object", properties: {}, additionalProperties: true } }, noop),
];

const temp = tempDirs();

/** Loads `config` (an object, or raw text) from a fresh folder; resolves to the config or the error message. */
async function load(config: unknown, extraFiles: Record<string, string> = {}): Promise<string> {
  const text = typeof config === "string" ? config : JSON.stringify(config);
  const dir = temp({ "armlint.config.json": text, ...extraFiles });
  try {
    await loadConfigFile(dir.file("armlint.config.json"), { builtinRules: BUILTINS });
    return "ok";
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message.replaceAll(dir.path, "<dir>");
  }
}

describe("config files", () => {
  it("accepts comments, trailing commas, a BOM and $schema", async () => {
    const text = '\uFEFF{\n  // rules\n  "$schema": "x",\n  "rules": { "arm/per-resource": "error", },\n}\n';
    expect(await load(text)).toBe("ok");
  });

  it("applies severities and options over the rules' defaults", async () => {
    const dir = temp({
      "armlint.config.json": JSON.stringify({ rules: { "arm/per-resource": "off", "arm/with-options": ["error", { max: 3 }] } }),
    });
    const config = await loadConfigFile(dir.file("armlint.config.json"), { builtinRules: BUILTINS });
    expect(config.file).toBe(dir.file("armlint.config.json"));
    expect(config.rules.get("arm/per-resource")).toEqual({ severity: "off", options: {} });
    expect(config.rules.get("arm/with-options")).toEqual({ severity: "error", options: { max: 3 } });
    expect(config.rules.get("arm/no-options")).toEqual({ severity: "warning", options: {} });
  });

  it("defaults: every registered rule at its default severity", () => {
    const config = defaultConfig({ builtinRules: BUILTINS });
    expect(config.file).toBeUndefined();
    expect([...config.rules.keys()]).toEqual(["arm/no-options", "arm/open-options", "arm/per-resource", "arm/with-options"]);
    expect(config.isIgnored("/x/y.json")).toBe(false);
  });

  it("--rule overrides apply on top and must name a known rule", async () => {
    const config = defaultConfig({ builtinRules: BUILTINS, overrides: [{ id: "arm/no-options", severity: "error" }] });
    expect(config.rules.get("arm/no-options")?.severity).toBe("error");
    expect(() => defaultConfig({ builtinRules: BUILTINS, overrides: [{ id: "arm/nope", severity: "off" }] })).toThrow(
      /--rule "arm\/nope": unknown rule id "arm\/nope".*with no config file/,
    );
    const dir = temp({ "armlint.config.json": "{}" });
    await expect(
      loadConfigFile(dir.file("armlint.config.json"), { builtinRules: BUILTINS, overrides: [{ id: "x/y", severity: "off" }] }),
    ).rejects.toThrow(/--rule "x\/y": unknown rule id/);
  });
});

describe("config errors name the file and the key", () => {
  const cases: [string, unknown, RegExp][] = [
    ["JSON syntax", '{ "rules": { "arm/per-resource": "error" ', /^Invalid config <dir>\/armlint\.config\.json:1:\d+: \w+/],
    ["not an object", [1, 2], /: the config must be a JSON object$/],
    ["unknown key", { rulez: {} }, /: "rulez": unknown key \(allowed: \$schema, rules, plugins, ignorePatterns, types, discoverParameterFiles\)$/],
    ["rules not an object", { rules: ["arm/per-resource"] }, /: rules: must be an object/],
    ["bad severity", { rules: { "arm/per-resource": "warn" } }, /: rules\["arm\/per-resource"\]: invalid severity "warn".*did you mean "warning"\?/],
    ["numeric severity", { rules: { "arm/per-resource": 2 } }, /: rules\["arm\/per-resource"\]: invalid severity 2.*did you mean "error"\?/],
    ["bad severity in array", { rules: { "arm/per-resource": ["loud"] } }, /: rules\["arm\/per-resource"\]\[0\]: invalid severity "loud"/],
    ["empty array", { rules: { "arm/per-resource": [] } }, /: rules\["arm\/per-resource"\]: must be a severity or \[severity, \{options\}\]/],
    ["options not an object", { rules: { "arm/with-options": ["error", 3] } }, /: rules\["arm\/with-options"\]\[1\]: rule options must be an object/],
    ["unknown rule", { rules: { "arm/nope": "off" } }, /: rules\["arm\/nope"\]: unknown rule id "arm\/nope"; run "armlint rules"/],
    ["unknown rule, close match", { rules: { "no-options": "off" } }, /unknown rule id "no-options" \(did you mean "arm\/no-options"\?\)/],
    ["unknown option", { rules: { "arm/with-options": ["error", { maxx: 1 }] } }, /: rules\["arm\/with-options"\]\[1\]\.maxx: unknown option \(known: max, names, strict\)/],
    ["option of the wrong type", { rules: { "arm/with-options": ["error", { max: "3" }] } }, /\[1\]\.max: must be a number \(got "3"\)/],
    ["array option", { rules: { "arm/with-options": ["error", { names: "a" }] } }, /\[1\]\.names: must be an array/],
    ["boolean option", { rules: { "arm/with-options": ["error", { strict: 1 }] } }, /\[1\]\.strict: must be a boolean/],
    ["options for a rule without a schema", { rules: { "arm/no-options": ["error", { a: 1 }] } }, /\[1\]: this rule takes no options/],
    ["plugins not an array", { plugins: "x" }, /: plugins: must be an array of strings/],
    ["empty plugin name", { plugins: [""] }, /: plugins\[0\]: must be a non-empty string/],
    ["missing plugin module", { plugins: ["./nope.js"] }, /: plugins\[0\] \("\.\/nope\.js"\): cannot find module <dir>\/nope\.js/],
    ["missing plugin package", { plugins: ["armlint-plugin-nope"] }, /: plugins\[0\] \("armlint-plugin-nope"\): cannot find package "armlint-plugin-nope"/],
    ["ignorePatterns not an array", { ignorePatterns: "build" }, /: ignorePatterns: must be an array of strings/],
    ["ignorePatterns item", { ignorePatterns: ["ok", 3] }, /: ignorePatterns\[1\]: must be a non-empty string/],
  ];
  it.each(cases)("%s", async (_name, config, expected) => {
    expect(await load(config)).toMatch(expected);
  });

  it("a plugin that exports no rules", async () => {
    expect(await load({ plugins: ["./empty.js"] }, { "empty.js": "export const x = 1;\n" })).toMatch(
      /plugins\[0\] \("\.\/empty\.js"\): Plugin "\.\/empty\.js" exports no "rules"/,
    );
  });

  it("a plugin that throws while loading", async () => {
    expect(await load({ plugins: ["./boom.js"] }, { "boom.js": 'throw new Error("plugin init failed");\n' })).toMatch(
      /plugins\[0\] \("\.\/boom\.js"\): failed to load <dir>\/boom\.js: plugin init failed/,
    );
  });

  it("a plugin listed twice (namespace taken)", async () => {
    expect(await load({ plugins: [PLUGIN_DIR, PLUGIN_DIR] })).toMatch(/plugins\[1\] .*namespace "test" is reserved or already in use/);
  });

  it("a plugin using a reserved namespace", async () => {
    const plugin = 'export const namespace = "arm"; export const rules = [];\n';
    expect(await load({ plugins: ["./p.js"] }, { "p.js": plugin })).toMatch(/plugins\[0\] .*namespace "arm" is reserved/);
  });

  it("an unreadable config file", async () => {
    await expect(loadConfigFile("/nonexistent/armlint.config.json")).rejects.toThrow(/Cannot read config file \/nonexistent/);
  });
});

describe("plugins", () => {
  it("loads a local module by relative path; its rules are namespaced and configurable", async () => {
    const dir = temp();
    const rel = relative(dir.path, join(PLUGIN_DIR, "index.js"));
    expect(rel.startsWith("../")).toBe(true);
    dir.write({ "armlint.config.json": JSON.stringify({ plugins: [rel], rules: { "test/max-resources": ["error", { max: 2 }] } }) });
    const config = await loadConfigFile(dir.file("armlint.config.json"), { builtinRules: BUILTINS });
    const ids = config.registry.entries().filter((e) => e.plugin === "test").map((e) => e.rule.meta.id);
    expect(ids).toEqual(["test/max-resources", "test/resource", "test/throws"]);
    expect(config.rules.get("test/max-resources")).toEqual({ severity: "error", options: { max: 2 } });
    expect(config.rules.get("test/throws")?.severity).toBe("off");
  });

  it("loads a record-style plugin with a default export", async () => {
    const dir = temp({ "armlint.config.json": JSON.stringify({ plugins: [join(PLUGIN_DIR, "record-plugin.js")] }) });
    const config = await loadConfigFile(dir.file("armlint.config.json"), { builtinRules: [] });
    expect(config.registry.rules().map((r) => r.meta.id)).toEqual(["rec/first-line"]);
  });

  it("loads npm packages from node_modules upward, honouring package exports", async () => {
    const dir = temp({
      "node_modules/@acme/armlint-plugin/package.json": JSON.stringify({ name: "@acme/armlint-plugin", type: "module", exports: { ".": { import: "./lib/main.js" } } }),
      "node_modules/@acme/armlint-plugin/lib/main.js":
        'export const rules = [{ meta: { id: "net", description: "d", type: "problem", defaultSeverity: "error" }, check() {} }];\n',
      "project/sub/armlint.config.json": JSON.stringify({ plugins: ["armlint-plugin-test", "@acme/armlint-plugin"] }),
    });
    symlinkSync(PLUGIN_DIR, dir.file("node_modules/armlint-plugin-test"));
    const config = await loadConfigFile(dir.file("project/sub/armlint.config.json"), { builtinRules: [] });
    expect(config.registry.rules().map((r) => r.meta.id)).toEqual(["acme/net", "test/max-resources", "test/resource", "test/throws"]);
  });
});

describe("config discovery", () => {
  it("finds the nearest config upward from each file's folder, loading each once", async () => {
    const dir = temp({
      "armlint.config.json": JSON.stringify({ rules: { "arm/per-resource": "error" } }),
      "sub/armlint.config.json": JSON.stringify({ rules: { "arm/per-resource": "off" } }),
    });
    mkdirSync(dir.file("sub/deeper/still"), { recursive: true });
    mkdirSync(dir.file("other"), { recursive: true });
    expect(findConfigFile(dir.file("sub/deeper/still"))).toBe(dir.file("sub/armlint.config.json"));
    const resolver = new ConfigResolver({ builtinRules: BUILTINS });
    const deep = await resolver.forFile(dir.file("sub/deeper/still/t.json"));
    const sibling = await resolver.forFile(dir.file("sub/x.json"));
    const other = await resolver.forFile(dir.file("other/t.json"));
    expect(deep.file).toBe(dir.file("sub/armlint.config.json"));
    expect(deep).toBe(sibling);
    expect(deep.rules.get("arm/per-resource")?.severity).toBe("off");
    expect(other.file).toBe(dir.file("armlint.config.json"));
    expect(other.rules.get("arm/per-resource")?.severity).toBe("error");
  });

  it("uses the defaults where no config exists", async () => {
    const dir = temp();
    const config = await new ConfigResolver({ builtinRules: BUILTINS }).forFile(dir.file("t.json"));
    expect(config.file).toBeUndefined();
  });

  it("--config uses one file for every linted file; --no-config uses none", async () => {
    const dir = temp({
      "cfg/custom.json": JSON.stringify({ rules: { "arm/per-resource": "info" } }),
      "a/armlint.config.json": JSON.stringify({ rules: { "arm/per-resource": "error" } }),
    });
    const named = new ConfigResolver({ builtinRules: BUILTINS, source: { kind: "file", path: "cfg/custom.json" }, cwd: dir.path });
    const viaNamed = await named.forFile(dir.file("a/t.json"));
    expect(viaNamed.file).toBe(dir.file("cfg/custom.json"));
    expect(viaNamed.rules.get("arm/per-resource")?.severity).toBe("info");
    const none = await new ConfigResolver({ builtinRules: BUILTINS, source: { kind: "none" } }).forFile(dir.file("a/t.json"));
    expect(none.file).toBeUndefined();
    expect(none.rules.get("arm/per-resource")?.severity).toBe("warning");
  });

  it("ignorePatterns are relative to the config file", async () => {
    const dir = temp({ "armlint.config.json": JSON.stringify({ ignorePatterns: ["generated/**", "*.tmp.json"] }) });
    const config = await new ConfigResolver({ builtinRules: BUILTINS }).forFile(dir.file("t.json"));
    expect(config.isIgnored(dir.file("generated/a/t.json"))).toBe(true);
    expect(config.isIgnored(dir.file("x/y.tmp.json"))).toBe(true);
    expect(config.isIgnored(dir.file("src/generated.json"))).toBe(false);
  });

  it("a broken config is reported for the files it governs", async () => {
    const dir = temp({ "armlint.config.json": "{ nope" });
    writeFileSync(dir.file("t.json"), "{}");
    await expect(new ConfigResolver({ builtinRules: BUILTINS }).forFile(dir.file("t.json"))).rejects.toBeInstanceOf(ConfigError);
  });
});
