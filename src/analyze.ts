// Programmatic analysis: text or file → loaded JSON, template model, dependency graph, engine diagnostics.
import { dirname, resolve } from "node:path";
import { docsUrlFor, type Diagnostic } from "./diagnostics.js";
import type { JsonNode, JsonObject } from "./load/json.js";
import type { SourceFile } from "./load/source.js";
import { loadFile, loadText } from "./load/loader.js";
import type { TemplateModel } from "./model/types.js";
import type { DependencyGraph } from "./graph/types.js";
import { buildModel, isTemplateRoot, type LinkedTemplateLoader } from "./model/build.js";
import { buildGraph } from "./graph/build.js";
import { Engine } from "./graph/engine.js";
import { createBudget } from "./expressions/evaluate.js";
import { parameterValues, readParameterFile, type ParameterFile } from "./params/file.js";
import type { TypeSet } from "./types/set.js";

export interface AnalyzeOptions {
  /** Load linked templates (`templateLink.relativePath`) from disk (default true for files). */
  followLinks?: boolean;
  /** Evaluation step budget per file. */
  maxSteps?: number;
  /**
   * A parameters file (path, or one already read): the root template's parameters take its values, and the
   * `params/*` rules check it. Without one, parameters stay symbols.
   */
  parameters?: string | ParameterFile;
  /** Type data for the `types/*` rules (`loadTypeSet()` from `src/types`); without it those rules do nothing. */
  types?: TypeSet;
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
  /** The parameters file whose values the analysis used (`AnalyzeOptions.parameters`). */
  parameters?: ParameterFile | undefined;
  /** The type data given in `AnalyzeOptions.types`. */
  types?: TypeSet | undefined;
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
  if (options.types !== undefined) analysis.types = options.types;
  const parameters = typeof options.parameters === "string" ? readParameterFile(resolve(options.parameters)) : options.parameters;
  if (parameters !== undefined) {
    analysis.parameters = parameters;
    if (parameters.source) analysis.sources.set(parameters.file, parameters.source);
    analysis.diagnostics.push(...parameters.diagnostics);
  }
  const root = loaded.root;
  if (!isTemplateRoot(root)) return analysis;
  analysis.isTemplate = true;
  const linker = options.followLinks ? fileLinker(analysis) : undefined;
  const model = buildModel(root, file, linker);
  analysis.model = model;
  const built = buildGraph(model, new Engine(model, createBudget(options.maxSteps), parameters === undefined ? undefined : parameterValues(parameters, model.root)));
  analysis.graph = built.graph;
  analysis.engine = built.engine;
  const exhausted = built.engine.budget.exhausted;
  if (exhausted !== undefined) {
    analysis.diagnostics.push({
      ruleId: "armlint/evaluation-limit",
      severity: "warning",
      message: `Expression evaluation stopped early (${exhausted}); values past that point are treated as unknown, so findings that depend on them may be missing. Simplify the expressions involved.`,
      file,
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 2,
      span: { offset: 0, length: 1 },
      docsUrl: docsUrlFor("armlint/evaluation-limit"),
    });
  }
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
