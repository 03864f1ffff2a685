// Shared by the types/* rules: every resource of an analysis checked once against its type data, findings cached per analysis.
import { LastMemo } from "../../src/runner/memo.js";
import { basename } from "node:path";
import type { Analysis } from "../../src/analyze.js";
import type { JsonNode } from "../../src/load/json.js";
import { prop } from "../../src/model/build.js";
import type { ResourceDecl } from "../../src/model/types.js";
import type { Engine } from "../../src/graph/engine.js";
import { hasToken } from "../../src/expressions/values.js";
import { checkResource, type ResourceInput, type TypeFinding, type TypeFindingKind } from "../../src/types/check.js";
import { namespaceOf } from "../../src/types/model.js";
import type { TypeSet } from "../../src/types/set.js";
import type { RuleContext } from "../../src/runner/types.js";
import { detach } from "../../src/text/detach.js";

interface Located extends TypeFinding {
  identity: string;
}

const findingsMemo = new LastMemo<Analysis, Located[]>();

/** Every type finding of the analysis (empty without type data). */
export function typeFindings(analysis: Analysis): Located[] {
  return findingsMemo.get(analysis, checkTypes);
}

function checkTypes(analysis: Analysis): Located[] {
  const out: Located[] = [];
  const { model, engine, types } = analysis;
  if (model !== undefined && engine !== undefined && types !== undefined) {
    // Indexed loops: the rules run mostly unoptimized (small files), where `for...of` allocates an iterator and its results.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
    for (let i = 0; i < model.resources.length; i++) {
      const decl = model.resources[i]!;
      if (!hasData(decl.type, types)) continue;
      const identity = engine.identity(decl).key;
      for (const f of checkResource(resourceInput(decl, engine), types)) out.push({ ...f, identity });
    }
  }
  return out;
}

/** Per type set: whether any of its data speaks about a resource type, by the type as spelled (a run repeats a few types). */
const coverage = new WeakMap<TypeSet, Map<string, boolean>>();
/** Bounds the memo for inputs that spell endless distinct types; past it, types are looked up each time. */
const MAX_COVERAGE_ENTRIES = 4096;

/** Whether any type data speaks about this type (most resources of a template are in namespaces it does not cover). */
function hasData(type: string, types: TypeSet): boolean {
  let known = coverage.get(types);
  if (known === undefined) coverage.set(types, (known = new Map<string, boolean>()));
  let has = known.get(type);
  if (has === undefined) {
    const ns = namespaceOf(type);
    has = types.directory?.namespaces.has(ns) === true || types.embedded.typesOf(ns).has(type.toLowerCase());
    // Kept for the run: a copy, not a slice holding on to this file's text.
    if (known.size < MAX_COVERAGE_ENTRIES) known.set(detach(type), has);
  }
  return has;
}

/** Reports the findings of one kind (what each types/* rule does). */
export function reportTypeFindings(context: RuleContext, kind: TypeFindingKind): void {
  const findings = typeFindings(context.analysis);
  // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
  for (let i = 0; i < findings.length; i++) {
    const f = findings[i]!;
    if (f.kind !== kind) continue;
    context.report({
      span: f.span,
      file: f.file,
      message: withProvenance(f.message, f.parameters, context.analysis),
      data: f.parameters.length > 0 ? { ...f.data, parameters: f.parameters.join(",") } : f.data,
      identity: f.identity,
      ...(f.severity !== undefined ? { severity: f.severity } : {}),
    });
  }
}

/** Says which parameters-file values a finding rests on. */
export function withProvenance(message: string, parameters: readonly string[], analysis: Analysis): string {
  if (parameters.length === 0 || analysis.parameters === undefined) return message;
  const names = parameters.map((p) => `'${p}'`).join(", ");
  return `${message} (Value from ${basename(analysis.parameters.file)}: parameter${parameters.length === 1 ? "" : "s"} ${names}.)`;
}

function resourceInput(decl: ResourceDecl, engine: Engine): ResourceInput {
  const evaluate = (node: JsonNode) => engine.trackParameterReads(() => engine.evaluate(node, decl, decl.scope));
  const apiVersionNode = prop(decl.json, "apiVersion");
  let apiVersion = decl.apiVersion;
  if (apiVersion?.startsWith("[") === true && apiVersionNode !== undefined) {
    const v = evaluate(apiVersionNode).value;
    apiVersion = typeof v === "string" && !hasToken(v) ? v : undefined;
  }
  const named = engine.trackParameterReads(() => engine.identity(decl));
  const segments = Math.max(1, slashesIn(decl.type));
  const last = named.value.names.length === segments ? named.value.names.at(-1) : undefined;
  return {
    type: decl.type,
    typeNode: decl.typeNode,
    apiVersion,
    apiVersionNode,
    json: decl.json,
    file: decl.scope.file,
    deployed: isDeployed(decl, engine),
    name: { value: last !== undefined && !hasToken(last) ? last : undefined, node: decl.nameNode, parameters: ownSegmentParameters(named.parameters, last, engine) },
    evaluate,
  };
}

/** How many `/` a type has: the number of its name segments (counted, not split). */
function slashesIn(type: string): number {
  let n = 0;
  for (let i = type.indexOf("/"); i >= 0; i = type.indexOf("/", i + 1)) n++;
  return n;
}

/**
 * The parameters behind a resource's own name segment: those read for the full name whose (string) value shows
 * in the last segment (`account/project/connection`: not the account's name). All of them when none shows.
 */
function ownSegmentParameters(parameters: string[], last: string | undefined, engine: Engine): string[] {
  if (last === undefined || parameters.length < 2) return parameters;
  const segment = last.toLowerCase();
  const own = parameters.filter((p) => {
    const v = engine.parameterValues?.get(p.toLowerCase());
    return typeof v !== "string" || segment.includes(v.toLowerCase());
  });
  return own.length > 0 ? own : parameters;
}

/** Not `existing`, and no condition (its own or an enclosing module's) known to be false. */
function isDeployed(decl: ResourceDecl, engine: Engine): boolean {
  if (decl.existing) return false;
  for (let cur: ResourceDecl | undefined = decl; cur !== undefined; cur = cur.scope.deployment) {
    if (cur.condition !== undefined && engine.evaluate(cur.condition, cur, cur.scope) === false) return false;
  }
  return true;
}
