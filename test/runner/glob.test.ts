// Tests for the glob matcher: every supported syntax, separators, and escaping.
import { describe, expect, it } from "vitest";
import { globMatcher, hasMagic } from "../../src/runner/glob.js";
import { ignoreMatcher } from "../../src/runner/ignore.js";

function matches(pattern: string, path: string): boolean {
  return globMatcher(pattern)(path);
}

describe("globMatcher", () => {
  it("* stays within a segment", () => {
    expect(matches("*.json", "main.json")).toBe(true);
    expect(matches("*.json", "a/main.json")).toBe(false);
    expect(matches("a/*/c.json", "a/b/c.json")).toBe(true);
    expect(matches("a/*/c.json", "a/b/x/c.json")).toBe(false);
  });

  it("** matches zero or more segments", () => {
    expect(matches("**/*.json", "main.json")).toBe(true);
    expect(matches("**/*.json", "a/b/c/main.json")).toBe(true);
    expect(matches("a/**/c.json", "a/c.json")).toBe(true);
    expect(matches("a/**/c.json", "a/x/y/c.json")).toBe(true);
    expect(matches("a/**", "a/x/y")).toBe(true);
    expect(matches("a/**", "b/x")).toBe(false);
  });

  it("? matches one character, not a separator", () => {
    expect(matches("v?.json", "v1.json")).toBe(true);
    expect(matches("v?.json", "v10.json")).toBe(false);
    expect(matches("a?b", "a/b")).toBe(false);
  });

  it("{a,b} alternatives, nested", () => {
    expect(matches("*.{json,jsonc}", "x.jsonc")).toBe(true);
    expect(matches("*.{json,jsonc}", "x.bicep")).toBe(false);
    expect(matches("{a,b{c,d}}/x", "bd/x")).toBe(true);
    expect(matches("{a,b{c,d}}/x", "b/x")).toBe(false);
  });

  it("[...] classes and negation", () => {
    expect(matches("v[0-9].json", "v7.json")).toBe(true);
    expect(matches("v[!0-9].json", "v7.json")).toBe(false);
    expect(matches("v[!0-9].json", "vx.json")).toBe(true);
  });

  it("escapes regex characters and accepts backslash paths", () => {
    expect(matches("a+b(1).json", "a+b(1).json")).toBe(true);
    expect(matches("a.json", "aXjson")).toBe(false);
    expect(matches("dir/*.json", "dir\\x.json")).toBe(true);
    expect(matches("\\*.json", "*.json")).toBe(true);
    expect(matches("\\*.json", "x.json")).toBe(false);
  });

  it("unbalanced braces and brackets are literal", () => {
    expect(matches("a{b", "a{b")).toBe(true);
    expect(matches("a[b", "a[b")).toBe(true);
  });

  it("hasMagic", () => {
    expect(hasMagic("src/**/*.json")).toBe(true);
    expect(hasMagic("a{b,c}")).toBe(true);
    expect(hasMagic("plain/path.json")).toBe(false);
  });
});

describe("ignoreMatcher", () => {
  const ignored = ignoreMatcher(["build/", "*.generated.json", "/root-only.json", "!keep.generated.json", "docs/**/*.json"], "/repo");

  it("folders, names at any depth, anchored names, negation", () => {
    expect(ignored("/repo/build/main.json")).toBe(true);
    expect(ignored("/repo/a/b.generated.json")).toBe(true);
    expect(ignored("/repo/a/keep.generated.json")).toBe(false);
    expect(ignored("/repo/root-only.json")).toBe(true);
    expect(ignored("/repo/sub/root-only.json")).toBe(false);
    expect(ignored("/repo/docs/x/y.json")).toBe(true);
    expect(ignored("/repo/main.json")).toBe(false);
  });

  it("never ignores files outside the config folder", () => {
    expect(ignored("/elsewhere/build/main.json")).toBe(false);
  });
});
