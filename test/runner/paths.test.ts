// Tests for resolvePath: the same answer as path.resolve, whether or not its fast path applies.
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { resolvePath } from "../../src/runner/paths.js";

const CWD = resolve("/work/project");

describe("resolvePath", () => {
  const paths = [
    "/a/b/c.json",
    "/a",
    "/",
    "//a/b",
    "/a//b",
    "/a/b/",
    "/a/./b",
    "/a/../b",
    "/a/b/.",
    "/a/b/..",
    "/.",
    "/..",
    "/.a/..b/...",
    "/a/.b./c..",
    "/a/b\\c",
    "/a/\u00e9/\ud83d\ude00.json",
    "a/b.json",
    "./a.json",
    "../a.json",
    "",
    ".",
  ];
  it.each(paths)("resolves %j as path.resolve does", (path) => {
    expect(resolvePath(CWD, path)).toBe(resolve(CWD, path));
  });

  it("returns an absolute normal path itself", () => {
    const path = "/work/shared/corpus/template.json";
    expect(resolvePath(CWD, path)).toBe(path);
  });
});
