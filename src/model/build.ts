// Template model builder: reads the JSON tree of a template (and its nested templates) into scopes and declarations.
import type { JsonArray, JsonNode, JsonObject, JsonProperty, JsonString } from "../load/json.js";
import { isExpressionString, parseExpression, type ParseResult } from "../expressions/parser.js";
import type {
  CopySpec,
  ExpressionSite,
  FunctionDecl,
  ModelDiagnostic,
  OutputDecl,
  ParameterDecl,
  ResourceDecl,
  TargetScope,
  TemplateKeys,
  TemplateModel,
  TemplateScope,
  VariableDecl,
} from "./types.js";

export type { TemplateKeys } from "./types.js";

/** Case-insensitive property lookup, as ARM reads template keys. */
export function prop(obj: JsonObject | undefined, key: string): JsonNode | undefined {
  return propEntry(obj, key)?.value;
}

/** `"nullable": true` (languageVersion 2.0): the parameter may be left out, and is null then. */
export function isNullableParameter(decl: ParameterDecl): boolean {
  const n = decl.node === undefined ? undefined : prop(decl.node, "nullable");
  return n?.type === "boolean" && n.value;
}

/** Case-insensitive property lookup; with duplicate keys the last one wins, as in ARM. */
export function propEntry(obj: JsonObject | undefined, key: string): JsonProperty | undefined {
  if (obj === undefined) return undefined;
  const length = lowercaseLength(key);
  const props = obj.properties;
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i]!;
    if (p.key.length === length && sameIgnoringCase(p.key, key)) return p;
  }
  return undefined;
}

/**
 * The length of the lowercased key (keys are nearly always ASCII, where lowercasing keeps the length). Read here,
 * not in `propEntry`: V8 (Node 20) gave `key.length` there the feedback slot of `props.length` (its cache of
 * property-load slots confuses a parameter and a local of the same index), so the key's string shapes were
 * checked with the array's and each new kind of key string (sliced, two-byte) deoptimized `propEntry`.
 */
function lowercaseLength(key: string): number {
  return isAscii(key) ? key.length : key.toLowerCase().length;
}

/** `a.toLowerCase() === b.toLowerCase()`, without building strings while both are ASCII. */
function sameIgnoringCase(a: string, b: string): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return !(isAscii(a) && isAscii(b)) && a.toLowerCase() === b.toLowerCase();
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Past ASCII, case mapping can change lengths and depend on context: let toLowerCase decide.
    if (x >= 128 || y >= 128) return a.toLowerCase() === b.toLowerCase();
    if (x >= 65 && x <= 90) x += 32;
    if (y >= 65 && y <= 90) y += 32;
    if (x !== y) return false;
  }
  return true;
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
  return true;
}

export function objProp(obj: JsonObject | undefined, key: string): JsonObject | undefined {
  const v = prop(obj, key);
  return v?.type === "object" ? v : undefined;
}

export function strProp(obj: JsonObject | undefined, key: string): string | undefined {
  const v = prop(obj, key);
  return v?.type === "string" ? v.value : undefined;
}

/**
 * Schema file names (lowercased, searched for in that order) and the scope each one names, in two parallel
 * arrays read by index: a `for (const [needle, scope] of …)` loop allocates an iterator and destructures
 * each pair, and this runs for every scope of every file (and for every file the runner looks at).
 */
const SCHEMA_NEEDLES: readonly string[] = [
  "subscriptiondeploymenttemplate.json",
  "managementgroupdeploymenttemplate.json",
  "tenantdeploymenttemplate.json",
  "deploymenttemplate.json",
];
const SCHEMA_TARGETS: readonly TargetScope[] = ["subscription", "managementGroup", "tenant", "resourceGroup"];

/** Target scope named by a `$schema` URL, or undefined when it is not a deployment template schema. */
export function schemaScope(schema: string | undefined): TargetScope | undefined {
  if (schema === undefined) return undefined;
  // An ASCII URL (nearly all) is searched as it is, with no lowercased copy per scope; past ASCII, case
  // mapping can change lengths and turn other characters into ASCII letters: let toLowerCase decide.
  if (isAscii(schema)) {
    for (let i = 0; i < SCHEMA_NEEDLES.length; i++) if (includesIgnoringCase(schema, SCHEMA_NEEDLES[i]!)) return SCHEMA_TARGETS[i];
    return undefined;
  }
  const s = schema.toLowerCase();
  for (let i = 0; i < SCHEMA_NEEDLES.length; i++) if (s.includes(SCHEMA_NEEDLES[i]!)) return SCHEMA_TARGETS[i];
  return undefined;
}

/** `s.toLowerCase().includes(needle)` for an ASCII `s` and a lowercase ASCII `needle`. */
function includesIgnoringCase(s: string, needle: string): boolean {
  const m = needle.length;
  for (let start = 0; start + m <= s.length; start++) {
    let k = 0;
    for (; k < m; k++) {
      let c = s.charCodeAt(start + k);
      if (c >= 65 && c <= 90) c += 32;
      if (c !== needle.charCodeAt(k)) break;
    }
    if (k === m) return true;
  }
  return false;
}

/** Is this JSON root a deployment template: by `$schema`, or by shape when it has none? */
export function isTemplateRoot(root: JsonNode | undefined): root is JsonObject {
  if (root?.type !== "object") return false;
  const schema = strProp(root, "$schema");
  if (schema !== undefined) return schemaScope(schema) !== undefined;
  const resources = prop(root, "resources");
  return (resources?.type === "array" || resources?.type === "object") && prop(root, "contentVersion") !== undefined;
}

export interface LinkedTemplateLoader {
  /** Load a template referenced by `templateLink.relativePath` from `fromFile`; undefined when absent. */
  load(fromFile: string, relativePath: string): { file: string; root: JsonObject } | undefined;
}

interface PendingScope {
  json: JsonObject;
  parent: TemplateScope | undefined;
  deployment: ResourceDecl | undefined;
  evaluation: "inner" | "outer";
  file: string;
  depth: number;
}

const MAX_NESTING = 64;

/** Build the model of a template. Iterative over nested deployments; never throws on odd shapes. */
export function buildModel(root: JsonObject, file: string, linked?: LinkedTemplateLoader): TemplateModel {
  // Parse results by text: a template repeats many expressions ("[parameters('location')]"), and a parse
  // depends on the text alone (offsets index into the string), so equal strings share one result.
  const parses = new Map<string, ParseResult>();
  const model: TemplateModel = {
    file,
    root: undefined as unknown as TemplateScope,
    scopes: [],
    resources: [],
    expressions: [],
    diagnostics: [],
    parsed: new ParseCacheByText(parses),
  };
  const queue: PendingScope[] = [{ json: root, parent: undefined, deployment: undefined, evaluation: "inner", file, depth: 0 }];
  // Files of the linked templates loaded so far (besides `file`); most templates link none.
  let linkedFiles: Set<string> | undefined;
  while (queue.length > 0) {
    const pending = queue.shift()!;
    const scope = readScope(pending, model);
    if (pending.parent === undefined) model.root = scope;
    for (const r of scope.resources) {
      if (!r.isDeployment) continue;
      const props = r.properties;
      const template = objProp(props, "template");
      const evalOpts = objProp(props, "expressionEvaluationOptions");
      const evaluation = strProp(evalOpts, "scope")?.toLowerCase() === "inner" ? "inner" : "outer";
      if (pending.depth + 1 > MAX_NESTING) {
        r.opaqueLink = true;
        continue;
      }
      if (template) {
        queue.push({ json: template, parent: scope, deployment: r, evaluation, file: scope.file, depth: pending.depth + 1 });
        continue;
      }
      const link = objProp(props, "templateLink");
      if (link) {
        const rel = strProp(link, "relativePath");
        const loaded = rel !== undefined && !rel.startsWith("[") && linked ? linked.load(scope.file, rel) : undefined;
        if (loaded && loaded.file !== file && !linkedFiles?.has(loaded.file)) {
          (linkedFiles ??= new Set()).add(loaded.file);
          // A linked template always has its own parameter scope.
          queue.push({ json: loaded.root, parent: scope, deployment: r, evaluation: "inner", file: loaded.file, depth: pending.depth + 1 });
        } else r.opaqueLink = true;
      }
    }
  }
  for (const scope of model.scopes) collectExpressions(scope, model, parses);
  return model;
}

/**
 * The model's parse cache (`TemplateModel.parsed`, which the evaluator reads and adds to). A lookup is
 * answered from the parses by text made while collecting the expression sites, rather than from one entry
 * per expression node (a parse depends on the text alone); parses the evaluator adds are kept per node, as
 * in a plain Map.
 */
class ParseCacheByText extends Map<JsonString, ParseResult> {
  constructor(private readonly byText: ReadonlyMap<string, ParseResult>) {
    super();
  }

  override get(node: JsonString): ParseResult | undefined {
    return this.byText.get(node.value) ?? super.get(node);
  }

  override has(node: JsonString): boolean {
    return this.byText.has(node.value) || super.has(node);
  }
}

function readScope(p: PendingScope, model: TemplateModel): TemplateScope {
  const json = p.json;
  checkDuplicateKeys(json, p.file, model.diagnostics);
  const schema = strProp(json, "$schema");
  const metadata = objProp(json, "metadata");
  const generator = strProp(objProp(metadata, "_generator"), "name");
  const languageVersion = strProp(json, "languageVersion");
  const resourcesNode = prop(json, "resources");
  const scope: TemplateScope = {
    id: model.scopes.length,
    json,
    parent: p.parent,
    deployment: p.deployment,
    evaluation: p.evaluation,
    languageVersion,
    symbolic: resourcesNode?.type === "object",
    targetScope: schemaScope(schema) ?? p.parent?.targetScope ?? "resourceGroup",
    schema,
    generator,
    parameters: NO_DECLARATIONS,
    variables: NO_DECLARATIONS,
    functions: NO_DECLARATIONS,
    resources: [],
    outputs: NO_DECLARATIONS,
    file: p.file,
    notedKeys: undefined,
  };
  if (p.deployment) p.deployment.innerScope = scope;
  model.scopes.push(scope);
  readParameters(scope, model);
  readVariables(scope, model);
  readFunctions(scope);
  readOutputs(scope);
  readResources(scope, resourcesNode, model);
  return scope;
}

/**
 * The declarations of a section a scope does not have (most nested templates declare no functions, many no
 * parameters or outputs): one shared empty map rather than four new ones per scope that live as long as the
 * file's analysis. Nothing outside the model adds declarations; adding to this one would be a bug, so it throws.
 */
class NoDeclarations extends Map<string, never> {
  override set(key: string): this {
    throw new Error(`internal error: a declaration '${key}' added to the shared empty declaration map`);
  }
}
const NO_DECLARATIONS: Map<string, never> = new NoDeclarations();

function readParameters(scope: TemplateScope, model: TemplateModel): void {
  const params = objProp(scope.json, "parameters");
  if (!params) return;
  checkDuplicateKeys(params, scope.file, model.diagnostics, true);
  if (params.properties.length > 0) scope.parameters = new Map();
  for (const p of params.properties) {
    const node = p.value.type === "object" ? p.value : undefined;
    const decl: ParameterDecl = {
      name: p.key,
      node,
      keyOffset: p.keyOffset,
      type: strProp(node, "type"),
      defaultValue: prop(node, "defaultValue"),
    };
    const lower = p.key.toLowerCase();
    if (!scope.parameters.has(lower)) scope.parameters.set(lower, decl);
  }
}

function readVariables(scope: TemplateScope, model: TemplateModel): void {
  const vars = objProp(scope.json, "variables");
  if (!vars) return;
  checkDuplicateKeys(vars, scope.file, model.diagnostics, true);
  if (vars.properties.length > 0) scope.variables = new Map();
  for (const p of vars.properties) {
    if (sameIgnoringCase(p.key, "copy") && p.value.type === "array") {
      for (const entry of p.value.items) {
        if (entry.type !== "object") continue;
        const name = strProp(entry, "name");
        if (name === undefined) continue;
        const decl: VariableDecl = { name, value: entry, keyOffset: entry.offset, copy: true };
        scope.variables.set(name.toLowerCase(), decl);
      }
      continue;
    }
    const decl: VariableDecl = { name: p.key, value: p.value, keyOffset: p.keyOffset, copy: false };
    const lower = p.key.toLowerCase();
    if (!scope.variables.has(lower)) scope.variables.set(lower, decl);
  }
}

function readFunctions(scope: TemplateScope): void {
  const fns = prop(scope.json, "functions");
  if (fns?.type !== "array") return;
  for (const ns of fns.items) {
    if (ns.type !== "object") continue;
    const namespace = strProp(ns, "namespace") ?? "";
    const members = objProp(ns, "members");
    if (!members) continue;
    for (const m of members.properties) {
      if (m.value.type !== "object") continue;
      const paramsNode = prop(m.value, "parameters");
      const parameters: string[] = [];
      if (paramsNode?.type === "array") {
        for (const pn of paramsNode.items) {
          const n = pn.type === "object" ? strProp(pn, "name") : undefined;
          if (n !== undefined) parameters.push(n);
        }
      }
      const decl: FunctionDecl = {
        key: `${namespace}.${m.key}`.toLowerCase(),
        namespace,
        name: m.key,
        parameters,
        output: prop(objProp(m.value, "output"), "value"),
        node: m.value,
      };
      if (scope.functions === NO_DECLARATIONS) scope.functions = new Map();
      scope.functions.set(decl.key, decl);
    }
  }
}

function readOutputs(scope: TemplateScope): void {
  const outs = objProp(scope.json, "outputs");
  if (!outs) return;
  if (outs.properties.length > 0) scope.outputs = new Map();
  for (const o of outs.properties) {
    if (o.value.type !== "object") continue;
    const decl: OutputDecl = { name: o.key, node: o.value, value: prop(o.value, "value") ?? prop(o.value, "copy"), keyOffset: o.keyOffset };
    const lower = o.key.toLowerCase();
    if (!scope.outputs.has(lower)) scope.outputs.set(lower, decl);
  }
}

function readResources(scope: TemplateScope, node: JsonNode | undefined, model: TemplateModel): void {
  if (node === undefined) return;
  // Iterative walk over nested child `resources` arrays.
  const stack: { json: JsonObject; symbolic: string | undefined; parent: ResourceDecl | undefined; path: string }[] = [];
  if (node.type === "array") {
    for (let i = node.items.length - 1; i >= 0; i--) {
      const item = node.items[i]!;
      if (item.type === "object") stack.push({ json: item, symbolic: undefined, parent: undefined, path: `resources[${i}]` });
    }
  } else if (node.type === "object") {
    checkDuplicateKeys(node, scope.file, model.diagnostics, true);
    for (let i = node.properties.length - 1; i >= 0; i--) {
      const p = node.properties[i]!;
      if (p.value.type === "object") stack.push({ json: p.value, symbolic: p.key, parent: undefined, path: `resources['${p.key}']` });
    }
  }
  while (stack.length > 0) {
    const { json, symbolic, parent, path } = stack.pop()!;
    const decl = readResource(scope, json, symbolic, parent, path, model);
    scope.resources.push(decl);
    const children = prop(json, "resources");
    if (children?.type === "array") {
      for (let i = children.items.length - 1; i >= 0; i--) {
        const c = children.items[i]!;
        if (c.type === "object") stack.push({ json: c, symbolic: undefined, parent: decl, path: `${path}.resources[${i}]` });
      }
    }
  }
}

function readResource(
  scope: TemplateScope,
  json: JsonObject,
  symbolicName: string | undefined,
  parentDecl: ResourceDecl | undefined,
  path: string,
  model: TemplateModel,
): ResourceDecl {
  checkDuplicateKeys(json, scope.file, model.diagnostics);
  const typeNode = prop(json, "type");
  const rawType = typeNode?.type === "string" ? typeNode.value : "";
  const type = parentDecl && !rawType.includes(".") ? `${parentDecl.type}/${rawType}` : rawType;
  const copyNode = objProp(json, "copy");
  let copy: CopySpec | undefined;
  if (copyNode) {
    copy = {
      name: strProp(copyNode, "name") ?? "",
      count: prop(copyNode, "count"),
      mode: strProp(copyNode, "mode"),
      batchSize: prop(copyNode, "batchSize"),
      node: copyNode,
    };
  }
  const dependsOnNode = prop(json, "dependsOn");
  const existingNode = prop(json, "existing");
  const properties = objProp(json, "properties");
  const decl: ResourceDecl = {
    index: model.resources.length,
    scope,
    json,
    symbolicName,
    parentDecl,
    type,
    typeNode,
    nameNode: prop(json, "name"),
    apiVersion: strProp(json, "apiVersion"),
    existing: existingNode?.type === "boolean" && existingNode.value,
    condition: prop(json, "condition"),
    copy,
    dependsOn: dependsOnNode?.type === "array" ? dependsOnNode.items : [],
    dependsOnNode,
    scopeNode: prop(json, "scope"),
    properties,
    isDeployment: sameIgnoringCase(type, "microsoft.resources/deployments"),
    innerScope: undefined,
    opaqueLink: false,
    path,
  };
  model.resources.push(decl);
  return decl;
}

/** Objects up to this many properties are checked pair by pair: no map, no lowercased copies of keys. */
const SMALL_OBJECT = 16;
/** Per property of the object being checked: is its key ASCII (1) or not (0)? */
const asciiKey = new Uint8Array(SMALL_OBJECT);

function checkDuplicateKeys(obj: JsonObject, file: string, out: ModelDiagnostic[], caseSensitiveOnly = false): void {
  const props = obj.properties;
  const n = props.length;
  if (n < 2) return;
  if (n <= SMALL_OBJECT) {
    // Which keys are ASCII, found once per key rather than once per pair: two ASCII keys of different
    // lengths never match, whatever their case.
    for (let j = 0; j < n; j++) asciiKey[j] = caseSensitiveOnly || isAscii(props[j]!.key) ? 1 : 0;
    for (let j = 1; j < n; j++) {
      const p = props[j]!;
      for (let i = 0; i < j; i++) {
        const q = props[i]!;
        let same: boolean;
        if (caseSensitiveOnly) same = q.key === p.key;
        else if ((asciiKey[i]! & asciiKey[j]!) === 1) same = q.key.length === p.key.length && sameIgnoringCase(q.key, p.key);
        else same = sameIgnoringCase(q.key, p.key);
        if (same) {
          out.push(duplicateKey(p, q, file));
          break;
        }
      }
    }
    return;
  }
  const seen = new Map<string, JsonProperty>();
  for (const p of props) {
    const k = caseSensitiveOnly ? p.key : p.key.toLowerCase();
    const prev = seen.get(k);
    if (prev) out.push(duplicateKey(p, prev, file));
    else seen.set(k, p);
  }
}

/** `p` repeats the key of the earlier property `first`. */
function duplicateKey(p: JsonProperty, first: JsonProperty, file: string): ModelDiagnostic {
  return {
    ruleId: "arm/duplicate-key",
    message: `Duplicate key '${p.key}' (also at offset ${first.keyOffset}): ARM keeps only the last one. Remove or merge the duplicate.`,
    offset: p.keyOffset,
    length: p.keyLength,
    file,
  };
}

/** A JSON path kept as a parent chain; its text is built only when a site needs it. */
interface PathStep {
  parent: PathStep | undefined;
  key: string | number;
}

/** Text of the path `parent` then `key`, like `resources[0].properties.name`. */
function pathText(parent: PathStep | undefined, key: string | number): string {
  const parts: (string | number)[] = [key];
  for (let s = parent; s; s = s.parent) parts.push(s.key);
  let out = "";
  for (let i = parts.length - 1; i >= 0; i--) {
    const k = parts[i]!;
    out += typeof k === "number" ? `[${k}]` : out === "" ? k : `.${k}`;
  }
  return out;
}

/**
 * An expression string: `key` of the container at path `parent` (undefined: the template root). The path
 * text is built on each read rather than kept: only reported findings read it, and a site lives as long as
 * its file's analysis.
 */
class Site implements ExpressionSite {
  constructor(
    readonly node: JsonString,
    readonly scope: TemplateScope,
    readonly resource: ResourceDecl | undefined,
    private readonly parent: PathStep | undefined,
    private readonly key: string | number,
    readonly result: ExpressionSite["result"],
  ) {}

  /** Is the expression inside a user-defined function's body (`functions[...]`)? No path text is built. */
  get inFunction(): boolean {
    let key = this.key;
    for (let s = this.parent; s; s = s.parent) key = s.key;
    return typeof key === "string" && sameIgnoringCase(key, "functions");
  }

  get path(): string {
    return pathText(this.parent, this.key);
  }
}

/*
 * Frames of the walk over one scope, in parallel arrays shared by every walk (the model is built
 * synchronously and the walk never re-enters itself): frame `d` is the container `frames[d]`, its key in its
 * parent `keys[d]` (unused for the root frame), the next child to look at `nextChild[d]`, the resource that
 * holds it `frameResources[d]`, and its path step `steps[d]` once made (the root's stays undefined). Every
 * slot is emptied when its frame closes, so the arrays keep no tree alive between files.
 */
const frames: (JsonObject | JsonArray | undefined)[] = [];
const keys: (string | number)[] = [];
const nextChild: number[] = [];
const frameResources: (ResourceDecl | undefined)[] = [];
const steps: (PathStep | undefined)[] = [];
/** Does the object of frame `d` have a key that templateKeys lists (an expression key, or a `copy` key whose loops count)? */
const keyHits: boolean[] = [];

/** The path step of frame `d`, made (with any missing ancestors) on first use. */
function stepOf(d: number): PathStep | undefined {
  let k = d;
  while (k > 0 && steps[k] === undefined) k--;
  for (k++; k <= d; k++) steps[k] = { parent: steps[k - 1], key: keys[k]! };
  return steps[d];
}

/** What one walk over a scope reads and fills. */
interface Walk {
  scope: TemplateScope;
  model: TemplateModel;
  parses: Map<string, ParseResult>;
  /** Resources of the scope by their JSON object; undefined when the scope has none. */
  resourceOf: Map<JsonNode, ResourceDecl> | undefined;
  /** What the scope's templateKeys will hold, made when the first is found (most scopes have none). */
  found: TemplateKeys | undefined;
}

/** Deeper than any frame (a small integer, unlike Infinity, which keeps the comparisons on integers). */
const NO_DEPTH = 0x3fffffff;

/**
 * The depth of the outermost open frame that is an object under a `template` key (NO_DEPTH when none is
 * open): copy loops at that depth and below are not the scope's own (see TemplateKeys.copies). Walk state
 * shared like the frame arrays, not a field of `Walk`: it changes only where a nested template is met, and
 * the first such change of a `Walk` field made V8 drop the optimized `enter` and `collectExpressions`, which
 * had taken the field for a constant.
 */
let loopsOff = NO_DEPTH;

/** The expression keys and copy values of a scope of a model from buildModel; undefined when it has none. */
export function templateKeys(scope: TemplateScope): TemplateKeys | undefined {
  return scope.notedKeys;
}

/** Opens frame `d` for `node` and adds the sites of its own expression strings. */
function enter(walk: Walk, d: number, node: JsonObject | JsonArray, key: string | number, inherited: ResourceDecl | undefined): void {
  frames[d] = node;
  keys[d] = key;
  nextChild[d] = 0;
  steps[d] = undefined;
  if (node.type === "object") {
    const res = walk.resourceOf?.get(node) ?? inherited;
    frameResources[d] = res;
    const loops = d < loopsOff;
    let hit = false;
    const props = node.properties;
    for (let i = props.length - 1; i >= 0; i--) {
      const p = props[i]!;
      const v = p.value;
      if (v.type === "string" && isExpressionString(v.value)) addSite(v, stepOf(d), p.key, res, walk.scope, walk.model, walk.parses);
      const key = p.key;
      // The length is tested first: charCodeAt(0) of an empty key reads out of bounds, which optimized code does not expect.
      if (!hit && ((key.length > 0 && key.charCodeAt(0) === 91 /* [ */ && isExpressionString(key)) || (loops && isCopyKey(key)))) hit = true;
    }
    keyHits[d] = hit;
  } else {
    keyHits[d] = false;
    frameResources[d] = inherited;
    const items = node.items;
    for (let i = items.length - 1; i >= 0; i--) {
      const v = items[i]!;
      if (v.type === "string" && isExpressionString(v.value)) addSite(v, stepOf(d), i, inherited, walk.scope, walk.model, walk.parses);
    }
  }
}

/**
 * Collect and parse every expression string of one scope (not descending into nested templates).
 * Depth-first with one frame per open container (see `frames`); a frame's path step is made only when an
 * expression below it needs one. Sites come in the same order as ever: a container's own strings last to
 * first, then its containers first to last.
 */
function collectExpressions(scope: TemplateScope, model: TemplateModel, parses: Map<string, ParseResult>): void {
  // Most scopes hold no nested template and many small ones no resource: no set or map for those.
  let nested: Set<JsonNode> | undefined;
  let resourceOf: Map<JsonNode, ResourceDecl> | undefined;
  for (const r of scope.resources) {
    if (r.innerScope && r.innerScope.json !== scope.json) (nested ??= new Set()).add(r.innerScope.json);
    (resourceOf ??= new Map()).set(r.json, r);
  }
  const walk: Walk = { scope, model, parses, resourceOf, found: undefined };
  loopsOff = NO_DEPTH;

  enter(walk, 0, scope.json, 0, undefined);
  let top = 0; // the innermost open frame
  while (top >= 0) {
    const node = frames[top]!;
    let i = nextChild[top]!;
    let entered = false;
    if (node.type === "object") {
      const props = node.properties;
      for (; i < props.length && !entered; i++) {
        const v = props[i]!.value;
        if ((v.type === "object" && !nested?.has(v)) || v.type === "array") {
          nextChild[top] = i + 1;
          const key = props[i]!.key;
          if (v.type === "object" && top < loopsOff && key.length === 8 && sameIgnoringCase(key, "template")) loopsOff = top + 1;
          enter(walk, top + 1, v, key, frameResources[top]);
          top++;
          entered = true;
        }
      }
    } else {
      const items = node.items;
      for (; i < items.length && !entered; i++) {
        const v = items[i]!;
        if (v.type === "object" || v.type === "array") {
          nextChild[top] = i + 1;
          enter(walk, top + 1, v, i, frameResources[top]);
          top++;
          entered = true;
        }
      }
    }
    if (!entered) {
      if (keyHits[top] === true) noteKeys(walk, node as JsonObject, top < loopsOff);
      if (top === loopsOff) loopsOff = NO_DEPTH;
      frames[top] = undefined;
      keys[top] = 0;
      frameResources[top] = undefined;
      steps[top] = undefined;
      keyHits[top] = false;
      top--;
    }
  }
  const found = walk.found;
  if (found !== undefined) {
    // Noted as frames closed (post-order), each object's keys last to first: reversed, that is the order of
    // TemplateKeys.
    found.expressionKeys.reverse();
    found.copies.reverse();
    scope.notedKeys = found;
  }
}

/** Notes the expression keys and (when its loops count) copy values of an object whose frame closes, last to first. */
function noteKeys(walk: Walk, node: JsonObject, loops: boolean): void {
  const found = (walk.found ??= { expressionKeys: [], copies: [] });
  const props = node.properties;
  for (let i = props.length - 1; i >= 0; i--) {
    const p = props[i]!;
    if (isExpressionString(p.key)) found.expressionKeys.push(p);
    if (loops && isCopyKey(p.key)) found.copies.push(p.value);
  }
}

/** `key.toLowerCase() === "copy"`, without lowercasing keys of another length (most of them). */
function isCopyKey(key: string): boolean {
  return key.length === 4 && sameIgnoringCase(key, "copy");
}

function addSite(
  node: JsonString,
  parent: PathStep | undefined,
  key: string | number,
  resource: ResourceDecl | undefined,
  scope: TemplateScope,
  model: TemplateModel,
  parses: Map<string, ParseResult>,
): void {
  // The parse is found again through `model.parsed`, which answers from `parses` (see ParseCacheByText).
  let parsed = parses.get(node.value);
  if (parsed === undefined) {
    parsed = parseExpression(node.value);
    parses.set(node.value, parsed);
  }
  // A successful parse is already in the site's result shape: share it.
  const result: ExpressionSite["result"] = parsed.ok ? parsed : { ok: false, message: parsed.error.message, start: parsed.error.start, end: parsed.error.end };
  model.expressions.push(new Site(node, scope, resource, parent, key, result));
}
