// Config file validation: checks the shape of `armlint.config.json` and rule options, naming the bad key.
import type { ConfiguredSeverity, RuleOptionSchema } from "./types.js";
import { isRecord, showValue } from "./registry.js";

export const SEVERITIES: readonly ConfiguredSeverity[] = ["off", "info", "warning", "error"];
const TOP_LEVEL_KEYS = ["$schema", "rules", "plugins", "ignorePatterns", "types", "discoverParameterFiles"] as const;
const SEVERITY_ALIASES: Readonly<Record<string, ConfiguredSeverity>> = {
  warn: "warning",
  "0": "off",
  "1": "warning",
  "2": "error",
  information: "info",
};

/** A config problem at a key path (`rules["arm/x"][1].max`); the config loader adds the file name. */
export class ConfigIssue extends Error {
  override name = "ConfigIssue";
  constructor(
    readonly keyPath: string,
    readonly problem: string,
  ) {
    super(keyPath === "" ? problem : `${keyPath}: ${problem}`);
  }
}

export interface RawRuleSetting {
  severity: ConfiguredSeverity;
  options: Record<string, unknown> | undefined;
}

/** The config file's content once its shape is known good (rule ids and options are checked later). */
export interface RawConfig {
  rules: Map<string, RawRuleSetting>;
  plugins: string[];
  ignorePatterns: string[];
  /** `types`: a Bicep type data folder, relative to the config file. */
  types: string | undefined;
  /** `discoverParameterFiles`: use `<template>.parameters.json` beside each template (default true). */
  discoverParameterFiles: boolean | undefined;
}

export function validateConfigShape(value: unknown): RawConfig {
  if (!isRecord(value)) throw new ConfigIssue("", "the config must be a JSON object");
  for (const key of Object.keys(value)) {
    if (!(TOP_LEVEL_KEYS as readonly string[]).includes(key)) {
      throw new ConfigIssue(JSON.stringify(key), `unknown key (allowed: ${TOP_LEVEL_KEYS.join(", ")})`);
    }
  }
  return {
    rules: readRules(value.rules),
    plugins: readStrings(value.plugins, "plugins"),
    ignorePatterns: readStrings(value.ignorePatterns, "ignorePatterns"),
    types: readOptionalString(value.types, "types"),
    discoverParameterFiles: readOptionalBoolean(value.discoverParameterFiles, "discoverParameterFiles"),
  };
}

function readOptionalString(value: unknown, key: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || value.trim() === "") throw new ConfigIssue(key, "must be a non-empty string (a folder path, relative to the config file)");
  return value;
}

function readOptionalBoolean(value: unknown, key: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "boolean") throw new ConfigIssue(key, `must be true or false (got ${describe(value)})`);
  return value;
}

function readStrings(value: unknown, key: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new ConfigIssue(key, "must be an array of strings");
  return value.map((item: unknown, i) => {
    if (typeof item !== "string" || item.trim() === "") throw new ConfigIssue(`${key}[${i}]`, "must be a non-empty string");
    return item;
  });
}

function readRules(value: unknown): Map<string, RawRuleSetting> {
  const rules = new Map<string, RawRuleSetting>();
  if (value === undefined) return rules;
  if (!isRecord(value)) throw new ConfigIssue("rules", 'must be an object mapping rule ids to settings');
  for (const [id, setting] of Object.entries(value)) rules.set(id, readRuleSetting(setting, ruleKey(id)));
  return rules;
}

export function ruleKey(id: string): string {
  return `rules[${JSON.stringify(id)}]`;
}

function readRuleSetting(value: unknown, key: string): RawRuleSetting {
  if (!Array.isArray(value)) return { severity: parseSeverity(value, key), options: undefined };
  if (value.length < 1 || value.length > 2) {
    throw new ConfigIssue(key, 'must be a severity or [severity, {options}] (e.g. ["warning", {}])');
  }
  const severity = parseSeverity(value[0], `${key}[0]`);
  const options: unknown = value[1];
  if (options === undefined) return { severity, options: undefined };
  if (!isRecord(options)) throw new ConfigIssue(`${key}[1]`, "rule options must be an object");
  return { severity, options };
}

/** Parses a severity word; anything else is an issue with a hint (`"warn"` → did you mean "warning"). */
export function parseSeverity(value: unknown, key: string): ConfiguredSeverity {
  if (typeof value === "string" && (SEVERITIES as readonly string[]).includes(value)) return value as ConfiguredSeverity;
  const alias = SEVERITY_ALIASES[String(value).toLowerCase()];
  const hint = alias === undefined ? "" : ` (did you mean "${alias}"?)`;
  const shown = showValue(value);
  throw new ConfigIssue(key, `invalid severity ${shown}: use "off", "info", "warning" or "error"${hint}`);
}

/** Checks options against a rule's shallow schema; unknown options are errors unless `additionalProperties: true`. */
export function validateRuleOptions(
  options: Readonly<Record<string, unknown>>,
  schema: RuleOptionSchema | undefined,
  key: string,
): void {
  const names = Object.keys(options);
  if (names.length === 0) return;
  if (schema === undefined) throw new ConfigIssue(key, "this rule takes no options");
  for (const name of names) validateOption(name, options[name], schema, `${key}.${name}`);
}

function validateOption(name: string, value: unknown, schema: RuleOptionSchema, key: string): void {
  const property = Object.hasOwn(schema.properties, name) ? schema.properties[name] : undefined;
  if (property === undefined) {
    if (schema.additionalProperties === true) return;
    const known = Object.keys(schema.properties);
    throw new ConfigIssue(key, `unknown option${known.length > 0 ? ` (known: ${known.join(", ")})` : ""}`);
  }
  if (!hasType(value, property.type)) {
    throw new ConfigIssue(key, `must be ${property.type === "array" ? "an array" : `a ${property.type}`} (got ${describe(value)})`);
  }
}

function hasType(value: unknown, type: RuleOptionSchema["properties"][string]["type"]): boolean {
  switch (type) {
    case "array":
      return Array.isArray(value);
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "boolean":
      return typeof value === "boolean";
    case "string":
      return typeof value === "string";
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : showValue(value);
}
