// Type data from a folder laid out like bicep-types-az's `generated/`: its `index.json`, or an index built once from every `types.json` and cached.
import { mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, statSync, writeFileSync, type Dirent, type Stats } from "node:fs";
import { homedir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import type { TypeFile, TypeIndex } from "@azure/bicep-types";
import { nodeCrypto, sha256Hex } from "../text/sha256.js";
import { bicepTypesModule, type BicepTypesModule } from "./module.js";
import { IndexedTypeSource } from "./source.js";

/** Type data that cannot be used (missing folder, no type files, unreadable index). The CLI exits 2. */
export class TypeDataError extends Error {
  override name = "TypeDataError";
}

export interface TypeDirectoryOptions {
  /**
   * Where to keep the index built for a folder without `index.json`: a folder, `false` for memory only, or
   * undefined for the default (`$ARMLINT_CACHE_DIR`, else the user cache folder + `/armlint`).
   */
  cacheDir?: string | false;
}

const INDEX_FILE = "index.json";
const TYPES_FILE = "types.json";
const SKIPPED_DIRS = new Set(["node_modules", ".git"]);
/** Bumped when the cached index format changes. */
const CACHE_FORMAT = 1;

const loaded = new Map<string, Promise<IndexedTypeSource>>();

/**
 * Loads the type data in `dir` (once per process and folder). A folder with the published `index.json` is
 * taken as complete for its namespaces; otherwise the index is built from its `types.json` files (cached on
 * disk, rebuilt when a file changes) and the data is treated as a possibly partial copy.
 */
export function loadTypeDirectory(dir: string, options: TypeDirectoryOptions = {}): Promise<IndexedTypeSource> {
  const real = realDirectory(dir);
  let source = loaded.get(real);
  if (source === undefined) {
    source = bicepTypesModule().then((mod) => openDirectory(real, mod, options));
    loaded.set(real, source);
    source.catch(() => loaded.delete(real));
  }
  return source;
}

/** The default on-disk cache folder for built indexes. */
export function defaultCacheDir(env: NodeJS.ProcessEnv = process.env): string {
  const own = env.ARMLINT_CACHE_DIR;
  if (own !== undefined && own !== "") return own;
  if (process.platform === "win32" && env.LOCALAPPDATA !== undefined) return join(env.LOCALAPPDATA, "armlint", "cache");
  const xdg = env.XDG_CACHE_HOME;
  return join(xdg !== undefined && xdg !== "" ? xdg : join(homedir(), ".cache"), "armlint");
}

function realDirectory(dir: string): string {
  let real: string;
  try {
    real = realpathSync(resolve(dir));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
    throw new TypeDataError(missing ? `Type data folder '${dir}' does not exist.` : `Cannot read type data folder '${dir}': ${message(error)}`);
  }
  if (!statSync(real).isDirectory()) throw new TypeDataError(`Type data '${dir}' is not a folder (expected a folder laid out like bicep-types-az's 'generated/').`);
  return real;
}

function openDirectory(dir: string, mod: BicepTypesModule, options: TypeDirectoryOptions): IndexedTypeSource {
  const read = (relativePath: string) => mod.readTypesJson(readFileSync(join(dir, ...relativePath.split("/")), "utf8"));
  const published = join(dir, INDEX_FILE);
  if (isFile(published)) {
    let index: TypeIndex;
    try {
      index = mod.readIndexJson(readFileSync(published, "utf8"));
    } catch (error) {
      throw new TypeDataError(`Cannot read the type index ${published}: ${message(error)}`);
    }
    if (typeof index !== "object" || typeof index.resources !== "object") throw new TypeDataError(`${published} is not a Bicep type index (no "resources").`);
    return new IndexedTypeSource(index, read, { kind: "directory", description: "the type data", closed: true, complete: "all", versionMatch: "exact" });
  }
  const files = findTypeFiles(dir);
  if (files.length === 0) throw new TypeDataError(`No Bicep type data in '${dir}': expected 'index.json' or '<service>/<namespace>/<version>/types.json' files.`);
  const index = cachedIndex(dir, files, mod, options);
  if (Object.keys(index.resources).length === 0) throw new TypeDataError(`No resource types in the type data in '${dir}'.`);
  return new IndexedTypeSource(index, read, { kind: "directory", description: "the type data", closed: true, complete: new Set(), versionMatch: "exact" });
}

interface FoundFile {
  /** `/`-separated path relative to the data folder. */
  relativePath: string;
  size: number;
  mtimeMs: number;
}

/** Every `types.json` under `dir` (sorted), skipping node_modules and .git; safe against symlink loops. */
function findTypeFiles(dir: string): FoundFile[] {
  const out: FoundFile[] = [];
  const visited = new Set<string>();
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let real: string;
    try {
      real = realpathSync(current);
    } catch {
      continue;
    }
    if (visited.has(real)) continue;
    visited.add(real);
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const path = join(current, entry.name);
      const stats = entry.isSymbolicLink() ? statOrUndefined(path) : undefined;
      if (entry.isDirectory() || stats?.isDirectory() === true) stack.push(path);
      else if (entry.name.toLowerCase() === TYPES_FILE) {
        const s = stats ?? statOrUndefined(path);
        if (s?.isFile() === true) out.push({ relativePath: relative(dir, path).split(sep).join("/"), size: s.size, mtimeMs: s.mtimeMs });
      }
    }
  }
  return out.sort((a, b) => (a.relativePath < b.relativePath ? -1 : a.relativePath > b.relativePath ? 1 : 0));
}

/** The index of `files`, from the disk cache when it was built from the same files, else built and cached. */
function cachedIndex(dir: string, files: readonly FoundFile[], mod: BicepTypesModule, options: TypeDirectoryOptions): TypeIndex {
  const fingerprint = nodeCrypto()
    .createHash("sha256")
    .update(`${CACHE_FORMAT}\n${dir}\n`)
    .update(files.map((f) => `${f.relativePath}\t${f.size}\t${f.mtimeMs}`).join("\n"))
    .digest("hex");
  const cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
  const cacheFile = cacheDir === false ? undefined : join(cacheDir, `types-index-${sha256Hex(dir).slice(0, 24)}.json`);
  if (cacheFile !== undefined) {
    const hit = readCache(cacheFile, fingerprint, mod);
    if (hit !== undefined) return hit;
  }
  const typeFiles: TypeFile[] = [];
  for (const f of files) {
    try {
      typeFiles.push({ relativePath: f.relativePath, types: mod.readTypesJson(readFileSync(join(dir, ...f.relativePath.split("/")), "utf8")) });
    } catch {
      // An unreadable or malformed file contributes nothing; the rest of the data is still usable.
    }
  }
  const index = mod.buildIndex(typeFiles, () => undefined);
  if (cacheFile !== undefined) writeCache(cacheFile, fingerprint, mod.writeIndexJson(index));
  return index;
}

interface CacheEntry {
  format: number;
  fingerprint: string;
  index: string;
}

function readCache(file: string, fingerprint: string, mod: BicepTypesModule): TypeIndex | undefined {
  try {
    const entry = JSON.parse(readFileSync(file, "utf8")) as Partial<CacheEntry>;
    if (entry.format !== CACHE_FORMAT || entry.fingerprint !== fingerprint || typeof entry.index !== "string") return undefined;
    return mod.readIndexJson(entry.index);
  } catch {
    return undefined;
  }
}

/** Best effort: a cache that cannot be written only costs the next run the indexing again. */
function writeCache(file: string, fingerprint: string, index: string): void {
  const entry: CacheEntry = { format: CACHE_FORMAT, fingerprint, index };
  const temp = `${file}.${process.pid}.tmp`;
  try {
    mkdirSync(join(file, ".."), { recursive: true });
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, file);
  } catch {
    // ignored
  }
}

function isFile(path: string): boolean {
  return statOrUndefined(path)?.isFile() === true;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Forgets the folders loaded in this process (tests). */
export function forgetTypeDirectories(): void {
  loaded.clear();
}
