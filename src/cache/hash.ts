// Content hashes for the cache: files (bytes), text, and folders (paths, sizes and times of their files).
import { readdirSync, readFileSync, statSync, type Dirent } from "node:fs";
import { join, relative } from "node:path";
import { nodeCrypto, sha256Hex } from "../text/sha256.js";

/** sha256 of bytes or text, hex. */
export function hashOf(data: string | Uint8Array): string {
  return sha256Hex(data);
}

/** The marker a missing or unreadable dependency is recorded with (so creating it invalidates the entry). */
export const MISSING = "-";

/**
 * sha256 of a file's bytes, or MISSING when it cannot be read. Read into a buffer of its own, not the shared
 * one (readShared): the cache hashes dependencies while the looked-up file's bytes are in that one.
 */
export function hashFile(file: string): string {
  try {
    return hashOf(readFileSync(file));
  } catch {
    return MISSING;
  }
}

const SKIPPED_DIRS = new Set(["node_modules", ".git"]);

/**
 * A hash of every file under `dir` by relative path, size and modification time (not content: type data
 * folders hold hundreds of megabytes). `filter` picks the files; symlinked folders are not followed.
 */
export function hashTree(dir: string, filter: (name: string) => boolean = () => true): string {
  const hash = nodeCrypto().createHash("sha256");
  const stack = [dir];
  const lines: string[] = [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      lines.push(`${relative(dir, current)}\0unreadable`);
      continue;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) stack.push(path);
      } else if (filter(entry.name)) {
        const stats = statSync(path, { throwIfNoEntry: false });
        lines.push(`${relative(dir, path)}\0${stats?.size ?? -1}\0${stats?.mtimeMs ?? -1}`);
      }
    }
  }
  lines.sort();
  for (const line of lines) hash.update(`${line}\n`);
  return hash.digest("hex");
}
