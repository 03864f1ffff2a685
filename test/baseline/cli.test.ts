// CLI tests for baselines: a legacy template passes with its baseline, a new finding fails, pruning, bad files (exit 2).
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../cli/helpers.js";
import { tempDirs, type TempDir } from "../runner/helpers.js";
import { expectGolden, tempCopy } from "../fix/helpers.js";

const LEGACY = join(ROOT, "fixtures/baseline/legacy.json");
const GOLDEN = join(ROOT, "fixtures/baseline/legacy.baseline.json");
const temps = tempDirs();

beforeAll(() => {
  ensureBuilt();
});

/** A repository-like folder: templates/legacy.json, and the golden baseline when asked. */
function repo(withBaseline: boolean): TempDir {
  return temps.track(tempCopy({ "templates/legacy.json": LEGACY, ...(withBaseline ? { "armlint-baseline.json": GOLDEN } : {}) }));
}

interface JsonResult {
  messages: { ruleId: string; line: number }[];
  suppressedMessages: { ruleId: string; suppressions: { kind: string; justification: string }[] }[];
  errorCount: number;
  warningCount: number;
}

describe("--write-baseline", () => {
  it("writes every current finding (fingerprint, rule, relative file, message), sorted; the run then passes", () => {
    const dir = repo(false);
    const run = runCli(["--write-baseline", "armlint-baseline.json", "templates"], { cwd: dir.path });
    expect(run.stderr).toBe("armlint: wrote 3 findings to the baseline armlint-baseline.json.\n");
    expect(run.stdout).toBe("3 suppressed by the baseline\n");
    expect(run.code).toBe(0);
    expectGolden(readFileSync(dir.file("armlint-baseline.json"), "utf8"), GOLDEN);
  });

  it("writes the same file again when nothing changed (stable output)", () => {
    const dir = repo(true);
    expect(runCli(["--write-baseline", "armlint-baseline.json", "templates"], { cwd: dir.path }).code).toBe(0);
    expect(readFileSync(dir.file("armlint-baseline.json"), "utf8")).toBe(readFileSync(GOLDEN, "utf8"));
  });
});

describe("--baseline", () => {
  it("a legacy template with findings passes: they are suppressed (external), counted, and kept in the JSON report", () => {
    const dir = repo(true);
    const stylish = runCli(["--baseline", "armlint-baseline.json", "templates"], { cwd: dir.path });
    expect(stylish).toMatchObject({ code: 0, stdout: "3 suppressed by the baseline\n", stderr: "" });
    const json = runCli(["--baseline", "armlint-baseline.json", "templates", "-f", "json"], { cwd: dir.path });
    expect(json.code).toBe(0);
    expect(json.stderr).toBe("armlint: 3 suppressed by the baseline\n");
    const [result] = JSON.parse(json.stdout) as JsonResult[];
    expect(result?.messages).toEqual([]);
    expect(result?.suppressedMessages.map((m) => [m.ruleId, m.suppressions])).toEqual([
      ["arm/unused-parameter", [{ kind: "external", justification: "" }]],
      ["arm/unused-variable", [{ kind: "external", justification: "" }]],
      ["arm/missing-dependency", [{ kind: "external", justification: "" }]],
    ]);
  });

  it("still passes when the accepted findings move (fingerprints do not depend on lines)", () => {
    const dir = repo(true);
    const file = dir.file("templates/legacy.json");
    writeFileSync(file, readFileSync(file, "utf8").replace('"parameters": {', '"metadata": {\n    "owner": "platform team"\n  },\n  "parameters": {'));
    expect(runCli(["--baseline", "armlint-baseline.json", "templates"], { cwd: dir.path }).code).toBe(0);
  });

  it("a new finding fails, and only the new finding is reported", () => {
    const dir = repo(true);
    const file = dir.file("templates/legacy.json");
    const subnet = `,
    {
      "type": "Microsoft.Network/virtualNetworks/subnets",
      "apiVersion": "2023-09-01",
      "name": "[format('{0}/{1}', parameters('vnetName'), 'new')]",
      "properties": {
        "addressPrefix": "10.1.1.0/24"
      }
    }
  ]
}
`;
    writeFileSync(file, readFileSync(file, "utf8").replace(/\n {2}\]\n\}\n$/u, subnet));
    const run = runCli(["--baseline", "armlint-baseline.json", "templates", "-f", "json"], { cwd: dir.path });
    expect(run.code).toBe(1);
    const [result] = JSON.parse(run.stdout) as JsonResult[];
    expect(result?.messages.map((m) => `${m.ruleId}@${m.line}`)).toEqual(["arm/missing-dependency@45"]);
    expect(result?.suppressedMessages).toHaveLength(3);
    expect(result?.errorCount).toBe(1);
  });
});

describe("--prune-baseline", () => {
  it("rewrites the baseline without entries that no longer occur", () => {
    const dir = repo(true);
    const file = dir.file("templates/legacy.json");
    // The unused parameter gets used: its finding is gone; the other two remain.
    writeFileSync(file, readFileSync(file, "utf8").replace(`"location": "[parameters('location')]",\n      "properties": {\n        "addressSpace"`, `"location": "[parameters('location')]",\n      "tags": { "environment": "[parameters('environment')]" },\n      "properties": {\n        "addressSpace"`));
    const run = runCli(["--baseline", "armlint-baseline.json", "--prune-baseline", "templates"], { cwd: dir.path });
    expect(run.stderr).toBe("armlint: pruned 1 entry that no longer occurs from the baseline armlint-baseline.json (2 kept).\n");
    expect(run.code).toBe(0);
    const pruned = JSON.parse(readFileSync(dir.file("armlint-baseline.json"), "utf8")) as { findings: { ruleId: string }[] };
    expect(pruned.findings.map((f) => f.ruleId)).toEqual(["arm/missing-dependency", "arm/unused-variable"]);
  });

  it("keeps entries of files the run did not lint", () => {
    const dir = repo(true);
    writeFileSync(dir.file("other.json"), readFileSync(LEGACY, "utf8"));
    const run = runCli(["--baseline", "armlint-baseline.json", "--prune-baseline", "other.json"], { cwd: dir.path });
    expect(run.stderr).toContain("pruned 0 entries");
    expect(run.code).toBe(1);
    expect(readFileSync(dir.file("armlint-baseline.json"), "utf8")).toBe(readFileSync(GOLDEN, "utf8"));
  });
});

describe("unusable baselines and options", () => {
  it("a bad or missing baseline file is a clear error, exit 2", () => {
    const dir = repo(false);
    writeFileSync(dir.file("broken.json"), "{ not json");
    const broken = runCli(["--baseline", "broken.json", "templates"], { cwd: dir.path });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toBe("");
    expect(broken.stderr).toMatch(new RegExp(`^armlint: Invalid baseline file ${escape(dir.file("broken.json"))}: not valid JSON \\(.+\\)\\. Regenerate it with '--write-baseline broken\\.json'\\.\\n$`, "u"));
    const missing = runCli(["--baseline", "none.json", "templates"], { cwd: dir.path });
    expect(missing).toMatchObject({ code: 2, stderr: `armlint: Cannot read baseline file ${dir.file("none.json")}: no such file. Create it with '--write-baseline none.json'.\n` });
  });

  it("rejects option combinations that make no sense (exit 2)", () => {
    const dir = repo(true);
    const usage = (args: string[]): string => {
      const run = runCli(args, { cwd: dir.path });
      expect(run.code).toBe(2);
      return run.stderr.split("\n")[0] ?? "";
    };
    expect(usage(["--prune-baseline", "templates"])).toBe("armlint: Option '--prune-baseline' needs '--baseline FILE' (the baseline to rewrite).");
    expect(usage(["--baseline", "a.json", "--write-baseline", "b.json"])).toBe("armlint: Options '--baseline' and '--write-baseline' cannot be used together.");
    expect(usage(["--fix-dry-run", "--write-baseline", "b.json"])).toBe("armlint: Option '--fix-dry-run' writes nothing, so it cannot be used with '--write-baseline'.");
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, "\\$&");
}
