// The GitHub Action (action.yml): its shape, and its lint and exit steps run as the runner would run them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SarifLog } from "../../src/report/sarif.js";
import { copyFixture, ensureBuilt, ROOT, run, tempDir } from "./helpers.js";

interface Step {
  name?: string;
  id?: string;
  uses?: string;
  run?: string;
  shell?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string | boolean>;
  "working-directory"?: string;
}

interface Action {
  name: string;
  description: string;
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

/** YAML is read with PyYAML (the python3-yaml package that pre-commit brings); undefined when absent. */
function readYaml(file: string): unknown {
  const result = run("/usr/bin/python3", ["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))", file]);
  return result.code === 0 ? JSON.parse(result.stdout) : undefined;
}

const ACTION = readYaml(join(ROOT, "action.yml")) as Action | undefined;
if (ACTION === undefined) console.warn("SKIPPED: action.yml tests: no YAML reader (/usr/bin/python3 with PyYAML; .ci/run installs it with pre-commit).");

/** Runs a composite step's bash script the way the runner does (`bash -e {0}`), with `${{ … }}`-free env. */
function runStep(step: Step, env: Record<string, string>, cwd: string) {
  expect(step.shell).toBe("bash");
  expect(step.run).not.toMatch(/\$\{\{/); // inputs reach scripts only through env (no script injection)
  const script = join(tempDir("step"), "step.sh");
  writeFileSync(script, step.run!);
  return run("bash", ["-e", script], { cwd, env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env } });
}

describe.skipIf(ACTION === undefined)("action.yml", () => {
  const action = ACTION!;
  const step = (id: string) => action.runs.steps.find((s) => s.id === id || s.name === id)!;

  beforeAll(() => {
    ensureBuilt();
  });

  it("is a composite action: set up Node, install, lint to SARIF, upload with codeql-action, then exit with armlint's code", () => {
    expect(action.runs.using).toBe("composite");
    expect(action.runs.steps.map((s) => s.uses?.replace(/@.*/, "") ?? s.name)).toEqual([
      "actions/setup-node",
      "Install armlint",
      "Lint",
      "github/codeql-action/upload-sarif",
      "Exit with armlint's result",
    ]);
    expect(step("Lint").run).toContain('--format sarif --output-file "$sarif"');
    const upload = action.runs.steps[3]!;
    expect(upload.with).toEqual({ sarif_file: "${{ steps.lint.outputs.sarif-file }}", category: "${{ inputs.category }}" });
    expect(upload.if).toContain("steps.lint.outputs.sarif-written == 'true'");
    for (const [name, input] of Object.entries(action.inputs)) expect(input.description, name).not.toBe("");
    expect(Object.keys(action.outputs)).toEqual(["exit-code", "sarif-file"]);
  });

  it("the install step builds with the TypeScript that package.json pins, outside the project's own dependencies", () => {
    const install = step("Install armlint").run!;
    expect(install).toContain("npm ci --omit=dev");
    expect(install).toContain("pin typescript");
    expect(install).toContain("tsc\" -p tsconfig.build.json");
  });

  it("the lint step writes SARIF, reports the exit code, and leaves globs to armlint", () => {
    const workspace = tempDir("action-workspace");
    mkdirSync(join(workspace, ".git"));
    copyFixture("templates/bad.json", join(workspace, "infra/bad.json"));
    copyFixture("templates/good.json", join(workspace, "infra/good.json"));
    const outputs = join(workspace, "github-output.txt");
    writeFileSync(outputs, "");
    const lint = step("Lint");
    const result = runStep(lint, { GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputs, ARMLINT_PATHS: "infra/*.json", ARMLINT_ARGS: "--max-warnings 0", ARMLINT_SARIF: "out/armlint.sarif" }, workspace);
    expect(result.code, result.stderr).toBe(0);
    const sarif = join(workspace, "out/armlint.sarif");
    expect(readFileSync(outputs, "utf8")).toBe(`exit-code=1\nsarif-file=${sarif}\nsarif-written=true\n`);
    const log = JSON.parse(readFileSync(sarif, "utf8")) as SarifLog;
    expect(log.runs[0].results.map((r) => r.locations[0]!.physicalLocation.artifactLocation.uri)).toEqual(["infra/bad.json", "infra/bad.json"]);
  });

  it("the lint step reports exit code 2 without a SARIF file when armlint cannot run, and the exit step fails it", () => {
    const workspace = tempDir("action-usage");
    const outputs = join(workspace, "github-output.txt");
    writeFileSync(outputs, "");
    const result = runStep(step("Lint"), { GITHUB_ACTION_PATH: ROOT, GITHUB_OUTPUT: outputs, ARMLINT_PATHS: ".", ARMLINT_ARGS: "--no-such-option", ARMLINT_SARIF: "armlint.sarif" }, workspace);
    expect(result.code).toBe(0);
    expect(readFileSync(outputs, "utf8")).toBe(`exit-code=2\nsarif-file=${join(workspace, "armlint.sarif")}\n`);
    expect(existsSync(join(workspace, "armlint.sarif"))).toBe(false);
  });

  it.each([
    ["0", "true", 0],
    ["1", "true", 1],
    ["1", "false", 0],
    ["2", "false", 2],
  ])("the exit step turns exit code %s (fail-on-error %s) into %i", (code, failOnError, expected) => {
    const result = runStep(step("Exit with armlint's result"), { CODE: code, FAIL_ON_ERROR: failOnError }, ROOT);
    expect(result.code).toBe(expected);
  });

  it("the README's workflow uses this action with the permissions code scanning needs", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("### GitHub Actions"));
    const block = /```yaml\n([\s\S]*?)\n```/.exec(section)![1]!;
    const file = join(tempDir("workflow"), "armlint.yml");
    writeFileSync(file, block);
    const workflow = readYaml(file) as { permissions: Record<string, string>; jobs: Record<string, { steps: Step[] }> };
    expect(workflow.permissions["security-events"]).toBe("write");
    const steps = Object.values(workflow.jobs)[0]!.steps;
    const uses = steps.find((s) => s.uses?.startsWith("armlint/armlint@") === true)!;
    for (const input of Object.keys(uses.with ?? {})) expect(Object.keys(action.inputs)).toContain(input);
  });
});
