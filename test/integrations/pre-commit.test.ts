// The pre-commit hooks with the real `pre-commit` tool: the manifest, a clean install with the system Node, both hooks.
import { spawnSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { copyFixture, INTEGRATION_FIXTURES, onPath, ROOT, run, tempDir } from "./helpers.js";

const HAS_TOOLS = onPath("pre-commit") && onPath("git") && onPath("bash");
if (!HAS_TOOLS) {
  console.warn("SKIPPED: pre-commit hook tests: `pre-commit` (or git, bash) is not on PATH. CI installs it (.ci/run: apt-get install pre-commit).");
}

/** An install takes a while (`npm install` of the hook repository, its `prepack` build, `npm install -g`). */
const INSTALL_TIMEOUT = 20 * 60_000;

function git(cwd: string, ...args: string[]): string {
  const result = run("git", ["-c", "user.email=test@armlint.invalid", "-c", "user.name=armlint test", "-c", "commit.gpgsign=false", ...args], { cwd });
  if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  return result.stdout.trim();
}

/**
 * The hook repository as pre-commit would clone it at a tag: the files git tracks here, plus new
 * files not ignored (the work in progress), committed in a fresh repository. No `dist/`: pre-commit
 * must build it while installing.
 */
function hookRepository(): string {
  const dir = tempDir("hook-repo");
  const listed = run("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: ROOT });
  if (listed.code !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split("\0").filter((f) => f !== "")) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    try {
      copyFileSync(join(ROOT, file), join(dir, file));
    } catch {
      // listed but deleted in the work tree
    }
  }
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "armlint hook repository");
  return dir;
}

describe.skipIf(!HAS_TOOLS)("pre-commit hooks (real pre-commit, system Node)", () => {
  let hooks = "";
  let project = "";
  let env: NodeJS.ProcessEnv = {};
  let config = "";

  const preCommit = (args: readonly string[], cwd = project) => {
    const result = run("pre-commit", args, { cwd, env, timeout: INSTALL_TIMEOUT });
    return { ...result, output: result.stdout + result.stderr };
  };

  beforeAll(() => {
    hooks = hookRepository();
    project = tempDir("pre-commit-project");
    git(project, "init", "-q");
    copyFixture("templates/bad.json", join(project, "infra/bad.json"));
    copyFixture("templates/good.json", join(project, "infra/good.json"));
    copyFixture("templates/not-a-template.json", join(project, "tool-settings.json"));
    git(project, "add", "-A");
    git(project, "commit", "-q", "-m", "templates");
    env = {
      ...process.env,
      PRE_COMMIT_HOME: tempDir("pre-commit-home"),
      PRE_COMMIT_COLOR: "never",
      NO_COLOR: "1",
      // The hook repository's `npm install` reuses the npm cache that installing this project filled.
      npm_config_prefer_offline: "true",
      npm_config_update_notifier: "false",
    };
    config = join(project, "armlint-hooks.yaml");
    const rev = git(hooks, "rev-parse", "HEAD");
    writeFileSync(config, `repos:\n  - repo: ${hooks}\n    rev: ${rev}\n    hooks:\n      - id: armlint\n      - id: armlint-pre-push\n`);
  }, 120_000);

  it("the manifest is valid for pre-commit", () => {
    const result = preCommit(["validate-manifest", join(ROOT, ".pre-commit-hooks.yaml")], ROOT);
    expect(result.code, result.output).toBe(0);
  });

  it(
    "try-repo installs cleanly and the commit hook fails on a template with errors; non-template JSON only gets a note",
    () => {
      const result = preCommit(["try-repo", hooks, "armlint", "--files", "infra/bad.json", "infra/good.json", "tool-settings.json"]);
      expect(result.output).not.toMatch(/An unexpected error has occurred|CalledProcessError/);
      expect(result.code, result.output).toBe(1);
      expect(result.output).toMatch(/armlint\.+Failed/);
      expect(result.output).toContain("arm/unknown-dependency");
      expect(result.output).toContain("arm/missing-dependency");
      expect(result.output).toMatch(/tool-settings\.json\n\s+1:1\s+info\s+Not an ARM deployment template/);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "the commit hook passes clean templates and non-template JSON",
    () => {
      const result = preCommit(["run", "armlint", "--config", config, "--files", "infra/good.json", "tool-settings.json"]);
      expect(result.code, result.output).toBe(0);
      expect(result.output).toMatch(/armlint\.+Passed/);
    },
    INSTALL_TIMEOUT,
  );

  it(
    "the pre-push hook compares the pushed change with PRE_COMMIT_FROM_REF (armlint --base)",
    () => {
      const before = join(INTEGRATION_FIXTURES, "pre-push/before.json");
      copyFileSync(before, join(project, "infra/foundry.json"));
      git(project, "add", "-A");
      git(project, "commit", "-q", "-m", "foundry: before");
      const from = git(project, "rev-parse", "HEAD");
      copyFileSync(join(INTEGRATION_FIXTURES, "pre-push/after.json"), join(project, "infra/foundry.json"));
      git(project, "commit", "-q", "-am", "foundry: remove the Key Vault connection with others left");
      const to = git(project, "rev-parse", "HEAD");

      const failing = preCommit(["run", "armlint-pre-push", "--config", config, "--hook-stage", "push", "--from-ref", from, "--to-ref", to]);
      expect(failing.code, failing.output).toBe(1);
      expect(failing.output).toMatch(/armlint \(pushed change\)\.+Failed/);
      expect(failing.output).toContain("foundry/deletion-order");
      expect(failing.output).toContain(`${from}:infra/foundry.json`);

      const passing = preCommit(["run", "armlint-pre-push", "--config", config, "--hook-stage", "push", "--from-ref", to, "--to-ref", to]);
      expect(passing.code, passing.output).toBe(0);
      expect(passing.output).toMatch(/armlint \(pushed change\)\.+Passed/);

      const firstPush = preCommit(["run", "armlint-pre-push", "--config", config, "--hook-stage", "push", "--all-files", "--verbose"]);
      expect(firstPush.code, firstPush.output).toBe(0);
      expect(firstPush.output).toContain("nothing to compare (no PRE_COMMIT_FROM_REF");
    },
    INSTALL_TIMEOUT,
  );
});

it("`npm pack` prints only the tarball name: the project's .npmrc runs lifecycle scripts (the prepack build) quietly", () => {
  // pre-commit 3.0.4 reads the whole stdout of `npm pack` as the tarball's file name; npm 11 prints a
  // banner for each lifecycle script unless foreground-scripts is off.
  const result = spawnSync("npm", ["config", "get", "foreground-scripts"], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(result.stdout.trim()).toBe("false");
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string>; files: string[] };
  expect(manifest.scripts.prepack).toBe("npm run build");
  expect(manifest.scripts.build).toBe("tsc -p tsconfig.build.json && node scripts/bundle.mjs");
  expect(manifest.files).toContain("dist");
}, 60_000);
