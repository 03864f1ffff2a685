// SECURITY.md, held: a lint run writes only its report (--output-file), its cache and the files --fix fixes; everything else is byte-for-byte unchanged.
import { createHash } from "node:crypto";
import { cpSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, ROOT } from "../cli/helpers.js";
import { TempDir } from "../runner/helpers.js";
import { runGuarded, writeGuard, type GuardEntry } from "./guard.js";

let dir: TempDir;
let guard: string;
let log: string;

beforeAll(() => {
  ensureBuilt();
  dir = new TempDir();
  guard = writeGuard(dir.path);
  log = dir.file("guard.log");
  cpSync(join(ROOT, "fixtures"), dir.file("tree"), { recursive: true });
  // A config error stops a whole run (exit 2, no report): leave out the fixture that has one.
  rmSync(dir.file("tree/cli/bad-config"), { recursive: true, force: true });
});
afterAll(() => {
  dir.remove();
});

/** Every file and folder under the temp folder (but the guard's own files): relative path → content hash and mode. */
function snapshot(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      const rel = relative(dir.path, path);
      if (rel === "guard.mjs" || rel === "guard.log") continue;
      if (entry.isDirectory()) {
        out.set(`${rel}/`, "folder");
        walk(path);
      } else if (entry.isSymbolicLink()) out.set(rel, "symlink");
      else out.set(rel, `${createHash("sha256").update(readFileSync(path)).digest("hex")} ${statSync(path).mode.toString(8)}`);
    }
  };
  walk(dir.path);
  return out;
}

function changes(before: Map<string, string>, after: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [path, state] of after) if (before.get(path) !== state) out.push(before.has(path) ? `changed ${path}` : `added ${path}`);
  for (const path of before.keys()) if (!after.has(path)) out.push(`removed ${path}`);
  return out.sort();
}

/** The paths the run wrote to through node:fs, relative to the temp folder (temporary cache files folded into the cache). */
function written(entries: readonly GuardEntry[]): string[] {
  const paths = entries
    .filter((e) => e.kind === "write")
    .map((e) => e.what.split(" ")[1]!)
    .map((path) => relative(dir.path, path).replace(/\.\d+\.tmp$/, ""));
  return [...new Set(paths)].sort();
}

describe("what a lint run writes", () => {
  it("--output-file, --cache-location and --jobs 2 over every fixture: the report and the cache, nothing else", () => {
    const before = snapshot();
    const run = runGuarded(guard, ["--format", "json", "--output-file", "out/report.json", "--cache-location", "cache/lint.cache", "--jobs", "2", "tree"], dir.path, log);
    expect(run.code).toBe(2);
    expect(changes(before, snapshot())).toEqual(["added cache/", "added cache/lint.cache", "added out/", "added out/report.json"]);
    expect(written(run.entries)).toEqual(["cache", "cache/lint.cache", "out", "out/report.json"]);
    // Again, from the cache: the report and the cache are rewritten, nothing else is touched.
    const again = snapshot();
    const second = runGuarded(guard, ["--format", "json", "--output-file", "out/report.json", "--cache-location", "cache/lint.cache", "tree"], dir.path, log);
    expect(second.code).toBe(2);
    expect(changes(again, snapshot()).filter((c) => c !== "changed cache/lint.cache")).toEqual([]);
    expect(written(second.entries)).toEqual(["cache", "cache/lint.cache", "out", "out/report.json"]);
  }, 240_000);

  it("without --output-file or --cache, a lint run writes nothing at all", () => {
    const before = snapshot();
    const run = runGuarded(guard, ["--format", "sarif", "--jobs", "2", "tree"], dir.path, log);
    expect(run.code).toBe(2);
    expect(written(run.entries)).toEqual([]);
    expect(changes(before, snapshot())).toEqual([]);
  }, 240_000);

  it("--fix writes only templates it linted and fixed; --fix-dry-run writes nothing", () => {
    const before = snapshot();
    const dry = runGuarded(guard, ["--fix-dry-run", "tree/examples"], dir.path, log);
    expect(dry.code === 0 || dry.code === 1).toBe(true);
    expect(written(dry.entries)).toEqual([]);
    expect(changes(before, snapshot())).toEqual([]);
    const fix = runGuarded(guard, ["--fix", "tree/examples"], dir.path, log);
    expect(fix.code === 0 || fix.code === 1).toBe(true);
    const changed = changes(before, snapshot());
    expect(changed.length).toBeGreaterThan(0);
    for (const change of changed) expect(change).toMatch(/^changed tree\/examples\/[\w-]+\.json$/);
    expect(written(fix.entries)).toEqual(changed.map((c) => c.replace(/^changed /, "")));
  }, 240_000);
});
