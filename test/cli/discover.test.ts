// Tests for input discovery: files, folders, globs, template sniffing, skipped files, loops and errors.
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classifyFile, discoverFiles } from "../../src/cli/discover.js";
import { TempDir, templateText } from "../runner/helpers.js";

const PARAMS = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {} }';
const SUB = '{ "$schema": "https://schema.management.azure.com/schemas/2018-05-01/subscriptionDeploymentTemplate.json#", "resources": [] }';

const dir = new TempDir().write({
  "t/main.json": templateText(["a"]),
  "t/sub.jsonc": SUB,
  "t/UPPER.JSON": templateText([]).replace("deploymentTemplate", "DEPLOYMENTTEMPLATE"),
  "t/main.parameters.json": PARAMS,
  "t/named.parameters.json": '{ "parameters": {} }',
  "t/package.json": '{ "name": "x" }',
  "t/broken-other.json": '{ "a": ',
  "t/broken-template.json": `{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "resources": [ `,
  "t/readme.md": "# not json",
  "t/main.bicep": "param x string",
  "t/deep/er/nested.json": templateText(["b"]),
  "t/node_modules/pkg/template.json": templateText(["c"]),
  "t/.git/template.json": templateText(["d"]),
  "empty/readme.md": "nothing",
  "x.json/inside.json": templateText(["e"]),
});
mkdirSync(dir.file("t/deep/er/loop-parent"), { recursive: true });
symlinkSync(dir.file("t/deep"), dir.file("t/deep/er/loop-parent/back"));
symlinkSync(dir.file("t/main.json"), dir.file("t/link-to-main.json"));
symlinkSync("loop-b.json", dir.file("loop-a.json"));
symlinkSync("loop-a.json", dir.file("loop-b.json"));
const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(templateText([]), "utf16le")]);
writeFileSync(dir.file("utf16.json"), utf16);
afterAll(() => {
  dir.remove();
});

const rel = (paths: { path: string }[]) => paths.map((p) => p.path.slice(dir.path.length + 1));

describe("classifyFile", () => {
  it("reads the $schema in the first 4 KB, case-insensitively", () => {
    expect(classifyFile(dir.file("t/main.json"))).toBe("template");
    expect(classifyFile(dir.file("t/sub.jsonc"))).toBe("template");
    expect(classifyFile(dir.file("t/UPPER.JSON"))).toBe("template");
    expect(classifyFile(dir.file("t/main.parameters.json"))).toBe("parameters");
    expect(classifyFile(dir.file("t/named.parameters.json"))).toBe("parameters");
    expect(classifyFile(dir.file("t/package.json"))).toBe("not-template");
    expect(classifyFile(dir.file("t/broken-template.json"))).toBe("template");
    expect(classifyFile(dir.file("utf16.json"))).toBe("template");
    expect(classifyFile(dir.file("loop-a.json"))).toBe("unreadable");
  });

  it("reads past non-ASCII text and any case of the schema names", () => {
    const odd = new TempDir().write({
      "accents.json": `{ "metadata": { "description": "Déploiement — ünïcode ✓" }, "$schema": "https://schema.management.azure.com/schemas/2019-04-01/DeploymentTemplate.JSON#" }`,
      "params.json": `{ "$SCHEMA": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "parameters": {} }`,
      "no-schema.json": `{ "note": "see deploymentTemplate.json", "resources": [] }`,
    });
    expect(classifyFile(odd.file("accents.json"))).toBe("template");
    expect(classifyFile(odd.file("params.json"))).toBe("parameters");
    expect(classifyFile(odd.file("no-schema.json"))).toBe("template");
    odd.remove();
  });

  it("only looks at the first 4 KB", () => {
    const late = new TempDir().write({ "late.json": `{ "pad": "${"x".repeat(5000)}", "$schema": "deploymentTemplate.json#" }` });
    expect(classifyFile(late.file("late.json"))).toBe("not-template");
    late.remove();
  });
});

describe("discoverFiles", () => {
  it("a folder: templates linted, other JSON skipped with reasons, node_modules/.git/loops skipped", () => {
    const found = discoverFiles(["t"], { cwd: dir.path });
    expect(found.errors).toEqual([]);
    expect(rel(found.files)).toEqual(["t/UPPER.JSON", "t/broken-template.json", "t/deep/er/nested.json", "t/link-to-main.json", "t/main.json", "t/sub.jsonc"]);
    expect(found.files.every((f) => !f.explicit)).toBe(true);
    expect(found.skipped.map((s) => [s.path.slice(dir.path.length + 1), s.reason])).toEqual([
      ["t/broken-other.json", "not-template"],
      ["t/named.parameters.json", "parameters"],
      ["t/package.json", "not-template"],
    ]);
    // A parameters file beside a template is paired with it, not skipped.
    expect(found.paired.map((p) => [p.path.slice(dir.path.length + 1), p.template.slice(dir.path.length + 1)])).toEqual([["t/main.parameters.json", "t/main.json"]]);
    expect(found.files.find((f) => f.path.endsWith("t/main.json"))?.parameters).toBe(dir.file("t/main.parameters.json"));
  });

  it("a file named explicitly is linted whatever it is, once", () => {
    const found = discoverFiles(["t/package.json", "t/main.json", "t", dir.file("t/main.json")], { cwd: dir.path });
    const explicit = found.files.filter((f) => f.explicit);
    expect(rel(explicit)).toEqual(["t/main.json", "t/package.json"]);
    expect(found.skipped.some((s) => s.path.endsWith("package.json"))).toBe(false);
    expect(found.files.filter((f) => f.path.endsWith("t/main.json"))).toHaveLength(1);
  });

  it("a parameters file named explicitly is checked with its template, named or not", () => {
    const pairs = (found: ReturnType<typeof discoverFiles>) => found.paired.map((p) => [p.path.slice(dir.path.length + 1), p.template.slice(dir.path.length + 1)]);
    // Both named (`armlint t/*.json` in a shell, or a pre-commit hook passing changed files): one template, its parameters paired.
    const both = discoverFiles(["t/main.json", "t/main.parameters.json"], { cwd: dir.path });
    expect(rel(both.files)).toEqual(["t/main.json"]);
    expect(both.files[0]?.explicit).toBe(true);
    expect(both.files[0]?.parameters).toBe(dir.file("t/main.parameters.json"));
    expect(pairs(both)).toEqual([["t/main.parameters.json", "t/main.json"]]);
    // Only the parameters file named: its template is linted with it.
    const alone = discoverFiles(["t/main.parameters.json"], { cwd: dir.path });
    expect(rel(alone.files)).toEqual(["t/main.json"]);
    expect(alone.files[0]?.explicit).toBe(false);
    expect(alone.files[0]?.parameters).toBe(dir.file("t/main.parameters.json"));
    expect(pairs(alone)).toEqual([["t/main.parameters.json", "t/main.json"]]);
    // No template beside it: it stays, for the analyzer to report.
    const orphan = discoverFiles(["t/named.parameters.json"], { cwd: dir.path });
    expect(rel(orphan.files)).toEqual(["t/named.parameters.json"]);
    expect(orphan.paired).toEqual([]);
  });

  it("a template named x.parameters.json is linted as a template", () => {
    const odd = new TempDir().write({ "x.parameters.json": templateText(["a"]), "x.json": templateText(["b"]) });
    const found = discoverFiles(["x.parameters.json"], { cwd: odd.path });
    expect(found.files.map((f) => f.path)).toEqual([odd.file("x.parameters.json")]);
    expect(found.paired).toEqual([]);
    odd.remove();
  });

  it("globs: *, **, braces; files sniffed like folder entries", () => {
    expect(rel(discoverFiles(["t/*.json"], { cwd: dir.path }).files)).toEqual(["t/broken-template.json", "t/link-to-main.json", "t/main.json"]);
    expect(rel(discoverFiles(["t/**/*.{json,jsonc}"], { cwd: dir.path }).files)).toEqual([
      "t/broken-template.json",
      "t/deep/er/nested.json",
      "t/link-to-main.json",
      "t/main.json",
      "t/sub.jsonc",
    ]);
    expect(discoverFiles(["t/*.json"], { cwd: dir.path }).skipped).toHaveLength(3);
    expect(rel(discoverFiles([join(dir.path, "t/m?in.json")]).files)).toEqual(["t/main.json"]);
  });

  it("errors: missing paths, globs matching nothing, Bicep files, folders without JSON", () => {
    const found = discoverFiles(["nope.json", "t/*.nothing", "t/main.bicep", "x.bicepparam", "empty", "t/main.json"], { cwd: dir.path });
    expect(found.errors.map((e) => e.message)).toEqual([
      "No files matching 'nope.json' were found.",
      "No files matching 't/*.nothing' were found.",
      "'t/main.bicep' is a Bicep file: armlint lints the ARM JSON it compiles to. Run 'bicep build t/main.bicep' (or 'az bicep build --file t/main.bicep') and lint 't/main.json'.",
      "No files matching 'x.bicepparam' were found.",
      "No JSON files (.json, .jsonc) were found in 'empty'.",
    ]);
    expect(rel(found.files)).toEqual(["t/main.json"]);
  });

  it("a glob matching Bicep files reports them", () => {
    const found = discoverFiles(["t/*.bicep"], { cwd: dir.path });
    expect(found.errors.map((e) => e.message)).toEqual([expect.stringContaining("is a Bicep file") as unknown]);
  });

  it("in folders, only names ending in .json or .jsonc (any case) are JSON files; a dotfile named .json is not", () => {
    const names = new TempDir().write({ ".json": "{}", "a.JSON": templateText([]), "b.jsonc": templateText([]), "c.json5": templateText([]), "d.json.bak": templateText([]), "e.js/f": "x" });
    const found = discoverFiles(["."], { cwd: names.path });
    expect(found.files.map((f) => f.path.slice(names.path.length + 1))).toEqual(["a.JSON", "b.jsonc"]);
    expect(found.skipped).toEqual([]);
    names.remove();
  });

  it("a folder named x.json is walked; a symlink loop named explicitly is handed to the analyzer", () => {
    expect(rel(discoverFiles(["x.json"], { cwd: dir.path }).files)).toEqual(["x.json/inside.json"]);
    const loop = discoverFiles(["loop-a.json"], { cwd: dir.path });
    expect(loop.errors).toEqual([]);
    expect(rel(loop.files)).toEqual(["loop-a.json"]);
  });

  it("an unreadable subfolder is an input error", () => {
    if (process.getuid?.() === 0) return; // root reads everything
    const locked = new TempDir().write({ "a/b/t.json": templateText([]) });
    chmodSync(locked.file("a/b"), 0o000);
    expect(discoverFiles(["a"], { cwd: locked.path }).errors[0]?.message).toMatch(/Cannot read folder/);
    chmodSync(locked.file("a/b"), 0o755);
    locked.remove();
  });
});
