// armlint's public API: analysis, linting, config, formatters and the rule API.
export { analyzeFile, analyzeText, type Analysis, type AnalyzeOptions } from "./analyze.js";
export type { Diagnostic, Fix, Position, Severity, Span, Suggestion, TextEdit } from "./diagnostics.js";
export { builtinRules } from "../rules/index.js";
export * from "./runner/index.js";
export {
  FORMAT_NAMES,
  FORMATTERS,
  formatCompact,
  formatJson,
  formatReports,
  formatResults,
  formatStylish,
  formatUnix,
  formatResultsAsync,
  LAZY_FORMATTERS,
  loadFormatter,
  toEslintResult,
  toFileReports,
  type EslintMessage,
  type EslintResult,
  type FileReport,
  type FormatName,
  type FormatOptions,
  type Formatter,
  type RunSummary,
} from "./report/index.js";
export { classifyFile, discoverFiles, type Discovery, type DiscoveredFile, type InputError, type SkippedFile } from "./cli/discover.js";
export { main } from "./cli/main.js";
export { loadTypeSet, type TypeSet } from "./types/index.js";
export { readParameterFile, type ParameterFile } from "./params/index.js";
export { foundryModel, type FoundryModel } from "../rules/foundry/domain.js";
