// Checks one resource declaration against type data: resource type, API version, property names, values, read-only and required properties.
import type { JsonNode, JsonObject } from "../load/json.js";
import type { Span } from "../diagnostics.js";
import { ObjectValue, Unknown, RefValue, hasToken, type Value } from "../expressions/values.js";
import { OpenObject } from "../expressions/evaluate.js";
import { correctedValues, correctionFor, propertyCorrectionFor } from "./corrections.js";
import {
  BUILT_IN,
  FLAG,
  hasFlag,
  isArrayType,
  isBooleanType,
  isBuiltInType,
  isDiscriminatedObjectType,
  isIntegerType,
  isObjectType,
  isStringLiteralType,
  isStringType,
  isUnionType,
  namespaceOf,
  nearestApiVersions,
  apiVersionProblem,
  type BicepType,
  type DiscriminatedObjectType,
  type ObjectTypeProperty,
  type StringLiteralType,
  type TypeReference,
  type UnionType,
} from "./model.js";
import { similarWords } from "../text/suggest.js";
import type { ResolvedResourceType, TypeSource } from "./source.js";
import type { TypeSet } from "./set.js";

export type TypeFindingKind =
  | "unknown-resource-type"
  | "unknown-api-version"
  | "unknown-property"
  | "invalid-value"
  | "read-only-property"
  | "missing-required-property";

export interface TypeFinding {
  kind: TypeFindingKind;
  /** Where: a node's or a property key's span in `file`. */
  span: Span;
  file: string;
  message: string;
  /** At most this severity (open enums: warning). */
  severity?: "warning";
  data: Record<string, string>;
  /** Root parameters whose values (from a parameters file) the finding depends on. */
  parameters: string[];
}

/** What the checker needs to know about one resource declaration. */
export interface ResourceInput {
  /** Full resource type as declared. */
  type: string;
  typeNode: JsonNode | undefined;
  /** The API version when known exactly. */
  apiVersion: string | undefined;
  apiVersionNode: JsonNode | undefined;
  /** The resource's JSON object. */
  json: JsonObject;
  file: string;
  /** `existing`, or a condition known to be false: only the type and API version are checked. */
  deployed: boolean;
  /** The resource's own (last) name segment when known exactly, with the node that spells the name. */
  name: { value: string | undefined; node: JsonNode | undefined; parameters: string[] };
  /** Evaluates an expression string of this resource (its copy loop in force). */
  evaluate(node: JsonNode): { value: Value; parameters: string[] };
}

/** Template keys of a resource that are not part of the resource body the provider receives. */
const RESOURCE_KEYWORDS = new Set([
  "type",
  "apiversion",
  "name",
  "condition",
  "copy",
  "dependson",
  "comments",
  "resources",
  "scope",
  "existing",
  "metadata",
  "subscriptionid",
  "resourcegroup",
  "import",
  "asserts",
]);
/** Body properties the checker leaves to other rules (present in every resource's data). */
const IDENTITY_KEYS = new Set(["name", "type", "apiversion", "id"]);
const MAX_DEPTH = 64;
/** The parameters behind a template literal: none (one shared list, never changed). */
const NO_PARAMETERS: readonly string[] = [];

/** Checks one resource. Findings are in source order of discovery (the runner sorts them). */
export function checkResource(input: ResourceInput, types: TypeSet): TypeFinding[] {
  const out: TypeFinding[] = [];
  const type = input.type;
  if (type === "" || type.startsWith("[") || !type.includes("/")) return out;
  const label = (resolved: { type: string; apiVersion: string }) => `${resolved.type}@${resolved.apiVersion}`;
  const dir = types.directory;
  const ns = namespaceOf(type);
  const typeSpan = spanOf(input.typeNode ?? input.json);
  if (dir?.namespaces.has(ns) === true) {
    const known = dir.typesOf(ns).get(type.toLowerCase());
    const unknown = known === undefined ? unknownType(type, dir) : undefined;
    if (unknown !== undefined) {
      out.push({ kind: "unknown-resource-type", span: typeSpan, file: input.file, parameters: [], ...unknown });
      return out;
    }
    // A type a partial copy of the data lacks falls through to the embedded facts.
    const version = input.apiVersion;
    if (known !== undefined && version !== undefined && !known.versions.some((v) => v.toLowerCase() === version.toLowerCase())) {
      const problem = apiVersionProblem(version);
      if (problem !== undefined || dir.isComplete(ns)) {
        const nearest = nearestApiVersions(version, known.versions);
        const what = problem !== undefined ? `API version '${version}' ${problem}` : `API version '${version}' is not a known version of ${known.type} in ${dir.description}`;
        out.push({
          kind: "unknown-api-version",
          span: spanOf(input.apiVersionNode ?? input.json),
          file: input.file,
          message: `${what}; ${nearest.length > 0 ? `the nearest known ${nearest.length === 1 ? "version is" : "versions are"} ${nearest.join(" and ")}` : "no version is known"}. ARM rejects a version the provider does not offer: use a listed one.`,
          data: { type: known.type, apiVersion: version, nearest: nearest.join(",") },
          parameters: [],
        });
        return out;
      }
    }
  }
  if (input.apiVersion === undefined) return out;
  const resolved = types.resolve(type, input.apiVersion);
  if (resolved === undefined || !input.deployed) return out;
  const checker = new BodyChecker(input, resolved, out, label({ type: resolved.type, apiVersion: input.apiVersion }));
  checker.checkResourceBody();
  return out;
}

function unknownType(type: string, dir: TypeSource): { message: string; data: Record<string, string> } | undefined {
  const ns = namespaceOf(type);
  const known = [...dir.typesOf(ns).values()].map((k) => k.type);
  const depth = type.split("/").length;
  const near = similarWords(type, known.filter((k) => k.split("/").length === depth), 2).slice(0, 2);
  if (near.length === 0 && !dir.isComplete(ns)) return undefined;
  const hint = near.length > 0 ? `: did you mean ${near.map((n) => `'${n}'`).join(" or ")}?` : ` (the namespace ${known[0]?.split("/")[0] ?? ns} has ${known.length} known resource types).`;
  return {
    message: `Resource type '${type}' is not in ${dir.description}${hint} ARM rejects a resource type its provider does not define.`,
    data: { type, suggestions: near.join(",") },
  };
}

/** A value to check: a JSON node of the template, or a value an expression evaluated to (reported at `site`). */
type Item = { node: JsonNode; parameters: readonly string[] } | { value: Value; site: JsonNode; parameters: readonly string[] };

interface Entry {
  key: string;
  /** Span of the key (template literals) or of the value's expression; kept as numbers, made a span only for a finding. */
  keyOffset: number;
  keyLength: number;
  item: Item | undefined;
}

/** What an item is, once expressions are evaluated; `unknown` is never checked. */
type Shape =
  | { t: "unknown" }
  | { t: "null" }
  | { t: "string"; value: string }
  | { t: "number"; value: number }
  | { t: "bool"; value: boolean }
  | { t: "object"; entries: Entry[]; exact: boolean }
  | { t: "array"; items: Item[]; exact: boolean };

class BodyChecker {
  readonly #input: ResourceInput;
  readonly #resolved: ResolvedResourceType;
  readonly #out: TypeFinding[];
  readonly #label: string;
  readonly #closed: boolean;

  constructor(input: ResourceInput, resolved: ResolvedResourceType, out: TypeFinding[], label: string) {
    this.#input = input;
    this.#resolved = resolved;
    this.#out = out;
    this.#label = label;
    this.#closed = resolved.source.closed;
  }

  checkResourceBody(): void {
    const body = this.#resolved.body;
    if (!isObjectType(body)) return;
    const input = this.#input;
    // The name: its own last segment against the body's `name` type.
    const nameProp = findProperty(body.properties, "name");
    if (nameProp !== undefined && input.name.value !== undefined && input.name.node !== undefined) {
      const item: Item = { value: input.name.value, site: input.name.node, parameters: input.name.parameters };
      this.#check(item, nameProp.prop.type, ["name"], 0);
    }
    const entries: Entry[] = [];
    // Indexed loops on the per-resource paths: most of them run unoptimized, where `for...of` allocates an iterator and its results.
    const properties = input.json.properties;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
    for (let i = 0; i < properties.length; i++) {
      const p = properties[i]!;
      if (RESOURCE_KEYWORDS.has(p.key.toLowerCase())) continue;
      entries.push({ key: p.key, keyOffset: p.keyOffset, keyLength: p.keyLength, item: { node: p.value, parameters: NO_PARAMETERS } });
    }
    for (const { name, lower } of requiredBodyNames(body.properties)) {
      if (input.json.properties.some((p) => p.key.toLowerCase() === lower)) continue;
      this.#report("missing-required-property", spanOf(input.name.node ?? input.json), [], `${this.#label} requires the property '${name}': add it.`, { property: name });
    }
    this.#checkObjectEntries(entries, true, body.properties, body.additionalProperties, [], 0, IDENTITY_KEYS);
  }

  // ---- shapes ----

  #shape(item: Item): { shape: Shape; site: JsonNode; parameters: readonly string[] } {
    if ("node" in item) {
      const node = item.node;
      switch (node.type) {
        case "null":
          return { shape: { t: "null" }, site: node, parameters: item.parameters };
        case "number":
          return { shape: { t: "number", value: node.value }, site: node, parameters: item.parameters };
        case "boolean":
          return { shape: { t: "bool", value: node.value }, site: node, parameters: item.parameters };
        case "string": {
          if (isExpression(node.value)) {
            const evaluated = this.#input.evaluate(node);
            return { shape: valueShape(evaluated.value, node, evaluated.parameters), site: node, parameters: evaluated.parameters };
          }
          const value = node.value.startsWith("[[") ? node.value.slice(1) : node.value;
          return { shape: { t: "string", value }, site: node, parameters: item.parameters };
        }
        case "array":
          return { shape: { t: "array", items: node.items.map((n) => ({ node: n, parameters: item.parameters })), exact: true }, site: node, parameters: item.parameters };
        case "object": {
          const entries: Entry[] = [];
          let exact = true;
          // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
          for (let i = 0; i < node.properties.length; i++) {
            const p = node.properties[i]!;
            if (isExpression(p.key)) {
              exact = false;
              continue;
            }
            if (p.value.type === "array" && p.key.length === 4 && p.key.toLowerCase() === "copy") {
              // Property copy loops: each entry defines an array property whose items are not checked.
              for (const c of p.value.items) {
                const name = c.type === "object" ? c.properties.find((q) => q.key.toLowerCase() === "name")?.value : undefined;
                if (name?.type === "string" && !isExpression(name.value)) entries.push({ key: name.value, keyOffset: p.keyOffset, keyLength: p.keyLength, item: undefined });
                else exact = false;
              }
              continue;
            }
            entries.push({ key: p.key, keyOffset: p.keyOffset, keyLength: p.keyLength, item: { node: p.value, parameters: item.parameters } });
          }
          return { shape: { t: "object", entries, exact }, site: node, parameters: item.parameters };
        }
      }
    }
    const { value, site, parameters } = item;
    return { shape: valueShape(value, site, parameters), site, parameters };
  }

  /**
   * What `#shape` of an item does that anyone can see, for a type that reads no shape: the evaluation of an
   * expression string (the analysis's shared step budget and caches see every evaluation, so none is skipped).
   */
  #evaluateOnly(item: Item): void {
    if ("node" in item && item.node.type === "string" && isExpression(item.node.value)) this.#input.evaluate(item.node);
  }

  /** Whether `#check` of an item against `ref` at `depth` can only evaluate it (then does that); the path is not built. */
  #onlyEvaluated(item: Item, ref: TypeReference, depth: number): boolean {
    if (depth > MAX_DEPTH) return true;
    const type = this.#type(ref);
    if (type === undefined) return true;
    if (!checksNothing(type)) return false;
    this.#evaluateOnly(item);
    return true;
  }

  // ---- checks ----

  #type(ref: TypeReference): BicepType | undefined {
    return this.#resolved.lookup(ref);
  }

  /** `optional`: the value fills a property that is not required (an empty string there counts as not set). */
  #check(item: Item, ref: TypeReference, path: string[], depth: number, optional = false): void {
    if (depth > MAX_DEPTH) return;
    const type = this.#type(ref);
    if (type === undefined) return;
    if (checksNothing(type)) {
      this.#evaluateOnly(item);
      return;
    }
    const { shape, site, parameters } = this.#shape(item);
    if (optional && shape.t === "string" && shape.value === "") return;
    this.#checkShape(shape, site, parameters, type, path, depth);
  }

  #checkShape(shape: Shape, site: JsonNode, parameters: readonly string[], type: BicepType, path: string[], depth: number): void {
    if (shape.t === "unknown" || shape.t === "null") return;
    if (isUnionType(type)) {
      this.#checkUnion(shape, site, parameters, type, path, depth);
      return;
    }
    if (isStringLiteralType(type)) {
      this.#checkEnum(shape, site, parameters, literalPlan(type), path);
      return;
    }
    if (isStringType(type)) {
      if (shape.t === "string") this.#checkString(shape.value, site, parameters, type, path);
      else if (shape.t === "object" || shape.t === "array") this.#mismatch(site, parameters, path, "a string", shape.t);
      return;
    }
    if (isIntegerType(type)) {
      if (shape.t === "number") this.#checkInteger(shape.value, site, parameters, type.minValue, type.maxValue, path);
      else if (shape.t === "object" || shape.t === "array" || (shape.t === "string" && !/^-?\d+$/.test(shape.value.trim()))) this.#mismatch(site, parameters, path, "an integer", shape.t);
      return;
    }
    if (isBooleanType(type)) {
      if (shape.t === "object" || shape.t === "array" || shape.t === "number" || (shape.t === "string" && !/^(true|false)$/i.test(shape.value.trim()))) {
        this.#mismatch(site, parameters, path, "true or false", shape.t);
      }
      return;
    }
    if (isArrayType(type)) {
      if (shape.t === "array") {
        const n = shape.items.length;
        if (shape.exact && type.minLength !== undefined && n < type.minLength) this.#invalid(site, parameters, path, `has ${n} items; at least ${type.minLength} are required`);
        if (shape.exact && type.maxLength !== undefined && n > type.maxLength) this.#invalid(site, parameters, path, `has ${n} items; at most ${type.maxLength} are allowed`);
        for (let i = 0; i < shape.items.length; i++) {
          const it = shape.items[i]!;
          if (!this.#onlyEvaluated(it, type.itemType, depth + 1)) this.#check(it, type.itemType, [...path, `[${"node" in it ? String(i) : "*"}]`], depth + 1);
        }
      } else if (shape.t !== "string" || !isExpressionLike(shape.value)) {
        this.#mismatch(site, parameters, path, "an array", shape.t);
      }
      return;
    }
    if (isObjectType(type)) {
      if (shape.t === "object") this.#checkObjectEntries(shape.entries, shape.exact, type.properties, type.additionalProperties, path, depth, undefined, site);
      else this.#mismatch(site, parameters, path, "an object", shape.t);
      return;
    }
    if (isDiscriminatedObjectType(type)) {
      if (shape.t !== "object") {
        this.#mismatch(site, parameters, path, "an object", shape.t);
        return;
      }
      this.#checkDiscriminated(shape, site, type, path, depth);
      return;
    }
    if (isBuiltInType(type)) {
      const kind = type.kind as number;
      if (kind === BUILT_IN.string && (shape.t === "object" || shape.t === "array")) this.#mismatch(site, parameters, path, "a string", shape.t);
      if (kind === BUILT_IN.object && shape.t !== "object") this.#mismatch(site, parameters, path, "an object", shape.t);
      if (kind === BUILT_IN.array && shape.t !== "array") this.#mismatch(site, parameters, path, "an array", shape.t);
    }
    // Any, null, resource and function types: nothing to check.
  }

  #checkObjectEntries(
    entries: readonly Entry[],
    exact: boolean,
    properties: Record<string, ObjectTypeProperty>,
    additional: TypeReference | undefined,
    path: string[],
    depth: number,
    skip?: ReadonlySet<string>,
    site?: JsonNode,
    allowUnknown?: ReadonlySet<string> | "any",
  ): void {
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const key = entry.key;
      if (skip?.has(key.toLowerCase())) continue;
      const found = findProperty(properties, key);
      if (found === undefined) {
        if (additional !== undefined) {
          // The path is built only for a value that is checked (open objects take anything: most values are not).
          if (entry.item !== undefined && !this.#onlyEvaluated(entry.item, additional, depth + 1)) this.#check(entry.item, additional, [...path, key], depth + 1, true);
          continue;
        }
        if (allowUnknown === "any" || allowUnknown?.has(key.toLowerCase()) === true) continue;
        if (propertyCorrectionFor(this.#resolved.type, path, key) !== undefined) continue;
        if (this.#closed) {
          const sub = [...path, key];
          const near = similarWords(key, Object.keys(properties));
          const hint = near.length > 0 ? `: did you mean ${near.slice(0, 2).map((n) => `'${n}'`).join(" or ")}?` : ".";
          const params = entry.item?.parameters ?? [];
          this.#report(
            "unknown-property",
            keySpanOf(entry),
            params,
            `Property '${dotted(sub)}' is not defined for ${this.#label}${hint} The provider ignores or rejects properties it does not define.`,
            { property: dotted(sub), suggestions: near.join(",") },
          );
        }
        continue;
      }
      const prop = found.prop;
      if (this.#closed && hasFlag(prop, FLAG.readOnly) && !hasFlag(prop, FLAG.required) && entry.item !== undefined && !isNullItem(entry.item)) {
        const sub = [...path, found.name];
        this.#report(
          "read-only-property",
          keySpanOf(entry),
          entry.item.parameters,
          `Property '${dotted(sub)}' of ${this.#label} is read-only: the provider sets it and does not take it from the template. Remove it.`,
          { property: dotted(sub) },
        );
        continue;
      }
      if (entry.item !== undefined && !this.#onlyEvaluated(entry.item, prop.type, depth + 1)) {
        this.#check(entry.item, prop.type, [...path, found.name], depth + 1, !hasFlag(prop, FLAG.required));
      }
    }
    if (!exact || site === undefined) return;
    const required = requiredNames(properties);
    if (required.length === 0) return;
    const present = new Set(entries.map((e) => e.key.toLowerCase()));
    for (const name of required) {
      if (present.has(name.toLowerCase()) || skip?.has(name.toLowerCase())) continue;
      this.#report("missing-required-property", spanOf(site), [], `${this.#label} requires the property '${dotted([...path, name])}': add it.`, {
        property: dotted([...path, name]),
      });
    }
  }

  #checkDiscriminated(shape: Extract<Shape, { t: "object" }>, site: JsonNode, type: DiscriminatedObjectType, path: string[], depth: number): void {
    const { discriminator, baseProperties: base, elements } = type;
    const plan = this.#discriminatedPlan(type);
    const entry = shape.entries.find((e) => e.key.toLowerCase() === plan.lowerDiscriminator);
    const allElementKeys = plan.allElementKeys;
    const withoutDiscriminator = (entries: readonly Entry[]) => entries.filter((e) => e !== entry);
    if (entry === undefined) {
      if (shape.exact) {
        const names = this.#discriminatorValues(elements, [...path, discriminator]);
        this.#report("missing-required-property", spanOf(site), [], `${this.#label} requires the property '${dotted([...path, discriminator])}' (one of ${list(names)}): add it.`, {
          property: dotted([...path, discriminator]),
        });
      }
      this.#checkObjectEntries(shape.entries, false, base, undefined, path, depth, undefined, site, allElementKeys);
      return;
    }
    const value = entry.item === undefined ? { shape: { t: "unknown" } as Shape, site, parameters: [] } : this.#shape(entry.item);
    if (value.shape.t !== "string") {
      this.#checkObjectEntries(withoutDiscriminator(shape.entries), false, base, undefined, path, depth, undefined, site, allElementKeys);
      return;
    }
    const merged = plan.merged.get(value.shape.value.toLowerCase());
    if (merged !== undefined) {
      this.#checkObjectEntries(shape.entries, shape.exact, merged, undefined, path, depth, plan.skip, site);
      return;
    }
    const discPath = [...path, discriminator];
    if (correctionFor(this.#resolved.type, this.#resolved.apiVersion, discPath, value.shape.value) === undefined) {
      const names = this.#discriminatorValues(elements, discPath);
      const near = similarWords(value.shape.value, names);
      const hint = near.length > 0 ? ` Did you mean '${near[0]!}'?` : "";
      this.#report(
        "invalid-value",
        spanOf(value.site),
        value.parameters,
        `'${dotted(discPath)}' is '${value.shape.value}', which ${this.#label} does not accept; allowed: ${list(names)}.${hint}`,
        { property: dotted(discPath), value: value.shape.value, allowed: names.join(",") },
      );
    }
    // An unlisted (or corrected) kind: only the common properties are known.
    this.#checkObjectEntries(withoutDiscriminator(shape.entries), false, base, undefined, path, depth, undefined, site, "any");
  }

  /** The tables of a discriminated type, worked out once per type of the data (its references are to its own type file). */
  #discriminatedPlan(type: DiscriminatedObjectType): DiscriminatedPlan {
    let plan = discriminatedPlans.get(type);
    if (plan === undefined) {
      const elementProps = (ref: TypeReference): Record<string, ObjectTypeProperty> => {
        const t = this.#type(ref);
        return t !== undefined && isObjectType(t) ? t.properties : {};
      };
      const allElementKeys = new Set<string>();
      for (const ref of Object.values(type.elements)) for (const k of Object.keys(elementProps(ref))) allElementKeys.add(k.toLowerCase());
      const merged = new Map<string, Record<string, ObjectTypeProperty>>();
      for (const [k, ref] of Object.entries(type.elements)) {
        // The first element in table order whose value matches, as a scan would find it.
        const lower = k.toLowerCase();
        if (!merged.has(lower)) merged.set(lower, { ...type.baseProperties, ...elementProps(ref) });
      }
      const lowerDiscriminator = type.discriminator.toLowerCase();
      plan = { lowerDiscriminator, allElementKeys, merged, skip: new Set([lowerDiscriminator]) };
      discriminatedPlans.set(type, plan);
    }
    return plan;
  }

  #discriminatorValues(elements: Record<string, TypeReference>, path: readonly string[]): string[] {
    const names = Object.keys(elements);
    for (const extra of correctedValues(this.#resolved.type, this.#resolved.apiVersion, path)) if (!names.includes(extra)) names.push(extra);
    return names;
  }

  #checkUnion(shape: Shape, site: JsonNode, parameters: readonly string[], union: UnionType, path: string[], depth: number): void {
    const plan = this.#unionPlan(union);
    if (plan.kind === "enum") this.#checkEnum(shape, site, parameters, plan.values, path);
    else if (plan.kind === "one") this.#checkShape(shape, site, parameters, plan.type, path, depth);
    // Other unions (objects of several shapes, mixed kinds): too loose to call a value wrong.
  }

  /** How a union is checked; worked out once per union of the type data (its references are to its own type file). */
  #unionPlan(union: UnionType): UnionPlan {
    let plan = unionPlans.get(union);
    if (plan === undefined) {
      const types = union.elements.map((e) => this.#type(e)).filter((t): t is BicepType => t !== undefined && (t.type as string) !== "NullType");
      if (types.length === 0) plan = { kind: "none" };
      else if (types.every((t) => isStringLiteralType(t) || isStringType(t))) {
        plan = { kind: "enum", values: enumValues(types.filter(isStringLiteralType).map((t) => t.value), types.some(isStringType)) };
      } else if (types.length === 1) plan = { kind: "one", type: types[0]! };
      else plan = { kind: "none" };
      unionPlans.set(union, plan);
    }
    return plan;
  }

  #checkEnum(shape: Shape, site: JsonNode, parameters: readonly string[], values: EnumValues, path: string[]): void {
    if (shape.t === "object" || shape.t === "array") {
      this.#mismatch(site, parameters, path, "a string", shape.t);
      return;
    }
    if (shape.t !== "string") return;
    const { literals, open } = values;
    const value = shape.value;
    if (values.normalized.has(normalizeEnum(value))) return;
    if (correctionFor(this.#resolved.type, this.#resolved.apiVersion, path, value) !== undefined) return;
    const near = similarWords(value, literals);
    if (open) {
      // Any string is accepted: only a near miss of a known value is worth a warning.
      if (near.length === 0) return;
      this.#report(
        "invalid-value",
        spanOf(site),
        parameters,
        `'${dotted(path)}' is '${value}', which is not a value ${this.#label} knows: did you mean '${near[0]!}'? Other values are accepted, but a misspelt one is not recognized.`,
        { property: dotted(path), value, suggestions: near.join(",") },
        "warning",
      );
      return;
    }
    const hint = near.length > 0 ? ` Did you mean '${near[0]!}'?` : "";
    this.#report(
      "invalid-value",
      spanOf(site),
      parameters,
      `'${dotted(path)}' is '${value}', which ${this.#label} does not accept; allowed: ${list(literals)}.${hint}`,
      { property: dotted(path), value, allowed: literals.join(",") },
    );
  }

  #checkString(value: string, site: JsonNode, parameters: readonly string[], type: { minLength?: number; maxLength?: number; pattern?: string }, path: string[]): void {
    const n = codePoints(value);
    if (type.minLength !== undefined && n < type.minLength) {
      this.#invalid(site, parameters, path, `'${value}' has ${n} characters; at least ${type.minLength} are required`);
      return;
    }
    if (type.maxLength !== undefined && n > type.maxLength) {
      this.#invalid(site, parameters, path, `'${truncate(value)}' has ${n} characters; at most ${type.maxLength} are allowed`);
      return;
    }
    if (type.pattern !== undefined) {
      const re = compilePattern(type.pattern);
      if (re !== undefined && !re.test(value)) {
        const limits = lengthLimitsOf(type.pattern);
        const detail = limits !== undefined && (n < limits.min || n > limits.max) ? ` (${n} characters; ${limits.min} to ${limits.max} are allowed)` : "";
        this.#invalid(site, parameters, path, `'${truncate(value)}' does not match the pattern ${type.pattern}${detail}`, { pattern: type.pattern, property: dotted(path) });
      }
    }
  }

  #checkInteger(value: number, site: JsonNode, parameters: readonly string[], min: number | undefined, max: number | undefined, path: string[]): void {
    if (!Number.isInteger(value)) this.#invalid(site, parameters, path, `${value} is not a whole number`);
    else if (min !== undefined && value < min) this.#invalid(site, parameters, path, `${value} is below the minimum ${min}`);
    else if (max !== undefined && value > max) this.#invalid(site, parameters, path, `${value} is above the maximum ${max}`);
  }

  #mismatch(site: JsonNode, parameters: readonly string[], path: string[], expected: string, got: Shape["t"]): void {
    const kind = got === "object" ? "an object" : got === "array" ? "an array" : got === "bool" ? "a boolean" : got === "number" ? "a number" : got === "string" ? "a string" : got;
    this.#invalid(site, parameters, path, `must be ${expected}, not ${kind}`);
  }

  #invalid(site: JsonNode, parameters: readonly string[], path: string[], problem: string, extra: Record<string, string> = {}): void {
    this.#report("invalid-value", spanOf(site), parameters, `'${dotted(path)}' of ${this.#label}: ${problem}.`, { property: dotted(path), ...extra });
  }

  #report(kind: TypeFindingKind, span: Span, parameters: readonly string[], message: string, data: Record<string, string>, severity?: "warning"): void {
    const finding: TypeFinding = {
      kind,
      span,
      file: this.#input.file,
      message,
      data: { type: this.#resolved.type, apiVersion: this.#resolved.apiVersion, source: this.#resolved.source.kind, ...data },
      parameters: [...new Set(parameters)],
    };
    if (severity !== undefined) finding.severity = severity;
    this.#out.push(finding);
  }
}

/** A property by its exact name, else by its lowercased name (the first in table order). */
function findProperty(properties: Record<string, ObjectTypeProperty>, key: string): FoundProperty | undefined {
  const index = propertyIndex(properties);
  return index.exact.get(key) ?? index.lower.get(key.toLowerCase());
}

/** The accepted values of an enum (a union of string literals, open when it also takes any string), with their normalized forms. */
interface EnumValues {
  literals: readonly string[];
  open: boolean;
  normalized: ReadonlySet<string>;
}

type UnionPlan = { kind: "enum"; values: EnumValues } | { kind: "one"; type: BicepType } | { kind: "none" };

/** A discriminated object type's tables: element keys, and base and element properties merged by lowercased discriminator value. */
interface DiscriminatedPlan {
  lowerDiscriminator: string;
  allElementKeys: ReadonlySet<string>;
  merged: ReadonlyMap<string, Record<string, ObjectTypeProperty>>;
  /** The discriminator, skipped when the entries are checked against a chosen element. */
  skip: ReadonlySet<string>;
}

const discriminatedPlans = new WeakMap<DiscriminatedObjectType, DiscriminatedPlan>();
const unionPlans = new WeakMap<UnionType, UnionPlan>();
const literalPlans = new WeakMap<StringLiteralType, EnumValues>();

function enumValues(literals: readonly string[], open: boolean): EnumValues {
  return { literals, open, normalized: new Set(literals.map(normalizeEnum)) };
}

/** A string literal type as a closed enum of one value (once per literal type of the data). */
function literalPlan(type: StringLiteralType): EnumValues {
  let plan = literalPlans.get(type);
  if (plan === undefined) literalPlans.set(type, (plan = enumValues([type.value], false)));
  return plan;
}

/**
 * Whether `#checkShape` does nothing for this type whatever the value (any, null, resource and function types,
 * the built-in kinds it does not test): a value meant for one is never shaped.
 */
function checksNothing(type: BicepType): boolean {
  if (isUnionType(type) || isStringLiteralType(type) || isStringType(type) || isIntegerType(type) || isBooleanType(type)) return false;
  if (isArrayType(type) || isObjectType(type) || isDiscriminatedObjectType(type)) return false;
  if (isBuiltInType(type)) {
    const kind = type.kind as number;
    return kind !== BUILT_IN.string && kind !== BUILT_IN.object && kind !== BUILT_IN.array;
  }
  return true;
}

const requiredBodyIndex = new WeakMap<Record<string, ObjectTypeProperty>, { name: string; lower: string }[]>();

/** Required properties of a resource body other than its identity keys, in table order (computed once per table). */
function requiredBodyNames(properties: Record<string, ObjectTypeProperty>): { name: string; lower: string }[] {
  let names = requiredBodyIndex.get(properties);
  if (names === undefined) {
    names = Object.entries(properties)
      .filter(([name, prop]) => hasFlag(prop, FLAG.required) && !IDENTITY_KEYS.has(name.toLowerCase()))
      .map(([name]) => ({ name, lower: name.toLowerCase() }));
    requiredBodyIndex.set(properties, names);
  }
  return names;
}

const requiredIndex = new WeakMap<Record<string, ObjectTypeProperty>, string[]>();

/** Names of the required, writable properties of a table, in table order (computed once per table). */
function requiredNames(properties: Record<string, ObjectTypeProperty>): string[] {
  let names = requiredIndex.get(properties);
  if (names === undefined) {
    names = Object.entries(properties)
      .filter(([, prop]) => hasFlag(prop, FLAG.required) && !hasFlag(prop, FLAG.readOnly))
      .map(([name]) => name);
    requiredIndex.set(properties, names);
  }
  return names;
}

interface FoundProperty {
  name: string;
  prop: ObjectTypeProperty;
}

/** The type data's property tables are shared by every resource of a type: each is indexed once, its lookups made once. */
const propertyIndexes = new WeakMap<Record<string, ObjectTypeProperty>, { exact: Map<string, FoundProperty>; lower: Map<string, FoundProperty> }>();

/** Properties by name (own, defined) and by lowercased name (the first in table order wins, as a scan would find it). */
function propertyIndex(properties: Record<string, ObjectTypeProperty>): { exact: Map<string, FoundProperty>; lower: Map<string, FoundProperty> } {
  let index = propertyIndexes.get(properties);
  if (index === undefined) {
    index = { exact: new Map(), lower: new Map() };
    for (const [name, prop] of Object.entries(properties)) {
      const found = { name, prop };
      if ((prop as ObjectTypeProperty | undefined) !== undefined) index.exact.set(name, found);
      const lower = name.toLowerCase();
      if (!index.lower.has(lower)) index.lower.set(lower, found);
    }
    propertyIndexes.set(properties, index);
  }
  return index;
}

function valueShape(value: Value, site: JsonNode, parameters: readonly string[]): Shape {
  if (value === null) return { t: "null" };
  if (typeof value === "string") return hasToken(value) ? { t: "unknown" } : { t: "string", value };
  if (typeof value === "number") return { t: "number", value };
  if (typeof value === "boolean") return { t: "bool", value };
  if (value instanceof Unknown || value instanceof RefValue) return { t: "unknown" };
  if (Array.isArray(value)) return { t: "array", items: value.map((v) => ({ value: v, site, parameters })), exact: true };
  if (value instanceof ObjectValue) {
    const entries: Entry[] = [];
    for (const { key, value: v } of value.entries.values()) entries.push({ key, keyOffset: site.offset, keyLength: site.length, item: { value: v, site, parameters } });
    return { t: "object", entries, exact: !(value instanceof OpenObject) };
  }
  return { t: "unknown" };
}

function isNullItem(item: Item): boolean {
  return "node" in item ? item.node.type === "null" : item.value === null;
}

/** A string ARM evaluates as an expression: `[...]` but not `[[...`. */
function isExpression(s: string): boolean {
  return s.startsWith("[") && !s.startsWith("[[") && s.trimEnd().endsWith("]");
}

function isExpressionLike(s: string): boolean {
  return s.startsWith("[");
}

/** Enum values compare case-insensitively, with spaces around commas ignored (`SystemAssigned,UserAssigned`). */
function normalizeEnum(s: string): string {
  // split + trim, not /\s*,\s*/g: that pattern backtracks over long runs of spaces (the value is template text).
  return s
    .toLowerCase()
    .split(",")
    .map((part) => part.trim())
    .join(",")
    .trim();
}

const patternCache = new Map<string, RegExp | null>();

/** The data's patterns are .NET regular expressions; those JavaScript cannot compile are not checked. */
function compilePattern(pattern: string): RegExp | undefined {
  let re = patternCache.get(pattern);
  if (re === undefined) {
    try {
      re = new RegExp(pattern);
    } catch {
      re = null;
    }
    patternCache.set(pattern, re);
  }
  return re ?? undefined;
}

/** `^[x][y]{a,b}$` patterns imply a length of 1+a to 1+b: said in messages ("a connection name over 33 characters"). */
function lengthLimitsOf(pattern: string): { min: number; max: number } | undefined {
  const m = /^\^\[[^\]]+\]\[[^\]]+\]\{(\d+),(\d+)\}\$$/.exec(pattern);
  return m ? { min: Number(m[1]) + 1, max: Number(m[2]) + 1 } : undefined;
}

/** Length in Unicode code points (as the service counts characters). */
export function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 >= s.length) n++;
    else {
      const d = s.charCodeAt(i + 1);
      n++;
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
  }
  return n;
}

function keySpanOf(entry: Entry): Span {
  return { offset: entry.keyOffset, length: entry.keyLength };
}

function spanOf(node: JsonNode | JsonObject): Span {
  return { offset: node.offset, length: node.length };
}

function dotted(path: readonly string[]): string {
  let out = "";
  for (const p of path) out += p.startsWith("[") ? p : out === "" ? p : `.${p}`;
  return out;
}

function list(values: readonly string[]): string {
  return values.length > 16 ? `${values.slice(0, 16).join(", ")}, … (${values.length} values)` : values.join(", ");
}

function truncate(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}
