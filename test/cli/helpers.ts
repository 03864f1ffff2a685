// CLI test helpers: build the CLI once if dist/ is missing or stale, and run `node bin/armlint.js`.
import { execFileSync, spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin/armlint.js");
export const FIXTURES = join(ROOT, "fixtures/cli");
const BUILT_MAIN = join(ROOT, "dist/src/cli/main.js");
/** The bundle bin/armlint.js runs, written after tsc's output by `npm run build`. */
const BUNDLE = join(ROOT, "dist/bundle/armlint.mjs");
const LOCK = join(tmpdir(), `armlint-build-${createHash("sha256").update(ROOT).digest("hex").slice(0, 12)}.lock`);

/** Builds like `npm run build` (tsc, then the bundle) unless the bundle is newer than every source file. */
export function ensureBuilt(): void {
  if (isFresh()) return;
  withLock(() => {
    if (isFresh()) return;
    try {
      execFileSync(process.execPath, [join(ROOT, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.build.json"], { cwd: ROOT, stdio: "pipe" });
    } catch {
      // Type errors elsewhere still emit JavaScript; what matters is that the CLI exists.
    }
    execFileSync(process.execPath, [join(ROOT, "scripts/bundle.mjs")], { cwd: ROOT, stdio: "pipe" });
  });
  if (!existsSync(BUILT_MAIN) || !existsSync(BUNDLE)) throw new Error("The CLI did not build: dist/src/cli/main.js or dist/bundle/armlint.mjs is missing.");
}

function isFresh(): boolean {
  if (!existsSync(BUILT_MAIN) || !existsSync(BUNDLE)) return false;
  const built = statSync(BUNDLE).mtimeMs;
  return newestSource(join(ROOT, "src")) <= built && newestSource(join(ROOT, "rules")) <= built;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Serializes builds across test workers with a lock folder (stale after 5 minutes). */
function withLock(action: () => void): void {
  const deadline = Date.now() + 300_000;
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      const age = Date.now() - (statSync(LOCK, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > 300_000 || Date.now() > deadline) rmSync(LOCK, { recursive: true, force: true });
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    action();
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI; the environment is cleaned of color and debug variables unless given. */
export function runCli(args: readonly string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): CliRun {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, ARMLINT_DEBUG: undefined, ...options.env };
  const env = Object.fromEntries(Object.entries(merged).filter(([, value]) => value !== undefined));
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd ?? FIXTURES, env, encoding: "utf8", timeout: 60_000 });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Replaces the absolute fixtures path with `<fx>` for golden comparisons. */
export function redact(text: string): string {
  return text.replaceAll(FIXTURES, "<fx>");
}
