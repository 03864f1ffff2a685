// Integration test helpers: the built CLI with stdin, temp folders, external tools (found or reported missing).
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll } from "vitest";
import { BIN, ROOT } from "../cli/helpers.js";

export { BIN, ROOT, ensureBuilt } from "../cli/helpers.js";

export const INTEGRATION_FIXTURES = join(ROOT, "fixtures/integrations");

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (colors and debug off), optionally with text on standard input. */
export function armlint(args: readonly string[], options: { cwd?: string; input?: string | Buffer; env?: Record<string, string> } = {}): Run {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !["NO_COLOR", "FORCE_COLOR", "ARMLINT_DEBUG"].includes(key)) env[key] = value;
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Temp folders made by this test file's tests, removed when its tests are done (this module is loaded once per test file). */
const madeDirs: string[] = [];
afterAll(() => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A fresh temp folder, removed after the test file's tests. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `armlint-${prefix}-`));
  madeDirs.push(dir);
  return dir;
}

/** Writes files (path → text) under `dir`, creating folders. */
export function writeFiles(dir: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

/** Copies a fixture file or folder of `fixtures/integrations` to `dest`. */
export function copyFixture(name: string, dest: string): void {
  cpSync(join(INTEGRATION_FIXTURES, name), dest, { recursive: true });
}

export function readFixture(name: string): string {
  return readFileSync(join(INTEGRATION_FIXTURES, name), "utf8");
}

/** Runs a command; `available` is false when it could not be started at all. */
export function run(command: string, args: readonly string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Run & { available: boolean } {
  const result = spawnSync(command, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: "utf8", timeout: options.timeout ?? 600_000, maxBuffer: 64 << 20 });
  const available = result.error === undefined || (result.error as NodeJS.ErrnoException).code !== "ENOENT";
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr + (result.error === undefined ? "" : String(result.error)), available };
}

/** Whether a program is on PATH (`<name> --version` starts). */
export function onPath(name: string): boolean {
  return run(name, ["--version"], { timeout: 60_000 }).available;
}

/** Absolute path of a file in the repository, asserting it exists. */
export function repoFile(path: string): string {
  const file = join(ROOT, path);
  if (!existsSync(file)) throw new Error(`missing ${path}`);
  return file;
}
