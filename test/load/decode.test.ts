// Unit tests of byte decoding: UTF-8 ± BOM, UTF-16 with BOM, and the failures (invalid UTF-8, BOM-less UTF-16, binary).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeBytes, findInvalidUtf8 } from "../../src/load/decode.js";

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);

function utf16le(text: string): Buffer {
  return Buffer.from(text, "utf16le");
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, "utf16le").swap16();
}

describe("decodeBytes", () => {
  it("UTF-8 without BOM", () => {
    expect(decodeBytes(Buffer.from('{"a": "é😀"}'))).toEqual({ ok: true, text: '{"a": "é😀"}', encoding: "utf-8" });
  });

  it("UTF-8 with BOM: the BOM is stripped", () => {
    const r = decodeBytes(Buffer.concat([BOM8, Buffer.from("{}")]));
    expect(r).toEqual({ ok: true, text: "{}", encoding: "utf-8-bom" });
  });

  it("only the first BOM is stripped", () => {
    const r = decodeBytes(Buffer.concat([BOM8, BOM8, Buffer.from("{}")]));
    expect(r).toEqual({ ok: true, text: "\ufeff{}", encoding: "utf-8-bom" });
  });

  it("plain Uint8Array input", () => {
    expect(decodeBytes(new Uint8Array([0x5b, 0x5d]))).toEqual({ ok: true, text: "[]", encoding: "utf-8" });
  });

  it("0 bytes → empty text", () => {
    expect(decodeBytes(new Uint8Array(0))).toEqual({ ok: true, text: "", encoding: "utf-8" });
  });

  it("UTF-16 LE with BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('{"a": "é😀"}')]);
    expect(decodeBytes(bytes)).toEqual({ ok: true, text: '{"a": "é😀"}', encoding: "utf-16le" });
  });

  it("UTF-16 BE with BOM", () => {
    const bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be('{"a": "é😀"}')]);
    expect(decodeBytes(bytes)).toEqual({ ok: true, text: '{"a": "é😀"}', encoding: "utf-16be" });
  });

  it("UTF-16 with an odd byte count", () => {
    const r = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le("{}"), Buffer.from([0x20])]));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/odd number of bytes/);
  });

  it("UTF-16 with an unpaired surrogate", () => {
    const r = decodeBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), utf16le('"\ud800"')]));
    expect(r).toMatchObject({ ok: false, offset: 4 });
  });

  it("invalid UTF-8 → the byte offset of the first bad sequence", () => {
    const bytes = Buffer.concat([Buffer.from('{"a": "'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]);
    const r = decodeBytes(bytes);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.offset).toBe(7);
      expect(r.message).toMatch(/not valid UTF-8.*byte offset 7/);
    }
  });

  it("invalid UTF-8 after a BOM: the offset counts the BOM", () => {
    const r = decodeBytes(Buffer.concat([BOM8, Buffer.from("[1,"), Buffer.from([0xff]), Buffer.from("]")]));
    expect(r).toMatchObject({ ok: false, offset: 6 });
  });

  it("Latin-1 text is not UTF-8", () => {
    const r = decodeBytes(Buffer.from('{"name": "café"}', "latin1"));
    expect(r).toMatchObject({ ok: false, offset: 13 });
  });

  it("UTF-16 LE without BOM → says so", () => {
    const r = decodeBytes(utf16le('{"a": 1}'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/UTF-16 \(little-endian\) without a byte order mark/);
      expect(r.offset).toBe(0);
    }
  });

  it("UTF-16 BE without BOM → says so", () => {
    const r = decodeBytes(utf16be('{"a": 1}'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/UTF-16 \(big-endian\) without a byte order mark/);
  });

  it("binary data → 'binary'", () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]);
    const r = decodeBytes(png);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.message).toMatch(/binary file/);
      expect(r.offset).toBe(8);
    }
  });

  it("a NUL byte in otherwise valid UTF-8 text → binary, at its offset", () => {
    const r = decodeBytes(Buffer.from('{"a": "x\0y"}'));
    expect(r).toMatchObject({ ok: false, offset: 8 });
    if (!r.ok) expect(r.message).toMatch(/binary file/);
  });

  it("UTF-32 BOMs are reported as unsupported", () => {
    expect(decodeBytes(Buffer.from([0xff, 0xfe, 0, 0, 0x7b, 0, 0, 0]))).toMatchObject({ ok: false });
    expect(decodeBytes(Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x7b]))).toMatchObject({ ok: false });
  });
});

describe("decodeBytes agrees with a fatal TextDecoder", () => {
  const fatal = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
  // Bytes biased towards UTF-8 lead and continuation bytes, so that both valid and invalid sequences are common.
  const byte = fc.oneof(fc.integer({ min: 1, max: 0x7f }), fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xc0, max: 0xff }));
  const body = fc.oneof(
    fc.array(byte, { maxLength: 24 }).map((a) => Uint8Array.from(a)),
    fc.string({ unit: "binary", maxLength: 12 }).map((s) => Uint8Array.from(Buffer.from(s.replace(/\0/g, "x"), "utf8"))),
  );

  it("same text for valid UTF-8 (ASCII or not), an invalid-UTF-8 failure otherwise", () => {
    fc.assert(
      fc.property(body, (bytes) => {
        if (bytes[0] === 0xff || bytes[0] === 0xfe || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return;
        const r = decodeBytes(bytes);
        let expected: string | undefined;
        try {
          expected = fatal.decode(bytes);
        } catch {
          expected = undefined;
        }
        if (expected === undefined) {
          expect(r).toMatchObject({ ok: false, offset: findInvalidUtf8(bytes) });
          if (!r.ok) expect(r.message).toMatch(/not valid UTF-8/);
        } else expect(r).toEqual({ ok: true, text: expected, encoding: "utf-8" });
      }),
      { numRuns: 2000 },
    );
  });
});

describe("findInvalidUtf8", () => {
  it.each([
    [[0x41, 0x80], 1], // lone continuation
    [[0xc0, 0xaf], 0], // overlong
    [[0xe0, 0x80, 0xaf], 0], // overlong 3-byte
    [[0xed, 0xa0, 0x80], 0], // surrogate
    [[0xf4, 0x90, 0x80, 0x80], 0], // > U+10FFFF
    [[0x41, 0xe2, 0x82], 1], // truncated
    [[0xe2, 0x82, 0xac, 0x41], 4], // valid "€A"
  ])("%j → %i", (bytes, offset) => {
    expect(findInvalidUtf8(new Uint8Array(bytes))).toBe(offset);
  });
});
