// Finding fingerprints: a sha256 of what a finding is about, independent of where it sits in the file.
import { isAbsolute, relative } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { sha256Hex } from "../text/sha256.js";
import { toPosix } from "./glob.js";

export interface FingerprintInput {
  ruleId: string;
  /** File path as shown to the fingerprint: relative to the working directory, `/`-separated. */
  file: string;
  identity?: string | undefined;
  data?: Readonly<Record<string, string>> | undefined;
}

/** The file part of a fingerprint: relative to `cwd`, `/`-separated (absolute if on another drive). */
export function fingerprintPath(file: string, cwd: string): string {
  const rel = isAbsolute(file) ? relative(cwd, file) : file;
  return toPosix(rel === "" ? "." : rel);
}

/** Line-independent base hash: ruleId, relative file, identity and sorted data. */
export function baseFingerprint(input: FingerprintInput): string {
  let text = `${input.ruleId}\0${input.file}\0${input.identity ?? ""}\0`;
  const data = input.data;
  if (data !== undefined) {
    const keys = sortedKeys(data);
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- unoptimized code allocates an iterator for for...of
    for (let i = 0; i < keys.length; i++) text += `${keys[i]!}=${data[keys[i]!] ?? ""}\0`;
  }
  // Hashed whole: the same bytes as hashing the parts one by one (each ends in "\0", so no surrogate pair is split).
  return sha256Hex(text);
}

/** Past this many keys, a record's keys are sorted by Array.prototype.sort rather than by insertion. */
const INSERTION_SORT_KEYS = 16;

/**
 * The record's keys in `Object.keys(data).sort()` order (UTF-16 code units, as `<` compares strings). A
 * finding's data has a handful of keys: sorted in place by insertion, as the built-in sort's set-up allocated
 * more than the rest of a fingerprint.
 */
function sortedKeys(data: Readonly<Record<string, string>>): string[] {
  const keys = Object.keys(data);
  if (keys.length > INSERTION_SORT_KEYS) return keys.sort();
  for (let i = 1; i < keys.length; i++) {
    const key = keys[i]!;
    let j = i - 1;
    for (; j >= 0 && keys[j]! > key; j--) keys[j + 1] = keys[j]!;
    keys[j + 1] = key;
  }
  return keys;
}

/** Final fingerprint: the base hash, plus the occurrence index when several findings share it. */
export function withOccurrence(base: string, occurrence: number): string {
  if (occurrence === 0) return base;
  return sha256Hex(`${base}\0${occurrence}`);
}

export interface FingerprintSource {
  diagnostic: Diagnostic;
  identity: string | undefined;
}

/**
 * Assigns `fingerprint` to every diagnostic that has none. Call with the diagnostics in source order:
 * otherwise-equal findings are numbered in that order, so moving code around keeps their fingerprints.
 */
export function assignFingerprints(items: readonly FingerprintSource[], cwd: string): void {
  if (items.length === 0) return; // most files: no findings, no occurrence map
  const seen = new Map<string, number>();
  // Findings are mostly in one file: its fingerprint path is worked out once.
  let lastFile: string | undefined;
  let lastPath = "";
  for (const { diagnostic, identity } of items) {
    if (diagnostic.fingerprint !== undefined) continue;
    if (diagnostic.file !== lastFile) {
      lastFile = diagnostic.file;
      lastPath = fingerprintPath(lastFile, cwd);
    }
    const base = baseFingerprint({
      ruleId: diagnostic.ruleId,
      file: lastPath,
      identity,
      data: diagnostic.data,
    });
    const occurrence = seen.get(base) ?? 0;
    seen.set(base, occurrence + 1);
    diagnostic.fingerprint = withOccurrence(base, occurrence);
  }
}
