// End-to-end tests of `armlint diff BEFORE AFTER` and `armlint --base GIT_REF [paths]` (in a temporary git repository): formats, modes, exit codes.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { FORMAT_NAMES } from "../../src/report/names.js";
import { ensureBuilt, runCli, type CliRun } from "../cli/helpers.js";
import { tempDirs } from "../runner/helpers.js";
import { DIFF_FIXTURES, diffFixture } from "./helpers.js";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; line: number; column: number; message: string; fingerprint?: string }[];
  errorCount: number;
}

const ORDER = "foundry/deletion-order";
const SWITCH = "foundry/key-vault-switch";
const COMPLETE_NOTE =
  "assuming removal means deletion (complete mode or a deployment stack): resources missing from the new version are deleted. Pass --deployment-mode incremental if they are not.";
const INCREMENTAL_NOTE = "as an incremental deployment: removed resources are not deleted, so the deletion checks (foundry/deletion-order) are off.";
const temp = tempDirs();

beforeAll(() => {
  ensureBuilt();
});

function diff(name: string, ...args: string[]): CliRun {
  const run = runCli(["diff", `${name}/before.json`, `${name}/after.json`, ...args], { cwd: DIFF_FIXTURES });
  return { ...run, stdout: run.stdout.replaceAll(DIFF_FIXTURES, "<fx>") };
}

/** A result's file: relative to `base` when under it (`REF:path` labels stay as they are). */
function shownPath(filePath: string, base: string): string {
  return filePath.startsWith(`${base}/`) ? filePath.slice(base.length + 1) : filePath;
}

/** `file line:column ruleId` of every message. */
function findings(stdout: string, base: string): string[] {
  return (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => `${shownPath(r.filePath, base)} ${m.line}:${m.column} ${m.ruleId}`));
}

describe("armlint diff BEFORE AFTER", () => {
  it("stylish: the finding on the before version, the mode note, exit 1", () => {
    const run = diff("project-removed-early");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe("");
    const lines = run.stdout.split("\n");
    expect(lines[1]).toBe("<fx>/project-removed-early/before.json");
    expect(lines[2]).toMatch(/^ {2}54:15 {2}error {2}This change removes project '\{parameters\('projectName'\)\}' of Foundry resource .* \(shown in the before version: the after version no longer declares it\) {2}foundry\/deletion-order$/);
    expect(lines.slice(3)).toEqual(["", "\u2716 1 problem (1 error, 0 warnings)", "", `1 template compared, ${COMPLETE_NOTE}`, ""]);
  });

  it("json: both files, findings on each side, the note on stderr", () => {
    const run = diff("key-vault-switch-vault-removed", "-f", "json");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`armlint: 1 template compared, ${COMPLETE_NOTE}\n`);
    expect(findings(run.stdout, "<fx>")).toEqual([`key-vault-switch-vault-removed/after.json 73:19 ${SWITCH}`, `key-vault-switch-vault-removed/before.json 23:15 ${ORDER}`]);
    const results = JSON.parse(run.stdout) as JsonResult[];
    expect(results.every((r) => r.messages.every((m) => m.severity === 2 && typeof m.fingerprint === "string"))).toBe(true);
  });

  it("compact and unix", () => {
    const compact = diff("key-vault-connection-removed", "-f", "compact");
    expect(compact.code).toBe(1);
    expect(compact.stdout).toMatch(/^<fx>\/key-vault-connection-removed\/before\.json: line 67, col 15, Error - This change removes the Key Vault connection 'kv-connection' .* \(foundry\/deletion-order\)\n\n1 problem\n$/);
    const unix = diff("key-vault-switch", "-f", "unix");
    expect(unix.code).toBe(1);
    expect(unix.stdout).toMatch(/^<fx>\/key-vault-switch\/after\.json:59:19: This change points the Key Vault connection .* \[Error\/foundry\/key-vault-switch\]\n\n1 problem\n$/);
    expect(unix.stderr).toBe(`armlint: 1 template compared, ${COMPLETE_NOTE}\n`);
  });

  it.each(FORMAT_NAMES)("every format applies: %s", (format) => {
    const run = diff("key-vault-switch", "-f", format);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(SWITCH);
    expect(run.stdout).toContain("key-vault-switch/after.json");
  });

  it("nothing removed: no finding, exit 0, the note alone", () => {
    expect(diff("nothing-removed")).toEqual({ code: 0, stdout: `1 template compared, ${COMPLETE_NOTE}\n`, stderr: "" });
    expect(diff("reordered", "-f", "json")).toMatchObject({ code: 0, stdout: expect.stringContaining('"messages":[]') as unknown });
  });

  it("--deployment-mode incremental: no deletion finding, and it says so", () => {
    expect(diff("key-vault-connection-removed", "--deployment-mode", "incremental")).toEqual({ code: 0, stdout: `1 template compared ${INCREMENTAL_NOTE}\n`, stderr: "" });
    const run = diff("key-vault-switch-vault-removed", "--deployment-mode=incremental", "-f", "unix");
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("[Error/foundry/key-vault-switch]");
    expect(run.stdout).not.toContain(ORDER);
  });

  it("inline suppressions apply to the version a finding sits on; --no-inline-config turns them off", () => {
    const before = readFileSync(diffFixture("key-vault-switch", "before"), "utf8");
    const after = readFileSync(diffFixture("key-vault-switch", "after"), "utf8");
    const connection = '"name": "[format(\'{0}/{1}\', parameters(\'accountName\'), \'kv-connection\')]",';
    expect(after.split(connection)).toHaveLength(2);
    const reason = "the new vault replaces the old one; secrets recreated by hand";
    const withMetadata = after.replace(connection, `${connection}\n      "metadata": { "armlint": { "disable": ["${SWITCH}"], "reason": "${reason}" } },`);
    const target = `"target": "[resourceId('Microsoft.KeyVault/vaults', parameters('newKeyVaultName'))]"`;
    expect(after.split(target)).toHaveLength(2);
    const withComment = after.replace(target, `// armlint-disable-next-line ${SWITCH} -- ${reason}\n        ${target}`);
    const dir = temp({ "before.json": before, "metadata.json": withMetadata, "comment.json": withComment });
    for (const name of ["metadata.json", "comment.json"]) {
      const run = runCli(["diff", "before.json", name, "-f", "json"], { cwd: dir.path });
      expect(run.code, run.stderr).toBe(0);
      const [result] = (JSON.parse(run.stdout) as (JsonResult & { suppressedMessages: { ruleId: string; suppressions: { justification: string }[] }[] })[]).filter((r) => r.filePath.endsWith(name));
      expect(result!.messages).toEqual([]);
      expect(result!.suppressedMessages.map((m) => [m.ruleId, m.suppressions[0]!.justification])).toEqual([[SWITCH, reason]]);
      const ignored = runCli(["diff", "before.json", name, "-f", "unix", "--no-inline-config"], { cwd: dir.path });
      expect(ignored.code).toBe(1);
      expect(ignored.stdout).toContain(`[Error/${SWITCH}]`);
    }
  });

  it("--rule and --quiet apply", () => {
    expect(diff("key-vault-switch", "--rule", `${SWITCH}:warning`, "--quiet").code).toBe(0);
    const warned = diff("key-vault-switch", "--rule", `${SWITCH}:warning`, "--max-warnings", "0", "-f", "compact");
    expect(warned.code).toBe(1);
    expect(warned.stdout).toContain("col 19, Warning - This change points");
  });

  it.each([
    [["diff", "a.json"], "armlint: 'armlint diff' compares two template files (got 1 path).\nExample: armlint diff old.json new.json, or armlint --base main [paths]\n"],
    [["diff", "a.json", "b.json", "--deployment-mode", "partial"], "armlint: Unknown deployment mode 'partial'.\nUse --deployment-mode complete (default: removal deletes) or incremental.\n"],
    [["--deployment-mode", "incremental", "."], "armlint: Option '--deployment-mode' applies to 'armlint diff' and '--base' only.\nRun 'armlint --help' for usage.\n"],
    [["diff", "a.json", "b.json", "--types", "x"], "armlint: Option '--types' does not apply to 'armlint diff'.\nRun 'armlint --help' for usage.\n"],
  ])("usage errors exit 2: %j", (args, stderr) => {
    expect(runCli(args, { cwd: DIFF_FIXTURES })).toEqual({ code: 2, stdout: "", stderr });
  });

  it("a missing file, or a file that is not JSON or not a template, exits 2", () => {
    expect(diff("no-such-case")).toMatchObject({ code: 2, stderr: "armlint: No such file: 'no-such-case/before.json'.\narmlint: No such file: 'no-such-case/after.json'.\n" });
    const dir = temp({ "broken.json": "{ nope", "plain.json": '{ "name": "x" }' });
    const broken = runCli(["diff", diffFixture("nothing-removed", "before"), "broken.json", "-f", "unix"], { cwd: dir.path });
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain(`${path.join(dir.path, "broken.json")}:1:3: `);
    expect(broken.stdout).toContain("[Error/armlint/parse-error]");
    const plain = runCli(["diff", "plain.json", diffFixture("nothing-removed", "after")], { cwd: dir.path });
    expect(plain.code).toBe(2);
    expect(plain.stderr).toContain("armlint: 'plain.json' is not an ARM deployment template");
  });
});

describe("armlint --base GIT_REF [paths]", () => {
  let repo: string;

  function git(...args: string[]): string {
    return execFileSync("git", args, {
      cwd: repo,
      encoding: "utf8",
      env: { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid", GIT_CONFIG_NOSYSTEM: "1", GIT_CONFIG_GLOBAL: "/dev/null" },
    });
  }

  function put(rel: string, fixture: string, side: "before" | "after"): void {
    mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    copyFileSync(diffFixture(fixture, side), path.join(repo, rel));
  }

  beforeAll(() => {
    const dir = temp();
    repo = dir.path;
    git("init", "-q", "-b", "main");
    put("infra/main.json", "key-vault-connection-removed", "before");
    put("infra/old.json", "everything-removed", "before");
    put("infra/keep.json", "nothing-removed", "before");
    put("infra/moved.json", "reordered", "before");
    writeFileSync(path.join(repo, "package.json"), '{ "name": "x", "version": "1.0.0" }\n');
    git("add", "-A");
    git("commit", "-q", "-m", "one");
    put("infra/main.json", "key-vault-connection-removed", "after");
    rmSync(path.join(repo, "infra/old.json"));
    put("infra/keep.json", "nothing-removed", "after");
    mkdirSync(path.join(repo, "infra/sub"));
    git("mv", "infra/moved.json", "infra/sub/moved.json");
    writeFileSync(path.join(repo, "package.json"), '{ "name": "x", "version": "1.0.1" }\n');
    git("add", "-A");
    git("commit", "-q", "-m", "two: remove the Key Vault connection, delete old.json");
  });

  it("every changed template, the deleted one included; findings on removed resources sit on REF:path (exit 1)", () => {
    const run = runCli(["--base", "HEAD~1", "-f", "json"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`armlint: 4 templates compared against HEAD~1, ${COMPLETE_NOTE}\n`);
    expect(findings(run.stdout, repo)).toEqual([
      `HEAD~1:infra/main.json 67:15 ${ORDER}`,
      `HEAD~1:infra/old.json 23:15 ${ORDER}`,
      `HEAD~1:infra/old.json 37:15 ${ORDER}`,
      `HEAD~1:infra/old.json 54:15 ${ORDER}`,
      `HEAD~1:infra/old.json 67:15 ${ORDER}`,
    ]);
    const files = (JSON.parse(run.stdout) as JsonResult[]).map((r) => shownPath(r.filePath, repo));
    // Sorted by path: working-tree files (absolute) first; the renamed file is compared with its old path.
    expect(files).toEqual(["infra/keep.json", "infra/main.json", "infra/sub/moved.json", "HEAD~1:infra/main.json", "HEAD~1:infra/old.json"]);
  });

  it("paths select files, deleted ones included; relative to the working folder", () => {
    const run = runCli(["--base", "HEAD~1", "old.json", "-f", "unix"], { cwd: path.join(repo, "infra") });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").map((l) => l.split(": ")[0])).toEqual([
      "HEAD~1:infra/old.json:23:15",
      "HEAD~1:infra/old.json:37:15",
      "HEAD~1:infra/old.json:54:15",
      "HEAD~1:infra/old.json:67:15",
      "",
      "4 problems",
      "",
    ]);
    expect(runCli(["--base", "HEAD~1", "infra/keep.json", "infra/sub"], { cwd: repo })).toEqual({
      code: 0,
      stdout: `2 templates compared against HEAD~1, ${COMPLETE_NOTE}\n`,
      stderr: "",
    });
  });

  it("stylish names the base version's file; --deployment-mode incremental turns the deletion checks off", () => {
    const run = runCli(["--base", "HEAD~1", "infra/main.json"], { cwd: repo });
    expect(run.code).toBe(1);
    expect(run.stdout.split("\n").slice(0, 3).map((l) => l.slice(0, 40))).toEqual(["", "HEAD~1:infra/main.json", "  67:15  error  This change removes the "]);
    expect(runCli(["--base", "HEAD~1", "--deployment-mode", "incremental"], { cwd: repo })).toEqual({
      code: 0,
      stdout: `4 templates compared against HEAD~1 ${INCREMENTAL_NOTE}\n`,
      stderr: "",
    });
  });

  it("uncommitted changes count: the working tree is compared", () => {
    put("infra/keep.json", "vault-removed", "after");
    try {
      expect(findings(runCli(["--base", "HEAD", "-f", "json"], { cwd: repo }).stdout, repo)).toEqual([`HEAD:infra/keep.json 23:15 ${ORDER}`]);
    } finally {
      git("checkout", "--", "infra/keep.json");
    }
  });

  it("an unknown revision, a path that matches nothing, and a folder outside git exit 2", () => {
    expect(runCli(["--base", "no-such-branch"], { cwd: repo })).toEqual({
      code: 2,
      stdout: "",
      stderr: "armlint: Unknown git revision 'no-such-branch': no branch, tag or commit of that name in this repository.\n",
    });
    const missing = runCli(["--base", "HEAD~1", "nothing-here.json"], { cwd: repo });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("armlint: No files matching 'nothing-here.json' were found (in the working tree or among the files the change deletes).\n");
    const outside = path.join(tmpdir(), `armlint-no-git-${process.pid}`);
    mkdirSync(outside, { recursive: true });
    try {
      const run = runCli(["--base", "main"], { cwd: outside, env: { GIT_CEILING_DIRECTORIES: path.dirname(outside) } });
      expect(run).toEqual({ code: 2, stdout: "", stderr: `armlint: '--base' needs a git repository, and ${outside} is not in one.\n` });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
  });
});
