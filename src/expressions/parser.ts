// Parser for ARM template language expressions: string classification and a stack-based parser.
//
// Grammar (whitespace is allowed between any two tokens):
//   expression := primary postfix*
//   primary    := STRING | NUMBER | call
//   call       := IDENT ( '.' IDENT )? '(' ( expression ( ',' expression )* )? ')'
//   postfix    := '.' IDENT | '[' expression ']'
//   STRING     := "'" ( any character except "'" | "''" )* "'"
//   NUMBER     := '-'? DIGIT+ ( '.' DIGIT+ )?
//   IDENT      := ( letter | '_' | '$' ) ( letter | digit | '_' | '$' )*
// There are no bare identifiers, operators, or array/object literals: `true`, `false` and `null`
// are the functions `true()`, `false()` and `null()`.
//
// The parser never recurses on the input: open calls and index brackets live on an explicit
// stack, and the nesting depth (of the tree, including member and index chains) is limited to
// MAX_EXPRESSION_DEPTH. It never throws.

import type { Call, Expr, Index, Member, NumberLit, Span, StringLit } from "./ast.js";
import { FUNCTIONS } from "./functions.js";

/** Deepest tree `parseExpression` accepts; the corpus peaks far below this. */
export const MAX_EXPRESSION_DEPTH = 512;

/** What a JSON string value means to ARM. */
export type StringClassification =
  /** Plain text; a leading `[[` of an escaped expression-shaped string is unescaped to `[`. */
  | { kind: "literal"; value: string }
  /** An expression; `body` is the range between the outer brackets. */
  | { kind: "expression"; body: Span };

export interface ExpressionSyntaxError {
  /** What is wrong and what to do about it. */
  message: string;
  /** Half-open range inside the JSON string value (index 0 is the leading `[`). */
  start: number;
  end: number;
}

export type ParseResult = { ok: true; expr: Expr } | { ok: false; error: ExpressionSyntaxError };

const TAB = 9;
const CR = 13;
const SPACE = 32;
const DQUOTE = 34;
const DOLLAR = 36;
const QUOTE = 39;
const LPAREN = 40;
const RPAREN = 41;
const COMMA = 44;
const MINUS = 45;
const DOT = 46;
const DIGIT_0 = 48;
const DIGIT_9 = 57;
const UPPER_A = 65;
const UPPER_Z = 90;
const LBRACKET = 91;
const RBRACKET = 93;
const UNDERSCORE = 95;
const LOWER_A = 97;
const LOWER_Z = 122;
const LBRACE = 123;

const NON_ASCII_IDENT_START = /^[\p{L}\p{Nl}]$/u;
const NON_ASCII_IDENT_PART = /^[\p{L}\p{Nl}\p{Nd}\p{Mn}\p{Mc}\p{Pc}]$/u;

/**
 * Classifies a JSON string value the way ARM does: it is an expression when it starts with `[`
 * and ends with `]` and does not start with `[[`. A string that starts with `[[` and ends with
 * `]` is the escaped literal whose first `[` is dropped (`"[[foo]"` is the text `"[foo]"`).
 * Anything else is kept verbatim, including `"[[foo"` (not expression-shaped, so nothing is
 * unescaped). `"[]"` is an expression, and an empty one (a syntax error when parsed).
 */
export function classifyString(value: string): StringClassification {
  const n = value.length;
  if (n >= 2 && value.charCodeAt(0) === LBRACKET && value.charCodeAt(n - 1) === RBRACKET) {
    if (value.charCodeAt(1) === LBRACKET) return { kind: "literal", value: value.slice(1) };
    return { kind: "expression", body: { start: 1, end: n - 1 } };
  }
  return { kind: "literal", value };
}

/** True when ARM treats the string as an expression (see `classifyString`). */
export function isExpressionString(value: string): boolean {
  const n = value.length;
  return (
    n >= 2 &&
    value.charCodeAt(0) === LBRACKET &&
    value.charCodeAt(n - 1) === RBRACKET &&
    value.charCodeAt(1) !== LBRACKET
  );
}

/** .NET `char.IsWhiteSpace`, which is what ARM's scanner uses. */
function isWhitespace(c: number): boolean {
  if (c === SPACE || (c >= TAB && c <= CR)) return true;
  if (c < 0x85) return false;
  return (
    c === 0x85 ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

function isDigit(c: number): boolean {
  return c >= DIGIT_0 && c <= DIGIT_9;
}

function isIdentStart(c: number): boolean {
  if ((c >= LOWER_A && c <= LOWER_Z) || (c >= UPPER_A && c <= UPPER_Z)) return true;
  if (c === UNDERSCORE || c === DOLLAR) return true;
  return c >= 0x80 && NON_ASCII_IDENT_START.test(String.fromCharCode(c));
}

function isIdentPart(c: number): boolean {
  if ((c >= LOWER_A && c <= LOWER_Z) || (c >= UPPER_A && c <= UPPER_Z) || isDigit(c)) return true;
  if (c === UNDERSCORE || c === DOLLAR) return true;
  return c >= 0x80 && NON_ASCII_IDENT_PART.test(String.fromCharCode(c));
}

/** True when `name` can be written as a bare identifier (function, namespace or property name). */
export function isIdentifier(name: string): boolean {
  if (name.length === 0 || !isIdentStart(name.charCodeAt(0))) return false;
  for (let i = 1; i < name.length; i++) {
    if (!isIdentPart(name.charCodeAt(i))) return false;
  }
  return true;
}

function skipWhitespace(src: string, pos: number, end: number): number {
  while (pos < end && isWhitespace(src.charCodeAt(pos))) pos++;
  return pos;
}

function scanIdentifier(src: string, pos: number, end: number): number {
  pos++;
  while (pos < end && isIdentPart(src.charCodeAt(pos))) pos++;
  return pos;
}

/** Offset of the closing quote of the string literal opening at `pos`, or -1 if unterminated. */
function scanStringLiteral(src: string, pos: number, end: number): number {
  let i = pos + 1;
  while (i < end) {
    const q = src.indexOf("'", i);
    if (q < 0 || q >= end) return -1;
    if (q + 1 < end && src.charCodeAt(q + 1) === QUOTE) {
      i = q + 2;
      continue;
    }
    return q;
  }
  return -1;
}

/** End of the token starting at `pos`, used to size error ranges. */
function tokenEnd(src: string, pos: number, end: number): number {
  const c = src.charCodeAt(pos);
  if (c === QUOTE) {
    const close = scanStringLiteral(src, pos, end);
    return close < 0 ? end : close + 1;
  }
  if (isIdentStart(c)) return scanIdentifier(src, pos, end);
  if (isDigit(c) || c === MINUS) {
    let i = pos + 1;
    while (i < end && isDigit(src.charCodeAt(i))) i++;
    return i;
  }
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < end) return pos + 2;
  return pos + 1;
}

function describe(src: string, start: number, end: number): string {
  const text = src.slice(start, end);
  return text.length > 30 ? `'${text.slice(0, 27)}...'` : `'${text}'`;
}

function column(offset: number): number {
  return offset + 1;
}

/**
 * The built-in function names, as documented and lowercased: a call names one of these nearly every time
 * (`parameters`, `variables`, `concat`…), and handing out the table's string instead of a slice of the
 * expression saves one string per call. Open addressing over a hash of the characters, so a lookup builds no
 * string; the table is filled once and never more than half full.
 */
const NAME_TABLE_SIZE = 1024; // a power of two
const knownNames: (string | undefined)[] = new Array<string | undefined>(NAME_TABLE_SIZE).fill(undefined);

function nameSlot(src: string, start: number, end: number): number {
  let h = end - start;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + src.charCodeAt(i)) | 0;
  return (h ^ (h >>> 10)) & (NAME_TABLE_SIZE - 1);
}

function addKnownName(name: string): void {
  for (let slot = nameSlot(name, 0, name.length); ; slot = (slot + 1) & (NAME_TABLE_SIZE - 1)) {
    const known = knownNames[slot];
    if (known === name) return;
    if (known === undefined) {
      knownNames[slot] = name;
      return;
    }
  }
}

for (const f of FUNCTIONS) {
  addKnownName(f.name);
  addKnownName(f.name.toLowerCase());
}

/** `src.slice(start, end)`, or the equal string of the table of known names. */
function nameText(src: string, start: number, end: number): string {
  const len = end - start;
  for (let slot = nameSlot(src, start, end); ; slot = (slot + 1) & (NAME_TABLE_SIZE - 1)) {
    const known = knownNames[slot];
    if (known === undefined) return src.slice(start, end);
    if (known.length === len && src.startsWith(known, start)) return known;
  }
}

/**
 * Short texts of string literals and property names repeat across expressions and templates ('location',
 * 'name', `.id`): a direct-mapped table hands out one string per text instead of a fresh copy per occurrence,
 * and parse trees live as long as their file's analysis. Only texts too short for V8 to make a slice of the
 * expression (it copies fewer than 13 characters) are kept, so the table never holds a template's text alive
 * and needs no emptying.
 */
const SHORT_TEXT_MAX = 12;
const SHORT_TABLE_SIZE = 1024; // a power of two
const shortTexts: string[] = new Array<string>(SHORT_TABLE_SIZE).fill("");

/** `src.slice(start, end)`, or the equal string the table of short texts holds. */
function shortText(src: string, start: number, end: number): string {
  const len = end - start;
  if (len > SHORT_TEXT_MAX) return src.slice(start, end);
  let h = len;
  for (let i = start; i < end; i++) h = (Math.imul(h, 31) + src.charCodeAt(i)) | 0;
  const slot = (h ^ (h >>> 10)) & (SHORT_TABLE_SIZE - 1);
  const known = shortTexts[slot]!;
  if (known.length === len && src.startsWith(known, start)) return known;
  const text = src.slice(start, end);
  shortTexts[slot] = text;
  return text;
}

// Open calls and index brackets are frames on a stack, kept without frame objects. The nodes live
// on `nodes` (below): frame `i` (0 ≤ i < open frames) has its node at
// `nodes[frameStart[i]]` (an open call's final `Call` node, whose `end` and `args` are set when it
// closes, or the object of an open index), and a call's arguments so far follow it there; a
// closing call copies them into an exact-size array. The numbers of frame `i` live in typed
// arrays shared by every parse (parsing is synchronous and never re-entered): `frameOpen[i]`, the
// offset of the `(` or `[`, which also tells the two kinds apart, and `frameHeight[i]`, the tallest
// argument so far (call) or the object's height (index).
const frameStart = new Int32Array(MAX_EXPRESSION_DEPTH);
/**
 * The node stack, shared by every parse like the frame arrays (a fresh array per parse was as much
 * allocation as a small tree). Emptied after each parse, so it keeps no tree alive; dropped when a
 * parse has grown it past `NODES_KEEP`.
 */
let nodes: Expr[] = [];
const NODES_KEEP = 4096;
/** What an emptied slot of `nodes` holds (never part of a result). */
const EMPTY_SLOT: Expr = Object.freeze({ kind: "number", value: 0, start: 0, end: 0 });

/**
 * Empties the slots the last parse used. A parse fills `nodes` from index 0 one slot at a time, so its
 * slots are exactly those before the first empty one.
 */
function releaseNodes(): void {
  if (nodes.length > NODES_KEEP) {
    nodes = [];
    return;
  }
  for (let k = 0; k < nodes.length && nodes[k] !== EMPTY_SLOT; k++) nodes[k] = EMPTY_SLOT;
}
const frameOpen = new Int32Array(MAX_EXPRESSION_DEPTH);
const frameHeight = new Int32Array(MAX_EXPRESSION_DEPTH);

function isCallFrame(src: string, frame: number): boolean {
  return src.charCodeAt(frameOpen[frame]!) === LPAREN;
}

function fail(message: string, start: number, end: number): ParseResult {
  return { ok: false, error: { message, start, end } };
}

function displayName(call: Call): string {
  return call.namespace === undefined ? call.name : `${call.namespace}.${call.name}`;
}

function unclosed(src: string, nodes: Expr[], frame: number, end: number): ParseResult {
  const open = frameOpen[frame]!;
  if (isCallFrame(src, frame)) {
    const call = nodes[frameStart[frame]!] as Call;
    return fail(
      `Missing ')' to close the call to '${displayName(call)}' opened at column ${column(open)}`,
      call.start,
      end,
    );
  }
  return fail(`Missing ']' to close the index opened at column ${column(open)}`, open, end);
}

function tooDeep(start: number, end: number): ParseResult {
  return fail(
    `Expression nested deeper than ${MAX_EXPRESSION_DEPTH} levels: split it into variables`,
    start,
    end,
  );
}

/**
 * A call node whose `end` and `args` are final once its `)` is found. `namespace` is always present
 * (undefined for a built-in call): one shape for every call node, so code reading calls never meets a
 * second call shape (adding the property to user-function calls only made one).
 */
function openCall(start: number, name: string, namespace: string | undefined, nameStart: number, nameEnd: number): Call {
  return { kind: "call", start, end: start, name, namespace, args: NO_ARGS, nameStart, nameEnd };
}

/**
 * The `args` of every call without arguments, and the placeholder of a call still open (a call with arguments
 * gets its own array when it closes). One shared array instead of one per `f()` (a sixth of the calls): parse
 * trees are never changed once made, so nothing pushes to it.
 */
const NO_ARGS: Expr[] = [];

/**
 * Parses the expression of a string that `classifyString` calls an expression. Offsets in the
 * result (nodes and errors) index into `value` itself, whose index 0 is the leading `[`.
 * A string that is not an expression yields an error. Never throws.
 */
export function parseExpression(value: string): ParseResult {
  if (!isExpressionString(value)) {
    if (value.startsWith("[[")) {
      return fail(
        "Not an expression: a string starting with '[[' is literal text whose first '[' is an escape",
        0,
        value.length,
      );
    }
    return fail("Not an expression: an expression string starts with '[' and ends with ']'", 0, value.length);
  }
  const result = parseBody(value, 1, value.length - 1);
  releaseNodes();
  return result;
}

// One loop, two states: `expect` (a value must start at `pos`) and `postfix` (a complete value is
// in hand: apply `.prop` / `[index]`, then hand it to the innermost open call or index).
function parseBody(src: string, bodyStart: number, end: number): ParseResult {
  let pos = skipWhitespace(src, bodyStart, end);
  if (pos >= end) {
    return fail(
      "Empty expression: put a function call between the brackets, or start the string with '[[' to write the literal text",
      0,
      src.length,
    );
  }
  /** Offset of the most recent argument separator, for "missing argument" errors. */
  let lastComma = -1;
  /** Open frames, and the stack of their nodes and arguments (see `frameStart`). */
  let depth = 0;
  let nodeTop = 0;

  expect: for (;;) {
    let value: Expr;
    let height: number;

    // ---- expect: a value starts at `pos` (whitespace already skipped).
    if (pos >= end) {
      const top = depth - 1;
      return top < 0 ? fail("Expected an expression", pos, end) : unclosed(src, nodes, top, end);
    }
    const c = src.charCodeAt(pos);
    if (c === QUOTE) {
      const close = scanStringLiteral(src, pos, end);
      if (close < 0) {
        return fail(
          "Unterminated string literal: add a closing single quote (a quote inside the text is written '')",
          pos,
          end,
        );
      }
      let text = shortText(src, pos + 1, close);
      if (text.includes("'")) text = text.replaceAll("''", "'");
      const lit: StringLit = { kind: "string", value: text, start: pos, end: close + 1 };
      value = lit;
      height = 1;
      pos = close + 1;
    } else if (isDigit(c) || c === MINUS) {
      let i = pos;
      if (c === MINUS) {
        i++;
        if (i >= end || !isDigit(src.charCodeAt(i))) {
          return fail(
            "'-' must be followed by a digit: a negative number is written -1 (to subtract, use sub(a, b))",
            pos,
            pos + 1,
          );
        }
      }
      while (i < end && isDigit(src.charCodeAt(i))) i++;
      if (i + 1 < end && src.charCodeAt(i) === DOT && isDigit(src.charCodeAt(i + 1))) {
        i += 2;
        while (i < end && isDigit(src.charCodeAt(i))) i++;
      }
      const num: NumberLit = { kind: "number", value: Number(src.slice(pos, i)), start: pos, end: i };
      value = num;
      height = 1;
      pos = i;
    } else if (isIdentStart(c)) {
      const start = pos;
      let nameStart = pos;
      let nameEnd = scanIdentifier(src, pos, end);
      let namespace: string | undefined;
      let p = skipWhitespace(src, nameEnd, end);
      if (p < end && src.charCodeAt(p) === DOT) {
        const dot = p;
        p = skipWhitespace(src, p + 1, end);
        if (p >= end || !isIdentStart(src.charCodeAt(p))) {
          return fail(
            `Expected a function name after '${src.slice(start, nameEnd)}.': user-defined functions are called as namespace.name(...)`,
            dot,
            dot + 1,
          );
        }
        namespace = src.slice(start, nameEnd);
        nameStart = p;
        nameEnd = scanIdentifier(src, p, end);
        p = skipWhitespace(src, nameEnd, end);
      }
      if (p >= end || src.charCodeAt(p) !== LPAREN) {
        const name = src.slice(nameStart, nameEnd);
        if (namespace !== undefined) {
          return fail(
            `'${namespace}.${name}' is not a function call: call a user-defined function as ${namespace}.${name}(...); properties can only follow a value, as in parameters('p').${name}`,
            start,
            nameEnd,
          );
        }
        const lower = name.toLowerCase();
        if (lower === "true" || lower === "false" || lower === "null") {
          return fail(`'${name}' is a function in ARM expressions: write ${name}()`, start, nameEnd);
        }
        return fail(
          `'${name}' is not a function call: add an argument list, as in ${name}(...), or quote text as '${name}'`,
          start,
          nameEnd,
        );
      }
      if (depth >= MAX_EXPRESSION_DEPTH) return tooDeep(p, p + 1);
      const call = openCall(start, nameText(src, nameStart, nameEnd), namespace, nameStart, nameEnd);
      pos = skipWhitespace(src, p + 1, end);
      if (pos < end && src.charCodeAt(pos) === RPAREN) {
        // `args` stays the shared NO_ARGS that `openCall` set.
        call.end = pos + 1;
        value = call;
        height = 1;
        pos++;
      } else {
        frameStart[depth] = nodeTop;
        frameOpen[depth] = p;
        frameHeight[depth] = 0;
        depth++;
        nodes[nodeTop++] = call;
        continue expect;
      }
    } else {
      return unexpectedInValuePosition(src, pos, end, nodes, depth - 1, lastComma);
    }

    // ---- postfix: `value` is complete; apply member/index chains, then reduce into frames.
    for (;;) {
      pos = skipWhitespace(src, pos, end);
      const d = pos < end ? src.charCodeAt(pos) : -1;
      if (d === DOT) {
        const dot = pos;
        const p = skipWhitespace(src, pos + 1, end);
        if (p >= end || !isIdentStart(src.charCodeAt(p))) {
          return fail(
            "Expected a property name after '.': for a name that is not an identifier, write ['name']",
            dot,
            p < end ? tokenEnd(src, p, end) : dot + 1,
          );
        }
        const propEnd = scanIdentifier(src, p, end);
        if (height >= MAX_EXPRESSION_DEPTH) return tooDeep(dot, propEnd);
        const member: Member = {
          kind: "member",
          start: value.start,
          end: propEnd,
          object: value,
          property: shortText(src, p, propEnd),
          propertyStart: p,
        };
        value = member;
        height++;
        pos = propEnd;
        continue;
      }
      if (d === LBRACKET) {
        if (depth >= MAX_EXPRESSION_DEPTH || height >= MAX_EXPRESSION_DEPTH) {
          return tooDeep(pos, pos + 1);
        }
        frameStart[depth] = nodeTop;
        frameOpen[depth] = pos;
        frameHeight[depth] = height;
        depth++;
        nodes[nodeTop++] = value;
        pos = skipWhitespace(src, pos + 1, end);
        continue expect;
      }

      const top = depth - 1;
      if (top < 0) {
        if (pos >= end) return { ok: true, expr: value };
        return trailing(src, pos, end);
      }
      if (pos >= end) return unclosed(src, nodes, top, end);
      const open = frameOpen[top]!;

      if (src.charCodeAt(open) === LPAREN) {
        const base = frameStart[top]!;
        const call = nodes[base] as Call;
        if (height > frameHeight[top]!) frameHeight[top] = height;
        nodes[nodeTop++] = value;
        if (d === COMMA) {
          lastComma = pos;
          pos = skipWhitespace(src, pos + 1, end);
          continue expect;
        }
        if (d === RPAREN) {
          const h = frameHeight[top]!;
          depth--;
          if (h >= MAX_EXPRESSION_DEPTH) return tooDeep(open, open + 1);
          call.end = pos + 1;
          call.args = nodes.slice(base + 1, nodeTop);
          nodeTop = base;
          value = call;
          height = h + 1;
          pos++;
          continue;
        }
        if (d === RBRACKET) {
          return fail(
            `Missing ')' to close the call to '${displayName(call)}' opened at column ${column(open)}: found ']' instead`,
            pos,
            pos + 1,
          );
        }
        return fail(
          `Expected ',' or ')' after argument ${nodeTop - base - 1} of '${displayName(call)}', found ${describe(src, pos, tokenEnd(src, pos, end))}: separate arguments with ','`,
          pos,
          tokenEnd(src, pos, end),
        );
      }

      // An open index.
      if (d === RBRACKET) {
        const object = nodes[frameStart[top]!]!;
        const h = Math.max(frameHeight[top]!, height);
        nodeTop = frameStart[top]!;
        depth--;
        if (h >= MAX_EXPRESSION_DEPTH) return tooDeep(open, pos + 1);
        const index: Index = { kind: "index", start: object.start, end: pos + 1, object, index: value };
        value = index;
        height = h + 1;
        pos++;
        continue;
      }
      return fail(
        `Missing ']' to close the index opened at column ${column(open)}: found ${describe(src, pos, tokenEnd(src, pos, end))} instead`,
        pos,
        tokenEnd(src, pos, end),
      );
    }
  }
}

/** Error for a character that cannot start a value. */
function unexpectedInValuePosition(
  src: string,
  pos: number,
  end: number,
  nodes: Expr[],
  top: number,
  lastComma: number,
): ParseResult {
  const c = src.charCodeAt(pos);
  if (top >= 0 && isCallFrame(src, top)) {
    const call = nodes[frameStart[top]!] as Call;
    if (c === COMMA) {
      return fail(
        `Missing argument before ',' in the call to '${displayName(call)}': add the argument or remove the comma`,
        pos,
        pos + 1,
      );
    }
    if (c === RPAREN && lastComma >= 0) {
      return fail(
        `Missing argument after ',' in the call to '${displayName(call)}': remove the trailing comma or add an argument`,
        lastComma,
        lastComma + 1,
      );
    }
  }
  if (top >= 0 && !isCallFrame(src, top) && c === RBRACKET && skipWhitespace(src, frameOpen[top]! + 1, end) === pos) {
    return fail("Empty index: put an index (a number or a string) between '[' and ']'", frameOpen[top]!, pos + 1);
  }
  if (c === DQUOTE) {
    return fail("String literals use single quotes: write 'text', not \"text\"", pos, pos + 1);
  }
  if (c === LBRACKET) {
    return fail("Unexpected '[': there are no array literals; build an array with createArray(...)", pos, pos + 1);
  }
  if (c === LBRACE) {
    return fail("Unexpected '{': there are no object literals; build an object with createObject(...)", pos, pos + 1);
  }
  const tEnd = tokenEnd(src, pos, end);
  return fail(
    `Unexpected ${describe(src, pos, tEnd)}: expected a function call, a string in single quotes, or a number`,
    pos,
    tEnd,
  );
}

/** Error for text after a complete top-level expression. */
function trailing(src: string, pos: number, end: number): ParseResult {
  const c = src.charCodeAt(pos);
  if (c === RPAREN) return fail("Unexpected ')': it closes no call; remove it", pos, pos + 1);
  if (c === RBRACKET) return fail("Unexpected ']': it closes no index; remove it", pos, pos + 1);
  if (c === COMMA) {
    return fail(
      "Unexpected ',' after the expression: an expression is a single value (combine values with concat() or format())",
      pos,
      end,
    );
  }
  return fail(
    "Unexpected text after the expression: an expression is a single value (combine values with concat() or format())",
    pos,
    end,
  );
}
