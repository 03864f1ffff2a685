// `armlint graph FILE`: analyze and lint one template, then draw its dependency graph (dot, mermaid, json, html).
import { relative, resolve } from "node:path";
import { analyzeFile, type Analysis } from "../analyze.js";
import type { Diagnostic } from "../diagnostics.js";
import type { GraphNode } from "../graph/types.js";
import { ConfigError, ConfigResolver, type ResolvedConfig } from "../runner/config.js";
import { lintAnalysis } from "../runner/run.js";
import { loadTypeSet } from "../types/set.js";
import { TypeDataError } from "../types/directory.js";
import { resolveResource } from "../explain/resolve.js";
import { nodeRef } from "../explain/explain.js";
import { configSource, type GraphOptions } from "./args.js";
import { discoverFiles } from "./discover.js";
import type { CliIO } from "./io.js";
import { writeOutputFile } from "./output.js";

export async function runGraphCommand(options: GraphOptions, io: CliIO): Promise<number> {
  const loaded = await loadTemplate(options.file, options, io, true);
  if (typeof loaded === "number") return loaded;
  const { analysis, findings } = loaded;
  let focus: GraphNode | undefined;
  if (options.focus !== undefined) {
    const found = findResource(analysis, options.focus, "--focus", io);
    if (found === undefined) return 2;
    focus = found;
  }
  const { buildRenderGraph, renderGraph, RenderError } = await import("../render/index.js");
  const graph = buildRenderGraph(analysis, findings, { cwd: io.cwd, focus, depth: options.depth });
  let output: string;
  try {
    output = await renderGraph(graph, options.format);
  } catch (error) {
    if (!(error instanceof RenderError)) throw error;
    io.writeErr(`armlint: ${error.message}\n${error.hint}\n`);
    return 2;
  }
  if (options.outputFile === undefined) {
    io.writeOut(output);
    return 0;
  }
  return writeOutputFile(resolve(io.cwd, options.outputFile), output, io, "graph") ? 0 : 2;
}

export interface LoadedTemplate {
  analysis: Analysis;
  /** Lint findings (empty when not asked for). */
  findings: Diagnostic[];
}

/**
 * Analyzes one template as `armlint FILE` would (its config's type data, the parameters file beside it
 * unless the config turns that off) and, with `lint`, lints it with its config. Prints why it cannot and
 * returns exit code 2 for a missing, Bicep, unparseable or non-template input or a bad config.
 */
export async function loadTemplate(input: string, options: { config: string | undefined; noConfig: boolean }, io: CliIO, lint: boolean): Promise<LoadedTemplate | number> {
  const discovery = discoverFiles([input], { cwd: io.cwd });
  for (const error of discovery.errors) io.writeErr(`armlint: ${error.message}\n`);
  if (discovery.errors.length > 0) return 2;
  const file = discovery.files[0];
  const pair = discovery.paired[0];
  if (pair !== undefined && file?.explicit === false) {
    io.writeErr(`armlint: '${input}' is a parameters file: name its template, '${relative(io.cwd, pair.template)}'.\n`);
    return 2;
  }
  if (discovery.files.length !== 1 || !file?.explicit) {
    io.writeErr(`armlint: '${input}' is not a file: name one template file.\n`);
    return 2;
  }
  let config: ResolvedConfig;
  let analysis: Analysis;
  try {
    config = await new ConfigResolver({ source: configSource(options), cwd: io.cwd }).forFile(file.path);
    const types = await loadTypeSet({ directory: config.types });
    const parameters = config.discoverParameterFiles === false ? undefined : file.parameters;
    analysis = analyzeFile(file.path, { types, parameters });
  } catch (error) {
    if (!(error instanceof ConfigError) && !(error instanceof TypeDataError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return 2;
  }
  if (analysis.graph === undefined) {
    const problem = analysis.diagnostics.find((d) => d.severity === "error") ?? analysis.diagnostics[0];
    const why = problem === undefined ? "it is not an ARM deployment template" : `${problem.message} (${problem.ruleId}, line ${problem.line})`;
    io.writeErr(`armlint: Cannot draw ${input}: ${why}.\n`);
    return 2;
  }
  const findings = lint ? lintAnalysis(analysis, config, { cwd: io.cwd }).diagnostics : [];
  return { analysis, findings };
}

/** The resource a command-line name stands for; prints the candidates or suggestions and returns undefined when there is not exactly one. */
export function findResource(analysis: Analysis, query: string, role: string, io: CliIO): GraphNode | undefined {
  const res = resolveResource(analysis.graph!, query);
  if (res.kind === "found") return res.node;
  if (res.kind === "ambiguous") {
    io.writeErr(`armlint: ${role} '${query}' is ambiguous: ${res.candidates.length} resources match by ${res.how}:\n`);
    for (const n of res.candidates) io.writeErr(`  ${nodeRef(n, analysis, io.cwd)}\n`);
    io.writeErr("Name one by its JSON path (the part in parentheses before the file).\n");
    return undefined;
  }
  io.writeErr(`armlint: ${role} '${query}' names no resource or module of ${analysis.file}.\n`);
  if (res.suggestions.length > 0) {
    io.writeErr("Did you mean:\n");
    for (const n of res.suggestions) io.writeErr(`  ${nodeRef(n, analysis, io.cwd)}\n`);
  }
  io.writeErr("Name a resource by its symbolic name, its name (as written or evaluated), or its JSON path (resources[3]).\n");
  return undefined;
}
