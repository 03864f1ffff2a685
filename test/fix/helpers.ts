// Helpers for the fix, suppression and baseline tests: golden files (ARMLINT_UPDATE_GOLDEN=1 rewrites them) and temp copies of fixtures.
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { expect } from "vitest";
import { TempDir } from "../runner/helpers.js";
import { ROOT } from "../cli/helpers.js";

export const FIX_FIXTURES = join(ROOT, "fixtures/fix");
export const RULE_FIXTURES = join(ROOT, "fixtures/rules");

/** Compares `actual` with a golden file; with ARMLINT_UPDATE_GOLDEN=1 writes it instead. */
export function expectGolden(actual: string, file: string): void {
  if (process.env.ARMLINT_UPDATE_GOLDEN === "1" || !existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, actual);
    if (process.env.ARMLINT_UPDATE_GOLDEN !== "1") throw new Error(`golden file ${file} was missing: written, check it in`);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

/** A temp folder with copies of files (absolute source → relative target). */
export function tempCopy(files: Record<string, string>): TempDir {
  const dir = new TempDir();
  for (const [target, source] of Object.entries(files)) {
    mkdirSync(dirname(dir.file(target)), { recursive: true });
    copyFileSync(source, dir.file(target));
  }
  return dir;
}
