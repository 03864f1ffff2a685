// Tests for the unified diff of --fix-dry-run: exact hunks, context merging, missing final newlines, and that patches apply.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../src/fix/diff.js";
import { TempDir } from "../runner/helpers.js";

const lines = (n: number, from = 1): string => Array.from({ length: n }, (_, i) => `line ${i + from}\n`).join("");

/** Applies a unified diff produced by unifiedDiff (hunks in order) to `before`: an independent reader of the format. */
function applyPatch(before: string, patch: string): string {
  const old = before.match(/[^\n]*\n|[^\n]+$/gu) ?? [];
  const out: string[] = [];
  let at = 0;
  const body = patch.split("\n").slice(2);
  let previous = "";
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    const header = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/u.exec(line);
    if (header !== null) {
      const start = Number(header[1]) - (header[2] === "0" ? 0 : 1);
      while (at < start) out.push(old[at++]!);
      continue;
    }
    if (line === "\\ No newline at end of file") {
      if (previous !== "-") out[out.length - 1] = out[out.length - 1]!.replace(/\n$/u, "");
      continue;
    }
    if (line === "" && i === body.length - 1) break;
    previous = line[0] ?? "";
    if (line.startsWith(" ")) out.push(old[at++]!);
    else if (line.startsWith("-")) at++;
    else if (line.startsWith("+")) out.push(`${line.slice(1)}\n`);
  }
  while (at < old.length) out.push(old[at++]!);
  return out.join("");
}

describe("unifiedDiff", () => {
  it("is empty for equal texts", () => {
    expect(unifiedDiff("a\n", "a\n", "a/x", "b/x")).toBe("");
  });

  it("writes headers and one hunk with three lines of context", () => {
    const before = lines(10);
    const after = before.replace("line 5\n", "line 5\ninserted\n");
    expect(unifiedDiff(before, after, "a/t.json", "b/t.json")).toBe(
      "--- a/t.json\n+++ b/t.json\n@@ -3,6 +3,7 @@\n line 3\n line 4\n line 5\n+inserted\n line 6\n line 7\n line 8\n",
    );
  });

  it("merges changes whose context touches, and splits the others", () => {
    const before = lines(30);
    const near = before.replace("line 5\n", "five\n").replace("line 11\n", "eleven\n");
    expect(unifiedDiff(before, near, "a", "b").match(/^@@/gmu)).toHaveLength(1);
    const far = before.replace("line 5\n", "five\n").replace("line 13\n", "thirteen\n");
    expect(unifiedDiff(before, far, "a", "b")).toBe(
      "--- a\n+++ b\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+five\n line 6\n line 7\n line 8\n" +
        "@@ -10,7 +10,7 @@\n line 10\n line 11\n line 12\n-line 13\n+thirteen\n line 14\n line 15\n line 16\n",
    );
  });

  it("names an empty range by the line before it, and drops ',1'", () => {
    expect(unifiedDiff("", "new\n", "a", "b")).toBe("--- a\n+++ b\n@@ -0,0 +1 @@\n+new\n");
    expect(unifiedDiff("only\n", "", "a", "b")).toBe("--- a\n+++ b\n@@ -1 +0,0 @@\n-only\n");
  });

  it("marks a last line without a line break, as git does", () => {
    expect(unifiedDiff("a\nb", "a\nb\nc", "a", "b")).toBe("--- a\n+++ b\n@@ -1,2 +1,3 @@\n a\n-b\n\\ No newline at end of file\n+b\n+c\n\\ No newline at end of file\n");
  });

  it("keeps \\r\\n in the lines of a \\r\\n file", () => {
    expect(unifiedDiff("a\r\nb\r\n", "a\r\nx\r\nb\r\n", "a", "b")).toBe("--- a\n+++ b\n@@ -1,2 +1,3 @@\n a\r\n+x\r\n b\r\n");
  });

  it("round-trips: applying the diff to the old text gives the new text (property)", () => {
    const text = fc.array(fc.constantFrom("a\n", "b\n", "c\n", "{\n", "}\n", "x"), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, text, (before, after) => {
        expect(applyPatch(before, unifiedDiff(before, after, "a/f", "b/f"))).toBe(after);
      }),
      { numRuns: 500 },
    );
  });

  it("is a patch `git apply` accepts", () => {
    const dir = new TempDir();
    try {
      const before = readFileSync(new URL("../../fixtures/fix/commented.json", import.meta.url), "utf8");
      const after = readFileSync(new URL("../../fixtures/fix/commented.fixed.json", import.meta.url), "utf8");
      writeFileSync(dir.file("t.json"), before);
      writeFileSync(dir.file("fix.patch"), unifiedDiff(before, after, "a/t.json", "b/t.json"));
      execFileSync("git", ["apply", "fix.patch"], { cwd: dir.path, stdio: "pipe" });
      expect(readFileSync(dir.file("t.json"), "utf8")).toBe(after);
    } finally {
      dir.remove();
    }
  });
});
