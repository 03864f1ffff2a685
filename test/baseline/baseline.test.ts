// Tests for baseline files: stable serialization, validation errors, marking findings external, pruning.
import { mkdirSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { applyBaseline, BaselineError, baselineEntries, prunedEntries, readBaseline, serializeBaseline, type BaselineEntry } from "../../src/baseline/baseline.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import type { LintResult } from "../../src/runner/run.js";
import { tempDirs } from "../runner/helpers.js";

const temp = tempDirs();

const hex = (c: string): string => c.repeat(64);

function finding(file: string, ruleId: string, fingerprint: string, line = 1): Diagnostic {
  return { ruleId, severity: "error", message: `${ruleId} in ${file}`, file, line, column: 1, endLine: line, endColumn: 2, span: { offset: 0, length: 1 }, fingerprint };
}

function result(file: string, diagnostics: Diagnostic[]): LintResult {
  return { file, diagnostics, source: undefined, suppressed: [] };
}

describe("serializeBaseline", () => {
  it("writes sorted, deduplicated entries with a fixed key order and a final newline", () => {
    const entries: BaselineEntry[] = [
      { message: "m2", file: "b.json", ruleId: "arm/x", fingerprint: hex("2") },
      { fingerprint: hex("1"), ruleId: "arm/y", file: "a.json", message: "m1" },
      { fingerprint: hex("3"), ruleId: "arm/x", file: "a.json", message: "m3" },
      { fingerprint: hex("1"), ruleId: "arm/y", file: "a.json", message: "m1" },
    ];
    const text = serializeBaseline(entries);
    expect(text).toBe(
      `{
  "version": 1,
  "findings": [
    {
      "fingerprint": "${hex("3")}",
      "ruleId": "arm/x",
      "file": "a.json",
      "message": "m3"
    },
    {
      "fingerprint": "${hex("1")}",
      "ruleId": "arm/y",
      "file": "a.json",
      "message": "m1"
    },
    {
      "fingerprint": "${hex("2")}",
      "ruleId": "arm/x",
      "file": "b.json",
      "message": "m2"
    }
  ]
}
`,
    );
    expect(serializeBaseline([...entries].reverse())).toBe(text);
  });

  it("takes the findings that count, relative paths, never parse or internal errors", () => {
    const cwd = "/repo";
    const entries = baselineEntries(
      [
        result("/repo/t/a.json", [finding("/repo/t/a.json", "arm/x", hex("a")), finding("/repo/t/a.json", "armlint/parse-error", hex("b"))]),
        { ...result("/repo/b.json", [finding("/repo/b.json", "armlint/internal-error", hex("c"))]), suppressed: [finding("/repo/b.json", "arm/z", hex("d"))] },
      ],
      cwd,
    );
    expect(entries).toEqual([{ fingerprint: hex("a"), ruleId: "arm/x", file: "t/a.json", message: "arm/x in /repo/t/a.json" }]);
  });
});

describe("readBaseline", () => {
  const bad = (content: string): string => {
    const dir = temp({ "b.json": content });
    try {
      readBaseline(dir.file("b.json"));
    } catch (error) {
      expect(error).toBeInstanceOf(BaselineError);
      return (error as Error).message.replace(dir.path, "<dir>");
    }
    throw new Error("expected a BaselineError");
  };

  it("reads what serializeBaseline writes (a BOM is fine)", () => {
    const entries = [{ fingerprint: hex("e"), ruleId: "arm/x", file: "a.json", message: "m" }];
    const dir = temp({ "b.json": `\uFEFF${serializeBaseline(entries)}` });
    expect(readBaseline(dir.file("b.json"))).toEqual({ file: dir.file("b.json"), entries });
  });

  it("says clearly what is wrong", () => {
    expect(bad("{ nope")).toMatch(/^Invalid baseline file <dir>\/b\.json: not valid JSON \(.+\)\. Regenerate it with '--write-baseline .+'\.$/u);
    expect(bad("[]")).toBe(`Invalid baseline file <dir>/b.json: expected a JSON object with "version" and "findings".`);
    expect(bad('{ "version": 2, "findings": [] }')).toBe(
      `Invalid baseline file <dir>/b.json: "version" must be 1 (got 2); it was written by another armlint version, so regenerate it.`,
    );
    expect(bad('{ "version": 1 }')).toBe(`Invalid baseline file <dir>/b.json: "findings" must be an array.`);
    expect(bad('{ "version": 1, "findings": [{ "fingerprint": "abc", "ruleId": "x", "file": "a" }] }')).toBe(
      "Invalid baseline file <dir>/b.json: findings[0].fingerprint must be a 64-digit lowercase hex string.",
    );
    expect(bad(`{ "version": 1, "findings": [{ "fingerprint": "${hex("a")}", "file": "a" }] }`)).toBe("Invalid baseline file <dir>/b.json: findings[0].ruleId must be a string.");
  });

  it("a missing file or a folder is an error too", () => {
    const dir = temp();
    expect(() => readBaseline(dir.file("none.json"))).toThrow(`Cannot read baseline file ${dir.file("none.json")}: no such file. Create it with '--write-baseline ${dir.file("none.json")}'.`);
    mkdirSync(dir.file("folder"));
    expect(() => readBaseline(dir.file("folder"))).toThrow(`Cannot read baseline file ${dir.file("folder")}: it is a folder.`);
  });
});

describe("applyBaseline", () => {
  it("moves listed findings to suppressed, marked external with the baseline file; the rest still count", () => {
    const listed = finding("/r/a.json", "arm/x", hex("1"), 3);
    const fresh = finding("/r/a.json", "arm/x", hex("2"), 9);
    const parse = finding("/r/b.json", "armlint/parse-error", hex("3"));
    const baseline = { file: "/r/baseline.json", entries: [hex("1"), hex("3")].map((fingerprint) => ({ fingerprint, ruleId: "arm/x", file: "a.json", message: "" })) };
    const [a, b] = applyBaseline([result("/r/a.json", [listed, fresh]), result("/r/b.json", [parse])], baseline);
    expect(a?.diagnostics).toEqual([fresh]);
    expect(a?.suppressed).toEqual([{ ...listed, suppressions: [{ kind: "external", location: { file: "/r/baseline.json" } }] }]);
    expect(b?.diagnostics).toEqual([parse]);
    expect(listed.suppressions).toBeUndefined();
  });
});

describe("prunedEntries", () => {
  it("drops entries that no longer occur in linted files or whose file is gone; keeps entries of files not linted", () => {
    const dir = temp({ "kept.json": "{}" });
    const entry = (c: string, file: string): BaselineEntry => ({ fingerprint: hex(c), ruleId: "arm/x", file, message: "" });
    const baseline = { file: dir.file("baseline.json"), entries: [entry("1", "a.json"), entry("2", "a.json"), entry("3", "kept.json"), entry("4", "gone.json")] };
    writeFileSync(dir.file("a.json"), "{}");
    const { kept, removed } = prunedEntries(baseline, [result(dir.file("a.json"), [finding(dir.file("a.json"), "arm/x", hex("1"))])], dir.path);
    expect(kept.map((e) => e.fingerprint)).toEqual([hex("1"), hex("3")]);
    expect(removed).toBe(2);
  });
});
