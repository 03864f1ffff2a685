// End-to-end tests of `armlint plan`: spawn the built CLI for text and JSON output, exit codes and bad inputs.
import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../cli/helpers.js";
import { tempDirs } from "../runner/helpers.js";

const FIXTURES = path.join(ROOT, "fixtures", "plan");
const temp = tempDirs();

beforeAll(() => {
  ensureBuilt();
});

function plan(...args: string[]): { code: number; stdout: string; stderr: string } {
  const run = runCli(["plan", ...args], { cwd: FIXTURES });
  return { ...run, stdout: run.stdout.replaceAll(FIXTURES, "<fx>") };
}

describe("armlint plan", () => {
  it("text: waves, teardown and no contradiction for a template that follows the guidance (exit 0)", () => {
    const run = plan("good.json");
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "<fx>/good.json",
      "  Foundry resource '{parameters('accountName')}' (line 37)",
      "    Creation waves the graph implies (ARM may run the resources of one wave in parallel; wave numbers count the whole template):",
      "      wave 1  Key Vault '{parameters('keyVaultName')}'                                           line 23",
    ]);
    expect(lines).toContain("      2. Remove the Key Vault connection:");
    expect(lines).toContain("           Key Vault connection 'kv-connection'  line 67");
    expect(lines.slice(-3)).toEqual(["", "No contradictions: the dependency graph follows the guidance's order (1 Foundry resource).", ""]);
  });

  it("text: contradictions with their lines, exit 1", () => {
    const run = plan("bad.json", "--no-color");
    expect(run.code).toBe(1);
    const contradictions = run.stdout.split("\n").filter((l) => /^ {6}line \d+ {2}/.test(l)).map((l) => l.split("  ").slice(3, 5).join(" | "));
    expect(contradictions).toEqual([
      "line 54 | creation, teardown",
      "line 68 | creation, teardown",
      "line 68 | creation, teardown",
      "line 104 | creation, teardown",
      "line 121 | creation, teardown",
      "line 158 | creation",
      "line 158 | creation",
      "line 158 | creation",
      "line 158 | creation, teardown",
      "line 158 | creation",
    ]);
    expect(run.stdout.endsWith("\u2716 10 contradictions of the guidance's order (1 Foundry resource).\n")).toBe(true);
  });

  it("--format json: the documented document", () => {
    const run = plan("bad.json", "good.json", "--format", "json");
    expect(run.code).toBe(1);
    const doc = JSON.parse(run.stdout) as { version: number; files: { file: string; foundryResources: { contradictions: { kind: string; resource: { line: number } }[] }[] }[] };
    expect(doc.version).toBe(1);
    expect(doc.files.map((f) => [f.file, f.foundryResources[0]!.contradictions.length])).toEqual([
      ["<fx>/bad.json", 10],
      ["<fx>/good.json", 0],
    ]);
    expect(doc.files[0]!.foundryResources[0]!.contradictions[0]).toMatchObject({ kind: "project-after-connection", resource: { line: 54 } });
  });

  it("--output-file writes the plan", () => {
    const dir = temp();
    const out = path.join(dir.path, "out", "plan.json");
    const run = plan("good.json", "-f", "json", "-o", out);
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect((JSON.parse(readFileSync(out, "utf8")) as { version: number }).version).toBe(1);
    // A folder cannot be written over: exit 2, and the reason.
    const folder = plan("good.json", "-o", dir.path);
    expect(folder).toMatchObject({ code: 2, stdout: "", stderr: `armlint: Cannot write the plan to ${dir.path}: it is a folder.\n` });
  });

  it("a template without Foundry resources: exit 0", () => {
    const run = plan("no-foundry.json");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("  No Foundry resource (Microsoft.CognitiveServices/accounts) with projects or connections in this template.\n");
  });

  it.each([
    [["missing.json"], "armlint: No files matching 'missing.json' were found.\n"],
    [[path.join(ROOT, "package.json")], `armlint: Cannot plan ${path.join(ROOT, "package.json")}: Not an ARM deployment template.\n`],
    [[], "armlint: 'armlint plan' needs a template file.\nExample: armlint plan main.json\n"],
    [["good.json", "-f", "unix"], "armlint: 'armlint plan' prints text or JSON (got '--format unix').\nUse --format stylish (default) or --format json.\n"],
    [["good.json", "--quiet"], "armlint: Option '--quiet' does not apply to 'armlint plan'.\nRun 'armlint --help' for usage.\n"],
  ])("bad input or usage exits 2: %j", (args, stderr) => {
    const run = plan(...args);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(stderr);
  });
});
