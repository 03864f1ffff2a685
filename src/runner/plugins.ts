// Plugin loading: resolve a config's `plugins` entry (npm package or relative module) and import it.
import { existsSync, readFileSync, statSync, type Stats } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { isRecord, readPlugin, type PluginDefinition } from "./registry.js";

/** A plugin that cannot be found or loaded; the message says which and why. */
export class PluginLoadError extends Error {
  override name = "PluginLoadError";
}

/** Resolves and imports one plugin, relative to the folder of the config that names it. */
export async function loadPlugin(specifier: string, baseDir: string): Promise<PluginDefinition> {
  const file = resolvePlugin(specifier, baseDir);
  let moduleValue: unknown;
  try {
    moduleValue = await import(pathToFileURL(file).href);
  } catch (error) {
    throw new PluginLoadError(`failed to load ${file}: ${errorMessage(error)}`);
  }
  return readPlugin(moduleValue, specifier);
}

/** The module file of a plugin specifier: a path (`./x.js`, `/abs/x`) or a package in `node_modules`. */
export function resolvePlugin(specifier: string, baseDir: string): string {
  if (isPathSpecifier(specifier)) {
    const target = resolve(baseDir, specifier);
    const file = resolveTarget(target);
    if (file === undefined) throw new PluginLoadError(`cannot find module ${target}`);
    return file;
  }
  for (let dir = baseDir; ; dir = dirname(dir)) {
    const file = resolveTarget(join(dir, "node_modules", specifier));
    if (file !== undefined) return file;
    if (dirname(dir) === dir) break;
  }
  throw new PluginLoadError(`cannot find package "${specifier}" in node_modules folders from ${baseDir} upward (is it installed?)`);
}

function isPathSpecifier(specifier: string): boolean {
  return specifier.startsWith(".") || isAbsolute(specifier) || specifier.startsWith("file:");
}

function resolveTarget(target: string): string | undefined {
  const path = target.startsWith("file:") ? new URL(target).pathname : target;
  if (isFile(path)) return path;
  if (isDirectory(path)) return resolvePackageDir(path);
  for (const ext of [".js", ".mjs"]) if (isFile(path + ext)) return path + ext;
  return undefined;
}

/** Entry point of a package folder: `exports` (import/node/default conditions), then `main`, then index.js. */
function resolvePackageDir(dir: string): string | undefined {
  const manifestPath = join(dir, "package.json");
  const manifest: unknown = existsSync(manifestPath) ? JSON.parse(readFileSync(manifestPath, "utf8")) : undefined;
  const entry = isRecord(manifest) ? packageEntry(manifest) : undefined;
  const candidates = entry === undefined ? ["index.js", "index.mjs"] : [entry];
  for (const candidate of candidates) {
    const file = join(dir, candidate);
    if (isFile(file)) return file;
  }
  return undefined;
}

function packageEntry(manifest: Record<string, unknown>): string | undefined {
  const exported = exportTarget(manifest.exports);
  if (exported !== undefined) return exported;
  return typeof manifest.main === "string" ? manifest.main : undefined;
}

function exportTarget(exports: unknown): string | undefined {
  if (typeof exports === "string") return exports;
  if (Array.isArray(exports)) return exportTarget(exports[0]);
  if (!isRecord(exports)) return undefined;
  if ("." in exports) return exportTarget(exports["."]);
  for (const condition of ["import", "node", "default", "require"]) {
    const target = exportTarget(exports[condition]);
    if (target !== undefined) return target;
  }
  return undefined;
}

function isFile(path: string): boolean {
  return statOf(path)?.isFile() ?? false;
}

function isDirectory(path: string): boolean {
  return statOf(path)?.isDirectory() ?? false;
}

function statOf(path: string): Stats | undefined {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
