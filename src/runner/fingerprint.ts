// Finding fingerprints: a sha256 of what a finding is about, independent of where it sits in the file.
import { createHash } from "node:crypto";
import { isAbsolute, relative } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
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
  const hash = createHash("sha256");
  hash.update(`${input.ruleId}\0${input.file}\0${input.identity ?? ""}\0`);
  const data = input.data ?? {};
  for (const key of Object.keys(data).sort()) hash.update(`${key}=${data[key] ?? ""}\0`);
  return hash.digest("hex");
}

/** Final fingerprint: the base hash, plus the occurrence index when several findings share it. */
export function withOccurrence(base: string, occurrence: number): string {
  if (occurrence === 0) return base;
  return createHash("sha256").update(`${base}\0${occurrence}`).digest("hex");
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
