// The bundled CLI (dist/bundle, scripts/bundle.mjs): what bin/armlint.js runs, with the very output of tsc's build, loading only what a lint needs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, ensureBuilt, ROOT } from "../cli/helpers.js";

let temp = "";
/** Runs dist/src/cli/main.js (tsc's build) the way bin/armlint.js runs the bundle. */
let TSC_CLI = "";
/** A `--import` module that prints the URL of every module loaded (ES modules through a load hook, CommonJS ones at exit). */
let TRACE = "";

beforeAll(() => {
  ensureBuilt();
  temp = mkdtempSync(join(tmpdir(), "armlint-startup-"));
  TSC_CLI = join(temp, "tsc-cli.mjs");
  writeFileSync(
    TSC_CLI,
    `import { main } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist/src/cli/main.js")).href)};\n` +
      "main(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n",
  );
  const hooks = join(temp, "hooks.mjs");
  writeFileSync(hooks, 'export async function load(url, context, next) { process.stderr.write(`loaded ${url}\\n`); return next(url, context); }\n');
  TRACE = join(temp, "trace.mjs");
  writeFileSync(
    TRACE,
    [
      'import { createRequire, register } from "node:module";',
      'import { pathToFileURL } from "node:url";',
      `register(${JSON.stringify(pathToFileURL(hooks).href)});`,
      "// CommonJS modules (required) do not pass the hook: list them at exit.",
      "const { cache } = createRequire(import.meta.url);",
      'process.on("exit", () => { for (const file of Object.keys(cache)) process.stderr.write(`loaded ${pathToFileURL(file).href}\\n`); });',
    ].join("\n"),
  );
});

afterAll(() => {
  rmSync(temp, { recursive: true, force: true });
});

function node(args: readonly string[], cwd = ROOT): { code: number; stdout: string; stderr: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env.FORCE_COLOR;
  delete env.ARMLINT_DEBUG;
  const result = spawnSync(process.execPath, args, { cwd, env, encoding: "utf8", timeout: 120_000, maxBuffer: 64 << 20 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/**
 * Where the project's packages really are: Node loads a package by its real path, so in a checkout whose
 * `node_modules` is a symbolic link (a git worktree sharing another's) its files lie outside the project.
 */
const NODE_MODULES = realpathSync(join(ROOT, "node_modules"));

/** The files (relative to the project; packages as `node_modules/...`) that a run loaded as modules. */
function loadedFiles(args: readonly string[], cwd = ROOT): string[] {
  const run = node(["--import", TRACE, BIN, ...args], cwd);
  return [...run.stderr.matchAll(/^loaded (file:\S+)$/gm)]
    .map((m) => {
      const file = fileURLToPath(m[1]!);
      const inPackages = relative(NODE_MODULES, file);
      return inPackages.startsWith("..") ? relative(ROOT, file) : `node_modules/${inPackages}`;
    })
    .filter((file) => !file.startsWith(".."));
}

describe("the bundled CLI", () => {
  it("is what bin/armlint.js runs: a lint loads bundle files only, none of tsc's build", () => {
    expect(readFileSync(BIN, "utf8")).toContain('from "../dist/bundle/armlint.mjs"');
    const files = loadedFiles(["fixtures/examples"]);
    expect(files).toContain("bin/armlint.js");
    expect(files).toContain("dist/bundle/armlint.mjs");
    expect(files.filter((f) => f !== "bin/armlint.js" && !f.startsWith("dist/bundle/") && !f.startsWith("node_modules/"))).toEqual([]);
  }, 120_000);

  it("loads no package and no type data for a template whose resources the embedded type facts do not cover", () => {
    // The template `npm run bench` times against `node -e 0`.
    const template = join(ROOT, "fixtures/startup/small.json");
    const run = node(["--import", TRACE, BIN, template], temp);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain("dist/bundle/armlint.mjs");
    expect(run.stderr).not.toContain("node_modules");
    // A covered type (a Key Vault) loads @azure/bicep-types on its first check, with the findings of tsc's build.
    expect(loadedFiles(["fixtures/examples/key-vault-access.json"]).filter((f) => f.startsWith("node_modules/@azure/bicep-types/"))).not.toEqual([]);
    const vault = node([BIN, "-f", "json", join(ROOT, "fixtures/examples/key-vault-access.json")]);
    const tsc = node([TSC_CLI, "-f", "json", join(ROOT, "fixtures/examples/key-vault-access.json")]);
    expect(vault).toEqual(tsc);
  }, 120_000);

  it("loads node:crypto only to hash something: not for a run without findings, and for the fingerprints of one with them", () => {
    const probe = join(temp, "crypto-probe.mjs");
    writeFileSync(probe, 'process.on("exit", () => process.stderr.write(`crypto loaded: ${process.moduleLoadList.includes("NativeModule crypto")}\\n`));\n');
    const clean = node(["--import", probe, BIN, join(ROOT, "fixtures/startup/small.json")], temp);
    expect(clean.code, clean.stderr).toBe(0);
    expect(clean.stderr).toContain("crypto loaded: false");
    const flagged = node(["--import", probe, BIN, "--format", "json", "fixtures/examples"]);
    expect(flagged.code).toBe(1);
    expect(flagged.stdout).toMatch(/"fingerprint":"[0-9a-f]{64}"/);
    expect(flagged.stderr).toContain("crypto loaded: true");
  }, 120_000);

  it.each([["stylish"], ["json"], ["unix"], ["sarif"], ["junit"]])("lints fixtures/examples with the same %s output and exit code as tsc's build", (format) => {
    const args = ["--format", format, "fixtures/examples"];
    const bundled = node([BIN, ...args]);
    expect(bundled.code).toBe(1);
    expect(bundled.stdout.length).toBeGreaterThan(100);
    expect(bundled).toEqual(node([TSC_CLI, ...args]));
  }, 120_000);

  it("runs --jobs 2 on bundled worker threads, with the output of tsc's build on one thread", () => {
    const folders = ["fixtures/examples", "fixtures/rules", "fixtures/params"];
    const threads = node([BIN, "--format", "json", "--jobs", "2", ...folders]);
    expect(JSON.parse(threads.stdout)).not.toEqual([]);
    expect(threads).toEqual(node([TSC_CLI, "--format", "json", "--jobs", "1", ...folders]));
    const workers = loadedFiles(["--jobs", "2", "fixtures/examples"]);
    expect(workers).toContain("dist/bundle/chunks/worker.mjs");
    expect(workers.filter((f) => f.startsWith("dist/src/"))).toEqual([]);
  }, 180_000);

  it("has source maps to the TypeScript sources, linked for node --enable-source-maps", () => {
    const text = readFileSync(join(ROOT, "dist/bundle/armlint.mjs"), "utf8");
    expect(text).toMatch(/\/\/# sourceMappingURL=armlint\.mjs\.map\n?$/);
    const map = JSON.parse(readFileSync(join(ROOT, "dist/bundle/armlint.mjs.map"), "utf8")) as { sources: string[] };
    expect(map.sources).toContain("../../src/cli/main.ts");
  });
});
