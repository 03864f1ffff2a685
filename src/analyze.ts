// Programmatic analysis: text or file → loaded JSON, template model, dependency graph, engine diagnostics.
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "./diagnostics.js";
import type { JsonNode, JsonObject } from "./load/json.js";
import type { SourceFile } from "./load/source.js";
import { loadFile, loadText } from "./load/loader.js";
import type { TemplateModel } from "./model/types.js";
import type { DependencyGraph } from "./graph/types.js";
import { buildModel, isTemplateRoot, type LinkedTemplateLoader } from "./model/build.js";
import { buildGraph } from "./graph/build.js";
import { Engine } from "./graph/engine.js";
import { createBudget } from "./expressions/evaluate.js";

export interface AnalyzeOptions {
  /** Load linked templates (`templateLink.relativePath`) from disk (default true for files). */
  followLinks?: boolean;
  /** Evaluation step budget per file. */
  maxSteps?: number;
}

export interface Analysis {
  file: string;
  source: SourceFile | undefined;
  root: JsonNode | undefined;
  /** True when the root is a deployment template (by `$schema`, or by shape when no schema). */
  isTemplate: boolean;
  model: TemplateModel | undefined;
  graph: DependencyGraph | undefined;
  /** The evaluator over the model, for rules that need values (principal ids, categories, counts). */
  engine: Engine | undefined;
  /** Sources of linked templates loaded from disk, by path. */
  sources: Map<string, SourceFile>;
  /** Engine diagnostics: parse errors, not-a-template, structural problems. */
  diagnostics: Diagnostic[];
}

/** Analyze template text. Never throws for any input. */
export function analyzeText(text: string, file: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeLoaded(loadText(text, file), file, options);
}

/** Analyze a template file. Never throws: unreadable or unparseable files give diagnostics. */
export function analyzeFile(file: string, options: AnalyzeOptions = {}): Analysis {
  return analyzeLoaded(loadFile(file), file, { followLinks: true, ...options });
}

function analyzeLoaded(loaded: ReturnType<typeof loadText>, file: string, options: AnalyzeOptions): Analysis {
  const analysis: Analysis = {
    file,
    source: loaded.source,
    root: loaded.root,
    isTemplate: false,
    model: undefined,
    graph: undefined,
    engine: undefined,
    sources: new Map(),
    diagnostics: [...loaded.diagnostics],
  };
  if (loaded.source) analysis.sources.set(file, loaded.source);
  const root = loaded.root;
  if (!isTemplateRoot(root)) return analysis;
  analysis.isTemplate = true;
  const linker = options.followLinks ? fileLinker(analysis) : undefined;
  const model = buildModel(root, file, linker);
  analysis.model = model;
  const built = buildGraph(model, new Engine(model, createBudget(options.maxSteps)));
  analysis.graph = built.graph;
  analysis.engine = built.engine;
  return analysis;
}

function fileLinker(analysis: Analysis): LinkedTemplateLoader {
  return {
    load(fromFile: string, relativePath: string): { file: string; root: JsonObject } | undefined {
      const target = resolve(dirname(fromFile), relativePath);
      const loaded = loadFile(target);
      if (!loaded.source || loaded.root?.type !== "object" || loaded.diagnostics.length > 0) return undefined;
      analysis.sources.set(target, loaded.source);
      return { file: target, root: loaded.root };
    },
  };
}
