// The hostile-input suite through the CLI: several files per run; each hostile file ends in a positioned diagnostic, the others are still linted, no stack trace, bounded memory.
import { chmodSync, mkdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt } from "../cli/helpers.js";
import { TEMPLATE_SCHEMA, TempDir } from "../runner/helpers.js";
import {
  BOMBS,
  BROKEN,
  bigTemplate,
  cycleTemplate,
  goodTemplate,
  manyResourcesTemplate,
  millionElementsTemplate,
  nestedChainTemplate,
  prototypeKeysTemplate,
  regexHostileTemplate,
  writeFolderNamedJson,
  writeSymlinkLoop,
  writeUnreadable,
} from "./inputs.js";
import { canDropPrivileges, hasStackTrace, runProbed, unixLines, writeProbe, type ProbedRun, type UnixLine } from "./helpers.js";

const MB = 1024 * 1024;
let dir: TempDir;
let probe: string;

beforeAll(() => {
  ensureBuilt();
  dir = new TempDir();
  chmodSync(dir.path, 0o755);
  probe = writeProbe(dir.path);
  writeFileSync(dir.file("good.json"), goodTemplate());
});
afterAll(() => {
  dir.remove();
});

/** Lints `files` (relative to the temp folder) plus good.json in one run, `--format unix`, no config. */
function lint(files: readonly string[], options: { asNobody?: boolean; cwd?: string } = {}): ProbedRun & { lines: UnixLine[] } {
  const run = runProbed(probe, ["--no-config", "--format", "unix", ...files, "good.json"], { cwd: options.cwd ?? dir.path, asNobody: options.asNobody });
  return { ...run, lines: unixLines(run.stdout) };
}

function linesOf(run: { lines: UnixLine[] }, name: string): UnixLine[] {
  return run.lines.filter((l) => l.file.endsWith(`/${name}`));
}

/** What every run must show: good.json still linted (its one finding), no stack trace, prototypes untouched. */
function expectSound(run: ProbedRun & { lines: UnixLine[] }, maxRssMb: number): void {
  expect(run.signal).toBeNull();
  expect(linesOf(run, "good.json").map((l) => `${l.line}:${l.column} ${l.ruleId}`)).toEqual(["11:9 arm/unknown-dependency"]);
  expect(hasStackTrace(run.stdout)).toBe(false);
  expect(hasStackTrace(run.stderr)).toBe(false);
  expect(run.stderr).not.toMatch(/internal error/i);
  expect(run.prototypeChanges).toEqual([]);
  expect(run.polluted).toEqual([]);
  expect(run.rssMb).toBeGreaterThan(0);
  expect(run.rssMb).toBeLessThan(maxRssMb);
}

describe("broken files, in one run with a good template", () => {
  let run: ProbedRun & { lines: UnixLine[] };
  beforeAll(() => {
    for (const c of BROKEN) c.write(dir.file(c.name));
    writeSymlinkLoop(dir.path);
    run = lint([...BROKEN.map((c) => c.name), "loop-a.json"]);
  });

  it("exits 2, lints good.json, prints no stack trace, stays small", () => {
    expect(run.code).toBe(2);
    expectSound(run, 400);
  });

  it.each(BROKEN.map((c) => [c.name, c] as const))("%s: one positioned armlint/parse-error", (name, c) => {
    const found = linesOf(run, name);
    expect(found).toHaveLength(1);
    const [line] = found;
    expect(line!.ruleId).toBe("armlint/parse-error");
    expect(line!.severity).toBe("Error");
    expect(line!.message).toMatch(c.message);
    expect(line!.line).toBeGreaterThanOrEqual(1);
    expect(line!.column).toBeGreaterThanOrEqual(1);
    if (c.at !== "") expect(`${line!.line}:${line!.column}`).toBe(c.at);
  });

  it("truncated JSON points at the end of the text; 100,000 levels of nesting at the 1001st bracket", () => {
    expect(linesOf(run, "truncated.json")[0]!.line).toBeGreaterThan(1);
    // Two enclosing objects and 998 arrays make 1,000 levels: the 999th `[` is one too many.
    const prefix = `{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"v": `;
    expect(linesOf(run, "nested-100000.json")[0]!.column).toBe(prefix.length + 999);
  });

  it("a symlink loop is a read error at 1:1 that names the loop", () => {
    expect(linesOf(run, "loop-a.json").map((l) => `${l.line}:${l.column} ${l.ruleId} ${l.message}`)).toEqual([
      "1:1 armlint/parse-error Cannot read file: too many levels of symbolic links (a symlink loop). Fix the link.",
    ]);
  });
});

describe("a folder named x.json", () => {
  it("named on the command line: an input error naming it, exit 2, the other files still linted", () => {
    writeFolderNamedJson(dir.path);
    const run = lint(["x.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("No JSON files (.json, .jsonc) were found in 'x.json'.");
    expectSound(run, 400);
  });

  it("inside a linted folder: walked like any folder, its templates linted", () => {
    dir.write({ "tree/y.json/inner.json": goodTemplate() });
    const run = lint(["tree"]);
    expect(run.code).toBe(1);
    expect(linesOf(run, "inner.json").map((l) => l.ruleId)).toEqual(["arm/unknown-dependency"]);
    expectSound(run, 400);
  });
});

describe("an unreadable file", () => {
  it.skipIf(!canDropPrivileges())("as an unprivileged user (setpriv): a read error at 1:1, exit 2, the others linted", () => {
    const sub = join(dir.path, "unreadable");
    mkdirSync(sub, { mode: 0o777 });
    chmodSync(sub, 0o777);
    writeUnreadable(sub);
    writeFileSync(join(sub, "good.json"), goodTemplate());
    expect(statSync(join(sub, "unreadable.json")).mode & 0o777).toBe(0);
    const run = lint(["unreadable.json"], { asNobody: true, cwd: sub });
    expect(run.code).toBe(2);
    expect(linesOf(run, "unreadable.json").map((l) => `${l.line}:${l.column} ${l.ruleId} ${l.message}`)).toEqual([
      "1:1 armlint/parse-error Cannot read file: permission denied. Check the file's permissions.",
    ]);
    expectSound(run, 400);
  });
});

describe("__proto__, constructor and prototype as keys everywhere", () => {
  it("are ordinary keys: read, reported by name, and no prototype changes", () => {
    writeFileSync(dir.file("prototype-keys.json"), prototypeKeysTemplate());
    const run = lint(["prototype-keys.json"]);
    expectSound(run, 400);
    const found = linesOf(run, "prototype-keys.json");
    expect(found.filter((l) => l.ruleId === "arm/unknown-dependency").map((l) => l.message.slice(0, 30))).toEqual(["dependsOn entry '__proto__' na", "dependsOn entry 'constructor' "]);
    expect(found.every((l) => l.line >= 1 && l.column >= 1)).toBe(true);
    expect(found.some((l) => l.ruleId.startsWith("armlint/"))).toBe(false);
  });
});

describe("expression bombs, in one run", () => {
  let run: ProbedRun & { lines: UnixLine[] };
  beforeAll(() => {
    for (const c of BOMBS) c.write(dir.file(c.name));
    run = lint(BOMBS.map((c) => c.name));
  });

  it("finish with the other file linted, no stack trace, small", () => {
    expect(run.code).toBe(1);
    expectSound(run, 500);
    for (const c of BOMBS) expect(linesOf(run, c.name).every((l) => l.line >= 1 && l.column >= 1 && !l.ruleId.startsWith("armlint/internal"))).toBe(true);
  });

  it("10,000 nested calls: too deep, at the expression", () => {
    const found = linesOf(run, "calls-10000-deep.json").find((l) => l.ruleId === "arm/invalid-expression");
    expect(found?.message).toMatch(/^Invalid expression: Expression nested deeper than 512 levels/);
  });

  it("a string doubled 64 times: evaluation stops at its limit and says so", () => {
    expect(linesOf(run, "string-doubling-64.json").map((l) => l.ruleId)).toContain("armlint/evaluation-limit");
  });

  it("variables in a cycle: reported where the cycle is", () => {
    const found = linesOf(run, "variable-cycle.json").filter((l) => l.ruleId === "arm/invalid-expression");
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toMatch(/refers to itself/);
  });

  it("copy 800 inside a deployment copied 800 times, range(0, 1000000000), format with 100,000 arguments: analyzed", () => {
    for (const name of ["copy-800-in-800.json", "range-1e9.json", "format-100000-args.json"]) {
      expect(linesOf(run, name).filter((l) => l.ruleId === "armlint/parse-error" || l.ruleId === "armlint/internal-error")).toEqual([]);
    }
    expect(linesOf(run, "format-100000-args.json").map((l) => l.ruleId)).toContain("arm/template-limits");
  });
});

describe("huge inputs, each in its own run (memory: at most 40 × the file + 300 MB)", () => {
  const bound = (file: string) => (40 * statSync(dir.file(file)).size) / MB + 300;

  it("a 50 MB template: linted (over ARM's 4 MB limit, said at 1:1)", () => {
    writeFileSync(dir.file("big-50mb.json"), bigTemplate(51));
    expect(statSync(dir.file("big-50mb.json")).size).toBeGreaterThan(50 * MB);
    const run = lint(["big-50mb.json"]);
    expect(run.code).toBe(1);
    expectSound(run, bound("big-50mb.json"));
    expect(linesOf(run, "big-50mb.json").map((l) => `${l.line}:${l.column} ${l.ruleId}`)).toContain("1:1 arm/template-limits");
  }, 300_000);

  it("1,000,000 array elements: linted", () => {
    writeFileSync(dir.file("million.json"), millionElementsTemplate());
    const run = lint(["million.json"]);
    expectSound(run, bound("million.json"));
    expect(linesOf(run, "million.json").map((l) => l.ruleId)).toEqual(["arm/unused-variable"]);
  }, 300_000);

  it("50,000 resources in one template", () => {
    writeFileSync(dir.file("resources-50000.json"), manyResourcesTemplate(50_000));
    const run = lint(["resources-50000.json"]);
    expectSound(run, bound("resources-50000.json"));
    expect(linesOf(run, "resources-50000.json").map((l) => l.message)).toContain("This template declares 50000 resources (copies included); ARM allows at most 800. Move some into a module or linked template.");
  }, 300_000);

  it("a dependsOn cycle of 10,000 resources and a chain of 6 nested deployments × 800 resources", () => {
    writeFileSync(dir.file("cycle-10000.json"), cycleTemplate(10_000));
    writeFileSync(dir.file("nested-6x800.json"), nestedChainTemplate(6, 800));
    const run = lint(["cycle-10000.json", "nested-6x800.json"]);
    expectSound(run, bound("cycle-10000.json") + bound("nested-6x800.json"));
    const cycle = linesOf(run, "cycle-10000.json").find((l) => l.ruleId === "arm/dependency-cycle");
    expect(cycle?.message).toMatch(/^Dependency cycle: 'c0' → 'c1' → /);
    expect(linesOf(run, "nested-6x800.json").filter((l) => l.ruleId === "arm/template-limits")).toHaveLength(5);
    expect(linesOf(run, "nested-6x800.json").filter((l) => l.ruleId !== "arm/template-limits")).toEqual([]);
  }, 300_000);

  it("regex-hostile strings in every place a template's text reaches a pattern or a message", () => {
    writeFileSync(dir.file("regex-hostile.json"), regexHostileTemplate(200_000));
    const run = lint(["regex-hostile.json"]);
    expectSound(run, bound("regex-hostile.json"));
    const found = linesOf(run, "regex-hostile.json");
    expect(found.filter((l) => l.ruleId === "arm/unknown-dependency").length).toBeGreaterThanOrEqual(3);
    expect(found.every((l) => !l.message.includes("\n"))).toBe(true);
  }, 300_000);
});
