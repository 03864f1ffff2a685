// Shared by the lint and diff commands: writing the report file, and the ESLint-style exit code.
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { totals } from "../report/results.js";
import type { FileReport } from "../report/types.js";
import { INTERNAL_ERROR, PARSE_ERROR } from "../runner/run.js";
import type { CliIO } from "./io.js";

/** Writes the report to `file` (parent folders created); false, with a message, when it cannot. */
export function writeOutputFile(file: string, output: string, io: CliIO): boolean {
  try {
    if (statSync(file, { throwIfNoEntry: false })?.isDirectory() === true) {
      io.writeErr(`armlint: Cannot write the report to ${file}: it is a folder.\n`);
      return false;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output);
    return true;
  } catch (error) {
    io.writeErr(`armlint: Cannot write the report to ${file}: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
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
