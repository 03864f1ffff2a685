// `--cache`: lint results stored by file, reused while the file and everything its result depends on are unchanged.
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import type { Diagnostic } from "../diagnostics.js";
import { decodeBytes } from "../load/decode.js";
import { readShared } from "../load/read.js";
import type { ResolvedConfig } from "../runner/config.js";
import type { LintResult } from "../runner/run.js";
import { hashFile, hashOf } from "./hash.js";
import { armlintStamp, CACHE_FORMAT, configKey, typesKey } from "./keys.js";

/** The default cache file, in the working directory (ESLint's `.eslintcache`, for armlint). */
export const CACHE_FILE_NAME = ".armlintcache";

/** A file a result depends on, with the hash of its bytes (MISSING when it did not exist). */
export type Dependency = [file: string, hash: string];

interface Entry {
  /** Hash of armlint's stamp, the context key and the file's bytes. */
  key: string;
  deps: Dependency[];
  diagnostics: Diagnostic[];
  suppressed?: Diagnostic[] | undefined;
  /** Whether the result carried the file's text (it is decoded again from the file on a hit). */
  source: boolean;
}

interface CacheFile {
  format: number;
  stamp: string;
  entries: Record<string, Entry>;
}

/** Where the cache lives: `--cache-location` (a file, or a folder to hold `.armlintcache`), else `./.armlintcache`. */
export function cacheFilePath(location: string | undefined, cwd: string): string {
  if (location === undefined) return join(cwd, CACHE_FILE_NAME);
  const path = resolve(cwd, location);
  const isFolder = location.endsWith("/") || location.endsWith(sep) || statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
  return isFolder ? join(path, CACHE_FILE_NAME) : path;
}

/** A cached result, with the files it depends on. */
export interface CachedOutcome {
  result: LintResult;
  deps: string[];
  /** The result has no findings and its text was not decoded. */
  sourceOmitted: boolean;
}

/**
 * A file's bytes read for the cache: the key is their hash, and a hit decodes its text from them. The bytes are
 * in the loader's shared read buffer (see readShared): look the file up before anything else is read.
 */
export interface ReadFile {
  bytes: Buffer;
  hash: string;
}

export class LintCache {
  readonly file: string;
  readonly #stamp = armlintStamp();
  readonly #entries = new Map<string, Entry>();
  readonly #seen = new Set<string>();
  /** Hashes of dependencies, computed once per run. */
  readonly #depHashes = new Map<string, string>();
  readonly #configKeys = new WeakMap<ResolvedConfig, string>();
  hits = 0;
  misses = 0;
  /** Why the previous cache was not used, when it existed but could not be (corrupt, other armlint). */
  discarded: string | undefined;

  constructor(file: string) {
    this.file = file;
    this.#load();
  }

  /** Reads a file to look it up; undefined when it cannot be read (it is linted, never cached). */
  read(file: string): ReadFile | undefined {
    try {
      const bytes = readShared(file);
      return { bytes, hash: hashOf(bytes) };
    } catch {
      return undefined;
    }
  }

  /**
   * The cached result of `file`, if its bytes, its context and every dependency are unchanged. The text of
   * a file without findings is not decoded (`sourceOmitted`): reports show the text of files with findings.
   */
  lookup(file: string, context: string, read: ReadFile): CachedOutcome | undefined {
    this.#seen.add(file);
    const entry = this.#entries.get(file);
    if (entry?.key !== this.#key(context, read.hash) || !entry.deps.every(([dep, hash]) => this.#hashOf(dep) === hash)) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    const sourceOmitted = entry.source && entry.diagnostics.length === 0 && (entry.suppressed?.length ?? 0) === 0;
    const decoded = entry.source && !sourceOmitted ? decodeBytes(read.bytes) : undefined;
    const result: LintResult = { file, diagnostics: entry.diagnostics, source: decoded?.ok === true ? decoded.text : undefined };
    if (entry.suppressed !== undefined) result.suppressed = entry.suppressed;
    return { result, deps: entry.deps.map(([dep]) => dep), sourceOmitted };
  }

  /**
   * Stores a fresh result with the files it depends on (linked templates, parameters file). `hasSource`:
   * the file's text could be decoded (the result may have left it out).
   */
  store(file: string, context: string, fileHash: string, result: LintResult, deps: readonly string[], hasSource = result.source !== undefined): void {
    this.#seen.add(file);
    const entry: Entry = {
      key: this.#key(context, fileHash),
      deps: [...new Set(deps)].filter((dep) => dep !== file).sort().map((dep): Dependency => [dep, this.#hashOf(dep)]),
      diagnostics: result.diagnostics,
      suppressed: result.suppressed,
      source: hasSource,
    };
    this.#entries.set(file, entry);
  }

  /** Writes the cache (atomically: a temporary file beside it, then a rename). Returns an error message on failure. */
  save(): string | undefined {
    for (const file of [...this.#entries.keys()]) {
      if (!this.#seen.has(file) && !existsSync(file)) this.#entries.delete(file);
    }
    const data: CacheFile = { format: CACHE_FORMAT, stamp: this.#stamp, entries: Object.fromEntries(this.#entries) };
    const temporary = `${this.file}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(this.file), { recursive: true });
      writeFileSync(temporary, JSON.stringify(data));
      renameSync(temporary, this.file);
      return undefined;
    } catch (error) {
      rmSync(temporary, { force: true });
      return `Cannot write the cache ${this.file}: ${error instanceof Error ? error.message : String(error)}`;
    }
  }

  /** The context key of a file: its config (file, plugins, rule settings), type data, parameters file and the run's options. */
  contextKey(parts: { cwd: string; config: ResolvedConfig; types: string | undefined; parameters: string | undefined; options: unknown }): string {
    let config = this.#configKeys.get(parts.config);
    if (config === undefined) this.#configKeys.set(parts.config, (config = configKey(parts.config)));
    return hashOf(JSON.stringify([parts.cwd, config, parts.types ?? "", typesKey(parts.types), parts.parameters ?? "", parts.options]));
  }

  #key(context: string, fileHash: string): string {
    return hashOf(`${this.#stamp}\n${context}\n${fileHash}`);
  }

  #hashOf(file: string): string {
    let hash = this.#depHashes.get(file);
    if (hash === undefined) this.#depHashes.set(file, (hash = hashFile(file)));
    return hash;
  }

  #load(): void {
    let text: string;
    try {
      if (statSync(this.file, { throwIfNoEntry: false })?.isFile() !== true) return;
      text = readFileSync(this.file, "utf8");
    } catch {
      return;
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch {
      this.discarded = "it is not valid JSON";
      return;
    }
    if (!isCacheFile(data)) {
      this.discarded = "it is not an armlint cache";
      return;
    }
    if (data.format !== CACHE_FORMAT || data.stamp !== this.#stamp) return; // another armlint: start over
    for (const [file, entry] of Object.entries(data.entries)) if (isEntry(entry)) this.#entries.set(file, entry);
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isCacheFile(value: unknown): value is CacheFile {
  return isRecord(value) && typeof value.format === "number" && typeof value.stamp === "string" && isRecord(value.entries);
}

function isEntry(value: unknown): value is Entry {
  return (
    isRecord(value) &&
    typeof value.key === "string" &&
    Array.isArray(value.deps) &&
    value.deps.every((d) => Array.isArray(d) && d.length === 2 && typeof d[0] === "string" && typeof d[1] === "string") &&
    Array.isArray(value.diagnostics) &&
    (value.suppressed === undefined || Array.isArray(value.suppressed)) &&
    typeof value.source === "boolean"
  );
}

