// Unit tests of the shared read buffer: whole files read like readFileSync, bytes valid until the next read.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_SHARED_READ_BYTES, readShared } from "../../src/load/read.js";

let dir = "";

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "armlint-read-"));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe("readShared", () => {
  it("reads what readFileSync reads, file after file, whatever their sizes", () => {
    const sizes = [0, 1, 4095, 4096, 70_000, 33_000, 300_000, 10, 1_000_000, 5];
    const files = sizes.map((size, i) => write(`f${i}.bin`, Buffer.alloc(size, 0x61 + i)));
    for (const file of files) expect(readShared(file).equals(readFileSync(file))).toBe(true);
    // The same in the other order: a smaller file after a bigger one gets exactly its own bytes.
    for (const file of [...files].reverse()) expect(readShared(file).equals(readFileSync(file))).toBe(true);
  });

  it("bytes are valid until the next read (the buffer is shared), and a file over the limit gets its own", () => {
    const a = write("a.json", '{"a": 1}');
    const b = write("b.json", '{"b": 2}');
    const first = readShared(a);
    readShared(b);
    expect(first.toString()).toBe('{"b": 2}');
    const huge = write("huge.bin", Buffer.alloc(MAX_SHARED_READ_BYTES + 1, 0x7a));
    const own = readShared(huge);
    readShared(a);
    expect(own.length).toBe(MAX_SHARED_READ_BYTES + 1);
    expect(own.every((byte) => byte === 0x7a)).toBe(true);
  });

  it("throws as readFileSync does: a missing file, a folder", () => {
    expect(() => readShared(join(dir, "missing.json"))).toThrow(expect.objectContaining({ code: "ENOENT" }) as Error);
    expect(() => readShared(dir)).toThrow(expect.objectContaining({ code: "EISDIR" }) as Error);
  });

  it.skipIf(process.platform === "win32")("reads a device without a size to its end", () => {
    expect(readShared("/dev/null").length).toBe(0);
  });
});
