// CLI tests for inline suppressions: the summary count, ESLint's suppressedMessages in JSON, the flags, exit codes.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../cli/helpers.js";
import { tempDirs, type TempDir } from "../runner/helpers.js";
import { tempCopy } from "../fix/helpers.js";

const FIXTURES = join(ROOT, "fixtures/suppress");
const temps = tempDirs();

beforeAll(() => {
  ensureBuilt();
});

function repo(): TempDir {
  return temps.track(tempCopy({ "metadata.json": join(FIXTURES, "metadata.json"), "comments.json": join(FIXTURES, "comments.json") }));
}

interface JsonMessage {
  ruleId: string;
  severity: number;
  line: number;
  suppressions?: { kind: string; justification: string }[];
}
interface JsonResult {
  filePath: string;
  messages: JsonMessage[];
  suppressedMessages: JsonMessage[];
  errorCount: number;
  warningCount: number;
}

function results(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

describe("inline suppressions on the command line", () => {
  it("counts suppressed findings in the stylish summary", () => {
    const dir = repo();
    const run = runCli(["comments.json"], { cwd: dir.path });
    expect(run.stdout.trimEnd().split("\n").slice(-3)).toEqual(["✖ 3 problems (0 errors, 3 warnings)", "", "5 suppressed inline"]);
    expect(run.code).toBe(0);
  });

  it("carries them in the JSON report's suppressedMessages, as ESLint does (directive, justification)", () => {
    const dir = repo();
    const run = runCli(["metadata.json", "-f", "json"], { cwd: dir.path });
    expect(run.stderr).toBe("armlint: 2 suppressed inline\n");
    const [result] = results(run.stdout);
    expect(result?.suppressedMessages.map((m) => [m.ruleId, m.line, m.suppressions])).toEqual([
      ["arm/missing-dependency", 35, [{ kind: "directive", justification: "The VNet is created by an earlier pipeline stage; this template only adds the subnet." }]],
      ["arm/missing-dependency", 49, [{ kind: "directive", justification: "" }]],
    ]);
    expect(result?.messages.map((m) => `${m.ruleId}@${m.line}`)).toEqual(["armlint/suppression-without-reason@51", "arm/missing-dependency@62"]);
    expect(result?.errorCount).toBe(1);
  });

  it("suppressed errors do not fail the run; the remaining ones do", () => {
    const dir = repo();
    const run = runCli(["comments.json", "--rule", "arm/unused-parameter:error"], { cwd: dir.path });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("1 error, 2 warnings");
  });

  it("--report-unused-disable-directives reports unused ones as errors (exit 1)", () => {
    const dir = repo();
    const run = runCli(["comments.json", "--report-unused-disable-directives", "-f", "json"], { cwd: dir.path });
    expect(run.code).toBe(1);
    const unused = results(run.stdout)[0]?.messages.filter((m) => m.ruleId === "armlint/unused-suppression");
    expect(unused?.map((m) => [m.severity, m.line])).toEqual([
      [2, 24],
      [2, 33],
    ]);
  });

  it("--no-inline-config ignores them all", () => {
    const dir = repo();
    const run = runCli(["metadata.json", "comments.json", "--no-inline-config", "--report-unused-disable-directives", "-f", "json"], { cwd: dir.path });
    expect(run.stderr).toBe("");
    const all = results(run.stdout);
    expect(all.flatMap((r) => r.suppressedMessages)).toEqual([]);
    expect(all.flatMap((r) => r.messages).filter((m) => m.ruleId.startsWith("armlint/"))).toEqual([]);
    expect(all.map((r) => r.messages.length)).toEqual([7, 3]);
    expect(run.code).toBe(1);
  });

  it("--quiet keeps the suppressed count", () => {
    const dir = repo();
    const run = runCli(["comments.json", "--quiet"], { cwd: dir.path });
    expect(run.stdout).toBe("5 suppressed inline\n");
  });
});
