// Symbolic values of the ARM expression evaluator: exact JSON-like values plus opaque symbols kept as tokens.
//
// A string value may contain *tokens* for parts that are unknown before deployment (a parameter,
// `uniqueString(...)`, a `reference()` property). A token is `\uE000<body>\uE001`; its body is the
// readable expression text with `/` written as `\uE002`, so splitting an id on `/` never cuts a
// token, and a hidden scope tag after `\uE003` keeps same-named symbols of different templates
// apart. Two values denote the same thing when their canonical (lowercased) texts are equal.

export const TOKEN_START = "\uE000";
export const TOKEN_END = "\uE001";
export const TOKEN_SLASH = "\uE002";
export const TOKEN_TAG = "\uE003";

/** An object value: keys matched case-insensitively, as ARM does. */
export class ObjectValue {
  readonly entries = new Map<string, { key: string; value: Value }>();

  get(key: string): Value | undefined {
    return this.entries.get(key.toLowerCase())?.value;
  }

  set(key: string, value: Value): void {
    this.entries.set(key.toLowerCase(), { key, value });
  }

  keys(): string[] {
    return [...this.entries.values()].map((e) => e.key);
  }
}

/**
 * Longest chain of opaque calls whose texts wait to be rendered (`f(g(h(...)))`, each unread):
 * rendering one recurses once per pending call below it, so the chain is cut here, whatever the
 * nesting of the template, by rendering the call that would make it longer.
 */
export const MAX_PENDING_DEPTH = 32;
/** Most arguments a pending call keeps (its text would be compacted anyway). */
const MAX_PENDING_ARGS = 8;

/** What the text of a pending Unknown is made of (see `Unknown.text`). */
const PENDING_CALL = 0;
const PENDING_INDEX = 1;
const PENDING_MEMBER = 2;

/** A value that cannot be known before deployment; `text` is its readable expression. */
export class Unknown {
  /** The text, once rendered (always, for an Unknown made from a text). */
  private rendered: string | undefined;
  /**
   * What a pending text is made of: a call `fn(args...)` (`Unknown.ofCall`), an index `args[0][args[1]]`
   * (`Unknown.ofIndex`) or a member `args[0].fn` (`Unknown.ofMember`).
   */
  private shape = PENDING_CALL;
  private fn: string | undefined = undefined;
  private args: readonly Value[] | undefined = undefined;
  /** Pending calls in this value, itself included (0 once the text is rendered). */
  private pendingDepth = 0;

  constructor(
    text: string,
    /** Hidden tag separating same-named symbols of different scopes (e.g. a module parameter). */
    readonly tag = "",
  ) {
    this.rendered = text;
  }

  /**
   * The opaque result of calling `fn` on `args`, whose text (`callText`) is rendered on first read:
   * many such values are never read. Arguments are kept as they are (every evaluated value, container
   * or not, is never changed once made), at most MAX_PENDING_ARGS of them and no string longer than
   * MAX_RENDER. Reading the text recurses once per pending call and once per container whose text is
   * not rendered yet (`renderDepth`): that nesting is bounded by MAX_PENDING_DEPTH, and a call that
   * would go deeper is rendered now. Either way it is the text `callText` gives now.
   */
  static ofCall(fn: string, args: readonly Value[]): Unknown {
    // The pending depth this call would have; Infinity when an argument rules out waiting.
    let depth = args.length <= MAX_PENDING_ARGS ? 1 : Infinity;
    for (const a of args) {
      if (depth > MAX_PENDING_DEPTH) break;
      if (typeof a === "string") {
        if (a.length > MAX_RENDER) depth = Infinity;
      } else depth = Math.max(depth, renderDepth(a, MAX_PENDING_DEPTH) + 1);
    }
    if (depth > MAX_PENDING_DEPTH) return new Unknown(callText(fn, args));
    return Unknown.pending(PENDING_CALL, fn, args, depth, "");
  }

  /**
   * `obj[idx]` of values that give no exact answer (`coalesce(parameters('a'), createArray())[copyIndex()]`):
   * its text (`indexText`) waits to be read, as an opaque call's does, since rendering `obj` can be most of
   * the work and many such values are only walked for the ids they use. Bounded the same way.
   */
  static ofIndex(obj: Value, idx: Value): Unknown {
    const tag = obj instanceof Unknown ? obj.tag : "";
    const depth = Math.max(renderDepth(obj, MAX_PENDING_DEPTH), renderDepth(idx, MAX_PENDING_DEPTH)) + 1;
    if (depth > MAX_PENDING_DEPTH) return new Unknown(indexText(obj, idx), tag);
    return Unknown.pending(PENDING_INDEX, undefined, [obj, idx], depth, tag);
  }

  /** `obj.name` of an unknown: text `obj.text.name`, waiting to be read while `obj`'s own text does. */
  static ofMember(obj: Unknown, name: string): Unknown {
    const depth = obj.pendingDepth + 1;
    if (obj.pendingDepth === 0 || depth > MAX_PENDING_DEPTH) return new Unknown(`${obj.text}.${name}`, obj.tag);
    return Unknown.pending(PENDING_MEMBER, name, [obj], depth, obj.tag);
  }

  private static pending(shape: number, fn: string | undefined, args: readonly Value[], depth: number, tag: string): Unknown {
    const u = new Unknown("", tag);
    u.rendered = undefined;
    u.shape = shape;
    u.fn = fn;
    u.args = args;
    u.pendingDepth = depth;
    return u;
  }

  get text(): string {
    if (this.rendered === undefined) {
      const args = this.args!;
      if (this.shape === PENDING_INDEX) this.rendered = indexText(args[0]!, args[1]!);
      else if (this.shape === PENDING_MEMBER) this.rendered = `${(args[0] as Unknown).text}.${this.fn!}`;
      else this.rendered = callText(this.fn!, args);
      this.fn = undefined;
      this.args = undefined;
      this.pendingDepth = 0;
    }
    return this.rendered;
  }

  /** Pending calls in this value, itself included: how deep reading its text recurses (0 once rendered). */
  get pendingCalls(): number {
    return this.pendingDepth;
  }

  /** True while the text waits to be read: it is then `fn(...)`, `x[i]` or `x.name`, never a fixed marker. */
  get isPendingCall(): boolean {
    return this.rendered === undefined;
  }

  /** The value as a token, made once: a parameter or variable symbol is spelled into many strings. */
  get token(): string {
    return (this.tokenText ??= token(this.text, this.tag));
  }

  private tokenText: string | undefined = undefined;
}

/** Upper bounds of `renderDepth` of containers met so far (a container is never changed once made). */
const containerDepths = new WeakMap<object, number>();

/**
 * How deep reading `v`'s text recurses through texts not rendered yet: pending calls and containers without a
 * rendered text each count one level; scalars, strings, references and rendered texts none. Past `limit` the
 * answer is Infinity. Each container is walked once (shared structure is not walked again): a pending call's
 * depth only goes down as texts are read, so a stored bound stays a bound.
 */
function renderDepth(v: Value, limit: number): number {
  if (v === null || typeof v !== "object" || v instanceof RefValue) return 0;
  if (v instanceof Unknown) return v.pendingCalls;
  if (renderCache.has(v)) return 0;
  const known = containerDepths.get(v);
  if (known !== undefined) return known;
  let depth = 1;
  if (limit < 1) depth = Infinity;
  else if (Array.isArray(v)) {
    for (let i = 0; i < v.length && depth <= limit; i++) depth = Math.max(depth, renderDepth(v[i]!, limit - 1) + 1);
  } else {
    for (const e of v.entries.values()) {
      depth = Math.max(depth, renderDepth(e.value, limit - 1) + 1);
      if (depth > limit) break;
    }
  }
  // A walk cut short knows only that the depth is past the limit: stored as Infinity (a bound for any limit).
  if (depth > limit) depth = Infinity;
  containerDepths.set(v, depth);
  return depth;
}

/** Text of the opaque call `fn(args...)` (compacted). */
export function callText(fn: string, args: readonly Value[]): string {
  const text = new CompactText(`${fn}(`);
  for (let i = 0; i < args.length; i++) {
    if (i > 0) text.add(", ");
    text.add(renderValue(args[i]!));
  }
  text.add(")");
  return text.done();
}

/** Text of `obj[idx]` for values that give no exact answer. */
export function indexText(obj: Value, idx: Value): string {
  const base = obj instanceof Unknown || obj instanceof RefValue ? obj.text : displayText(renderValue(obj));
  return `${base}[${displayText(renderValue(idx))}]`;
}

/**
 * A deploy-time read of a resource (`reference()`, `list*()`), possibly followed by member access.
 * `target` is the canonical text of the resource id or name/symbol used; `path` the accessed properties.
 */
export class RefValue {
  constructor(
    readonly fn: string,
    readonly target: string,
    readonly path: readonly string[],
    /** Node index of the resource when the evaluator's host resolved it. */
    readonly resolved: number | undefined,
  ) {}

  member(name: string): RefValue {
    return new RefValue(this.fn, this.target, [...this.path, name], this.resolved);
  }

  private rendered: string | undefined;

  get text(): string {
    if (this.rendered === undefined) {
      const base = `${this.fn}(${displayText(this.target)})`;
      this.rendered = this.path.length === 0 ? base : `${base}.${this.path.join(".")}`;
    }
    return this.rendered;
  }

  /** The value as a token, made once (see `Unknown.token`). */
  get token(): string {
    return (this.tokenText ??= token(this.text));
  }

  private tokenText: string | undefined = undefined;
}

export type Value = string | number | boolean | null | Value[] | ObjectValue | Unknown | RefValue;

export function token(body: string, tag = ""): string {
  const safe = body.includes("/") ? body.replaceAll("/", TOKEN_SLASH) : body;
  return tag === "" ? `${TOKEN_START}${safe}${TOKEN_END}` : `${TOKEN_START}${safe}${TOKEN_TAG}${tag}${TOKEN_END}`;
}

export function hasToken(s: string): boolean {
  return s.includes(TOKEN_START);
}

export function isUnknownValue(v: Value): v is Unknown | RefValue {
  return v instanceof Unknown || v instanceof RefValue;
}

/** True when `s` is one token and nothing else. */
export function isWholeToken(s: string): boolean {
  if (!s.startsWith(TOKEN_START) || !s.endsWith(TOKEN_END)) return false;
  let depth = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xe000) depth++;
    else if (c === 0xe001) {
      depth--;
      if (depth === 0 && i !== s.length - 1) return false;
    }
  }
  return true;
}

/** Readable form of a possibly tokenized string: tokens shown as `{expr}`, hidden tags dropped. */
export function displayText(s: string): string {
  if (!hasToken(s)) return s;
  // Pieces joined once: the result is one flat string, not a chain of slices that keeps `s` alive.
  const out: string[] = [];
  let depth = 0;
  let skipDepth = 0;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xe000 || c > 0xe003) continue;
    if (skipDepth === 0 && i > runStart) out.push(s.slice(runStart, i));
    runStart = i + 1;
    if (c === 0xe000) {
      depth++;
      if (skipDepth === 0 && depth === 1) out.push("{");
    } else if (c === 0xe001) {
      if (skipDepth === depth) skipDepth = 0;
      if (skipDepth === 0 && depth === 1) out.push("}");
      depth--;
    } else if (c === 0xe003) {
      if (skipDepth === 0) skipDepth = depth;
    } else if (skipDepth === 0) out.push("/");
  }
  if (skipDepth === 0 && runStart < s.length) out.push(s.slice(runStart));
  return out.join("");
}

/** Canonical comparison key (ARM compares names, types and ids case-insensitively). */
export function canonical(s: string): string {
  return s.toLowerCase();
}

const MAX_RENDER = 240;
const renderCache = new WeakMap<object, string>();

/** 53-bit FNV-style hash of a string, for compact stand-ins of long symbolic texts. */
function hashText(s: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  return (h1 >>> 0).toString(36) + (h2 >>> 0).toString(36);
}

/**
 * Keep symbolic texts short: a long text becomes a readable prefix plus a hash of the whole, so equal
 * values still compare equal and evaluation never builds ever-growing strings.
 */
export function compactText(s: string): string {
  if (s.length <= MAX_RENDER) return s;
  // The readable prefix stops at the first token marker, if one comes within 60 characters.
  let cut = 60;
  for (let i = 0; i < cut; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xe003) cut = i;
  }
  // Hash the lowercased text: canonical keys compare case-insensitively, so must the stand-in.
  return `${s.slice(0, cut)}…#${hashLowercase(s)}`;
}

/**
 * `hashText(s.toLowerCase())` without the lowercased copy when `s` is ASCII plus token markers and `…` (which
 * lowercasing leaves alone, as it does every character but A-Z there, one character at a time: no other
 * character's case depends on them); any other text is lowercased first. `…` is in every compacted text,
 * so a value holding a compacted value is hashed without a lowercased copy too.
 */
function hashLowercase(s: string): string {
  hashStart();
  return hashFeed(s) ? hashResult() : hashText(s.toLowerCase());
}

// `hashLowercase` fed a text piece by piece, in module state (no object per hash): start, feed each piece, read.
let hash1 = 0;
let hash2 = 0;

function hashStart(): void {
  hash1 = 0x811c9dc5;
  hash2 = 0x01000193;
}

/** Feeds one piece; false (state then unusable) when it has a character that only full lowercasing handles. */
function hashFeed(s: string): boolean {
  let h1 = hash1;
  let h2 = hash2;
  for (let i = 0; i < s.length; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x80 && (c < 0xe000 || c > 0xe003) && c !== 0x2026) return false;
    if (c >= 65 && c <= 90) c += 32;
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x5bd1e995);
  }
  hash1 = h1;
  hash2 = h2;
  return true;
}

function hashResult(): string {
  return (hash1 >>> 0).toString(36) + (hash2 >>> 0).toString(36);
}

/**
 * `compactText(pieces.join(""))` without joining the pieces: a big value's text is dropped as soon as its
 * prefix and hash are taken, so they are taken from the pieces (the same characters in the same order give
 * the same hash). A text that needs full lowercasing is joined. The text must be longer than MAX_RENDER.
 */
function compactPieces(pieces: readonly string[]): string {
  hashStart();
  for (const p of pieces) if (!hashFeed(p)) return compactText(pieces.join(""));
  const hash = hashResult();
  // The readable prefix: the first 60 characters, up to the first token marker (as in `compactText`).
  let head = "";
  for (let i = 0; i < pieces.length && head.length < 60; i++) head += pieces[i]!;
  let cut = 60;
  for (let i = 0; i < cut; i++) {
    const c = head.charCodeAt(i);
    if (c >= 0xe000 && c <= 0xe003) cut = i;
  }
  return `${head.slice(0, cut)}…#${hash}`;
}

/**
 * `compactText` of a text appended piece by piece: a short text is one string as it grows (no piece list);
 * once it is longer than MAX_RENDER the rest is kept as pieces, hashed without joining (`compactPieces`).
 */
class CompactText {
  private text: string;
  private pieces: string[] | undefined = undefined;

  constructor(head: string) {
    this.text = head;
  }

  add(piece: string): void {
    if (this.pieces !== undefined) this.pieces.push(piece);
    else {
      this.text += piece;
      if (this.text.length > MAX_RENDER) this.pieces = [this.text];
    }
  }

  done(): string {
    return this.pieces === undefined ? compactText(this.text) : compactPieces(this.pieces);
  }
}

/** Text of a value inside a token body (readable, tokens nested, long texts compacted). */
export function renderValue(v: Value): string {
  if (typeof v === "string") {
    if (hasToken(v)) return renderBuiltString(v);
    if (v.includes("'")) return compactText(quoted(v));
    return v.length + 2 <= MAX_RENDER ? `'${v}'` : compactPieces(["'", v, "'"]);
  }
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  if (v === null) return "null()";
  if (v instanceof Unknown || v instanceof RefValue) return v.token;
  const cached = renderCache.get(v);
  if (cached !== undefined) return cached;
  const text = new CompactText(Array.isArray(v) ? "createArray(" : "createObject(");
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) {
      if (i > 0) text.add(", ");
      text.add(renderValue(v[i]!));
    }
  } else {
    let first = true;
    for (const { key, value } of v.entries.values()) {
      if (!first) text.add(", ");
      text.add(`'${key}', `);
      text.add(renderValue(value));
      first = false;
    }
  }
  text.add(")");
  const out = text.done();
  renderCache.set(v, out);
  return out;
}

/** A string literal as ARM writes it: in single quotes, quotes doubled. */
function quoted(s: string): string {
  return s.includes("'") ? `'${s.replaceAll("'", "''")}'` : `'${s}'`;
}

/**
 * The ids of the deployment's own resource group and subscription, as `resourceGroup().id` builds them: shown
 * by that name (`uniqueString(resourceGroup().id)` is in most templates' names) rather than spelled out. No
 * other value renders the same: a rendered literal is quoted and a token is marked.
 */
const KNOWN_IDS = new Map<string, string>([
  [`/subscriptions/${token("subscription().subscriptionId")}/resourceGroups/${token("resourceGroup().name")}`, "resourceGroup().id"],
  [`/subscriptions/${token("subscription().subscriptionId")}`, "subscription().id"],
]);

/**
 * A string with symbolic parts, as the expression that builds it: a lone token as itself (the string
 * conversion of an unknown is the unknown), otherwise `concat()` of its literal runs and its tokens.
 * Quoting the whole string instead would double the quotes inside the tokens' texts and show them as
 * literal text (`take('st' + the text of trim(parameters('a')) with every quote doubled)`). A string whose markers do not pair up
 * (the evaluator never makes one) is quoted whole.
 */
function renderBuiltString(s: string): string {
  const known = KNOWN_IDS.get(s);
  if (known !== undefined) return known;
  const parts: string[] = [];
  let depth = 0;
  let runStart = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0xe000) {
      if (depth === 0) {
        if (i > runStart) parts.push(quoted(s.slice(runStart, i)));
        runStart = i;
      }
      depth++;
    } else if (c === 0xe001 && depth > 0) {
      depth--;
      if (depth === 0) {
        parts.push(s.slice(runStart, i + 1));
        runStart = i + 1;
      }
    }
  }
  if (depth !== 0) return compactText(quoted(s));
  if (runStart < s.length) parts.push(quoted(s.slice(runStart)));
  if (parts.length === 1 && parts[0] === s) return s;
  return compactText(`concat(${parts.join(", ")})`);
}

/** ARM's string conversion of a value (symbolic parts become tokens). */
export function toStringValue(v: Value): string {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  if (typeof v === "boolean") return v ? "True" : "False";
  if (v === null) return "";
  if (v instanceof Unknown || v instanceof RefValue) return v.token;
  if (isExactValue(v)) return JSON.stringify(toPlain(v));
  return token(renderValue(v));
}

/** True when the value holds no unknown parts. */
export function isExactValue(v: Value): boolean {
  if (typeof v === "string") return !hasToken(v);
  if (v === null || typeof v !== "object") return true;
  if (v instanceof Unknown || v instanceof RefValue) return false;
  const stack: Value[] = [v];
  // Values share structure (`createArray(variables('a'), variables('a'))`): visit each container once.
  const seen = new Set<object>();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (typeof x === "string") {
      if (hasToken(x)) return false;
    } else if (x instanceof Unknown || x instanceof RefValue) {
      return false;
    } else if (Array.isArray(x)) {
      if (seen.has(x)) continue;
      seen.add(x);
      for (const item of x) stack.push(item);
    } else if (x instanceof ObjectValue) {
      if (seen.has(x)) continue;
      seen.add(x);
      for (const e of x.entries.values()) stack.push(e.value);
    }
  }
  return true;
}

/** Plain JSON of an exact value (null-prototype objects). */
export function toPlain(v: Value): unknown {
  if (Array.isArray(v)) return v.map(toPlain);
  if (v instanceof ObjectValue) {
    const o = Object.create(null) as Record<string, unknown>;
    for (const { key, value } of v.entries.values()) o[key] = toPlain(value);
    return o;
  }
  if (v instanceof Unknown || v instanceof RefValue) return displayText(toStringValue(v));
  return v;
}

/** Readable text of any value, for messages. */
export function displayValue(v: Value): string {
  if (typeof v === "string") return displayText(v);
  if (v instanceof Unknown || v instanceof RefValue) return v.text.replaceAll(TOKEN_SLASH, "/");
  if (typeof v === "number" || typeof v === "boolean" || v === null) return String(v);
  return displayText(renderValue(v));
}
