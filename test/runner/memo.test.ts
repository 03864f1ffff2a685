// Tests for the rules' per-file memos: one entry per key in turn, scopes answered per file.
import { describe, expect, it } from "vitest";
import { forgetFileMemos, LastMemo, ScopeMemo } from "../../src/runner/memo.js";
import type { TemplateScope } from "../../src/model/types.js";

describe("LastMemo", () => {
  it("answers the same key from memory and makes the value again for another key", () => {
    const memo = new LastMemo<object, number>();
    const a = {};
    const b = {};
    let made = 0;
    const make = (): number => ++made;
    expect(memo.get(a, make)).toBe(1);
    expect(memo.get(a, make)).toBe(1);
    expect(memo.get(b, make)).toBe(2);
    expect(memo.get(a, make)).toBe(3);
  });

  it("keeps undefined as an answer, and a make that asks about another key stores its own answer last", () => {
    const memo = new LastMemo<object, string | undefined>();
    const outer = {};
    const inner = {};
    const third = {};
    let made = 0;
    expect(memo.get(inner, () => (made++, undefined))).toBeUndefined();
    expect(memo.get(inner, () => (made++, "again"))).toBeUndefined();
    expect(made).toBe(1);
    expect(memo.get(outer, () => `outer of ${memo.get(third, () => "x") ?? "?"}`)).toBe("outer of x");
    expect(memo.get(outer, () => "made twice")).toBe("outer of x");
  });
});

describe("ScopeMemo", () => {
  it("keeps one answer per scope of a file, and starts over for another file", () => {
    const scope = (id: number, parent?: TemplateScope): TemplateScope => ({ id, parent }) as TemplateScope;
    const root = scope(0);
    const nested = scope(1, root);
    const deeper = scope(2, nested);
    const otherRoot = scope(0);
    const memo = new ScopeMemo<string>();
    let made = 0;
    const make = (s: TemplateScope): string => `${s.id}:${++made}`;
    expect([memo.get(root, make), memo.get(deeper, make), memo.get(nested, make)]).toEqual(["0:1", "2:2", "1:3"]);
    expect([memo.get(deeper, make), memo.get(root, make)]).toEqual(["2:2", "0:1"]);
    expect(memo.get(otherRoot, make)).toBe("0:4");
  });
});

describe("forgetFileMemos", () => {
  it("empties every memo, so the next ask makes the value again", () => {
    const memo = new LastMemo<object, number>();
    const key = {};
    let made = 0;
    const make = (): number => ++made;
    expect(memo.get(key, make)).toBe(1);
    forgetFileMemos();
    expect(memo.get(key, make)).toBe(2);
    expect(memo.get(key, make)).toBe(2);
  });
});
