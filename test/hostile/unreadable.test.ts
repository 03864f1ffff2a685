// Unreadable files without root's free pass: `node:fs` mocked to fail reads of chosen files (EACCES, EIO, EMFILE), linted beside readable ones.
import type * as Fs from "node:fs";
import { vi, describe, expect, it, afterAll } from "vitest";
import { TempDir } from "../runner/helpers.js";
import { goodTemplate } from "./inputs.js";

const failing = new Map<string, string>();

vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const fail = (path: unknown) => {
    const code = typeof path === "string" ? failing.get(path) : undefined;
    if (code !== undefined) throw Object.assign(new Error(`${code}: mocked failure, open '${String(path)}'`), { code, path });
  };
  const openSync = (path: Parameters<typeof fs.openSync>[0], ...rest: unknown[]) => {
    fail(path);
    return (fs.openSync as (...args: unknown[]) => number)(path, ...rest);
  };
  const readFileSync = (path: Parameters<typeof fs.readFileSync>[0], ...rest: unknown[]) => {
    fail(path);
    return (fs.readFileSync as (...args: unknown[]) => unknown)(path, ...rest);
  };
  return { ...fs, default: { ...fs, openSync, readFileSync }, openSync, readFileSync };
});

const { loadFile } = await import("../../src/load/loader.js");
const { lintFiles } = await import("../../src/runner/lint.js");

const dir = new TempDir().write({ "good.json": goodTemplate(), "denied.json": goodTemplate(), "io.json": goodTemplate(), "busy.json": goodTemplate() });
afterAll(() => {
  dir.remove();
});

describe("read errors (injected)", () => {
  it.each([
    ["denied.json", "EACCES", "Cannot read file: permission denied. Check the file's permissions."],
    ["io.json", "EIO", "Cannot read file: an I/O error occurred while reading."],
    ["busy.json", "EMFILE", "Cannot read file: too many open files. Retry with fewer files at once."],
  ])("%s (%s): a parse-error at 1:1 in words", (name, code, message) => {
    failing.set(dir.file(name), code);
    const loaded = loadFile(dir.file(name));
    expect(loaded.root).toBeUndefined();
    expect(loaded.diagnostics.map((d) => [d.ruleId, d.line, d.column, d.message, d.data?.code])).toEqual([["armlint/parse-error", 1, 1, message, code]]);
  });

  it("linted with readable files: the others keep their findings", async () => {
    failing.set(dir.file("denied.json"), "EACCES");
    const { results } = await lintFiles([dir.file("denied.json"), dir.file("good.json")], { cwd: dir.path, source: { kind: "none" } });
    expect(results.map((r) => [r.file.slice(dir.path.length + 1), r.diagnostics.map((d) => `${d.line}:${d.column} ${d.ruleId}`)])).toEqual([
      ["denied.json", ["1:1 armlint/parse-error"]],
      ["good.json", ["11:9 arm/unknown-dependency"]],
    ]);
  });
});
