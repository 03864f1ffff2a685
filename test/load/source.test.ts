// Unit tests of SourceFile: offset ⇄ line/column with LF, CRLF and CR line ends.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SourceFile } from "../../src/load/source.js";

describe("SourceFile", () => {
  it("keeps path, text, encoding and comment flag", () => {
    const s = new SourceFile("a.json", "{}", "utf-8-bom", true);
    expect(s).toMatchObject({ path: "a.json", text: "{}", encoding: "utf-8-bom", hasComments: true });
    expect(new SourceFile("b.json", "{}")).toMatchObject({ encoding: "utf-8", hasComments: false });
  });

  it.each([
    ["LF", "\n"],
    ["CRLF", "\r\n"],
    ["CR", "\r"],
  ])("positions with %s line ends", (_name, eol) => {
    const text = ["{", '  "a": 1,', '  "bc": [', "    true", "  ]", "}"].join(eol);
    const s = new SourceFile("t.json", text);
    expect(s.lineCount).toBe(6);
    const at = (needle: string): number => text.indexOf(needle);
    expect(s.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(s.positionAt(at('"a"'))).toEqual({ line: 2, column: 3 });
    expect(s.positionAt(at("1"))).toEqual({ line: 2, column: 8 });
    expect(s.positionAt(at('"bc"'))).toEqual({ line: 3, column: 3 });
    expect(s.positionAt(at("true"))).toEqual({ line: 4, column: 5 });
    expect(s.positionAt(text.length - 1)).toEqual({ line: 6, column: 1 });
    expect(s.positionAt(text.length)).toEqual({ line: 6, column: 2 });
    // The end of line 1 (where the line break starts) is still on line 1.
    expect(s.positionAt(1)).toEqual({ line: 1, column: 2 });
    for (let off = 0; off <= text.length; off++) {
      const pos = s.positionAt(off);
      if (text[off] === "\n" && text[off - 1] === "\r") continue; // inside a CRLF pair
      expect(s.offsetAt(pos)).toBe(off);
    }
  });

  it("mixed line ends count each break once", () => {
    const s = new SourceFile("t.json", "a\r\nb\nc\rd\n\re");
    expect([0, 3, 5, 7, 9, 10].map((o) => s.positionAt(o).line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("clamps out-of-range offsets and positions", () => {
    const s = new SourceFile("t.json", "ab\ncd");
    expect(s.positionAt(-5)).toEqual({ line: 1, column: 1 });
    expect(s.positionAt(99)).toEqual({ line: 2, column: 3 });
    expect(s.positionAt(Number.NaN)).toEqual({ line: 1, column: 1 });
    expect(s.offsetAt({ line: 0, column: 5 })).toBe(0);
    expect(s.offsetAt({ line: 9, column: 1 })).toBe(5);
    expect(s.offsetAt({ line: 1, column: 99 })).toBe(3);
    expect(s.offsetAt({ line: 2, column: 0 })).toBe(3);
  });

  it("empty text", () => {
    const s = new SourceFile("t.json", "");
    expect(s.positionAt(0)).toEqual({ line: 1, column: 1 });
    expect(s.offsetAt({ line: 1, column: 1 })).toBe(0);
  });

  it("columns count UTF-16 code units", () => {
    const s = new SourceFile("t.json", '"😀x"');
    expect(s.positionAt(3)).toEqual({ line: 1, column: 4 });
  });

  it("line starts match a plain scan for any mix of line ends", () => {
    const text = fc.array(fc.constantFrom("a", "\n", "\r", "\r\n", "é"), { maxLength: 40 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, (t) => {
        const expected = [0];
        for (let i = 0; i < t.length; i++) {
          if (t[i] === "\r" && t[i + 1] === "\n") i++;
          if (t[i] === "\n" || t[i] === "\r") expected.push(i + 1);
        }
        expect([...new SourceFile("t.json", t).lineStarts]).toEqual(expected);
      }),
    );
  });
  it("line starts of long texts (past any scratch buffer) and of a short text after them", () => {
    const plain = (t: string): number[] => {
      const expected = [0];
      for (let i = 0; i < t.length; i++) {
        if (t[i] === "\r" && t[i + 1] === "\n") i++;
        if (t[i] === "\n" || t[i] === "\r") expected.push(i + 1);
      }
      return expected;
    };
    const breaks = ["\n", "\r\n", "\r", "\n\r", "x\n"];
    for (const lines of [4095, 4096, 4097, 70_000, (1 << 20) + 3]) {
      const t = Array.from({ length: lines }, (_, i) => breaks[i % breaks.length]).join("");
      const s = new SourceFile("t.json", t);
      expect([...s.lineStarts]).toEqual(plain(t));
      expect(s.positionAt(t.length)).toEqual({ line: s.lineCount, column: 1 });
    }
    expect([...new SourceFile("t.json", "a\r\nb").lineStarts]).toEqual([0, 3]);
    expect([...new SourceFile("t.json", "ab").lineStarts]).toEqual([0]);
  });
});
