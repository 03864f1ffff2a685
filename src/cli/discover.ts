// Input discovery: command-line paths (files, folders, globs) → files to lint, files skipped, input errors.
import { closeSync, openSync, readdirSync, readSync, realpathSync, statSync, type Dirent, type Stats } from "node:fs";
import { basename, extname, resolve, sep } from "node:path";
import { globToRegExp, hasMagic, toPosix } from "../runner/glob.js";
import { compareStrings } from "../runner/registry.js";
import { parametersFileFor } from "../params/file.js";

export interface DiscoveredFile {
  /** Absolute path. */
  path: string;
  /** Named on the command line (not found in a folder or by a glob). */
  explicit: boolean;
  /** The parameters file beside the file (`main.json` → `main.parameters.json`), when there is one. */
  parameters?: string | undefined;
  /**
   * The parameters file named on the command line that brought this template in (it was not named or
   * found itself): it is linted with those values, but `--fix` leaves it alone.
   */
  namedVia?: string | undefined;
}

/** A parameters file found in a folder or by a glob that belongs to a template being linted. */
export interface PairedParameterFile {
  path: string;
  template: string;
}

export type SkipReason = "not-template" | "parameters";

export interface SkippedFile {
  path: string;
  reason: SkipReason;
}

/** An input that could not be used: a missing path, a Bicep file, an unreadable folder. Exit code 2. */
export interface InputError {
  input: string;
  message: string;
}

export interface Discovery {
  /** Files to lint, sorted by path. */
  files: DiscoveredFile[];
  /** JSON files found in folders or by globs that are not templates, sorted by path. */
  skipped: SkippedFile[];
  /** Parameters files found in folders or by globs beside a template being linted (not skipped), sorted by path. */
  paired: PairedParameterFile[];
  errors: InputError[];
}

export type FileKind = "template" | "parameters" | "not-template" | "unreadable";

const SKIPPED_DIRS = new Set(["node_modules", ".git"]);
const JSON_EXTENSIONS = new Set([".json", ".jsonc"]);
/** armlint's own config is never a template; folders and globs do not count it as skipped. */
const CONFIG_FILE_NAME = "armlint.config.json";
const BICEP_EXTENSIONS = new Set([".bicep", ".bicepparam"]);
const SNIFF_BYTES = 4096;

/** Expands command-line inputs. Never throws for a bad input: it becomes an InputError. */
export function discoverFiles(inputs: readonly string[], options: { cwd?: string } = {}): Discovery {
  const cwd = options.cwd ?? process.cwd();
  const state = new DiscoveryState();
  for (const input of inputs) discoverInput(input, cwd, state);
  return state.finish();
}

class DiscoveryState {
  readonly files = new Map<string, DiscoveredFile>();
  readonly skipped = new Map<string, SkippedFile>();
  readonly errors: InputError[] = [];

  addExplicit(path: string): void {
    this.files.set(path, { path, explicit: true });
    this.skipped.delete(path);
  }

  /** A file found in a folder or by a glob: linted when its text declares a template schema. */
  addFound(path: string): void {
    if (this.files.has(path) || basename(path) === CONFIG_FILE_NAME) return;
    const kind = classifyFile(path);
    if (kind === "template" || kind === "unreadable") this.files.set(path, { path, explicit: false });
    else this.skipped.set(path, { path, reason: kind === "parameters" ? "parameters" : "not-template" });
  }

  error(input: string, message: string): void {
    this.errors.push({ input, message });
  }

  finish(): Discovery {
    const byPath = <T extends { path: string }>(a: T, b: T) => compareStrings(a.path, b.path);
    const paired: PairedParameterFile[] = [];
    this.pairNamedParameterFiles(paired);
    for (const file of this.files.values()) {
      if (file.parameters !== undefined) continue;
      const candidate = parametersFileFor(file.path);
      if (candidate === file.path || this.files.has(candidate)) continue;
      // A candidate found in a folder was classified already; most templates have none (and one that
      // cannot be opened is not one).
      const kind = this.skipped.get(candidate)?.reason ?? (exists(candidate) ? classifyFile(candidate) : "unreadable");
      if (kind !== "parameters") continue;
      file.parameters = candidate;
      if (this.skipped.delete(candidate)) paired.push({ path: candidate, template: file.path });
    }
    return { files: [...this.files.values()].sort(byPath), skipped: [...this.skipped.values()].sort(byPath), paired: paired.sort(byPath), errors: this.errors };
  }

  /**
   * A parameters file named on the command line (`armlint *.json`, or a pre-commit hook passing the changed
   * files) is checked with its template, not linted as a template: the template beside it is linted with it,
   * named or not (its values can change the template's findings). One with no template beside it stays, and
   * is reported as not a template.
   */
  private pairNamedParameterFiles(paired: PairedParameterFile[]): void {
    const templates = new Map<string, DiscoveredFile>();
    for (const file of this.files.values()) templates.set(parametersFileFor(file.path), file);
    for (const file of [...this.files.values()]) {
      if (!file.explicit || !file.path.endsWith(PARAMETERS_SUFFIX) || classifyFile(file.path) !== "parameters") continue;
      let template = templates.get(file.path);
      if (template === undefined) {
        const path = templateFileFor(file.path);
        if (path === undefined) continue;
        template = { path, explicit: false, namedVia: file.path };
        this.files.set(path, template);
      }
      if (template === file) continue;
      template.parameters = file.path;
      this.files.delete(file.path);
      paired.push({ path: file.path, template: template.path });
    }
  }
}

/** What `parametersFileFor` puts after a template's base name. */
const PARAMETERS_SUFFIX = ".parameters.json";

/** The template a parameters file belongs to (`main.parameters.json` → `main.json`, else `main.jsonc`), when one is there. */
function templateFileFor(parameters: string): string | undefined {
  const base = parameters.slice(0, -PARAMETERS_SUFFIX.length);
  for (const ext of [".json", ".jsonc"]) {
    const path = base + ext;
    if (classifyFile(path) === "template") return path;
  }
  return undefined;
}

function discoverInput(input: string, cwd: string, state: DiscoveryState): void {
  const path = resolve(cwd, input);
  const stats = statOrError(path);
  if (stats instanceof Error) {
    if (isMissing(stats) && hasMagic(input)) discoverGlob(input, cwd, state);
    else if (isMissing(stats)) state.error(input, `No files matching '${input}' were found.`);
    else if (isBicep(path)) state.error(input, bicepMessage(input));
    else state.addExplicit(path); // unreadable (symlink loop, permissions): the analyzer reports it
    return;
  }
  if (stats.isDirectory()) discoverFolder(input, path, state);
  else if (isBicep(path)) state.error(input, bicepMessage(input));
  else state.addExplicit(path);
}

function discoverFolder(input: string, dir: string, state: DiscoveryState): void {
  const found: string[] = [];
  walk(dir, realpathOrUndefined(dir), new Set(), found, (error) => {
    state.error(input, error);
  });
  const json = found.filter(isJson);
  if (json.length === 0) state.error(input, `No JSON files (.json, .jsonc) were found in '${input}'.`);
  for (const file of json) state.addFound(file);
}

function discoverGlob(pattern: string, cwd: string, state: DiscoveryState): void {
  const absolutePattern = slashed(resolve(cwd, pattern));
  const re = globToRegExp(absolutePattern);
  const found: string[] = [];
  const base = globBase(absolutePattern);
  walk(base, realpathOrUndefined(base), new Set(), found, () => undefined);
  const matches = found.filter((file) => re.test(slashed(file)));
  if (matches.length === 0) state.error(pattern, `No files matching '${pattern}' were found.`);
  for (const file of matches) {
    if (isBicep(file)) state.error(file, bicepMessage(file));
    else state.addFound(file);
  }
}

/**
 * `join(dir, name)` for a folder entry: `dir` is already normalized (it comes from `resolve` or from here) and an
 * entry name is one segment, so only the separator is added (join would normalize the whole path again).
 */
function child(dir: string, name: string): string {
  return dir.endsWith(sep) ? dir + name : dir + sep + name;
}

/** A path with `/` separators (on Windows; elsewhere `\\` is an ordinary file name character). */
function slashed(path: string): string {
  return sep === "\\" ? toPosix(path) : path;
}

/** The longest leading run of path segments without glob syntax (the folder to walk). */
function globBase(absolutePattern: string): string {
  const segments = absolutePattern.split("/");
  const firstMagic = segments.findIndex(hasMagic);
  const base = segments.slice(0, firstMagic === -1 ? segments.length : firstMagic).join("/");
  return base === "" ? "/" : base;
}

/**
 * Collects every file under `dir` (sorted), skipping node_modules and .git; safe against symlink loops.
 * `real` is the real path of `dir` (undefined: it cannot be resolved): a subfolder's is its name under it,
 * so only symbolic links need resolving.
 */
function walk(dir: string, real: string | undefined, visited: Set<string>, out: string[], onError: (message: string) => void): void {
  if (real === undefined || visited.has(real)) return;
  visited.add(real);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    onError(`Cannot read folder '${dir}': ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  entries.sort((a, b) => compareStrings(a.name, b.name));
  for (const entry of entries) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const path = child(dir, entry.name);
    if (entry.isDirectory()) walk(path, child(real, entry.name), visited, out, onError);
    else if (entry.isSymbolicLink() && isDirectory(path)) walk(path, realpathOrUndefined(path), visited, out, onError);
    else out.push(path);
  }
}

/**
 * What a JSON file found in a folder is, from its first 4 KB: a deployment template (its `$schema`
 * names a deploymentTemplate schema), a parameters file, something else, or unreadable.
 */
export function classifyFile(path: string): FileKind {
  const head = readHead(path);
  if (head === undefined) return "unreadable";
  // Case-insensitive throughout; without a `$schema`, the names anywhere in the head count.
  const declared = SCHEMA_PROPERTY.exec(head)?.[1] ?? head;
  if (TEMPLATE_SCHEMA_NAME.test(declared)) return "template";
  if (PARAMETERS_SCHEMA_NAME.test(declared)) return "parameters";
  return /\.parameters\.jsonc?$/i.test(basename(path)) ? "parameters" : "not-template";
}

const SCHEMA_PROPERTY = /"\$schema"\s*:\s*"([^"]*)"/i;
const TEMPLATE_SCHEMA_NAME = /deploymenttemplate\.json/i;
const PARAMETERS_SCHEMA_NAME = /deploymentparameters\.json/i;

/** Every head is read into this one buffer (decodeHead copies what it keeps). */
const headBuffer = Buffer.allocUnsafe(SNIFF_BYTES);

/**
 * The first bytes of a file as text for `classifyFile` (UTF-16 with a BOM decoded; NULs dropped so BOM-less UTF-16
 * is still seen). UTF-8 is read as latin1: only ASCII is looked for, and no byte of a multi-byte character reads as ASCII.
 */
function readHead(path: string): string | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, "r");
    const bytes = headBuffer.subarray(0, readSync(fd, headBuffer, 0, SNIFF_BYTES, 0));
    return decodeHead(bytes);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function decodeHead(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString("utf16le");
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return Buffer.from(bytes.subarray(2)).swap16().toString("utf16le");
  const text = bytes.toString("latin1");
  return text.includes("\0") ? text.replaceAll("\0", "") : text;
}

function bicepMessage(input: string): string {
  if (extname(input).toLowerCase() === ".bicepparam") {
    return (
      `'${input}' is a Bicep parameters file: armlint lints compiled ARM JSON templates. ` +
      "Compile the Bicep template it uses (e.g. 'bicep build main.bicep') and lint 'main.json'."
    );
  }
  const json = input.replace(/\.bicep$/i, ".json");
  return `'${input}' is a Bicep file: armlint lints the ARM JSON it compiles to. Run 'bicep build ${input}' (or 'az bicep build --file ${input}') and lint '${json}'.`;
}

/** Ends in `.json` or `.jsonc`, any case: what `extname` would say (a dotfile has none), from the last characters only. */
function isJson(path: string): boolean {
  const dot = path.lastIndexOf(".");
  if (dot <= 0 || path.length - dot > 6 || path.endsWith(`${sep}.json`) || path.endsWith(`${sep}.jsonc`)) return false;
  return JSON_EXTENSIONS.has(path.slice(dot).toLowerCase());
}

function isBicep(path: string): boolean {
  return BICEP_EXTENSIONS.has(extname(path).toLowerCase());
}

function statOrError(path: string): Stats | Error {
  try {
    return statSync(path);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** `existsSync` without an exception per missing file (most templates have no parameters file beside them). */
function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

function isMissing(error: Error): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === "ENOENT" || code === "ENOTDIR";
}

function isDirectory(path: string): boolean {
  const stats = statOrError(path);
  return !(stats instanceof Error) && stats.isDirectory();
}

function realpathOrUndefined(path: string): string | undefined {
  try {
    return realpathSync(path);
  } catch {
    return undefined;
  }
}
