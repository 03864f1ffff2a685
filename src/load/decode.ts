// Byte decoding: turn a file's bytes into text (UTF-8 with/without BOM, UTF-16 with BOM) or say exactly why not.

import { Buffer, isAscii, isUtf8 } from "node:buffer";

export type TextEncodingName = "utf-8" | "utf-8-bom" | "utf-16le" | "utf-16be";

export type DecodeResult =
  | { ok: true; text: string; encoding: TextEncodingName }
  | { ok: false; message: string; offset: number };

const utf16leFatal = new TextDecoder("utf-16le", { fatal: true, ignoreBOM: true });

/**
 * Decodes file bytes. The BOM (if any) is not part of the returned text. Never throws.
 * Failure offsets are byte offsets into `bytes`.
 */
export function decodeBytes(bytes: Uint8Array): DecodeResult {
  const n = bytes.length;
  if (n >= 2) {
    const b0 = bytes[0]!;
    const b1 = bytes[1]!;
    if (n >= 4 && b0 === 0x00 && b1 === 0x00 && bytes[2] === 0xfe && bytes[3] === 0xff) {
      return { ok: false, message: "File is UTF-32 (big-endian), which is not supported. Save it as UTF-8.", offset: 0 };
    }
    if (b0 === 0xff && b1 === 0xfe) {
      if (n >= 4 && bytes[2] === 0x00 && bytes[3] === 0x00) {
        return { ok: false, message: "File is UTF-32 (little-endian), which is not supported. Save it as UTF-8.", offset: 0 };
      }
      return decodeUtf16(bytes, false);
    }
    if (b0 === 0xfe && b1 === 0xff) return decodeUtf16(bytes, true);
  }
  const hasBom = n >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const start = hasBom ? 3 : 0;
  const body = hasBom ? bytes.subarray(3) : bytes;

  const nul = body.indexOf(0);
  if (nul !== -1) {
    if (!hasBom) {
      const utf16 = sniffUtf16WithoutBom(bytes);
      if (utf16 !== undefined) {
        return {
          ok: false,
          message:
            `File looks like UTF-16 (${utf16}) without a byte order mark. ` +
            "Save it as UTF-8 (or as UTF-16 with a byte order mark).",
          offset: 0,
        };
      }
    }
    return {
      ok: false,
      message: `This is a binary file, not text: it contains a NUL byte at byte offset ${nul + start}. An ARM template must be a UTF-8 JSON text file.`,
      offset: nul + start,
    };
  }

  // A view, not a copy. Nearly every template is ASCII, which decodes fastest as latin1 (the same text);
  // otherwise validate first (the same rules as a fatal TextDecoder), then decode.
  const buf = Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const ascii = isAscii(buf);
  if (!ascii && !isUtf8(buf)) {
    const bad = findInvalidUtf8(body) + start;
    return {
      ok: false,
      message: `File is not valid UTF-8: invalid byte sequence at byte offset ${bad}. Save the file as UTF-8.`,
      offset: bad,
    };
  }
  const text = buf.toString(ascii ? "latin1" : "utf8");
  return { ok: true, text, encoding: hasBom ? "utf-8-bom" : "utf-8" };
}

function decodeUtf16(bytes: Uint8Array, bigEndian: boolean): DecodeResult {
  const label = bigEndian ? "UTF-16 (big-endian)" : "UTF-16 (little-endian)";
  const n = bytes.length;
  if ((n & 1) !== 0) {
    return { ok: false, message: `File is ${label} but has an odd number of bytes: it is truncated or not really UTF-16.`, offset: n - 1 };
  }
  let body = bytes.subarray(2);
  if (bigEndian) {
    // Swap to little-endian on a copy: works whatever ICU data Node was built with.
    const swapped = new Uint8Array(body.length);
    for (let i = 0; i < body.length; i += 2) {
      swapped[i] = body[i + 1]!;
      swapped[i + 1] = body[i]!;
    }
    body = swapped;
  }
  try {
    return { ok: true, text: utf16leFatal.decode(body), encoding: bigEndian ? "utf-16be" : "utf-16le" };
  } catch {
    const bad = findLoneSurrogate(body) + 2;
    return { ok: false, message: `File is ${label} but contains an unpaired surrogate at byte offset ${bad}.`, offset: bad };
  }
}

/** Guesses BOM-less UTF-16 from the NUL pattern of ASCII text (`{\0"\0` or `\0{\0"`). */
function sniffUtf16WithoutBom(bytes: Uint8Array): "little-endian" | "big-endian" | undefined {
  const pairs = Math.min(bytes.length >> 1, 64);
  if (pairs === 0) return undefined;
  let le = 0;
  let be = 0;
  for (let p = 0; p < pairs; p++) {
    const a = bytes[2 * p]!;
    const b = bytes[2 * p + 1]!;
    if (a !== 0 && b === 0) le++;
    else if (a === 0 && b !== 0) be++;
  }
  // ASCII-range text in UTF-16 has a NUL in nearly every code unit.
  if (le * 4 >= pairs * 3) return "little-endian";
  if (be * 4 >= pairs * 3) return "big-endian";
  return undefined;
}

/** Offset of the first invalid UTF-8 sequence (per the WHATWG decoder), or bytes.length if none. */
export function findInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      if (i + k >= n) return i;
      const c = bytes[i + k]!;
      if (c < lo || c > hi) return i;
      lo = 0x80;
      hi = 0xbf;
    }
    i += need + 1;
  }
  return n;
}

function findLoneSurrogate(le: Uint8Array): number {
  for (let i = 0; i + 1 < le.length; i += 2) {
    const u = le[i]! | (le[i + 1]! << 8);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < le.length ? le[i + 2]! | (le[i + 3]! << 8) : 0;
      if (next >= 0xdc00 && next <= 0xdfff) {
        i += 2;
        continue;
      }
      return i;
    }
    if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return 0;
}
