// `--shard i/n` and `armlint merge-sarif` through the CLI: shards split the files with no overlap, and their SARIF merges into the SARIF of the whole run.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT, runCli } from "../cli/helpers.js";
import { TempDir } from "../runner/helpers.js";

const FOLDERS = ["fixtures/rules", "fixtures/examples", "fixtures/params"];
let out: TempDir;

beforeAll(() => {
  ensureBuilt();
  out = new TempDir();
});
afterAll(() => {
  out.remove();
});

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; line: number; column: number; message: string; fingerprint?: string }[];
}

describe("--shard", () => {
  it("3 shards: disjoint, together every file of the full run, with the full run's findings", () => {
    // The crash plugin's `crash/root` marks every template a run lints (not the linked templates it reads).
    const lint = (extra: string[]) => JSON.parse(runCli(["--format", "json", "--config", "fixtures/hostile/plugin-run/armlint.config.json", ...extra, ...FOLDERS], { cwd: ROOT }).stdout) as JsonResult[];
    const linted = (results: JsonResult[]) => results.filter((r) => r.messages.some((m) => m.ruleId === "crash/root" || m.ruleId.startsWith("armlint/"))).map((r) => r.filePath);
    const key = (m: JsonResult["messages"][number]) => `${m.line}:${m.column} ${m.ruleId} ${m.fingerprint ?? m.message}`;
    const full = lint([]);
    expect(linted(full).length).toBeGreaterThan(20);
    const shards = [1, 2, 3].map((i) => lint(["--shard", `${i}/3`]));
    const lintedByShard = shards.map(linted);
    for (const files of lintedByShard) expect(files.length).toBeGreaterThan(0);
    expect(lintedByShard.flat().sort()).toEqual(linted(full).sort());
    expect(new Set(lintedByShard.flat()).size).toBe(linted(full).length);
    // A linked template shared by templates of two shards is reported by both: together, the full run's findings.
    const found = new Map<string, Set<string>>();
    for (const result of shards.flat()) for (const m of result.messages) found.set(result.filePath, (found.get(result.filePath) ?? new Set()).add(key(m)));
    expect(new Map([...found].map(([file, keys]) => [file, [...keys].sort()]))).toEqual(new Map(full.map((r) => [r.filePath, r.messages.map(key).sort()])));
    // Deterministic: the same shard twice is the same.
    expect(lint(["--shard", "2/3"])).toEqual(shards[1]);
  }, 180_000);

  it.each([
    ["0/3", /numbered from 1/],
    ["4/3", /from 1 to 3/],
    ["half", /needs 'i\/n'/],
  ])("--shard %s is a usage error", (spec, message) => {
    const run = runCli(["--shard", spec, "fixtures/examples"], { cwd: ROOT });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
  });
});

describe("armlint merge-sarif", () => {
  it("the shards' SARIF, merged, is the full run's SARIF (one run)", () => {
    const full = runCli(["--format", "sarif", ...FOLDERS], { cwd: ROOT });
    const files = [1, 2, 3].map((i) => {
      const file = join(out.path, `shard-${i}.sarif`);
      runCli(["--format", "sarif", "--shard", `${i}/3`, "--output-file", file, ...FOLDERS], { cwd: ROOT });
      return file;
    });
    const merged = join(out.path, "merged.sarif");
    const run = runCli(["merge-sarif", merged, ...files.reverse()], { cwd: ROOT });
    expect(run).toMatchObject({ code: 0, stdout: "" });
    const log = JSON.parse(readFileSync(merged, "utf8")) as { runs: unknown[] };
    expect(log.runs).toHaveLength(1);
    expect(log).toEqual(JSON.parse(full.stdout));
    // The output cannot be a folder: exit 2, and the reason.
    expect(runCli(["merge-sarif", out.path, ...files], { cwd: ROOT })).toMatchObject({ code: 2, stderr: `armlint: Cannot write the merged SARIF to ${out.path}: it is a folder.\n` });
  }, 180_000);

  it("usage and input errors exit 2 with a message", () => {
    expect(runCli(["merge-sarif", "out.sarif"], { cwd: out.path })).toMatchObject({ code: 2 });
    const missing = runCli(["merge-sarif", "out.sarif", "nope.sarif"], { cwd: out.path });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("Cannot read SARIF file 'nope.sarif': no such file.");
    out.write({ "bad.sarif": "{ nope" });
    expect(runCli(["merge-sarif", "out.sarif", "bad.sarif"], { cwd: out.path }).stderr).toMatch(/'bad.sarif' is not valid JSON/);
    expect(runCli(["merge-sarif", "--quiet", "out.sarif", "bad.sarif"], { cwd: out.path }).stderr).toMatch(/does not apply to 'armlint merge-sarif'/);
  }, 60_000);
});
