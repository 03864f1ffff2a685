// `--jobs`: worker threads give the very same output as one thread; a crashing rule or a dying worker costs only its own file's findings.
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../cli/helpers.js";
import { hasStackTrace, unixLines } from "../hostile/helpers.js";

const PLUGIN_RUN = join(ROOT, "fixtures/hostile/plugin-run");
/** Folders with a bit of everything: rule fixtures, parameters files, configs, broken and non-template files. */
const FOLDERS = ["fixtures/rules", "fixtures/examples", "fixtures/params", "fixtures/cli/project", "fixtures/cli/mixed", "fixtures/hostile/plugin-run"];

beforeAll(() => {
  ensureBuilt();
});

describe("--jobs", () => {
  it("the JSON output is byte-for-byte the same with 1, 2 and auto threads (and without the option)", () => {
    const runs = [[], ["--jobs", "1"], ["--jobs", "2"], ["--jobs", "auto"]].map((jobs) => runCli(["--format", "json", ...jobs, ...FOLDERS], { cwd: ROOT }));
    const [plain] = runs;
    expect(plain!.code).toBe(2);
    expect((JSON.parse(plain!.stdout) as unknown[]).length).toBeGreaterThan(40);
    for (const run of runs) {
      expect(run.code).toBe(plain!.code);
      expect(run.stdout).toBe(plain!.stdout);
      expect(run.stderr).toBe(plain!.stderr);
    }
  }, 180_000);

  it.each([["1"], ["2"]])("with --jobs %s, a crashing rule is an internal error on its file only; every other finding stays", (jobs) => {
    const run = runCli(["--format", "unix", "--jobs", jobs, "."], { cwd: PLUGIN_RUN });
    expect(run.code).toBe(2);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    const lines = unixLines(run.stdout).map((l) => `${l.file.slice(PLUGIN_RUN.length + 1)} ${l.ruleId}${l.ruleId === "armlint/internal-error" ? `: ${l.message}` : ""}`);
    expect(lines).toEqual([
      "a-plain.json crash/root",
      "a-plain.json arm/unknown-dependency",
      'b-throws.json armlint/internal-error: Rule "crash/on-marker" crashed: fixture rule crashed on purpose',
      "b-throws.json crash/root",
      "b-throws.json arm/unknown-dependency",
      "c-exits.json crash/root",
      "c-exits.json arm/unknown-dependency",
      'd-overflow.json armlint/internal-error: Rule "crash/on-marker" crashed: Maximum call stack size exceeded',
      "d-overflow.json crash/root",
      "d-overflow.json arm/unknown-dependency",
      "e-plain.json crash/root",
      "e-plain.json arm/unknown-dependency",
    ]);
  }, 120_000);

  it("a worker thread that dies costs its one file (an internal error); the file it held next goes to a new worker", () => {
    // Biggest first, two files per worker: one worker holds c-exits.json (the file it dies on) and a-plain.json,
    // which it has not started; a-plain.json must still get its own findings.
    const run = runCli(["--format", "unix", "--jobs", "2", "--rule", "crash/exit-worker:error", "."], { cwd: PLUGIN_RUN });
    expect(run.code).toBe(2);
    expect(hasStackTrace(run.stdout + run.stderr)).toBe(false);
    const byFile = new Map<string, string[]>();
    for (const l of unixLines(run.stdout)) {
      const name = l.file.slice(PLUGIN_RUN.length + 1);
      byFile.set(name, [...(byFile.get(name) ?? []), l.ruleId === "armlint/internal-error" ? `${l.ruleId}: ${l.message}` : l.ruleId]);
    }
    expect(byFile.get("c-exits.json")).toEqual(["armlint/internal-error: armlint failed to analyze this file: the worker thread stopped (exit code 3)"]);
    for (const name of ["a-plain.json", "e-plain.json"]) expect(byFile.get(name)).toEqual(["crash/root", "arm/unknown-dependency"]);
    for (const name of ["b-throws.json", "d-overflow.json"]) expect(byFile.get(name)).toHaveLength(3);
  }, 120_000);

  it.each([
    [["--jobs", "0", "fixtures/examples"], /'--jobs' needs a number of threads, 1 or more, or 'auto' \(got '0'\)/],
    [["--jobs", "many", "fixtures/examples"], /'--jobs' needs a number of threads/],
    [["fixtures/examples", "--jobs"], /'--jobs' needs a value/],
    [["diff", "a.json", "b.json", "--jobs", "2"], /'--jobs' does not apply to 'armlint diff'/],
  ])("usage errors: %j", (args, message) => {
    const run = runCli(args, { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});
