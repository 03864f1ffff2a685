// Config loading: find `armlint.config.json` (JSONC) upward from a file, validate it, load its plugins.
import { readFileSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { ParseError } from "jsonc-parser";
import { builtinRules } from "../../rules/index.js";
import type { ConfiguredSeverity, Rule } from "./types.js";
import { ConfigIssue, parseSeverity, ruleKey, validateConfigShape, validateRuleOptions, type RawConfig } from "./config-schema.js";
import { ignoreMatcher } from "./ignore.js";
import { errorMessage, loadPlugin } from "./plugins.js";
import { RegistryError, RuleRegistry } from "./registry.js";

export const CONFIG_FILE_NAME = "armlint.config.json";

/** A config that cannot be used; the message names the file and the key. The CLI exits 2. */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export interface RuleSetting {
  severity: ConfiguredSeverity;
  options: Readonly<Record<string, unknown>>;
}

/** `--rule id:severity` from the command line: applied on top of whatever config a file gets. */
export interface RuleOverride {
  id: string;
  severity: ConfiguredSeverity;
}

/** Everything needed to lint one file: the rules (with plugins), their settings, and what to ignore. */
export interface ResolvedConfig {
  /** The config file, or undefined for the defaults. */
  file: string | undefined;
  registry: RuleRegistry;
  /** Effective setting of every registered rule. */
  rules: ReadonlyMap<string, RuleSetting>;
  /** Whether an absolute file path matches the config's `ignorePatterns`. */
  isIgnored(file: string): boolean;
  /** `types`: the Bicep type data folder (absolute), when the config names one. */
  types?: string | undefined;
  /** `discoverParameterFiles` (default true): lint each template with the `<template>.parameters.json` beside it. */
  discoverParameterFiles?: boolean | undefined;
}

/** Where configs come from: discovered upward from each file, one named file, or none (defaults). */
export type ConfigSource = { kind: "discover" } | { kind: "file"; path: string } | { kind: "none" };

export interface ConfigOptions {
  source?: ConfigSource;
  overrides?: readonly RuleOverride[];
  /** Rules to use instead of armlint's built-ins (tests, embedders). */
  builtinRules?: readonly Rule[];
  /** Base for a relative `source.path`; defaults to `process.cwd()`. */
  cwd?: string;
}

/** The default config: built-in rules at their default severities, no plugins, nothing ignored. */
export function defaultConfig(options: Pick<ConfigOptions, "overrides" | "builtinRules"> = {}): ResolvedConfig {
  const registry = createRegistry(options.builtinRules);
  return finishConfig(undefined, registry, undefined, options.overrides ?? []);
}

/** Loads and validates one config file (plugins included); throws ConfigError naming the key. */
export async function loadConfigFile(
  file: string,
  options: Pick<ConfigOptions, "overrides" | "builtinRules"> = {},
): Promise<ResolvedConfig> {
  const raw = await readConfigFile(file);
  const registry = createRegistry(options.builtinRules);
  await registerPlugins(registry, raw.plugins, file);
  return finishConfig(file, registry, raw, options.overrides ?? []);
}

/** The nearest `armlint.config.json` at or above `dir`, or undefined. */
export function findConfigFile(dir: string): string | undefined {
  for (let current = resolve(dir); ; current = dirname(current)) {
    const candidate = join(current, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    if (dirname(current) === current) return undefined;
  }
}

/** Resolves the config of each linted file, loading every config file (and its plugins) once. */
export class ConfigResolver {
  readonly #options: ConfigOptions;
  readonly #byFile = new Map<string, Promise<ResolvedConfig>>();
  readonly #configOfDir = new Map<string, string | undefined>();
  #defaults: ResolvedConfig | undefined;

  constructor(options: ConfigOptions = {}) {
    this.#options = options;
  }

  /** The config that applies to a file (absolute path). */
  forFile(file: string): Promise<ResolvedConfig> {
    return this.forDirectory(dirname(file));
  }

  /** The config that applies to files in `dir`. */
  forDirectory(dir: string): Promise<ResolvedConfig> {
    const source = this.#options.source ?? { kind: "discover" };
    if (source.kind === "none") return Promise.resolve(this.#defaultConfig());
    const file = source.kind === "file" ? resolve(this.#options.cwd ?? process.cwd(), source.path) : this.#discover(dir);
    if (file === undefined) return Promise.resolve(this.#defaultConfig());
    let loaded = this.#byFile.get(file);
    if (loaded === undefined) {
      loaded = loadConfigFile(file, this.#options);
      this.#byFile.set(file, loaded);
    }
    return loaded;
  }

  #defaultConfig(): ResolvedConfig {
    return (this.#defaults ??= defaultConfig(this.#options));
  }

  #discover(dir: string): string | undefined {
    if (this.#configOfDir.has(dir)) return this.#configOfDir.get(dir);
    const candidate = join(dir, CONFIG_FILE_NAME);
    const parent = dirname(dir);
    const found = isFile(candidate) ? candidate : parent === dir ? undefined : this.#discover(parent);
    this.#configOfDir.set(dir, found);
    return found;
  }
}

function createRegistry(rules: readonly Rule[] | undefined): RuleRegistry {
  try {
    return RuleRegistry.withRules(rules ?? builtinRules);
  } catch (error) {
    throw new ConfigError(`Invalid built-in rules: ${errorMessage(error)}`);
  }
}

async function readConfigFile(file: string): Promise<RawConfig> {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new ConfigError(`Cannot read config file ${file}: ${errorMessage(error)}`);
  }
  const value = await parseConfigText(text, file);
  try {
    return validateConfigShape(value);
  } catch (error) {
    throw asConfigError(error, file);
  }
}

/** JSON with comments and trailing commas; jsonc-parser loads only when a config file exists (startup). */
async function parseConfigText(text: string, file: string): Promise<unknown> {
  const { parse: parseJsonc, printParseErrorCode } = await import("jsonc-parser");
  const body = text.replace(/^\uFEFF/, "");
  const errors: ParseError[] = [];
  const value: unknown = parseJsonc(body, errors, { allowTrailingComma: true });
  const first = errors[0];
  if (first === undefined) return value;
  const { line, column } = lineColumn(body, first.offset);
  throw new ConfigError(`Invalid config ${file}:${line}:${column}: ${printParseErrorCode(first.error)} (not valid JSON with comments)`);
}

async function registerPlugins(registry: RuleRegistry, plugins: readonly string[], file: string): Promise<void> {
  for (const [i, specifier] of plugins.entries()) {
    try {
      registry.registerPlugin(await loadPlugin(specifier, dirname(file)));
    } catch (error) {
      throw new ConfigError(`Invalid config ${file}: plugins[${i}] ("${specifier}"): ${errorMessage(error)}`);
    }
  }
}

function finishConfig(
  file: string | undefined,
  registry: RuleRegistry,
  raw: RawConfig | undefined,
  overrides: readonly RuleOverride[],
): ResolvedConfig {
  const rules = new Map<string, RuleSetting>();
  for (const rule of registry.rules()) rules.set(rule.meta.id, { severity: rule.meta.defaultSeverity, options: {} });
  try {
    if (raw !== undefined) applyConfiguredRules(rules, registry, raw);
  } catch (error) {
    throw asConfigError(error, file);
  }
  applyOverrides(rules, registry, overrides, file);
  const isIgnored = raw === undefined || file === undefined ? () => false : ignoreMatcher(raw.ignorePatterns, dirname(file));
  const types = raw?.types === undefined || file === undefined ? undefined : resolve(dirname(file), raw.types);
  return { file, registry, rules, isIgnored, types, discoverParameterFiles: raw?.discoverParameterFiles ?? true };
}

function applyConfiguredRules(rules: Map<string, RuleSetting>, registry: RuleRegistry, raw: RawConfig): void {
  for (const [id, setting] of raw.rules) {
    const rule = registry.get(id);
    if (rule === undefined) throw new ConfigIssue(ruleKey(id), unknownRuleText(id, registry));
    const options = setting.options ?? {};
    validateRuleOptions(options, rule.meta.schema, `${ruleKey(id)}[1]`);
    rules.set(id, { severity: setting.severity, options });
  }
}

function applyOverrides(
  rules: Map<string, RuleSetting>,
  registry: RuleRegistry,
  overrides: readonly RuleOverride[],
  file: string | undefined,
): void {
  for (const override of overrides) {
    const current = rules.get(override.id);
    if (current === undefined) {
      const where = file === undefined ? "with no config file" : `with config ${file}`;
      throw new ConfigError(`--rule "${override.id}": ${unknownRuleText(override.id, registry)} (${where})`);
    }
    try {
      rules.set(override.id, { severity: parseSeverity(override.severity, `--rule "${override.id}"`), options: current.options });
    } catch (error) {
      throw asConfigError(error, undefined);
    }
  }
}

function unknownRuleText(id: string, registry: RuleRegistry): string {
  const similar = registry.similarIds(id);
  const hint = similar.length > 0 ? ` (did you mean ${similar.map((s) => `"${s}"`).join(" or ")}?)` : "";
  const namespace = id.includes("/") ? id.slice(0, id.indexOf("/")) : undefined;
  const knownNamespace = namespace !== undefined && registry.hasNamespace(namespace);
  const pluginHint = namespace !== undefined && !knownNamespace && similar.length === 0 ? `; is the plugin for "${namespace}/" in "plugins"?` : "";
  return `unknown rule id "${id}"${hint}${pluginHint}; run "armlint rules" to list them`;
}

function asConfigError(error: unknown, file: string | undefined): ConfigError {
  if (error instanceof ConfigError) return error;
  const where = file === undefined ? "Invalid config" : `Invalid config ${file}`;
  if (error instanceof ConfigIssue || error instanceof RegistryError) return new ConfigError(`${where}: ${error.message}`);
  return new ConfigError(`${where}: ${errorMessage(error)}`);
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split(/\r\n|\r|\n/).length;
  const lastBreak = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return { line, column: offset - lastBreak };
}

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}
