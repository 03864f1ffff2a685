// Command-line parsing: argv → a command and its options, or a UsageError with a hint (no dependencies).
import type { ConfigSource } from "../runner/config.js";
import type { ConfiguredSeverity } from "../runner/types.js";
import { FORMAT_NAMES, isFormatName, type FormatName } from "../report/names.js";
import { GRAPH_FORMATS, isGraphFormat, type GraphFormat } from "../render/formats.js";
import { parseJobsSpec, type JobsSpec } from "../parallel/spec.js";
import { parseShardSpec, type ShardSpec } from "../shard/spec.js";
import { closestWord } from "../text/suggest.js";
import type { MergeSarifOptions } from "./merge-sarif-command.js";

/** For the CLI entry, which imports this module alone at startup. */
export { isEagerFormatName, isFormatName } from "../report/names.js";

/** Bad command-line usage: the CLI prints the message and the hint, and exits 2. */
export class UsageError extends Error {
  override name = "UsageError";
  constructor(
    message: string,
    readonly hint = "Run 'armlint --help' for usage.",
  ) {
    super(message);
  }
}

export interface RuleFlag {
  id: string;
  severity: ConfiguredSeverity;
}

export interface CommonOptions {
  format: FormatName;
  /** `--config FILE`. */
  config: string | undefined;
  /** `--no-config`. */
  noConfig: boolean;
  /** `--color` / `--no-color`; undefined: colors when stdout is a TTY and NO_COLOR is unset. */
  color: boolean | undefined;
}

export interface LintOptions extends CommonOptions {
  paths: string[];
  outputFile: string | undefined;
  /** undefined: no limit. */
  maxWarnings: number | undefined;
  quiet: boolean;
  rules: RuleFlag[];
  /** `--parameters FILE`: the parameters file of the (single) template linted. */
  parameters: string | undefined;
  /** `--types DIR`: Bicep type data (a folder laid out like bicep-types-az's `generated/`); overrides config `types`. */
  types: string | undefined;
  /** `--fix` (write the fixed files) or `--fix-dry-run` (print a unified diff, write nothing); undefined: no fixing. */
  fix?: "write" | "dry-run" | undefined;
  /** `--no-inline-config`: ignore `metadata.armlint` and `armlint-disable-next-line` comments. */
  noInlineConfig?: boolean | undefined;
  /** `--report-unused-disable-directives`: report suppressions that suppress nothing (`armlint/unused-suppression`). */
  reportUnusedDisableDirectives?: boolean | undefined;
  /** `--baseline FILE`: findings listed in it are suppressed (external) and do not fail the run. */
  baseline?: string | undefined;
  /** `--write-baseline FILE`: write every current finding to FILE. */
  writeBaseline?: string | undefined;
  /** `--prune-baseline`: rewrite the `--baseline` file without entries that no longer occur. */
  pruneBaseline?: boolean | undefined;
  /** `--stdin`: lint the text on standard input instead of paths (editors linting unsaved buffers). */
  stdin?: boolean | undefined;
  /** `--stdin-filename NAME`: the path the stdin text is linted as (config lookup, output); default `<stdin>`. */
  stdinFilename?: string | undefined;
  /** `--cache`: reuse the results of files whose content (and everything their result depends on) did not change. */
  cache?: boolean | undefined;
  /** `--cache-location PATH`: the cache file, or a folder for `.armlintcache` (implies `--cache`). */
  cacheLocation?: string | undefined;
  /** `--jobs N|auto`: lint on worker threads. */
  jobs?: JobsSpec | undefined;
  /** `--shard i/n`: lint only the files of shard i of n (by a hash of each file's relative path). */
  shard?: ShardSpec | undefined;
}

/** `armlint plan FILE...`. */
export interface PlanOptions extends CommonOptions {
  paths: string[];
  outputFile: string | undefined;
}

export type DeploymentModeOption = "complete" | "incremental";

/** `armlint diff BEFORE AFTER` and `armlint --base GIT_REF [paths]`. */
export interface DiffOptions extends CommonOptions {
  /** BEFORE and AFTER; with `base`, the paths to compare (default: .). */
  paths: string[];
  /** `--base GIT_REF`: compare the paths with their versions at this git revision. */
  base: string | undefined;
  /** `--deployment-mode`: `complete` (default) treats removal as deletion; `incremental` turns the deletion checks off. */
  deploymentMode: DeploymentModeOption;
  outputFile: string | undefined;
  maxWarnings: number | undefined;
  quiet: boolean;
  rules: RuleFlag[];
  /** `--no-inline-config`: findings are not suppressed by `metadata.armlint` or comments. */
  noInlineConfig: boolean;
}

/** `armlint graph FILE`. */
export interface GraphOptions {
  file: string;
  format: GraphFormat;
  outputFile: string | undefined;
  /** `--focus RESOURCE`: show the neighbourhood of this resource only. */
  focus: string | undefined;
  /** `--depth N` (with `--focus`). */
  depth: number | undefined;
  config: string | undefined;
  noConfig: boolean;
}

/** `armlint explain FILE RESOURCE [TARGET]`. */
export interface ExplainOptions {
  file: string;
  resource: string;
  target: string | undefined;
  config: string | undefined;
  noConfig: boolean;
}

export type ParsedArgs =
  | { command: "help" }
  | { command: "version" }
  | { command: "lint"; options: LintOptions }
  | { command: "rules"; options: CommonOptions }
  | { command: "plan"; options: PlanOptions }
  | { command: "diff"; options: DiffOptions }
  | { command: "graph"; options: GraphOptions }
  | { command: "explain"; options: ExplainOptions }
  | { command: "merge-sarif"; options: MergeSarifOptions };

interface OptionSpec {
  takesValue: boolean;
  /** Options that `armlint rules` accepts too. */
  common: boolean;
}

const OPTIONS: Readonly<Record<string, OptionSpec>> = {
  "--format": { takesValue: true, common: true },
  "--output-file": { takesValue: true, common: false },
  "--max-warnings": { takesValue: true, common: false },
  "--quiet": { takesValue: false, common: false },
  "--rule": { takesValue: true, common: false },
  "--parameters": { takesValue: true, common: false },
  "--types": { takesValue: true, common: false },
  "--stdin": { takesValue: false, common: false },
  "--stdin-filename": { takesValue: true, common: false },
  "--fix": { takesValue: false, common: false },
  "--fix-dry-run": { takesValue: false, common: false },
  "--no-inline-config": { takesValue: false, common: false },
  "--report-unused-disable-directives": { takesValue: false, common: false },
  "--baseline": { takesValue: true, common: false },
  "--write-baseline": { takesValue: true, common: false },
  "--prune-baseline": { takesValue: false, common: false },
  "--base": { takesValue: true, common: false },
  "--deployment-mode": { takesValue: true, common: false },
  "--cache": { takesValue: false, common: false },
  "--cache-location": { takesValue: true, common: false },
  "--jobs": { takesValue: true, common: false },
  "--shard": { takesValue: true, common: false },
  "--focus": { takesValue: true, common: false },
  "--depth": { takesValue: true, common: false },
  "--config": { takesValue: true, common: true },
  "--no-config": { takesValue: false, common: true },
  "--color": { takesValue: false, common: true },
  "--no-color": { takesValue: false, common: true },
  "--version": { takesValue: false, common: true },
  "--help": { takesValue: false, common: true },
};

const ALIASES: Readonly<Record<string, string>> = { "-f": "--format", "-o": "--output-file", "-c": "--config", "-v": "--version", "-h": "--help" };
const SEVERITY_WORDS: readonly ConfiguredSeverity[] = ["off", "info", "warning", "error"];
const SUBCOMMANDS = new Set(["rules", "plan", "diff", "graph", "explain", "merge-sarif"]);

interface RawOption {
  name: string;
  value: string | undefined;
}

/** Parses argv (without `node` and the script). Throws UsageError. */
export function parseArgs(argv: readonly string[]): ParsedArgs {
  const { options, positionals } = tokenize(argv);
  const subcommand = positionals[0] !== undefined && SUBCOMMANDS.has(positionals[0]) ? positionals.shift() : undefined;
  if (options.some((o) => o.name === "--help")) return { command: "help" };
  if (options.some((o) => o.name === "--version")) return { command: "version" };
  if (subcommand === "rules") return { command: "rules", options: rulesOptions(options, positionals) };
  if (subcommand === "plan") return { command: "plan", options: planOptions(options, positionals) };
  if (subcommand === "graph") return { command: "graph", options: graphOptions(options, positionals) };
  if (subcommand === "explain") return { command: "explain", options: explainOptions(options, positionals) };
  if (subcommand === "merge-sarif") return { command: "merge-sarif", options: mergeSarifOptions(options, positionals) };
  if (subcommand === "diff" || options.some((o) => o.name === "--base")) return { command: "diff", options: diffOptions(options, positionals) };
  if (options.some((o) => o.name === "--deployment-mode")) throw new UsageError("Option '--deployment-mode' applies to 'armlint diff' and '--base' only.");
  const graphOnly = options.find((o) => o.name === "--focus" || o.name === "--depth");
  if (graphOnly !== undefined) throw new UsageError(`Option '${graphOnly.name}' applies to 'armlint graph' only.`, "Example: armlint graph main.json --focus storageConnection --depth 2");
  return { command: "lint", options: lintOptions(options, positionals) };
}

function tokenize(argv: readonly string[]): { options: RawOption[]; positionals: string[] } {
  const options: RawOption[] = [];
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const written = eq === -1 ? arg : arg.slice(0, eq);
    const name = ALIASES[written] ?? written;
    const spec = OPTIONS[name];
    if (spec === undefined) throw unknownOption(written);
    if (!spec.takesValue) {
      if (eq !== -1) throw new UsageError(`Option '${written}' takes no value.`);
      options.push({ name, value: undefined });
      continue;
    }
    const value = eq !== -1 ? arg.slice(eq + 1) : argv[i + 1];
    if (value === undefined || (eq === -1 && value.startsWith("--"))) throw new UsageError(`Option '${written}' needs a value.`);
    if (eq === -1) i++;
    options.push({ name, value });
  }
  return { options, positionals };
}

function unknownOption(written: string): UsageError {
  const close = closestWord(written, Object.keys(OPTIONS), 2);
  const hint = close === undefined ? "" : ` Did you mean '${close}'?`;
  return new UsageError(`Unknown option '${written}'.${hint}`);
}

function commonOptions(options: readonly RawOption[]): CommonOptions {
  const config = lastValue(options, "--config");
  const noConfig = options.some((o) => o.name === "--no-config");
  if (config !== undefined && noConfig) throw new UsageError("Options '--config' and '--no-config' cannot be used together.");
  const lastColor = options.filter((o) => o.name === "--color" || o.name === "--no-color").pop();
  return {
    format: parseFormat(lastValue(options, "--format") ?? "stylish"),
    config,
    noConfig,
    color: lastColor === undefined ? undefined : lastColor.name === "--color",
  };
}

function lintOptions(options: readonly RawOption[], positionals: string[]): LintOptions {
  const maxWarnings = lastValue(options, "--max-warnings");
  return {
    ...commonOptions(options),
    paths: positionals,
    outputFile: lastValue(options, "--output-file"),
    maxWarnings: maxWarnings === undefined ? undefined : parseMaxWarnings(maxWarnings),
    quiet: options.some((o) => o.name === "--quiet"),
    rules: options.filter((o) => o.name === "--rule").map((o) => parseRuleFlag(o.value ?? "")),
    parameters: lastValue(options, "--parameters"),
    types: lastValue(options, "--types"),
    ...governanceOptions(options),
    ...stdinOptions(options, positionals),
    ...performanceOptions(options),
  };
}

/** `--stdin` and `--stdin-filename NAME`: left undefined when not given. */
function stdinOptions(options: readonly RawOption[], positionals: readonly string[]): Pick<LintOptions, "stdin" | "stdinFilename"> {
  const stdin = options.some((o) => o.name === "--stdin") ? true : undefined;
  const stdinFilename = lastValue(options, "--stdin-filename");
  if (stdinFilename !== undefined && stdin === undefined) {
    throw new UsageError("Option '--stdin-filename' names the text read with '--stdin'; add '--stdin'.");
  }
  if (stdin && positionals.length > 0) {
    throw new UsageError(`Option '--stdin' lints standard input, so it takes no paths (got '${positionals[0]!}').`, "Name the file the text belongs to with '--stdin-filename PATH'.");
  }
  if (stdinFilename === "") throw new UsageError("Option '--stdin-filename' needs a file name.");
  return { stdin, stdinFilename };
}

/** `--fix`, `--fix-dry-run`, inline suppressions and baselines; options not given are left undefined. */
function governanceOptions(options: readonly RawOption[]): Partial<LintOptions> {
  const has = (name: string): true | undefined => (options.some((o) => o.name === name) ? true : undefined);
  const fix = has("--fix");
  const dryRun = has("--fix-dry-run");
  const baseline = lastValue(options, "--baseline");
  const writeBaseline = lastValue(options, "--write-baseline");
  const pruneBaseline = has("--prune-baseline");
  if (fix && dryRun) throw new UsageError("Options '--fix' and '--fix-dry-run' cannot be used together.", "Use --fix-dry-run to see the diff, then --fix to write it.");
  if ((fix || dryRun) && has("--stdin")) {
    throw new UsageError(`Option '${fix ? "--fix" : "--fix-dry-run"}' does not apply to '--stdin' (fixes are read from and written to the file on disk).`, "Save the file, then run 'armlint --fix FILE'.");
  }
  if (baseline !== undefined && writeBaseline !== undefined) {
    throw new UsageError("Options '--baseline' and '--write-baseline' cannot be used together.", "Write the baseline with --write-baseline FILE once; later runs use --baseline FILE.");
  }
  if (pruneBaseline && baseline === undefined) throw new UsageError("Option '--prune-baseline' needs '--baseline FILE' (the baseline to rewrite).");
  if (dryRun && (writeBaseline !== undefined || pruneBaseline)) {
    throw new UsageError(`Option '--fix-dry-run' writes nothing, so it cannot be used with '${writeBaseline !== undefined ? "--write-baseline" : "--prune-baseline"}'.`);
  }
  return {
    fix: fix ? "write" : dryRun ? "dry-run" : undefined,
    noInlineConfig: has("--no-inline-config"),
    reportUnusedDisableDirectives: has("--report-unused-disable-directives"),
    baseline,
    writeBaseline,
    pruneBaseline,
  };
}

function rulesOptions(options: readonly RawOption[], positionals: readonly string[]): CommonOptions {
  const stray = options.find((o) => !(OPTIONS[o.name]?.common ?? false));
  if (stray !== undefined) throw new UsageError(`Option '${stray.name}' does not apply to 'armlint rules'.`);
  if (positionals.length > 0) {
    throw new UsageError(`'armlint rules' takes no paths (got '${positionals[0]!}').`, "To lint a folder named 'rules', run 'armlint ./rules'.");
  }
  return commonOptions(options);
}

const PLAN_OPTIONS = new Set(["--output-file"]);
const DIFF_OPTIONS = new Set(["--output-file", "--max-warnings", "--quiet", "--rule", "--base", "--deployment-mode", "--no-inline-config"]);

function planOptions(options: readonly RawOption[], positionals: string[]): PlanOptions {
  const stray = options.find((o) => !(OPTIONS[o.name]?.common === true || PLAN_OPTIONS.has(o.name)));
  if (stray !== undefined) throw new UsageError(`Option '${stray.name}' does not apply to 'armlint plan'.`);
  if (positionals.length === 0) throw new UsageError("'armlint plan' needs a template file.", "Example: armlint plan main.json");
  const common = commonOptions(options);
  if (common.format !== "stylish" && common.format !== "json") {
    throw new UsageError(`'armlint plan' prints text or JSON (got '--format ${common.format}').`, "Use --format stylish (default) or --format json.");
  }
  return { ...common, paths: positionals, outputFile: lastValue(options, "--output-file") };
}

function diffOptions(options: readonly RawOption[], positionals: string[]): DiffOptions {
  const base = lastValue(options, "--base");
  const what = base === undefined ? "'armlint diff'" : "'--base'";
  const stray = options.find((o) => !(OPTIONS[o.name]?.common === true || DIFF_OPTIONS.has(o.name)));
  if (stray !== undefined) throw new UsageError(`Option '${stray.name}' does not apply to ${what}.`);
  if (base === undefined && positionals.length !== 2) {
    throw new UsageError(`'armlint diff' compares two template files (got ${positionals.length} ${positionals.length === 1 ? "path" : "paths"}).`, "Example: armlint diff old.json new.json, or armlint --base main [paths]");
  }
  if (base?.trim() === "") throw new UsageError("Option '--base' needs a git revision (a branch, tag or commit).");
  const mode = lastValue(options, "--deployment-mode") ?? "complete";
  if (mode !== "complete" && mode !== "incremental") {
    throw new UsageError(`Unknown deployment mode '${mode}'.`, "Use --deployment-mode complete (default: removal deletes) or incremental.");
  }
  const maxWarnings = lastValue(options, "--max-warnings");
  return {
    ...commonOptions(options),
    paths: positionals,
    base,
    deploymentMode: mode,
    outputFile: lastValue(options, "--output-file"),
    maxWarnings: maxWarnings === undefined ? undefined : parseMaxWarnings(maxWarnings),
    quiet: options.some((o) => o.name === "--quiet"),
    rules: options.filter((o) => o.name === "--rule").map((o) => parseRuleFlag(o.value ?? "")),
    noInlineConfig: options.some((o) => o.name === "--no-inline-config"),
  };
}

function lastValue(options: readonly RawOption[], name: string): string | undefined {
  let value: string | undefined;
  for (const option of options) if (option.name === name) value = option.value;
  return value;
}

function parseFormat(value: string): FormatName {
  if (isFormatName(value)) return value;
  throw new UsageError(`Unknown format '${value}'.`, `Use one of: ${FORMAT_NAMES.join(", ")}.`);
}

function parseMaxWarnings(value: string): number | undefined {
  if (!/^-?\d+$/.test(value)) throw new UsageError(`Option '--max-warnings' needs a whole number (got '${value}').`);
  const n = Number(value);
  if (n < -1) throw new UsageError(`Option '--max-warnings' must be 0 or more (-1: no limit).`);
  return n === -1 ? undefined : n;
}

/** `--rule id:severity` (the severity follows the last colon). */
export function parseRuleFlag(value: string): RuleFlag {
  const colon = value.lastIndexOf(":");
  const id = value.slice(0, colon).trim();
  const severity = value.slice(colon + 1).trim();
  if (colon <= 0 || id === "") {
    throw new UsageError(`Option '--rule' needs 'id:severity' (got '${value}').`, "Example: --rule arm/unused-parameter:off");
  }
  if (!(SEVERITY_WORDS as readonly string[]).includes(severity)) {
    throw new UsageError(`Invalid severity '${severity}' in '--rule ${value}'.`, `Use one of: ${SEVERITY_WORDS.join(", ")}.`);
  }
  return { id, severity: severity as ConfiguredSeverity };
}

/** Where configs come from, per `--config` / `--no-config`. */
export function configSource(options: { config: string | undefined; noConfig: boolean }): ConfigSource {
  if (options.noConfig) return { kind: "none" };
  return options.config === undefined ? { kind: "discover" } : { kind: "file", path: options.config };
}

const GRAPH_OPTIONS = new Set(["--format", "--output-file", "--focus", "--depth", "--config", "--no-config"]);
const EXPLAIN_OPTIONS = new Set(["--config", "--no-config"]);

function graphOptions(options: readonly RawOption[], positionals: readonly string[]): GraphOptions {
  const stray = options.find((o) => !GRAPH_OPTIONS.has(o.name));
  if (stray !== undefined) throw new UsageError(`Option '${stray.name}' does not apply to 'armlint graph'.`);
  if (positionals.length !== 1) {
    const got = positionals.length === 0 ? "none" : `'${positionals.join("', '")}'`;
    const hint = positionals.length === 0 ? "Example: armlint graph main.json --format html -o graph.html. To lint a folder named 'graph', run 'armlint ./graph'." : "Example: armlint graph main.json --format html -o graph.html";
    throw new UsageError(`'armlint graph' draws one template file (got ${got}).`, hint);
  }
  const format = lastValue(options, "--format") ?? "dot";
  if (!isGraphFormat(format)) throw new UsageError(`Unknown graph format '${format}'.`, `Use one of: ${GRAPH_FORMATS.join(", ")}.`);
  const focus = lastValue(options, "--focus");
  const depthText = lastValue(options, "--depth");
  if (depthText !== undefined && focus === undefined) throw new UsageError("Option '--depth' needs '--focus RESOURCE' (the resource whose neighbourhood to show).");
  if (depthText !== undefined && !/^\d+$/.test(depthText)) throw new UsageError(`Option '--depth' needs a whole number, 0 or more (got '${depthText}').`);
  if (focus === "") throw new UsageError("Option '--focus' needs a resource (symbolic name, name or JSON path).");
  return { file: positionals[0]!, format, outputFile: lastValue(options, "--output-file"), focus, depth: depthText === undefined ? undefined : Number(depthText), ...configChoice(options) };
}

function explainOptions(options: readonly RawOption[], positionals: readonly string[]): ExplainOptions {
  const stray = options.find((o) => !EXPLAIN_OPTIONS.has(o.name));
  if (stray !== undefined) throw new UsageError(`Option '${stray.name}' does not apply to 'armlint explain'.`);
  if (positionals.length < 2 || positionals.length > 3) {
    const folder = positionals.length === 0 ? " To lint a folder named 'explain', run 'armlint ./explain'." : "";
    throw new UsageError("'armlint explain' needs a template file, a resource, and optionally a target resource.", `Example: armlint explain main.json storageConnection keyVaultConnection.${folder}`);
  }
  return { file: positionals[0]!, resource: positionals[1]!, target: positionals[2], ...configChoice(options) };
}

function configChoice(options: readonly RawOption[]): { config: string | undefined; noConfig: boolean } {
  const config = lastValue(options, "--config");
  const noConfig = options.some((o) => o.name === "--no-config");
  if (config !== undefined && noConfig) throw new UsageError("Options '--config' and '--no-config' cannot be used together.");
  return { config, noConfig };
}

/** `--cache`, `--cache-location`, `--jobs` and `--shard`; options not given are left undefined. */
function performanceOptions(options: readonly RawOption[]): Pick<LintOptions, "cache" | "cacheLocation" | "jobs" | "shard"> {
  const cacheLocation = lastValue(options, "--cache-location");
  if (cacheLocation === "") throw new UsageError("Option '--cache-location' needs a file or folder.");
  const jobsText = lastValue(options, "--jobs");
  const jobs = jobsText === undefined ? undefined : parseJobsSpec(jobsText);
  if (typeof jobs === "object") throw new UsageError(jobs.error, "Example: --jobs 4, or --jobs auto (one per CPU).");
  const shardText = lastValue(options, "--shard");
  const shard = shardText === undefined ? undefined : parseShardSpec(shardText);
  if (shard !== undefined && "error" in shard) throw new UsageError(shard.error, "Example: --shard 1/4 in the first of four CI jobs; then 'armlint merge-sarif' joins their SARIF.");
  return { cache: options.some((o) => o.name === "--cache") ? true : undefined, cacheLocation, jobs, shard };
}

/** `armlint merge-sarif OUT IN...`. */
function mergeSarifOptions(options: readonly RawOption[], positionals: readonly string[]): MergeSarifOptions {
  const stray = options[0];
  if (stray !== undefined) throw new UsageError(`Option '${stray.name}' does not apply to 'armlint merge-sarif'.`);
  if (positionals.length < 2) {
    throw new UsageError("'armlint merge-sarif' needs the file to write and at least one SARIF file to read.", "Example: armlint merge-sarif merged.sarif shard-1.sarif shard-2.sarif");
  }
  return { output: positionals[0]!, inputs: positionals.slice(1) };
}
