// `--base GIT_REF`: the template files a change touches (deleted ones included) and their text at that revision, via git.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { extname, resolve, sep } from "node:path";
import { decodeBytes } from "../load/decode.js";
import { globToRegExp, hasMagic, toPosix } from "../runner/glob.js";
import { compareStrings } from "../runner/registry.js";

/** git is missing, this is not a repository, or the revision is unknown: the CLI prints the message and exits 2. */
export class GitError extends Error {
  override name = "GitError";
}

/** One file the change touches, with its version at the base revision. */
export interface BaseFile {
  /** `REF:path` (path from the repository root): what findings on the old version carry as their file. */
  beforeLabel: string;
  /** The file's text at the base revision. */
  beforeText: string;
  /** Absolute path in the working tree; undefined when the change deletes the file. */
  afterPath: string | undefined;
  /** Absolute working-tree path the file has (or had): for config lookup and fingerprints. */
  path: string;
}

export interface BaseFiles {
  files: BaseFile[];
  /** Inputs that matched nothing, unreadable old versions. */
  problems: string[];
}

const JSON_EXTENSIONS = new Set([".json", ".jsonc"]);
const MAX_BUFFER = 256 * 1024 * 1024;

/**
 * The `.json`/`.jsonc` files under `inputs` (files, folders, globs; relative to `cwd`) that differ between
 * `ref` and the working tree (`git diff --name-status -M`), with their text at `ref`. Renamed files pair
 * the old path with the new one; deleted files have no `afterPath`; added files are left out (nothing
 * of theirs is removed). Throws GitError when there is no repository or the revision is unknown.
 */
export function baseFiles(ref: string, inputs: readonly string[], cwd: string): BaseFiles {
  if (ref === "" || ref.startsWith("-")) throw new GitError(`Invalid git revision '${ref}'.`);
  const location = repository(cwd);
  const commit = resolveCommit(ref, cwd);
  const entries = changedFiles(commit, cwd);
  const selectors = inputs.map((input) => selector(input, cwd));
  const problems: string[] = [];
  const files: BaseFile[] = [];
  const matched = new Set<number>();
  for (const entry of entries) {
    if (entry.status === "A" || entry.status === "C" || entry.status === "U" || entry.status === "X") continue;
    const before = resolve(location.root, entry.oldPath);
    const after = entry.newPath === undefined ? undefined : resolve(location.root, entry.newPath);
    const candidates = after === undefined ? [before] : [after, before];
    const hits = selectors.map((s, i) => (candidates.some((c) => s.test(c)) ? i : -1)).filter((i) => i >= 0);
    if (hits.length === 0 || !candidates.some(isJsonPath)) continue;
    for (const i of hits) matched.add(i);
    const text = showFile(commit, entry.oldPath, cwd);
    if (text === undefined) {
      problems.push(`Cannot read '${ref}:${entry.oldPath}' as text (not UTF-8 or UTF-16); not compared.`);
      continue;
    }
    files.push({ beforeLabel: `${ref}:${entry.oldPath}`, beforeText: text, afterPath: entry.status === "D" ? undefined : after, path: after ?? before });
  }
  selectors.forEach((s, i) => {
    if (!matched.has(i) && !s.magic && !existsSync(s.absolute)) problems.push(`No files matching '${s.input}' were found (in the working tree or among the files the change deletes).`);
  });
  files.sort((a, b) => compareStrings(a.path, b.path));
  return { files, problems };
}

interface Location {
  /** The repository root as seen from `cwd` (symlinks kept, so paths match the rest of the CLI). */
  root: string;
}

function repository(cwd: string): Location {
  let out: string;
  try {
    out = git(["rev-parse", "--show-prefix"], cwd).toString("utf8");
  } catch (error) {
    if (error instanceof GitError && /not a git repository/i.test(error.message)) {
      throw new GitError(`'--base' needs a git repository, and ${cwd} is not in one.`);
    }
    throw error;
  }
  const prefix = out.replace(/\r?\n$/, "");
  if (/^true$/m.test(git(["rev-parse", "--is-bare-repository"], cwd).toString("utf8"))) {
    throw new GitError(`'--base' needs a working tree; ${cwd} is in a bare repository.`);
  }
  const depth = prefix.split("/").filter((part) => part !== "").length;
  return { root: resolve(cwd, ...Array.from({ length: depth }, () => "..")) };
}

function resolveCommit(ref: string, cwd: string): string {
  try {
    return git(["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`], cwd).toString("utf8").trim();
  } catch {
    throw new GitError(`Unknown git revision '${ref}': no branch, tag or commit of that name in this repository.`);
  }
}

interface Entry {
  /** First letter of git's status: M, D, R, T, A, C, U, X. */
  status: string;
  /** Path at the base revision (repository-relative, `/`-separated). */
  oldPath: string;
  /** Path in the working tree; undefined for a deletion. */
  newPath: string | undefined;
}

function changedFiles(commit: string, cwd: string): Entry[] {
  // `--relative` is not used: paths stay repository-relative, whatever the folder armlint runs in.
  const out = git(["-c", "core.quotepath=off", "diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv", commit, "--"], cwd).toString("utf8");
  const fields = out.split("\0");
  const entries: Entry[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++] ?? "";
    if (status === "") continue;
    const letter = status.charAt(0);
    const first = fields[i++] ?? "";
    if (letter === "R" || letter === "C") {
      const second = fields[i++] ?? "";
      entries.push({ status: letter, oldPath: first, newPath: second });
    } else entries.push({ status: letter, oldPath: first, newPath: letter === "D" ? undefined : first });
  }
  return entries;
}

function showFile(commit: string, path: string, cwd: string): string | undefined {
  const bytes = git(["show", "--no-textconv", `${commit}:${path}`], cwd);
  const decoded = decodeBytes(bytes);
  return decoded.ok ? decoded.text : undefined;
}

interface Selector {
  input: string;
  absolute: string;
  magic: boolean;
  test(path: string): boolean;
}

function selector(input: string, cwd: string): Selector {
  const absolute = resolve(cwd, input);
  if (hasMagic(input)) {
    const re = globToRegExp(toPosix(absolute));
    return { input, absolute, magic: true, test: (path) => re.test(toPosix(path)) };
  }
  const folder = absolute.endsWith(sep) ? absolute : `${absolute}${sep}`;
  return { input, absolute, magic: false, test: (path) => path === absolute || path.startsWith(folder) };
}

function isJsonPath(path: string): boolean {
  return JSON_EXTENSIONS.has(extname(path).toLowerCase());
}

function git(args: readonly string[], cwd: string): Buffer {
  try {
    return execFileSync("git", args, { cwd, maxBuffer: MAX_BUFFER, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, GIT_OPTIONAL_LOCKS: "0" } });
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { stderr?: Buffer | string };
    if (e.code === "ENOENT") throw new GitError("'--base' needs git, and git was not found on the PATH.");
    const stderr = e.stderr === undefined ? "" : e.stderr.toString().trim();
    throw new GitError(stderr === "" ? `git ${args[0] ?? ""} failed.` : `git ${args[0] ?? ""} failed: ${stderr}`);
  }
}
