// Iterative JSON parser for ARM's dialect (comments, trailing commas, raw control characters in strings) into the offset-carrying tree.

import type { JsonArray, JsonNode, JsonObject, JsonProperty } from "./json.js";

export interface ParseLimits {
  /** Deepest allowed nesting of objects/arrays. */
  maxDepth: number;
  /** Longest allowed string, in characters of source text between the quotes. */
  maxStringLength: number;
  /** Largest file the loader will read, in bytes (checked by the file reader, not by `parseJson`). */
  maxFileBytes: number;
}

export const DEFAULT_LIMITS: Readonly<ParseLimits> = Object.freeze({
  maxDepth: 1000,
  maxStringLength: 5_000_000,
  maxFileBytes: 64 * 1024 * 1024,
});

export interface ParseError {
  message: string;
  /** Offset in the text where the problem is. */
  offset: number;
  /** Length of the offending text (0 at end of input). */
  length: number;
}

export interface ParseResult {
  /** The root value; undefined when parsing failed. */
  root: JsonNode | undefined;
  /** At most one error: a syntax error stops parsing. */
  errors: ParseError[];
  /** Whether any `//` or block comment was seen (up to the error, if any). */
  hasComments: boolean;
}

/** Fills unset or invalid limits with the defaults. */
export function resolveLimits(limits?: Partial<ParseLimits>): ParseLimits {
  return {
    maxDepth: positiveOr(limits?.maxDepth, DEFAULT_LIMITS.maxDepth),
    maxStringLength: positiveOr(limits?.maxStringLength, DEFAULT_LIMITS.maxStringLength),
    maxFileBytes: positiveOr(limits?.maxFileBytes, DEFAULT_LIMITS.maxFileBytes),
  };
}

function positiveOr(v: number | undefined, fallback: number): number {
  return typeof v === "number" && v >= 0 && !Number.isNaN(v) ? Math.floor(v) : fallback;
}

/**
 * Scratch state shared by the scanning helpers (the parser is synchronous and non-reentrant).
 * One constant object keeps every access monomorphic and avoids per-node closures.
 */
const st = {
  /** Offset of the next backslash after the string scanEscapedString just read (text.length if none). */
  bs: 0,
  /** Value produced by the last string/number scan. */
  str: "",
  num: 0,
  comments: false,
  errMessage: "",
  errOffset: 0,
  errLength: 0,
};

/**
 * Names and short values repeat within a template ("type", "apiVersion", "[parameters('location')]"…). A
 * direct-mapped table hands out one string per distinct text instead of a fresh slice per occurrence: the
 * tree lives as long as its file's analysis, so every string saved is one the garbage collector need not copy.
 * Emptied after each parse (only the slots it filled): a slice may keep its whole source text alive.
 */
const SHARED_SIZE = 4096; // a power of two
const SHARED_MAX_LENGTH = 32;
const shared: string[] = new Array<string>(SHARED_SIZE).fill("");
/** Slots filled by the current parse (the first SHARED_SIZE of them; past that the whole table is emptied). */
const filledSlots = new Int32Array(SHARED_SIZE);
let filledCount = 0;

/** `text.slice(start, end)`, shared with an earlier equal string of this parse when the table has one. */
function sharedSlice(text: string, start: number, end: number): string {
  const len = end - start;
  if (len > SHARED_MAX_LENGTH) return text.slice(start, end);
  // Five sampled characters and the length tell the strings of one template apart about as well as all of
  // them do (measured on the corpus), for a fixed cost.
  let h = len;
  if (len > 0) {
    h = (Math.imul(h, 31) + text.charCodeAt(start)) | 0;
    h = (Math.imul(h, 31) + text.charCodeAt(start + (len >> 2))) | 0;
    h = (Math.imul(h, 31) + text.charCodeAt(start + (len >> 1))) | 0;
    h = (Math.imul(h, 31) + text.charCodeAt(start + ((len * 3) >> 2))) | 0;
    h = (Math.imul(h, 31) + text.charCodeAt(end - 1)) | 0;
  }
  const slot = (h ^ (h >>> 12)) & (SHARED_SIZE - 1);
  const known = shared[slot]!;
  if (known.length === len && sameText(text, start, known)) return known;
  const str = text.slice(start, end);
  shared[slot] = str;
  if (filledCount < SHARED_SIZE) filledSlots[filledCount] = slot;
  filledCount++;
  return str;
}

function clearShared(): void {
  if (filledCount >= SHARED_SIZE) shared.fill("");
  else for (let k = 0; k < filledCount; k++) shared[filledSlots[k]!] = "";
  filledCount = 0;
}

/** Does `text` hold `s` at `start`? */
function sameText(text: string, start: number, s: string): boolean {
  for (let k = 0; k < s.length; k++) if (text.charCodeAt(start + k) !== s.charCodeAt(k)) return false;
  return true;
}

function fail(message: string, offset: number, length: number): -1 {
  st.errMessage = message;
  st.errOffset = offset;
  st.errLength = length;
  return -1;
}

/** Parses ARM-dialect JSON. Never throws; a syntax error stops the parse and is reported with its offset. */
export function parseJson(text: string, limits?: Partial<ParseLimits>): ParseResult {
  return parseJsonWithin(text, limits === undefined ? DEFAULT_LIMITS : resolveLimits(limits));
}

/** `parseJson` with limits already resolved (the loader resolves them once per file). */
export function parseJsonWithin(text: string, lim: Readonly<ParseLimits>): ParseResult {
  st.bs = -1;
  st.str = "";
  st.num = 0;
  st.comments = false;
  st.errMessage = "";
  st.errOffset = 0;
  st.errLength = 0;
  let root: JsonNode | undefined;
  try {
    root = parseText(text, lim.maxDepth, lim.maxStringLength);
  } catch (e) {
    // Defensive: nothing above is expected to throw (no recursion, no user callbacks).
    root = undefined;
    fail(`Internal parser error: ${e instanceof Error ? e.message : String(e)}`, 0, 0);
  }
  const hasComments = st.comments;
  st.str = "";
  clearShared();
  if (root === undefined) {
    return { root: undefined, errors: [{ message: st.errMessage, offset: st.errOffset, length: st.errLength }], hasComments };
  }
  return { root, errors: [], hasComments };
}

/** Placeholders until a container closes (never escape: a failed parse returns no tree). */
const PENDING_PROPERTIES: JsonProperty[] = [];
const PENDING_ITEMS: JsonNode[] = [];

// Character codes.
const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const COMMA = 44;
const COLON = 58;
const LBRACE = 123;
const RBRACE = 125;
const LBRACKET = 91;
const RBRACKET = 93;
const MINUS = 45;

function parseText(text: string, maxDepth: number, maxStr: number): JsonNode | undefined {
  const n = text.length;
  const stack: (JsonObject | JsonArray)[] = [];
  // Children of open containers collect on scratch stacks; a container gets an exact-size array when it
  // closes (growing arrays by push would leave most of their capacity unused, and GC dominates parse time).
  const starts: number[] = [];
  const propStack: JsonProperty[] = [];
  const itemStack: JsonNode[] = [];
  let propTop = 0;
  let itemTop = 0;
  // Exactly one of obj/arr is the innermost open container (both undefined at the top level).
  let obj: JsonObject | undefined;
  let arr: JsonArray | undefined;
  let root: JsonNode | undefined;
  let key = "";
  let keyOffset = 0;
  let keyLength = 0;
  let needKey = false;
  /** Offset of the next backslash at or after the last search start (n if none): strings before it need no unescaping. */
  let bs = -1;

  let i = skipWs(text, 0, n);
  if (i < 0) return undefined;
  if (i >= n) {
    fail(
      st.comments
        ? "File contains only comments — an ARM template must contain a JSON object."
        : "File is empty — an ARM template must contain a JSON object.",
      0,
      0,
    );
    return undefined;
  }
  /** The character at i (-1 at the end of the text). Invariant at the top of each loop: whitespace skipped. */
  let c = text.charCodeAt(i);

  for (;;) {
    // ---- In an object: a property name, ':' and the whitespace before the value.
    if (needKey) {
      if (c !== QUOTE) {
        failExpectedKey(text, i, n);
        return undefined;
      }
      let j = text.indexOf('"', i + 1);
      if (j < 0) {
        failUnterminated(i);
        return undefined;
      }
      if (bs <= i) {
        bs = text.indexOf("\\", i + 1);
        if (bs < 0) bs = n;
      }
      if (bs > j) {
        if (j - i - 1 > maxStr) {
          failTooLong(i, maxStr);
          return undefined;
        }
        key = sharedSlice(text, i + 1, j);
        j++;
      } else {
        j = scanEscapedString(text, i, n, maxStr);
        if (j < 0) return undefined;
        key = st.str;
        bs = st.bs;
      }
      keyOffset = i;
      keyLength = j - i;
      i = j;
      c = i < n ? text.charCodeAt(i) : -1;
      if (c !== COLON) {
        i = skipWs(text, i, n);
        if (i < 0) return undefined;
        c = i < n ? text.charCodeAt(i) : -1;
        if (c !== COLON) {
          failExpectedColon(text, i, n, key);
          return undefined;
        }
      }
      i++;
      c = i < n ? text.charCodeAt(i) : -1;
      if (c === 32) {
        i++;
        c = i < n ? text.charCodeAt(i) : -1;
      }
      if (c <= 32 || c === SLASH) {
        i = skipWs(text, i, n);
        if (i < 0) return undefined;
        c = i < n ? text.charCodeAt(i) : -1;
      }
      needKey = false;
    }

    // ---- A value starts at i.
    let node: JsonNode;
    let opened = false;
    if (c === QUOTE) {
      let j = text.indexOf('"', i + 1);
      if (j < 0) {
        failUnterminated(i);
        return undefined;
      }
      if (bs <= i) {
        bs = text.indexOf("\\", i + 1);
        if (bs < 0) bs = n;
      }
      let value: string;
      if (bs > j) {
        if (j - i - 1 > maxStr) {
          failTooLong(i, maxStr);
          return undefined;
        }
        value = sharedSlice(text, i + 1, j);
        j++;
      } else {
        j = scanEscapedString(text, i, n, maxStr);
        if (j < 0) return undefined;
        value = st.str;
        bs = st.bs;
      }
      node = { type: "string", offset: i, length: j - i, value };
      i = j;
    } else if (c === LBRACE || c === LBRACKET) {
      if (stack.length >= maxDepth) {
        fail(
          `Nesting deeper than ${maxDepth} levels — objects and arrays are nested too deeply to analyze. Flatten the template or raise the depth limit.`,
          i,
          1,
        );
        return undefined;
      }
      opened = true;
      node =
        c === LBRACE
          ? { type: "object", offset: i, length: 0, properties: PENDING_PROPERTIES }
          : { type: "array", offset: i, length: 0, items: PENDING_ITEMS };
    } else if ((c >= 48 && c <= 57) || c === MINUS) {
      const j = scanNumber(text, i, n);
      if (j < 0) return undefined;
      node = { type: "number", offset: i, length: j - i, value: st.num };
      i = j;
    } else if (
      c === 116 &&
      text.charCodeAt(i + 1) === 114 &&
      text.charCodeAt(i + 2) === 117 &&
      text.charCodeAt(i + 3) === 101
    ) {
      node = { type: "boolean", offset: i, length: 4, value: true };
      i += 4;
    } else if (
      c === 102 &&
      text.charCodeAt(i + 1) === 97 &&
      text.charCodeAt(i + 2) === 108 &&
      text.charCodeAt(i + 3) === 115 &&
      text.charCodeAt(i + 4) === 101
    ) {
      node = { type: "boolean", offset: i, length: 5, value: false };
      i += 5;
    } else if (
      c === 110 &&
      text.charCodeAt(i + 1) === 117 &&
      text.charCodeAt(i + 2) === 108 &&
      text.charCodeAt(i + 3) === 108
    ) {
      node = { type: "null", offset: i, length: 4, value: null };
      i += 4;
    } else {
      failExpectedValue(text, i, n);
      return undefined;
    }

    // ---- Attach the value to its container.
    if (obj !== undefined) propStack[propTop++] = { key, keyOffset, keyLength, value: node };
    else if (arr !== undefined) itemStack[itemTop++] = node;
    else root = node;

    if (opened) {
      const container = node as JsonObject | JsonArray;
      stack.push(container);
      i = skipWs(text, i + 1, n);
      if (i < 0) return undefined;
      c = i < n ? text.charCodeAt(i) : -1;
      if (container.type === "object") {
        starts.push(propTop);
        obj = container;
        arr = undefined;
        if (c !== RBRACE) {
          needKey = true;
          continue;
        }
      } else {
        starts.push(itemTop);
        arr = container;
        obj = undefined;
        if (c !== RBRACKET) continue;
      }
      // An empty container: its closing bracket is at i, handled below.
    }

    // ---- After a value: ',' or the closing bracket of the container (repeat while containers close).
    for (;;) {
      c = i < n ? text.charCodeAt(i) : -1;
      if (c <= 32 || c === SLASH) {
        i = skipWs(text, i, n);
        if (i < 0) return undefined;
        c = i < n ? text.charCodeAt(i) : -1;
      }
      if (obj === undefined && arr === undefined) {
        if (i < n) {
          fail(
            `Unexpected ${describeChar(text, i)} after the end of the JSON value. A template holds exactly one JSON value; remove the extra text or check for an extra closing bracket.`,
            i,
            charLength(text, i),
          );
          return undefined;
        }
        return root;
      }
      if (c === COMMA) {
        i = skipWs(text, i + 1, n);
        if (i < 0) return undefined;
        c = i < n ? text.charCodeAt(i) : -1;
        if (obj !== undefined) {
          if (c === RBRACE) continue; // trailing comma: the brace closes on the next turn
          needKey = true;
          break;
        }
        if (c === RBRACKET) continue; // trailing comma
        break;
      }
      if ((c === RBRACE && obj !== undefined) || (c === RBRACKET && arr !== undefined)) {
        const top = stack.pop()!;
        const start = starts.pop()!;
        top.length = i + 1 - top.offset;
        if (top.type === "object") {
          top.properties = propStack.slice(start, propTop);
          propTop = start;
        } else {
          top.items = itemStack.slice(start, itemTop);
          itemTop = start;
        }
        i++;
        const parent = stack.length > 0 ? stack[stack.length - 1] : undefined;
        if (parent === undefined) {
          obj = undefined;
          arr = undefined;
        } else if (parent.type === "object") {
          obj = parent;
          arr = undefined;
        } else {
          arr = parent;
          obj = undefined;
        }
        continue;
      }
      failAfterValue(text, i, n, obj !== undefined);
      return undefined;
    }
  }
}

/** Skips whitespace and comments. Returns the next offset, or -1 on an unterminated/invalid comment. */
function skipWs(text: string, i: number, n: number): number {
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) {
      i++;
    } else if (c === SLASH) {
      i = skipComment(text, i, n);
      if (i < 0) return -1;
    } else {
      return i;
    }
  }
  return i;
}

function skipComment(text: string, i: number, n: number): number {
  const next = i + 1 < n ? text.charCodeAt(i + 1) : -1;
  if (next === SLASH) {
    st.comments = true;
    let j = i + 2;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (c === 10 || c === 13) break;
      j++;
    }
    return j;
  }
  if (next === 42) {
    st.comments = true;
    const end = text.indexOf("*/", i + 2);
    if (end < 0) {
      return fail("Unterminated block comment — '/*' has no matching '*/'. Close the comment.", i, 2);
    }
    return end + 2;
  }
  return fail(
    "Unexpected character '/' — comments start with '//' or '/*'. Remove the stray '/' or complete the comment.",
    i,
    1,
  );
}

function failUnterminated(i: number): -1 {
  return fail("Unterminated string — no closing '\"' before the end of the file. Add the missing quote.", i, 1);
}

function failTooLong(i: number, maxStr: number): -1 {
  return fail(
    `String longer than ${maxStr} characters — too large to analyze. Move the data out of the template or raise the string length limit.`,
    i,
    1,
  );
}

/** Slow path for strings containing backslashes. */
function scanEscapedString(text: string, start: number, n: number, maxStr: number): number {
  let out = "";
  let k = start + 1;
  let q = text.indexOf('"', k);
  for (;;) {
    if (q < k) q = text.indexOf('"', k);
    if (q < 0) return failUnterminated(start);
    const b = text.indexOf("\\", k);
    if (b < 0 || b > q) {
      if (q - start - 1 > maxStr) return failTooLong(start, maxStr);
      st.str = out + text.slice(k, q);
      st.bs = b < 0 ? n : b;
      return q + 1;
    }
    if (b - start > maxStr) return failTooLong(start, maxStr);
    if (b > k) out += text.slice(k, b);
    if (b + 1 >= n) return failUnterminated(start);
    const e = text.charCodeAt(b + 1);
    switch (e) {
      case QUOTE:
        out += '"';
        break;
      case BACKSLASH:
        out += "\\";
        break;
      case SLASH:
        out += "/";
        break;
      case 98:
        out += "\b";
        break;
      case 102:
        out += "\f";
        break;
      case 110:
        out += "\n";
        break;
      case 114:
        out += "\r";
        break;
      case 116:
        out += "\t";
        break;
      case 117: {
        const h = hexValue(text, b + 2, n);
        if (h < 0) {
          let len = 2;
          while (len < 6 && b + len < n && hexDigit(text.charCodeAt(b + len)) >= 0) len++;
          return fail(
            "Invalid unicode escape — '\\u' must be followed by exactly four hex digits (e.g. '\\u00e9').",
            b,
            len,
          );
        }
        out += String.fromCharCode(h);
        k = b + 6;
        continue;
      }
      default:
        return fail(
          `Invalid escape sequence '\\${b + 1 < n ? text.charAt(b + 1) : ""}' in string. Valid escapes are \\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX; write a literal backslash as '\\\\'.`,
          b,
          2,
        );
    }
    k = b + 2;
  }
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

function hexValue(text: string, i: number, n: number): number {
  if (i + 4 > n) return -1;
  const a = hexDigit(text.charCodeAt(i));
  const b = hexDigit(text.charCodeAt(i + 1));
  const c = hexDigit(text.charCodeAt(i + 2));
  const d = hexDigit(text.charCodeAt(i + 3));
  if ((a | b | c | d) < 0) return -1;
  return (a << 12) | (b << 8) | (c << 4) | d;
}

/** Scans a JSON number at i. Returns the end offset (value in st.num), or -1. */
function scanNumber(text: string, i: number, n: number): number {
  let j = i;
  let c = text.charCodeAt(j);
  const neg = c === MINUS;
  if (neg) {
    j++;
    c = j < n ? text.charCodeAt(j) : -1;
  }
  let v = 0;
  if (c === 48) {
    j++;
    c = j < n ? text.charCodeAt(j) : -1;
    if (c >= 48 && c <= 57) {
      return fail(
        "Invalid number — numbers cannot have leading zeros. Remove the leading zero (or quote the value as a string).",
        i,
        numberRunLength(text, i, n),
      );
    }
  } else if (c >= 49 && c <= 57) {
    v = c - 48;
    j++;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
      j++;
    }
    if (j >= n) c = -1;
  } else {
    return fail("Invalid number — '-' must be followed by a digit.", i, j < n ? j - i + 1 : j - i);
  }
  let simple = j - i <= 15;
  if (c === 46) {
    simple = false;
    j++;
    const digitsStart = j;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c < 48 || c > 57) break;
      j++;
    }
    if (j === digitsStart) {
      return fail("Invalid number — a decimal point must be followed by at least one digit.", i, j - i);
    }
    c = j < n ? text.charCodeAt(j) : -1;
  }
  if (c === 101 || c === 69) {
    simple = false;
    j++;
    c = j < n ? text.charCodeAt(j) : -1;
    if (c === 43 || c === MINUS) j++;
    const digitsStart = j;
    while (j < n) {
      c = text.charCodeAt(j);
      if (c < 48 || c > 57) break;
      j++;
    }
    if (j === digitsStart) {
      return fail("Invalid number — an exponent must have at least one digit.", i, j - i);
    }
  }
  st.num = simple ? (neg ? -v : v) : Number(text.slice(i, j));
  return j;
}

function numberRunLength(text: string, i: number, n: number): number {
  let j = i + 1;
  while (j < n) {
    const c = text.charCodeAt(j);
    if (!((c >= 48 && c <= 57) || c === 46 || c === 101 || c === 69 || c === 43 || c === MINUS)) break;
    j++;
  }
  return j - i;
}

function failExpectedValue(text: string, i: number, n: number): void {
  if (i >= n) {
    fail(
      "Unexpected end of input — expected a value. The file looks truncated; check for a missing value or closing bracket.",
      n,
      0,
    );
    return;
  }
  const c = text.charCodeAt(i);
  const what = describeChar(text, i);
  const len = charLength(text, i);
  if (c === RBRACE || c === RBRACKET || c === COMMA) {
    fail(`Unexpected ${what} — expected a value. Check for a missing value or an extra comma.`, i, len);
  } else if (c === 39) {
    fail("Unexpected character ''' — strings must be in double quotes, not single quotes.", i, len);
  } else if (c === COLON) {
    fail("Unexpected character ':' — expected a value. Check for a missing property name or an extra colon.", i, len);
  } else if (isWordChar(c)) {
    let j = i + 1;
    while (j < n && j - i < 40 && isWordChar(text.charCodeAt(j))) j++;
    fail(
      `Unexpected word '${text.slice(i, j)}' — expected a value. Only true, false and null may appear unquoted; write strings in double quotes.`,
      i,
      j - i,
    );
  } else {
    fail(
      `Unexpected ${what} — expected a value (a string in double quotes, a number, true, false, null, an object or an array).`,
      i,
      len,
    );
  }
}

function failExpectedKey(text: string, i: number, n: number): void {
  if (i >= n) {
    fail(
      "Unexpected end of input — expected a property name or '}'. The file looks truncated; add the missing '}'.",
      n,
      0,
    );
    return;
  }
  const c = text.charCodeAt(i);
  if (c === 39) {
    fail("Property names must be in double quotes, not single quotes.", i, 1);
  } else if (c === COMMA) {
    fail("Unexpected character ',' — expected a property name. Remove the extra comma.", i, 1);
  } else {
    fail(
      `Unexpected ${describeChar(text, i)} — expected a property name in double quotes or '}'. Property names must be strings in double quotes.`,
      i,
      charLength(text, i),
    );
  }
}

function failExpectedColon(text: string, i: number, n: number, key: string): void {
  if (i >= n) {
    fail(
      `Unexpected end of input — expected ':' after property name ${quoteForMessage(key)}. The file looks truncated.`,
      n,
      0,
    );
  } else {
    fail(
      `Unexpected ${describeChar(text, i)} — expected ':' after property name ${quoteForMessage(key)}.`,
      i,
      charLength(text, i),
    );
  }
}

function failAfterValue(text: string, i: number, n: number, inObject: boolean): void {
  if (i >= n) {
    fail(
      inObject
        ? "Unexpected end of input — an object is not closed. The file looks truncated; add the missing '}'."
        : "Unexpected end of input — an array is not closed. The file looks truncated; add the missing ']'.",
      n,
      0,
    );
    return;
  }
  const c = text.charCodeAt(i);
  const what = describeChar(text, i);
  const len = charLength(text, i);
  if (inObject) {
    if (c === RBRACKET) {
      fail("Unexpected character ']' — an object must be closed with '}'. Check for mismatched brackets.", i, len);
    } else {
      fail(
        `Unexpected ${what} — expected ',' or '}' after a property value. Check for a missing comma between properties.`,
        i,
        len,
      );
    }
  } else if (c === RBRACE) {
    fail("Unexpected character '}' — an array must be closed with ']'. Check for mismatched brackets.", i, len);
  } else {
    fail(
      `Unexpected ${what} — expected ',' or ']' after an array element. Check for a missing comma between elements.`,
      i,
      len,
    );
  }
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 36;
}

/** "character 'x'" / "control character U+0001" — for messages. */
function describeChar(text: string, i: number): string {
  const c = text.charCodeAt(i);
  if (c < 32 || c === 127) return `control character U+${hex4(c)}`;
  if (c === 0xfeff) return "byte order mark U+FEFF";
  if (c < 127) return `character '${text.charAt(i)}'`;
  const cp = text.codePointAt(i) ?? c;
  return `character '${String.fromCodePoint(cp)}' (U+${hex4(cp)})`;
}

function charLength(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return i < text.length ? 1 : 0;
}

function hex4(c: number): string {
  return c.toString(16).toUpperCase().padStart(4, "0");
}

function quoteForMessage(s: string): string {
  return JSON.stringify(s.length > 60 ? `${s.slice(0, 57)}...` : s);
}
