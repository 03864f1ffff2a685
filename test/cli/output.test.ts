// Tests for the report file writer: the bytes are exactly UTF-8 of the text, however long, and failures are reported.
import { mkdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { writeOutputFile } from "../../src/cli/output.js";
import type { CliIO } from "../../src/cli/io.js";
import { TempDir } from "../runner/helpers.js";

const dir = new TempDir();
afterAll(() => {
  dir.remove();
});

function ioWithErrors(): { io: CliIO; errors: string[] } {
  const errors: string[] = [];
  const io = { writeErr: (text: string) => errors.push(text) } as unknown as CliIO;
  return { io, errors };
}

describe("writeOutputFile", () => {
  it("writes the UTF-8 bytes of the text, across pieces and surrogate pairs at piece boundaries", () => {
    const { io, errors } = ioWithErrors();
    // Pieces are 2^20 code units: put a surrogate pair (and other non-ASCII text) across each boundary.
    const piece = 1 << 20;
    const texts = [
      "",
      "plain ASCII\n",
      `${"a".repeat(piece - 1)}😀${"b".repeat(piece - 2)}é😀ü${"c".repeat(10)}`,
      `${"x".repeat(piece)}\u00e9\u4e2d${"y".repeat(piece)}`,
      `lone \ud800 and \udc00 surrogates${"z".repeat(piece - 1)}\ud83d`,
    ];
    texts.forEach((text, i) => {
      const file = dir.file(`out/${i}.json`);
      expect(writeOutputFile(file, text, io)).toBe(true);
      expect(readFileSync(file).equals(Buffer.from(text, "utf8"))).toBe(true);
    });
    expect(errors).toEqual([]);
  });

  it("replaces an existing file, creates missing folders, and refuses a folder", () => {
    const { io, errors } = ioWithErrors();
    const file = dir.file("nested/deeper/report.txt");
    expect(writeOutputFile(file, "a much longer first text", io)).toBe(true);
    expect(writeOutputFile(file, "short", io)).toBe(true);
    expect(readFileSync(file, "utf8")).toBe("short");
    mkdirSync(dir.file("a-folder"));
    expect(writeOutputFile(dir.file("a-folder"), "x", io)).toBe(false);
    expect(errors).toEqual([`armlint: Cannot write the report to ${dir.file("a-folder")}: it is a folder.\n`]);
  });
});
