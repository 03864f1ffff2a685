// Loading: file, bytes or text → SourceFile + JSON tree, with every failure turned into an armlint/parse-error diagnostic.

import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";
import { docsUrlFor, fileError, type Diagnostic } from "../diagnostics.js";
import { decodeBytes, type TextEncodingName } from "./decode.js";
import type { JsonArray, JsonNode, JsonObject, JsonProperty } from "./json.js";
import { DEFAULT_LIMITS, parseJsonWithin, resolveLimits, type ParseError, type ParseLimits } from "./parser.js";
import { readSharedFd } from "./read.js";
import { SourceFile } from "./source.js";

export const PARSE_ERROR_RULE_ID = "armlint/parse-error";

export interface LoadResult {
  path: string;
  /** The decoded text; undefined when the file could not be read or decoded. */
  source: SourceFile | undefined;
  /** The parsed tree; undefined when there is any diagnostic. */
  root: JsonNode | undefined;
  /** `armlint/parse-error` diagnostics (at most one). */
  diagnostics: Diagnostic[];
}

/** Parses template text that is already decoded. A leading U+FEFF is dropped. Never throws. */
export function loadText(text: string, path: string, limits?: Partial<ParseLimits>): LoadResult {
  const lim = limitsOf(limits);
  try {
    let encoding: TextEncodingName = "utf-8";
    let body = text;
    if (body.charCodeAt(0) === 0xfeff) {
      body = body.slice(1);
      encoding = "utf-8-bom";
    }
    // Each UTF-16 code unit is at least one byte of UTF-8, so this never rejects text within the byte limit.
    if (body.length > lim.maxFileBytes) {
      return failure(path, tooLargeMessage(body.length, lim.maxFileBytes, "characters"), { reason: "too-large" });
    }
    return parseSource(new SourceFile(path, body, encoding), lim);
  } catch (e) {
    return failure(path, `Cannot load text: ${errorText(e)}`, { reason: "internal" });
  }
}

/** Decodes and parses file bytes (UTF-8 with or without BOM, UTF-16 with BOM). Never throws. */
export function loadBytes(bytes: Uint8Array, path: string, limits?: Partial<ParseLimits>): LoadResult {
  return loadBytesWithin(bytes, path, limitsOf(limits));
}

/**
 * The limits to load with: the defaults themselves when none are given (read only, never changed), so a load
 * resolves its limits once rather than at every step.
 */
function limitsOf(limits: Partial<ParseLimits> | undefined): Readonly<ParseLimits> {
  return limits === undefined ? DEFAULT_LIMITS : resolveLimits(limits);
}

function loadBytesWithin(bytes: Uint8Array, path: string, lim: Readonly<ParseLimits>): LoadResult {
  try {
    if (bytes.length > lim.maxFileBytes) {
      return failure(path, tooLargeMessage(bytes.length, lim.maxFileBytes, "bytes"), { reason: "too-large" });
    }
    const decoded = decodeBytes(bytes);
    if (!decoded.ok) return decodeFailure(path, bytes, decoded.message, decoded.offset);
    return parseSource(new SourceFile(path, decoded.text, decoded.encoding), lim);
  } catch (e) {
    return failure(path, `Cannot load file: ${errorText(e)}`, { reason: "internal" });
  }
}

/** Reads, decodes and parses a file. Read failures become a diagnostic at 1:1. Never throws. */
export function loadFile(path: string, limits?: Partial<ParseLimits>): LoadResult {
  const lim = limitsOf(limits);
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return readFailure(path, "EISDIR", undefined);
    let bytes: Uint8Array;
    if (stat.isFile()) {
      if (stat.size > lim.maxFileBytes) {
        return failure(path, tooLargeMessage(stat.size, lim.maxFileBytes, "bytes"), { reason: "too-large" });
      }
      bytes = stat.size > 0 ? readSharedFd(fd, stat.size) : readFileSync(fd);
    } else {
      // Pipes and devices have no size up front: read at most one byte past the limit.
      bytes = readBounded(fd, lim.maxFileBytes + 1);
    }
    return loadBytesWithin(bytes, path, lim);
  } catch (e) {
    return readFailure(path, errorCode(e), e);
  } finally {
    if (fd !== undefined) {
      try {
        closeSync(fd);
      } catch {
        // Nothing useful to report: the file has been read (or the read failure is already reported).
      }
    }
  }
}

function readBounded(fd: number, max: number): Uint8Array {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max - total));
    if (chunk.length === 0) break;
    const read = readSync(fd, chunk, 0, chunk.length, null);
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
  }
  return Buffer.concat(chunks, total);
}

function parseSource(source: SourceFile, lim: Readonly<ParseLimits>): LoadResult {
  const parsed = parseJsonWithin(source.text, lim);
  source.hasComments = parsed.hasComments;
  const err = parsed.errors[0];
  if (err !== undefined || parsed.root === undefined) {
    const e: ParseError = err ?? { message: "The file could not be parsed.", offset: 0, length: 0 };
    return { path: source.path, source, root: undefined, diagnostics: [parseDiagnostic(source, e)] };
  }
  return { path: source.path, source, root: parsed.root, diagnostics: [] };
}

function parseDiagnostic(source: SourceFile, err: ParseError): Diagnostic {
  const start = source.positionAt(err.offset);
  const end = source.positionAt(err.offset + err.length);
  return {
    ruleId: PARSE_ERROR_RULE_ID,
    severity: "error",
    message: err.message,
    file: source.path,
    line: start.line,
    column: start.column,
    endLine: end.line,
    endColumn: end.column,
    span: { offset: err.offset, length: err.length },
    docsUrl: docsUrlFor(PARSE_ERROR_RULE_ID),
  };
}

/** A diagnostic at line 1, column 1 for a file that has no usable text. */
function failure(path: string, message: string, data: Record<string, string>): LoadResult {
  return {
    path,
    source: undefined,
    root: undefined,
    diagnostics: [fileError(PARSE_ERROR_RULE_ID, path, message, data)],
  };
}

/** Decoding failed at a byte offset: point at the line/column of that byte when the bytes before it are text. */
function decodeFailure(path: string, bytes: Uint8Array, message: string, byteOffset: number): LoadResult {
  const result = failure(path, message, { reason: "encoding", byteOffset: String(byteOffset) });
  const isUtf16 = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
  if (isUtf16 || byteOffset <= 0) return result;
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  if (byteOffset < bom) return result;
  const prefix = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(bom, byteOffset));
  const pos = new SourceFile(path, prefix).positionAt(prefix.length);
  const diag = result.diagnostics[0]!;
  diag.line = pos.line;
  diag.column = pos.column;
  diag.endLine = pos.line;
  diag.endColumn = pos.column + 1;
  diag.span = { offset: prefix.length, length: 1 };
  return result;
}

function readFailure(path: string, code: string | undefined, e: unknown): LoadResult {
  const reason = describeReadError(code);
  const detail = reason ?? errorText(e);
  return failure(path, `Cannot read file: ${detail}`, { reason: "read", code: code ?? "UNKNOWN" });
}

function describeReadError(code: string | undefined): string | undefined {
  switch (code) {
    case "ENOENT":
      return "no such file or directory. Check the path.";
    case "EACCES":
    case "EPERM":
      return "permission denied. Check the file's permissions.";
    case "EISDIR":
      return "is a directory, not a file. Pass a template file, or a directory to the CLI to lint the templates in it.";
    case "ELOOP":
      return "too many levels of symbolic links (a symlink loop). Fix the link.";
    case "ENOTDIR":
      return "a component of the path is not a directory. Check the path.";
    case "ENAMETOOLONG":
      return "the file name is too long.";
    case "EMFILE":
    case "ENFILE":
      return "too many open files. Retry with fewer files at once.";
    case "EIO":
      return "an I/O error occurred while reading.";
    case "EBUSY":
      return "the file is busy or locked by another process.";
    default:
      return undefined;
  }
}

function errorCode(e: unknown): string | undefined {
  if (typeof e === "object" && e !== null && "code" in e) {
    const code = e.code;
    if (typeof code === "string") return code;
  }
  return undefined;
}

function errorText(e: unknown): string {
  if (e instanceof Error) return e.message;
  try {
    return String(e);
  } catch {
    return "unknown error";
  }
}

function tooLargeMessage(size: number, max: number, unit: "bytes" | "characters"): string {
  return `File is too large to analyze: ${size} ${unit}, over the limit of ${max} bytes. ARM limits templates to 4 MB; split the template or raise the size limit.`;
}

// ---- Tree helpers ----

/**
 * ARM compares names case-insensitively (ordinal ignore-case). ASCII letters fold directly; other
 * characters compare by their single-character upper-case mapping.
 */
export function equalsIgnoreCase(a: string, b: string): boolean {
  if (a === b) return true;
  const n = a.length;
  if (n !== b.length) return false;
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    if (x < 128 && y < 128) {
      if (x >= 65 && x <= 90) x += 32;
      if (y >= 65 && y <= 90) y += 32;
      if (x !== y) return false;
      continue;
    }
    if (upperChar(x) !== upperChar(y)) return false;
  }
  return true;
}

function upperChar(c: number): number {
  const up = String.fromCharCode(c).toUpperCase();
  return up.length === 1 ? up.charCodeAt(0) : c;
}

/** The first property whose key matches `key` case-insensitively. */
export function getProperty(obj: JsonObject, key: string): JsonProperty | undefined {
  for (const p of obj.properties) {
    if (equalsIgnoreCase(p.key, key)) return p;
  }
  return undefined;
}

/** Every property whose key matches `key` case-insensitively, in source order (for duplicate detection). */
export function getProperties(obj: JsonObject, key: string): JsonProperty[] {
  const out: JsonProperty[] = [];
  for (const p of obj.properties) {
    if (equalsIgnoreCase(p.key, key)) out.push(p);
  }
  return out;
}

/**
 * Converts a tree to plain JS values like JSON.parse would (duplicate keys: last value wins). Objects are
 * created with a null prototype, so keys such as `__proto__` are ordinary own properties. Iterative.
 */
export function toPlainValue(node: JsonNode): unknown {
  const root = shallowValue(node);
  if (node.type !== "object" && node.type !== "array") return root;
  const nodes: (JsonObject | JsonArray)[] = [node];
  const outs: unknown[] = [root];
  while (nodes.length > 0) {
    const n = nodes.pop()!;
    const out = outs.pop();
    if (n.type === "object") {
      const target = out as Record<string, unknown>;
      for (const p of n.properties) {
        const v = shallowValue(p.value);
        target[p.key] = v;
        if (p.value.type === "object" || p.value.type === "array") {
          nodes.push(p.value);
          outs.push(v);
        }
      }
    } else {
      const target = out as unknown[];
      for (const item of n.items) {
        const v = shallowValue(item);
        target.push(v);
        if (item.type === "object" || item.type === "array") {
          nodes.push(item);
          outs.push(v);
        }
      }
    }
  }
  return root;
}

function shallowValue(node: JsonNode): unknown {
  switch (node.type) {
    case "object":
      return Object.create(null) as Record<string, unknown>;
    case "array":
      return [] as unknown[];
    default:
      return node.value;
  }
}
