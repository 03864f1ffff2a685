// Runner entry: the rule API, registry, config loading and lint functions in one import.
export { defineRule } from "./types.js";
export type {
  ConfiguredSeverity,
  Diagnostic,
  ReportDescriptor,
  Rule,
  RuleContext,
  RuleMeta,
  RuleOptionSchema,
  RuleType,
} from "./types.js";
export { RegistryError, RuleRegistry, readPlugin, type PluginDefinition, type RuleEntry } from "./registry.js";
export {
  CONFIG_FILE_NAME,
  ConfigError,
  ConfigResolver,
  defaultConfig,
  findConfigFile,
  loadConfigFile,
  type ConfigOptions,
  type ConfigSource,
  type ResolvedConfig,
  type RuleOverride,
  type RuleSetting,
} from "./config.js";
export { SEVERITIES } from "./config-schema.js";
export { loadPlugin, resolvePlugin, PluginLoadError } from "./plugins.js";
export { baseFingerprint, fingerprintPath, withOccurrence, type FingerprintInput } from "./fingerprint.js";
export { globMatcher, globToRegExp, hasMagic } from "./glob.js";
export {
  INTERNAL_ERROR,
  NOT_A_TEMPLATE,
  PARSE_ERROR,
  compareDiagnostics,
  internalErrorResult,
  lintAnalysis,
  type LintOptions,
  type LintResult,
} from "./run.js";
export { lintFiles, lintText, type LintFilesOptions, type LintFilesResult } from "./lint.js";
