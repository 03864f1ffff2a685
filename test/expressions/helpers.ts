// Test helpers for the expression front end: position stripping, structural equality, corpus reading.

import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseJsonc, type ParseError } from "jsonc-parser";
import type { Expr } from "../../src/expressions/ast.js";

/** Position-free view of an expression tree, for structural comparisons. */
export type Shape =
  | { kind: "string"; value: string }
  | { kind: "number"; value: number }
  | { kind: "call"; name: string; namespace?: string; args: Shape[] }
  | { kind: "member"; object: Shape; property: string }
  | { kind: "index"; object: Shape; index: Shape };

/** Drops every offset from `e` (recursive: test inputs are shallow). */
export function shapeOf(e: Expr): Shape {
  switch (e.kind) {
    case "string":
      return { kind: "string", value: e.value };
    case "number":
      return { kind: "number", value: e.value };
    case "call": {
      const shape: Shape = { kind: "call", name: e.name, args: e.args.map(shapeOf) };
      if (e.namespace !== undefined) shape.namespace = e.namespace;
      return shape;
    }
    case "member":
      return { kind: "member", object: shapeOf(e.object), property: e.property };
    case "index":
      return { kind: "index", object: shapeOf(e.object), index: shapeOf(e.index) };
  }
}

/** Structural equality ignoring offsets (numbers compared with Object.is). Iterative. */
export function sameStructure(a: Expr, b: Expr): boolean {
  const stack: [Expr, Expr][] = [[a, b]];
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    switch (x.kind) {
      case "string":
        if (y.kind !== "string" || x.value !== y.value) return false;
        break;
      case "number":
        if (y.kind !== "number" || !Object.is(x.value, y.value)) return false;
        break;
      case "call":
        if (y.kind !== "call" || x.name !== y.name || x.namespace !== y.namespace) return false;
        if (x.args.length !== y.args.length) return false;
        x.args.forEach((arg, i) => stack.push([arg, y.args[i]!]));
        break;
      case "member":
        if (y.kind !== "member" || x.property !== y.property) return false;
        stack.push([x.object, y.object]);
        break;
      case "index":
        if (y.kind !== "index") return false;
        stack.push([x.object, y.object], [x.index, y.index]);
        break;
    }
  }
  return true;
}

export const projectRoot = fileURLToPath(new URL("../../", import.meta.url));
export const corpusRoot = path.resolve(projectRoot, "../shared/corpus");
export const corpusAvailable = existsSync(path.join(corpusRoot, "manifest.jsonl"));

/**
 * Escapes raw control characters inside JSON strings (ARM accepts them; jsonc-parser does not),
 * skipping comments. Returns the text unchanged when there are none.
 */
export function escapeControlCharsInStrings(text: string): string {
  let out = "";
  let last = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
      else if (c < 0x20) {
        out += `${text.slice(last, i)}\\u${c.toString(16).padStart(4, "0")}`;
        last = i + 1;
      }
    } else if (c === 0x22) {
      inString = true;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2f) {
      const eol = text.indexOf("\n", i);
      i = eol < 0 ? text.length : eol;
    } else if (c === 0x2f && text.charCodeAt(i + 1) === 0x2a) {
      const close = text.indexOf("*/", i + 2);
      i = close < 0 ? text.length : close + 1;
    }
  }
  return last === 0 ? text : out + text.slice(last);
}

export interface CorpusFile {
  path: string;
  /** Every string in the document: object keys (ARM evaluates expression keys) and values. */
  strings: string[];
  parseErrors: number;
}

/** Reads every template listed in the corpus manifest. */
export function readCorpus(): CorpusFile[] {
  const manifest = readFileSync(path.join(corpusRoot, "manifest.jsonl"), "utf8");
  const files: CorpusFile[] = [];
  for (const line of manifest.split("\n")) {
    if (line.trim() === "") continue;
    const entry = JSON.parse(line) as { path: string };
    let text = readFileSync(path.join(corpusRoot, entry.path), "utf8");
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    const errors: ParseError[] = [];
    const root: unknown = parseJsonc(escapeControlCharsInStrings(text), errors, {
      allowTrailingComma: true,
      disallowComments: false,
    });
    files.push({ path: entry.path, strings: collectStrings(root), parseErrors: errors.length });
  }
  return files;
}

function collectStrings(root: unknown): string[] {
  const strings: string[] = [];
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      strings.push(v);
    } else if (Array.isArray(v)) {
      for (const item of v as unknown[]) stack.push(item);
    } else if (typeof v === "object" && v !== null) {
      for (const [key, item] of Object.entries(v)) {
        strings.push(key);
        stack.push(item);
      }
    }
  }
  return strings;
}
