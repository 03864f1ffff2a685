// CLI tests for --fix and --fix-dry-run: files written (or not), the golden diff, git apply, encodings, the Bicep note, exit codes.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runCli } from "../cli/helpers.js";
import { tempDirs, type TempDir } from "../runner/helpers.js";
import { expectGolden, FIX_FIXTURES, RULE_FIXTURES, tempCopy } from "./helpers.js";

const MISSING = join(RULE_FIXTURES, "arm/missing-dependency");
const FIXABLE = ["bad", "child", "extension-scope", "module-to-module", "nested-child", "nested-module", "reference-resource-id", "symbolic"];
const temps = tempDirs();
const PARAMETERS = '{ "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", "contentVersion": "1.0.0.0", "parameters": {} }';

beforeAll(() => {
  ensureBuilt();
});

function copy(files: Record<string, string>): TempDir {
  return temps.track(tempCopy(files));
}

const golden = (name: string): string => readFileSync(join(FIX_FIXTURES, name), "utf8");

describe("--fix", () => {
  it("fixes every arm/missing-dependency fixture in place: goldens, nothing left to report, exit 0", () => {
    const dir = copy(Object.fromEntries(FIXABLE.map((n) => [`${n}.json`, join(MISSING, `${n}.json`)])));
    const run = runCli(["--fix", "."], { cwd: dir.path });
    expect(run).toMatchObject({ code: 0, stdout: "", stderr: "" });
    for (const name of FIXABLE) expect(readFileSync(dir.file(`${name}.json`), "utf8"), name).toBe(golden(`missing-dependency/${name}.fixed.json`));
    expect(runCli(["."], { cwd: dir.path }).code).toBe(0);
  });

  it("reports what remains after fixing (here: the suppressed finding, counted)", () => {
    const dir = copy({ "commented.json": join(FIX_FIXTURES, "commented.json") });
    const run = runCli(["--fix", "commented.json"], { cwd: dir.path });
    expect(run).toMatchObject({ code: 0, stdout: "1 suppressed inline\n", stderr: "" });
    expect(readFileSync(dir.file("commented.json"), "utf8")).toBe(golden("commented.fixed.json"));
  });

  it("keeps the file's encoding: UTF-8 with BOM, UTF-16LE with BOM", () => {
    const text = readFileSync(join(FIX_FIXTURES, "foundry-key-vault-connection.json"), "utf8");
    const dir = copy({});
    writeFileSync(dir.file("bom.json"), `\uFEFF${text}`);
    writeFileSync(dir.file("utf16.json"), Buffer.from(`\uFEFF${text}`, "utf16le"));
    expect(runCli(["--fix", "bom.json", "utf16.json"], { cwd: dir.path }).code).toBe(0);
    const fixed = golden("foundry-key-vault-connection.fixed.json");
    expect(readFileSync(dir.file("bom.json"))).toEqual(Buffer.from(`\uFEFF${fixed}`, "utf8"));
    expect(readFileSync(dir.file("utf16.json"))).toEqual(Buffer.from(`\uFEFF${fixed}`, "utf16le"));
  });

  it("leaves a template emitted by Bicep alone: a note on stderr, an info finding, the Bicep form of the fix in the message", () => {
    const dir = copy({ "main.json": join(MISSING, "bicep-generated.json") });
    const before = readFileSync(dir.file("main.json"));
    const run = runCli(["--fix", "main.json", "-f", "compact"], { cwd: dir.path });
    expect(readFileSync(dir.file("main.json"))).toEqual(before);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      "armlint: main.json: emitted by Bicep (metadata._generator.name is 'bicep') and regenerated from its .bicep source, so --fix left it unchanged: " +
        "fix the .bicep file instead (1 fixable finding; each message gives the Bicep form of the fix).\n",
    );
    const lines = run.stdout.split("\n");
    expect(lines[0]).toBe(
      `${dir.file("main.json")}: line 7, col 15, Warning - This template was emitted by Bicep (metadata._generator.name is 'bicep') and regenerated from its .bicep source, ` +
        "so --fix left it unchanged: fix the .bicep file instead (1 fixable finding; each message gives the Bicep form of the fix). (armlint/fix-skipped)",
    );
    expect(lines[1]).toContain("In the Bicep source, reference the resource symbolically or add `dependsOn: [vault]`. (arm/missing-dependency)");
  });

  it("leaves a template it linted only for a named parameters file unchanged (a pre-commit run that staged only the parameters)", () => {
    const dir = copy({ "main.json": join(MISSING, "bad.json") });
    writeFileSync(dir.file("main.parameters.json"), PARAMETERS);
    const before = readFileSync(dir.file("main.json"));
    const run = runCli(["--fix", "main.parameters.json", "-f", "compact"], { cwd: dir.path });
    expect(readFileSync(dir.file("main.json"))).toEqual(before);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("(arm/missing-dependency)");
    expect(run.stderr).toBe(
      "armlint: main.json: linted with main.parameters.json, the parameters file you named, so --fix left it unchanged: name main.json to fix it (1 fixable finding).\n",
    );
    // Named as well, it is fixed.
    expect(runCli(["--fix", "main.parameters.json", "main.json"], { cwd: dir.path })).toMatchObject({ code: 0, stderr: "" });
    expect(readFileSync(dir.file("main.json"), "utf8")).toBe(golden("missing-dependency/bad.fixed.json"));
  });

  it("without --fix, a Bicep template gets no fix note", () => {
    const dir = copy({ "main.json": join(MISSING, "bicep-generated.json") });
    const run = runCli(["main.json", "-f", "compact"], { cwd: dir.path });
    expect(run.stdout).not.toContain("armlint/fix-skipped");
    expect(run.stderr).toBe("");
  });
});

describe("--fix-dry-run", () => {
  const files = {
    "templates/commented.json": join(FIX_FIXTURES, "commented.json"),
    "templates/foundry.json": join(FIX_FIXTURES, "foundry-key-vault-connection.json"),
    "templates/network.json": join(MISSING, "bad.json"),
    "templates/main.json": join(MISSING, "bicep-generated.json"),
  };

  it("prints a unified diff (golden), writes nothing, and reports what would remain on stderr", () => {
    const dir = copy(files);
    const run = runCli(["--fix-dry-run", "templates"], { cwd: dir.path });
    expectGolden(run.stdout, join(FIX_FIXTURES, "dry-run.diff"));
    for (const [target, source] of Object.entries(files)) expect(readFileSync(dir.file(target), "utf8")).toBe(readFileSync(source, "utf8"));
    expect(run.stderr).toContain("armlint: templates/main.json: emitted by Bicep");
    expect(run.stderr).toContain("1 suppressed inline");
    expect(run.stderr).toContain("✖ 2 problems (1 error, 0 warnings, 1 info)");
    expect(run.code).toBe(1);
  });

  it("its diff applies with git apply and gives exactly what --fix writes", () => {
    const dry = copy(files);
    const patch = runCli(["--fix-dry-run", "templates"], { cwd: dry.path }).stdout;
    writeFileSync(dry.file("fix.patch"), patch);
    execFileSync("git", ["apply", "fix.patch"], { cwd: dry.path, stdio: "pipe" });
    const real = copy(files);
    runCli(["--fix", "templates"], { cwd: real.path });
    for (const target of Object.keys(files)) expect(readFileSync(dry.file(target), "utf8"), target).toBe(readFileSync(real.file(target), "utf8"));
  });

  it("the report goes to --output-file when one is given; stdout stays the patch", () => {
    const dir = copy({ "bad.json": join(MISSING, "bad.json") });
    const run = runCli(["--fix-dry-run", "bad.json", "-f", "json", "-o", "report.json"], { cwd: dir.path });
    expect(run.stdout.startsWith("--- a/bad.json\n+++ b/bad.json\n@@ ")).toBe(true);
    expect(run.code).toBe(0);
    const report = JSON.parse(readFileSync(dir.file("report.json"), "utf8")) as { messages: unknown[] }[];
    expect(report[0]?.messages).toEqual([]);
  });

  it("--fix and --fix-dry-run together, or with --stdin, are usage errors", () => {
    const run = runCli(["--fix", "--fix-dry-run", "x.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("armlint: Options '--fix' and '--fix-dry-run' cannot be used together.\nUse --fix-dry-run to see the diff, then --fix to write it.\n");
    const stdin = runCli(["--stdin", "--fix-dry-run"]);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toBe(
      "armlint: Option '--fix-dry-run' does not apply to '--stdin' (fixes are read from and written to the file on disk).\nSave the file, then run 'armlint --fix FILE'.\n",
    );
  });
});
