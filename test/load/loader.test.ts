// Unit tests of the loader: files/bytes/text → diagnostics with positions, read failures, tree helpers.
import { mkdtempSync, rmSync, symlinkSync, writeFileSync, chmodSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.js";
import type { JsonObject } from "../../src/load/json.js";
import {
  PARSE_ERROR_RULE_ID,
  equalsIgnoreCase,
  getProperties,
  getProperty,
  loadBytes,
  loadFile,
  loadText,
  toPlainValue,
} from "../../src/load/loader.js";

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "armlint-load-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

function onlyDiagnostic(r: { diagnostics: Diagnostic[] }): Diagnostic {
  expect(r.diagnostics).toHaveLength(1);
  const d = r.diagnostics[0]!;
  expect(d.ruleId).toBe(PARSE_ERROR_RULE_ID);
  expect(d.severity).toBe("error");
  return d;
}

describe("loadText", () => {
  it("parses valid text with no diagnostics", () => {
    const r = loadText('{"a": [1, 2]}', "t.json");
    expect(r.diagnostics).toEqual([]);
    expect(r.path).toBe("t.json");
    expect(r.source?.text).toBe('{"a": [1, 2]}');
    expect(r.source?.hasComments).toBe(false);
    expect(toPlainValue(r.root!)).toEqual({ a: [1, 2] });
  });

  it("records comments on the source", () => {
    expect(loadText("{} // x", "t.json").source?.hasComments).toBe(true);
  });

  it("drops a leading BOM character", () => {
    const r = loadText("\ufeff{}", "t.json");
    expect(r.diagnostics).toEqual([]);
    expect(r.source?.text).toBe("{}");
    expect(r.source?.encoding).toBe("utf-8-bom");
  });

  it("a syntax error becomes a diagnostic with 1-based line/column, end and span", () => {
    const text = '{\n  "a": 1,\n  "b": }\n';
    const d = onlyDiagnostic(loadText(text, "bad.json"));
    expect(d).toMatchObject({ file: "bad.json", line: 3, column: 8, endLine: 3, endColumn: 9, span: { offset: 19, length: 1 } });
    expect(d.message).toBe("Unexpected character '}' — expected a value. Check for a missing value or an extra comma.");
  });

  it("positions with CRLF line ends", () => {
    const d = onlyDiagnostic(loadText('{\r\n  "a": 1\r\n  "b": 2\r\n}', "crlf.json"));
    expect(d).toMatchObject({ line: 3, column: 3 });
    expect(d.message).toMatch(/expected ',' or '}'/);
  });

  it("positions with CR line ends", () => {
    const d = onlyDiagnostic(loadText('{\r  "a": 1\r  "b": 2\r}', "cr.json"));
    expect(d).toMatchObject({ line: 3, column: 3 });
  });

  it("truncated JSON points at the end of the file", () => {
    const text = '{\n  "a": [1, 2\n';
    const d = onlyDiagnostic(loadText(text, "t.json"));
    expect(d).toMatchObject({ line: 3, column: 1, endLine: 3, endColumn: 1, span: { offset: text.length, length: 0 } });
    expect(d.message).toMatch(/array is not closed/);
  });

  it("empty and whitespace-only text", () => {
    for (const t of ["", "  \n\t"]) {
      const d = onlyDiagnostic(loadText(t, "e.json"));
      expect(d).toMatchObject({ line: 1, column: 1 });
      expect(d.message).toMatch(/File is empty/);
    }
  });

  it("limits are passed through", () => {
    expect(onlyDiagnostic(loadText("[[[]]]", "t.json", { maxDepth: 2 })).message).toMatch(/Nesting deeper than 2/);
    expect(onlyDiagnostic(loadText('"abcdef"', "t.json", { maxStringLength: 3 })).message).toMatch(/String longer than 3/);
    expect(onlyDiagnostic(loadText("[1, 2, 3]", "t.json", { maxFileBytes: 4 })).message).toMatch(/too large/);
  });
});

describe("loadBytes", () => {
  it("UTF-8 with BOM", () => {
    const r = loadBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a": 1}')]), "bom.json");
    expect(r.diagnostics).toEqual([]);
    expect(r.source?.encoding).toBe("utf-8-bom");
    expect(r.root).toMatchObject({ type: "object", offset: 0, length: 8 });
  });

  it("UTF-16 LE and BE with BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"é": 1}', "utf16le")]);
    const be = Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from('{"é": 1}', "utf16le").swap16()]);
    for (const [bytes, enc] of [
      [le, "utf-16le"],
      [be, "utf-16be"],
    ] as const) {
      const r = loadBytes(bytes, "u16.json");
      expect(r.diagnostics).toEqual([]);
      expect(r.source?.encoding).toBe(enc);
      expect(toPlainValue(r.root!)).toEqual({ é: 1 });
    }
  });

  it("invalid UTF-8 → diagnostic at the line/column of the bad byte", () => {
    const bytes = Buffer.concat([Buffer.from('{\n  "a": "x'), Buffer.from([0xe9]), Buffer.from('"\n}')]);
    const r = loadBytes(bytes, "latin1.json");
    const d = onlyDiagnostic(r);
    expect(r.source).toBeUndefined();
    expect(d.message).toMatch(/not valid UTF-8.*byte offset 11/);
    expect(d).toMatchObject({ line: 2, column: 10, span: { offset: 11, length: 1 } });
    expect(d.data).toMatchObject({ reason: "encoding", byteOffset: "11" });
  });

  it("UTF-16 without BOM → diagnostic saying so", () => {
    const d = onlyDiagnostic(loadBytes(Buffer.from('{"a": 1}', "utf16le"), "u16.json"));
    expect(d.message).toMatch(/UTF-16.*without a byte order mark/);
    expect(d).toMatchObject({ line: 1, column: 1 });
  });

  it("binary data → diagnostic", () => {
    const d = onlyDiagnostic(loadBytes(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]), "x.png"));
    expect(d.message).toMatch(/binary file/);
  });

  it("0 bytes → 'file is empty'", () => {
    const d = onlyDiagnostic(loadBytes(new Uint8Array(0), "empty.json"));
    expect(d.message).toMatch(/File is empty/);
  });

  it("over the byte limit", () => {
    const d = onlyDiagnostic(loadBytes(Buffer.from("[1, 2, 3]"), "big.json", { maxFileBytes: 4 }));
    expect(d.message).toMatch(/too large.*9 bytes.*limit of 4 bytes/);
  });
});

describe("loadFile", () => {
  it("reads and parses a file", () => {
    const p = write("ok.json", '{\n  "$schema": "x",\n  "resources": []\n}\n');
    const r = loadFile(p);
    expect(r.diagnostics).toEqual([]);
    expect(r.path).toBe(p);
    expect(r.source?.path).toBe(p);
    expect(toPlainValue(r.root!)).toEqual({ $schema: "x", resources: [] });
  });

  it("0-byte file", () => {
    const d = onlyDiagnostic(loadFile(write("zero.json", "")));
    expect(d.message).toMatch(/File is empty/);
  });

  it("whitespace-only file", () => {
    const d = onlyDiagnostic(loadFile(write("ws.json", "  \r\n\n ")));
    expect(d.message).toMatch(/File is empty/);
  });

  it("truncated file", () => {
    const d = onlyDiagnostic(loadFile(write("trunc.json", '{\n  "a": {\n    "b": "c')));
    expect(d.message).toMatch(/Unterminated string/);
    expect(d).toMatchObject({ line: 3, column: 10 });
  });

  it("nonexistent path → diagnostic at 1:1, no throw", () => {
    const p = join(dir, "does-not-exist.json");
    const r = loadFile(p);
    const d = onlyDiagnostic(r);
    expect(r.source).toBeUndefined();
    expect(r.root).toBeUndefined();
    expect(d).toMatchObject({ file: p, line: 1, column: 1, endLine: 1, endColumn: 1, span: { offset: 0, length: 0 } });
    expect(d.message).toMatch(/Cannot read file: no such file or directory/);
    expect(d.data).toMatchObject({ code: "ENOENT" });
  });

  it("a directory → 'is a directory'", () => {
    const d = onlyDiagnostic(loadFile(dir));
    expect(d.message).toMatch(/is a directory/);
    expect(d).toMatchObject({ line: 1, column: 1 });
  });

  it("a symlink loop → ELOOP in words", () => {
    const a = join(dir, "loop-a.json");
    const b = join(dir, "loop-b.json");
    symlinkSync(b, a);
    symlinkSync(a, b);
    const d = onlyDiagnostic(loadFile(a));
    expect(d.message).toMatch(/symbolic links/);
    expect(d.data).toMatchObject({ code: "ELOOP" });
  });

  it("a path through a file → ENOTDIR in words", () => {
    const p = write("plain.json", "{}");
    const d = onlyDiagnostic(loadFile(join(p, "x.json")));
    expect(d.message).toMatch(/not a directory/);
  });

  it.skipIf(process.platform === "win32" || process.getuid?.() === 0)("an unreadable file → permission denied", () => {
    const p = write("secret.json", "{}");
    chmodSync(p, 0o000);
    const d = onlyDiagnostic(loadFile(p));
    expect(d.message).toMatch(/permission denied/);
  });

  it("a file over the size limit", () => {
    const p = write("big.json", `[${"1,".repeat(100)}1]`);
    const d = onlyDiagnostic(loadFile(p, { maxFileBytes: 100 }));
    expect(d.message).toMatch(/too large/);
    expect(loadFile(p, { maxFileBytes: 1000 }).diagnostics).toEqual([]);
  });

  it("UTF-16 file with BOM", () => {
    const p = write("u16.json", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"a": "ü"}', "utf16le")]));
    const r = loadFile(p);
    expect(r.diagnostics).toEqual([]);
    expect(toPlainValue(r.root!)).toEqual({ a: "ü" });
  });

  it("files read one after another keep their own text (the read buffer is shared), whatever their sizes", () => {
    const big = `{"items": [${Array.from({ length: 40_000 }, (_, i) => `"v${i}"`).join(",")}]}`;
    const files = [
      { name: "seq-big.json", content: big },
      { name: "seq-small.json", content: '{"a": 1}' },
      { name: "seq-bom.json", content: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"b": "é"}')]) },
      { name: "seq-bad.json", content: Buffer.from([0x7b, 0x22, 0x63, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]) },
      // Over the shared buffer's largest size: a buffer of its own, and the next file still reads right.
      { name: "seq-huge.json", content: `[${'"x",'.repeat(2_200_000)}"y"]` },
      { name: "seq-last.json", content: "[true]" },
    ];
    const loaded = files.map((f) => loadFile(write(f.name, f.content)));
    expect(loaded[0]!.source!.text).toBe(big);
    expect((toPlainValue(loaded[0]!.root!) as { items: string[] }).items[39_999]).toBe("v39999");
    expect(loaded[1]!.source!.text).toBe('{"a": 1}');
    expect(toPlainValue(loaded[2]!.root!)).toEqual({ b: "é" });
    expect(onlyDiagnostic(loaded[3]!).message).toMatch(/not valid UTF-8: invalid byte sequence at byte offset 6/);
    expect((toPlainValue(loaded[4]!.root!) as string[]).length).toBe(2_200_001);
    expect(loaded[5]!.source!.text).toBe("[true]");
    // Loading again in the other order gives the same texts.
    const again = [...files].reverse().map((f) => loadFile(join(dir, f.name)).source?.text);
    expect(again.reverse()).toEqual(loaded.map((l) => l.source?.text));
  });
});

describe("tree helpers", () => {
  const root = loadText('{"Name": 1, "type": 2, "NAME": 3, "name": 4}', "t.json").root as JsonObject;

  it("getProperty: case-insensitive, first match", () => {
    expect(getProperty(root, "name")?.keyOffset).toBe(1);
    expect(getProperty(root, "TYPE")?.key).toBe("type");
    expect(getProperty(root, "missing")).toBeUndefined();
  });

  it("getProperties: all case-insensitive matches in order", () => {
    expect(getProperties(root, "name").map((p) => p.key)).toEqual(["Name", "NAME", "name"]);
    expect(getProperties(root, "x")).toEqual([]);
  });

  it("equalsIgnoreCase", () => {
    expect(equalsIgnoreCase("apiVersion", "APIVERSION")).toBe(true);
    expect(equalsIgnoreCase("Straße", "STRASSE")).toBe(false);
    expect(equalsIgnoreCase("éa", "ÉA")).toBe(true);
    expect(equalsIgnoreCase("a", "ab")).toBe(false);
    expect(equalsIgnoreCase("[", "{")).toBe(false);
  });

  it("toPlainValue: last duplicate wins like JSON.parse; null-prototype objects", () => {
    const text = '{"a": 1, "b": {"c": [true, null, "s"]}, "a": 2}';
    const plain = toPlainValue(loadText(text, "t.json").root!);
    expect(plain).toEqual(JSON.parse(text));
    expect(Object.getPrototypeOf(plain)).toBeNull();
    expect(JSON.stringify(plain)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it("toPlainValue on scalars and deep nesting (no recursion)", () => {
    expect(toPlainValue(loadText('"x"', "t.json").root!)).toBe("x");
    const deep = loadText("[".repeat(100_000) + "]".repeat(100_000), "t.json", { maxDepth: 200_000 });
    expect(deep.diagnostics).toEqual([]);
    let v = toPlainValue(deep.root!);
    let depth = 0;
    while (Array.isArray(v)) {
      depth++;
      v = (v as unknown[])[0];
    }
    expect(depth).toBe(100_000);
  });
});
