// Command-line parsing: argv → a command and its options, or a UsageError with a hint (no dependencies).
import type { ConfigSource } from "../runner/config.js";
import type { ConfiguredSeverity } from "../runner/types.js";
import { FORMAT_NAMES, isFormatName, type FormatName } from "../report/names.js";

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
}

export type ParsedArgs =
  | { command: "help" }
  | { command: "version" }
  | { command: "lint"; options: LintOptions }
  | { command: "rules"; options: CommonOptions }
  | { command: "plan"; options: PlanOptions }
  | { command: "diff"; options: DiffOptions };

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
  "--base": { takesValue: true, common: false },
  "--deployment-mode": { takesValue: true, common: false },
  "--config": { takesValue: true, common: true },
  "--no-config": { takesValue: false, common: true },
  "--color": { takesValue: false, common: true },
  "--no-color": { takesValue: false, common: true },
  "--version": { takesValue: false, common: true },
  "--help": { takesValue: false, common: true },
};

const ALIASES: Readonly<Record<string, string>> = { "-f": "--format", "-o": "--output-file", "-c": "--config", "-v": "--version", "-h": "--help" };
const SEVERITY_WORDS: readonly ConfiguredSeverity[] = ["off", "info", "warning", "error"];
const SUBCOMMANDS = new Set(["rules", "plan", "diff"]);

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
  if (subcommand === "diff" || options.some((o) => o.name === "--base")) return { command: "diff", options: diffOptions(options, positionals) };
  if (options.some((o) => o.name === "--deployment-mode")) throw new UsageError("Option '--deployment-mode' applies to 'armlint diff' and '--base' only.");
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
  const close = closestOption(written);
  const hint = close === undefined ? "" : ` Did you mean '${close}'?`;
  return new UsageError(`Unknown option '${written}'.${hint}`);
}

function closestOption(written: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const name of Object.keys(OPTIONS)) {
    const distance = editDistance(written, name);
    if (distance < bestDistance) {
      best = name;
      bestDistance = distance;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
    }
    previous = current;
  }
  return previous[b.length]!;
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
const DIFF_OPTIONS = new Set(["--output-file", "--max-warnings", "--quiet", "--rule", "--base", "--deployment-mode"]);

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
