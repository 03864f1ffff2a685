// Rule registry: the built-in rules plus plugin rules, each under a unique (plugin-namespaced) id.
import type { ConfiguredSeverity, Rule, RuleContext, RuleMeta, RuleType } from "./types.js";

/** A rule definition or plugin that cannot be registered; the message names what is wrong. */
export class RegistryError extends Error {
  override name = "RegistryError";
}

export interface RuleEntry {
  rule: Rule;
  /** The plugin namespace that contributed the rule; undefined for built-ins. */
  plugin: string | undefined;
}

/** Namespaces plugins may not use: they belong to armlint's own diagnostics and built-in rules. */
const RESERVED_NAMESPACES = new Set(["armlint", "arm", "foundry", "types", "params"]);
const NAMESPACE_PATTERN = /^[a-z0-9][a-z0-9._-]*$/i;
const RULE_TYPES: readonly RuleType[] = ["problem", "suggestion", "layout"];
const SEVERITIES: readonly ConfiguredSeverity[] = ["off", "info", "warning", "error"];

export class RuleRegistry {
  readonly #entries = new Map<string, RuleEntry>();
  /** The entries sorted by id, kept until the next registration (the runner asks once per file). */
  #sorted: RuleEntry[] | undefined;
  #sortedRules: readonly Rule[] | undefined;

  /** A registry holding the given built-in rules (validated, ids unique). */
  static withRules(rules: readonly Rule[]): RuleRegistry {
    const registry = new RuleRegistry();
    for (const rule of rules) registry.register(checkRule(rule, `built-in rule ${describeId(rule)}`), undefined);
    return registry;
  }

  /** Adds a rule; throws RegistryError when its id is taken. */
  register(rule: Rule, plugin: string | undefined): void {
    const id = rule.meta.id;
    const existing = this.#entries.get(id);
    if (existing !== undefined) {
      const owner = existing.plugin === undefined ? "a built-in rule" : `plugin "${existing.plugin}"`;
      throw new RegistryError(`Rule id "${id}" is already registered by ${owner}.`);
    }
    this.#entries.set(id, { rule, plugin });
    this.#sorted = undefined;
    this.#sortedRules = undefined;
  }

  /** Adds every rule of a plugin under its namespace. */
  registerPlugin(plugin: PluginDefinition): void {
    if (RESERVED_NAMESPACES.has(plugin.namespace.toLowerCase()) || this.hasNamespace(plugin.namespace)) {
      throw new RegistryError(`Plugin namespace "${plugin.namespace}" is reserved or already in use.`);
    }
    for (const rule of plugin.rules) this.register(rule, plugin.namespace);
  }

  get(id: string): Rule | undefined {
    return this.#entries.get(id)?.rule;
  }

  has(id: string): boolean {
    return this.#entries.has(id);
  }

  /** All entries, sorted by rule id. */
  entries(): RuleEntry[] {
    return [...this.#sortedEntries()];
  }

  /** All rules, sorted by id: one shared array, kept until the next registration (the runner reads it per file). */
  rules(): readonly Rule[] {
    return (this.#sortedRules ??= this.#sortedEntries().map((entry) => entry.rule));
  }

  #sortedEntries(): RuleEntry[] {
    return (this.#sorted ??= [...this.#entries.values()].sort((a, b) => compareStrings(a.rule.meta.id, b.rule.meta.id)));
  }

  /** Registered ids close to `id` (for "did you mean" hints). */
  similarIds(id: string): string[] {
    const lower = id.toLowerCase();
    const tail = lower.slice(lower.lastIndexOf("/") + 1);
    return [...this.#entries.keys()].filter((candidate) => {
      const c = candidate.toLowerCase();
      return c === lower || c.endsWith(`/${tail}`);
    });
  }

  /** Whether any registered rule id starts with `namespace/`. */
  hasNamespace(namespace: string): boolean {
    const prefix = `${namespace}/`;
    for (const id of this.#entries.keys()) if (id.startsWith(prefix)) return true;
    return false;
  }
}

export interface PluginDefinition {
  namespace: string;
  rules: Rule[];
}

/**
 * Reads a plugin module: `{ namespace | name, rules }` (or the same as its default export), where
 * `rules` is an array of rules or a record name → rule. Rule ids get the `namespace/` prefix.
 */
export function readPlugin(moduleValue: unknown, specifier: string): PluginDefinition {
  const plugin = pluginObject(moduleValue);
  if (plugin === undefined) {
    throw new RegistryError(`Plugin "${specifier}" exports no "rules" (expected an array of rules or a record of rules).`);
  }
  const namespace = pluginNamespace(plugin, specifier);
  const list = ruleList(plugin.rules, specifier);
  return { namespace, rules: list.map(([key, rule]) => namespacedRule(rule, key, namespace, specifier)) };
}

function pluginObject(moduleValue: unknown): Record<string, unknown> | undefined {
  if (!isRecord(moduleValue)) return undefined;
  if ("rules" in moduleValue) return moduleValue;
  const fallback = moduleValue.default;
  return isRecord(fallback) && "rules" in fallback ? fallback : undefined;
}

function pluginNamespace(plugin: Record<string, unknown>, specifier: string): string {
  const declared = plugin.namespace ?? plugin.name;
  const namespace = typeof declared === "string" ? declared : namespaceFromSpecifier(specifier);
  if (!NAMESPACE_PATTERN.test(namespace)) {
    throw new RegistryError(
      `Plugin "${specifier}" has namespace "${namespace}": use letters, digits, ".", "_" and "-" only (export "namespace").`,
    );
  }
  return namespace;
}

/** `armlint-plugin-foo` → `foo`, `@acme/armlint-plugin` → `acme`, `./plugins/bar.js` → `bar`. */
export function namespaceFromSpecifier(specifier: string): string {
  const scoped = /^@([^/]+)\/(.+)$/.exec(specifier);
  if (scoped !== null) {
    const rest = scoped[2]!.replace(/^armlint-plugin-?/, "");
    return rest === "" ? scoped[1]! : `${scoped[1]!}-${rest}`;
  }
  const base = specifier.split(/[\\/]/).filter((part) => part !== "" && part !== "index.js").pop() ?? specifier;
  return base.replace(/\.[cm]?js$/, "").replace(/^armlint-plugin-/, "");
}

function ruleList(rules: unknown, specifier: string): [string | undefined, unknown][] {
  if (Array.isArray(rules)) return rules.map((rule): [string | undefined, unknown] => [undefined, rule]);
  if (isRecord(rules)) return Object.entries(rules);
  throw new RegistryError(`Plugin "${specifier}": "rules" must be an array of rules or a record of rules.`);
}

function namespacedRule(value: unknown, key: string | undefined, namespace: string, specifier: string): Rule {
  const where = `plugin "${specifier}" rule ${key === undefined ? describeId(value) : `"${key}"`}`;
  const metaId = isRecord(value) && isRecord(value.meta) ? value.meta.id : undefined;
  const localId = typeof metaId === "string" ? metaId : key;
  if (localId === undefined || localId === "") throw new RegistryError(`${where}: meta.id is missing.`);
  const id = prefixed(localId, namespace, where);
  return checkRule(value, where, id);
}

function prefixed(localId: string, namespace: string, where: string): string {
  if (localId.startsWith(`${namespace}/`)) return localId;
  if (localId.includes("/")) {
    throw new RegistryError(`${where}: id "${localId}" must be "${namespace}/<name>" or a plain "<name>".`);
  }
  return `${namespace}/${localId}`;
}

/** Validates a rule's shape and returns it with a complete `meta` (id overridden when given). */
export function checkRule(value: unknown, where: string, id?: string): Rule {
  if (!isRecord(value) || !isRecord(value.meta)) throw new RegistryError(`${where}: a rule needs "meta" and "check".`);
  const check = value.check;
  if (typeof check !== "function") throw new RegistryError(`${where}: "check" must be a function.`);
  const meta = checkMeta(value.meta, where, id);
  if (id === undefined && (meta as unknown) === value.meta) return value as unknown as Rule;
  return {
    meta,
    check: (context: RuleContext): void => {
      Reflect.apply(check, value, [context]);
    },
  };
}

function checkMeta(meta: Record<string, unknown>, where: string, id: string | undefined): RuleMeta {
  const finalId = id ?? meta.id;
  if (typeof finalId !== "string" || finalId === "") throw new RegistryError(`${where}: meta.id must be a non-empty string.`);
  expectType(meta.description, "string", `${where}: meta.description`);
  expectOneOf(meta.type, RULE_TYPES, `${where}: meta.type`);
  expectOneOf(meta.defaultSeverity, SEVERITIES, `${where}: meta.defaultSeverity`);
  if (meta.docsUrl !== undefined) expectType(meta.docsUrl, "string", `${where}: meta.docsUrl`);
  if (meta.schema !== undefined && !isRecord(meta.schema)) throw new RegistryError(`${where}: meta.schema must be an object.`);
  const complete = finalId === meta.id && typeof meta.docsUrl === "string";
  if (complete) return meta as unknown as RuleMeta;
  return { ...(meta as unknown as RuleMeta), id: finalId, docsUrl: typeof meta.docsUrl === "string" ? meta.docsUrl : "" };
}

function expectType(value: unknown, type: "string", what: string): void {
  if (typeof value !== type) throw new RegistryError(`${what} must be a ${type}.`);
}

function expectOneOf(value: unknown, allowed: readonly string[], what: string): void {
  if (typeof value !== "string" || !allowed.includes(value)) {
    throw new RegistryError(`${what} must be one of ${allowed.map((a) => `"${a}"`).join(", ")} (got ${showValue(value)}).`);
  }
}

function describeId(value: unknown): string {
  const id = isRecord(value) && isRecord(value.meta) ? value.meta.id : undefined;
  return typeof id === "string" ? `"${id}"` : "(no id)";
}

/** A value as JSON for messages (`undefined` and functions shown by name). */
export function showValue(value: unknown): string {
  const json = JSON.stringify(value) as string | undefined;
  return json ?? String(value);
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Code-unit order: deterministic, locale-independent. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
