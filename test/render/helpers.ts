// Render test helpers: analyze and lint fixtures in-process, find the external tools (Graphviz, Chromium) and the corpus.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { analyzeFile, type Analysis } from "../../src/analyze.js";
import type { GraphNode } from "../../src/graph/types.js";
import { defaultConfig } from "../../src/runner/config.js";
import { lintAnalysis } from "../../src/runner/run.js";
import { buildRenderGraph } from "../../src/render/build.js";
import type { RenderGraph } from "../../src/render/model.js";
import { resolveResource } from "../../src/explain/resolve.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const FIXTURES = join(ROOT, "fixtures/render");
export const GOLDEN = join(FIXTURES, "golden");
export const OUTPUT = join(ROOT, "test-output/render");
export const CORPUS = join(ROOT, "../shared/corpus");
export const FOUNDRY_41 = join(CORPUS, "foundry-samples/infrastructure/infrastructure-setup-bicep/41-standard-agent-setup/azuredeploy.json");
/** The largest AVM pattern template of the corpus (564 resources and modules). */
export const AVM_LARGE = join(CORPUS, "bicep-registry-modules/avm/ptn/sa/document-knowledge-mining/main.json");
export const CHROMIUM = "/usr/bin/chromium";
export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** Is a command on the PATH (it answers `-V`)? */
export function hasCommand(command: string): boolean {
  const run = spawnSync(command, ["-V"], { stdio: "ignore" });
  return run.error === undefined;
}

export const HAS_DOT = hasCommand("dot");
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const HAS_CORPUS = existsSync(FOUNDRY_41) && existsSync(AVM_LARGE);

/** Says plainly, once per file, why a test is skipped. */
export function announceSkip(condition: boolean, what: string): boolean {
  if (condition) console.warn(`SKIPPED: ${what}`);
  return condition;
}

export interface Rendered {
  analysis: Analysis;
  graph: RenderGraph;
}

/** Analyzes, lints (default config) and builds the render graph of a file, paths relative to `cwd`. */
export function render(file: string, options: { cwd?: string; focus?: string; depth?: number } = {}): Rendered {
  const cwd = options.cwd ?? FIXTURES;
  const analysis = analyzeFile(resolve(cwd, file));
  const findings = lintAnalysis(analysis, defaultConfig(), { cwd }).diagnostics;
  const focus = options.focus === undefined ? undefined : node(analysis, options.focus);
  return { analysis, graph: buildRenderGraph(analysis, findings, { cwd, focus, depth: options.depth }) };
}

/** The one node a name stands for (fails the test otherwise). */
export function node(analysis: Analysis, name: string): GraphNode {
  const res = resolveResource(analysis.graph!, name);
  if (res.kind !== "found") throw new Error(`'${name}' does not name exactly one resource (${res.kind})`);
  return res.node;
}

/** Compares text with a golden file in fixtures/render/golden; `UPDATE_GOLDEN=1` rewrites the file instead. */
export function expectGolden(text: string, name: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1") {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  if (!existsSync(file)) throw new Error(`Golden file ${name} is missing: run the test with UPDATE_GOLDEN=1 and review it.`);
  expect(text).toBe(readFileSync(file, "utf8"));
}

/** Runs the built CLI (build first with `ensureBuilt`) with a generous time limit: layouts of large graphs on a busy machine. */
export function runArmlint(args: readonly string[], cwd: string = FIXTURES): { code: number; stdout: string; stderr: string } {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => key !== "NO_COLOR" && key !== "FORCE_COLOR" && key !== "ARMLINT_DEBUG"));
  const run = spawnSync(process.execPath, [join(ROOT, "bin/armlint.js"), ...args], { cwd, env, encoding: "utf8", timeout: 600_000, maxBuffer: 512 << 20 });
  return { code: run.status ?? -1, stdout: run.stdout, stderr: run.stderr };
}

export function writeOutput(name: string, content: string | Buffer): string {
  const file = join(OUTPUT, name);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, content);
  return file;
}
