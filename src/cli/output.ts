// Shared by the commands: writing the output file (report, plan, graph), and the lint and diff commands' ESLint-style exit code.
import { closeSync, mkdirSync, openSync, statSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { totals } from "../report/results.js";
import type { FileReport } from "../report/types.js";
import { INTERNAL_ERROR, PARSE_ERROR } from "../runner/run.js";
import type { CliIO } from "./io.js";

/** Writes `output` (`what`: the report, the plan, the graph) to `file`, parent folders created; false, with a message, when it cannot. */
export function writeOutputFile(file: string, output: string, io: CliIO, what = "report"): boolean {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
      io.writeErr(`armlint: Cannot write the ${what} to ${file}: it is a folder.\n`);
      return false;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeUtf8File(file, output);
    return true;
  } catch (error) {
    io.writeErr(`armlint: Cannot write the ${what} to ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
}

/** UTF-16 code units encoded per write: a report can be tens of megabytes, and is never copied whole. */
const CHUNK = 1 << 20;

/**
 * Writes `text` as UTF-8 (like `writeFileSync`), a piece at a time through one small buffer: no second
 * copy of a large report, and TextEncoder's encoder is much faster than the one behind writeFileSync.
 */
function writeUtf8File(file: string, text: string): void {
  const encoder = new TextEncoder();
  // UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units).
  const buffer = Buffer.allocUnsafe(Math.min(text.length, CHUNK) * 3);
  const fd = openSync(file, "w");
  try {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(start + CHUNK, text.length);
      // Never split a surrogate pair: each half alone would be written as U+FFFD.
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      const { written } = encoder.encodeInto(text.slice(start, end), buffer);
      for (let offset = 0; offset < written; ) offset += writeSync(fd, buffer, offset, written - offset);
      start = end;
    }
  } finally {
    closeSync(fd);
  }
}

/** 2: an input or the output failed, or a file could not be parsed or analyzed; 1: errors or too many warnings; else 0. */
export function exitCode(reports: readonly FileReport[], failed: boolean, maxWarnings: number | undefined, io: CliIO): number {
  const broken = reports.some((r) => r.messages.some((m) => m.ruleId === PARSE_ERROR || m.ruleId === INTERNAL_ERROR));
  const t = totals(reports);
  const tooManyWarnings = maxWarnings !== undefined && t.warnings > maxWarnings;
  if (tooManyWarnings && t.errors === 0) io.writeErr(`armlint found too many warnings (maximum: ${maxWarnings}).\n`);
  if (failed || broken) return 2;
  return t.errors > 0 || tooManyWarnings ? 1 : 0;
}
