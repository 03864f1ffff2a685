// Baseline files: accepted findings keyed by fingerprint; read, write, prune, and mark matching findings as suppressed (external).
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { fingerprintPath } from "../runner/fingerprint.js";
import { compareStrings } from "../runner/registry.js";
import { compareDiagnostics, type LintResult } from "../runner/run.js";

export const BASELINE_VERSION = 1;

/** A baseline file that cannot be read, parsed or written: the CLI prints the message and exits 2. */
export class BaselineError extends Error {
  override name = "BaselineError";
}

/** One accepted finding. Only `fingerprint` matches; the rest is for people reading the file (and `file` for pruning). */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  /** Path relative to the working directory, `/`-separated (the file part of the fingerprint). */
  file: string;
  message: string;
}

export interface Baseline {
  /** Absolute path of the baseline file. */
  file: string;
  entries: BaselineEntry[];
}

/** Findings a baseline never covers: a file that could not be parsed or analyzed must still fail; --fix's own notes are not findings. */
const NOT_BASELINED: ReadonlySet<string> = new Set(["armlint/parse-error", "armlint/internal-error", "armlint/fix-skipped"]);

const FINGERPRINT = /^[0-9a-f]{64}$/u;

/** Reads and validates a baseline file. Throws BaselineError naming the file and what is wrong (`shown`: the path as the user wrote it, for hints). */
export function readBaseline(path: string, shown: string = path): Baseline {
  const file = resolve(path);
  let text: string;
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) throw new BaselineError(`Cannot read baseline file ${file}: it is a folder.`);
    text = readFileSync(file, "utf8");
  } catch (error) {
    if (error instanceof BaselineError) throw error;
    if (errorCode(error) === "ENOENT") {
      throw new BaselineError(`Cannot read baseline file ${file}: no such file. Create it with '--write-baseline ${shown}'.`);
    }
    throw new BaselineError(`Cannot read baseline file ${file}: ${errorText(error)}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/u, ""));
  } catch (error) {
    throw new BaselineError(`Invalid baseline file ${file}: not valid JSON (${errorText(error)}). Regenerate it with '--write-baseline ${shown}'.`);
  }
  return { file, entries: validate(value, file) };
}

function validate(value: unknown, file: string): BaselineEntry[] {
  const invalid = (what: string): BaselineError => new BaselineError(`Invalid baseline file ${file}: ${what}.`);
  if (!isRecord(value)) throw invalid("expected a JSON object with \"version\" and \"findings\"");
  if (value.version !== BASELINE_VERSION) {
    throw invalid(`"version" must be ${BASELINE_VERSION} (got ${value.version === undefined ? "nothing" : JSON.stringify(value.version)}); it was written by another armlint version, so regenerate it`);
  }
  const findings = value.findings;
  if (!Array.isArray(findings)) throw invalid(`"findings" must be an array`);
  return findings.map((item: unknown, i): BaselineEntry => {
    if (!isRecord(item)) throw invalid(`findings[${i}] must be an object`);
    const { fingerprint, ruleId, file: entryFile, message } = item;
    if (typeof fingerprint !== "string" || !FINGERPRINT.test(fingerprint)) throw invalid(`findings[${i}].fingerprint must be a 64-digit lowercase hex string`);
    if (typeof ruleId !== "string") throw invalid(`findings[${i}].ruleId must be a string`);
    if (typeof entryFile !== "string") throw invalid(`findings[${i}].file must be a string`);
    if (message !== undefined && typeof message !== "string") throw invalid(`findings[${i}].message must be a string`);
    return { fingerprint, ruleId, file: entryFile, message: message ?? "" };
  });
}

/** The entries for every finding that counts in `results` (suppressed ones and unparseable files left out). */
export function baselineEntries(results: readonly LintResult[], cwd: string): BaselineEntry[] {
  const entries: BaselineEntry[] = [];
  for (const result of results) {
    for (const d of result.diagnostics) {
      if (d.fingerprint === undefined || NOT_BASELINED.has(d.ruleId)) continue;
      entries.push({ fingerprint: d.fingerprint, ruleId: d.ruleId, file: fingerprintPath(d.file, cwd), message: d.message });
    }
  }
  return entries;
}

/** Stable text: entries deduplicated by fingerprint, sorted by file, rule, message, fingerprint; fixed key order. */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  const unique = new Map<string, BaselineEntry>();
  for (const entry of entries) if (!unique.has(entry.fingerprint)) unique.set(entry.fingerprint, entry);
  const sorted = [...unique.values()].sort(
    (a, b) => compareStrings(a.file, b.file) || compareStrings(a.ruleId, b.ruleId) || compareStrings(a.message, b.message) || compareStrings(a.fingerprint, b.fingerprint),
  );
  const findings = sorted.map((e) => ({ fingerprint: e.fingerprint, ruleId: e.ruleId, file: e.file, message: e.message }));
  return `${JSON.stringify({ version: BASELINE_VERSION, findings }, null, 2)}\n`;
}

/** Writes a baseline file (parent folders created). Throws BaselineError. */
export function writeBaseline(path: string, entries: readonly BaselineEntry[]): Baseline {
  const file = resolve(path);
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) throw new BaselineError(`Cannot write baseline file ${file}: it is a folder.`);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, serializeBaseline(entries));
  } catch (error) {
    if (error instanceof BaselineError) throw error;
    throw new BaselineError(`Cannot write baseline file ${file}: ${errorText(error)}`);
  }
  return { file, entries: [...entries] };
}

/**
 * Moves every finding whose fingerprint the baseline lists into `suppressed`, marked `external`: it no
 * longer counts for the exit code or the totals. Returns new results (the inputs are not changed).
 */
export function applyBaseline(results: readonly LintResult[], baseline: Baseline): LintResult[] {
  const accepted = new Set(baseline.entries.map((e) => e.fingerprint));
  if (accepted.size === 0) return [...results];
  return results.map((result) => {
    const active: Diagnostic[] = [];
    const moved: Diagnostic[] = [];
    for (const d of result.diagnostics) {
      if (d.fingerprint !== undefined && accepted.has(d.fingerprint) && !NOT_BASELINED.has(d.ruleId)) {
        moved.push({ ...d, suppressions: [...(d.suppressions ?? []), { kind: "external", location: { file: baseline.file } }] });
      } else {
        active.push(d);
      }
    }
    if (moved.length === 0) return result;
    return { ...result, diagnostics: active, suppressed: [...(result.suppressed ?? []), ...moved].sort(compareDiagnostics) };
  });
}

/**
 * `--prune-baseline`: the entries that still occur in `results` (which must be the results before the
 * baseline is applied), plus entries for files this run did not lint that still exist.
 */
export function prunedEntries(baseline: Baseline, results: readonly LintResult[], cwd: string): { kept: BaselineEntry[]; removed: number } {
  const occurring = new Set<string>();
  const linted = new Set<string>();
  for (const result of results) {
    linted.add(fingerprintPath(result.file, cwd));
    for (const d of result.diagnostics) {
      linted.add(fingerprintPath(d.file, cwd));
      if (d.fingerprint !== undefined) occurring.add(d.fingerprint);
    }
  }
  const kept = baseline.entries.filter((e) => (linted.has(e.file) ? occurring.has(e.fingerprint) : existsSync(resolve(cwd, e.file))));
  return { kept, removed: baseline.entries.length - kept.length };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function errorCode(error: unknown): string | undefined {
  return typeof error === "object" && error !== null && "code" in error && typeof error.code === "string" ? error.code : undefined;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
