// Cache keys: what a file's result depends on besides the file itself (armlint's build, config, plugins, type data, options).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseJsonc } from "jsonc-parser";
import type { ResolvedConfig } from "../runner/config.js";
import { resolvePlugin } from "../runner/plugins.js";
import { hashFile, hashOf, hashTree } from "./hash.js";

/** Bumped when the cache file's layout changes. */
export const CACHE_FORMAT = 1;

let stamp: string | undefined;

/**
 * armlint's identity: its version and a hash of its own code files (paths, sizes, times), so a rebuilt or
 * upgraded armlint never reuses results computed by another one.
 */
export function armlintStamp(): string {
  if (stamp !== undefined) return stamp;
  // This module is src/cache/keys.(ts|js) under the code root (the project, or dist/).
  const codeRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
  const code = (name: string) => /\.(?:[cm]?js|ts|json)$/.test(name) && !name.endsWith(".map") && !name.endsWith(".d.ts");
  return (stamp = hashOf([`format ${CACHE_FORMAT}`, `armlint ${packageVersion(codeRoot)}`, `node ${process.versions.node}`, hashTree(join(codeRoot, "src"), code), hashTree(join(codeRoot, "rules"), code)].join("\n")));
}

function packageVersion(codeRoot: string): string {
  for (let dir = codeRoot; ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      try {
        const parsed = JSON.parse(readFileSync(manifest, "utf8")) as { name?: unknown; version?: unknown };
        if (parsed.name === "armlint") return String(parsed.version);
      } catch {
        // not armlint's manifest: keep looking
      }
    }
    if (dirname(dir) === dir) return "unknown";
  }
}

/**
 * A config's key: the config file's bytes, each plugin's entry module and package.json, and the effective
 * setting of every rule (so `--rule` overrides count too).
 */
export function configKey(config: ResolvedConfig): string {
  const parts: string[] = [`config ${config.file ?? "(defaults)"} ${config.file === undefined ? "" : hashFile(config.file)}`];
  if (config.file !== undefined) for (const plugin of pluginFiles(config.file)) parts.push(`plugin ${plugin} ${hashFile(plugin)}`);
  const rules = [...config.rules.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  parts.push(`rules ${JSON.stringify(rules)}`);
  parts.push(`types ${config.types ?? ""} parameters ${String(config.discoverParameterFiles ?? true)}`);
  return hashOf(parts.join("\n"));
}

/** The files a config's plugins are loaded from: each entry module and the package.json beside or above it. */
function pluginFiles(configFile: string): string[] {
  let specifiers: unknown;
  try {
    specifiers = (parseLoose(readFileSync(configFile, "utf8")) as { plugins?: unknown } | undefined)?.plugins;
  } catch {
    return [];
  }
  if (!Array.isArray(specifiers)) return [];
  const files: string[] = [];
  for (const specifier of specifiers) {
    if (typeof specifier !== "string") continue;
    try {
      const entry = resolvePlugin(specifier, dirname(configFile));
      files.push(entry);
      const manifest = nearestManifest(dirname(entry));
      if (manifest !== undefined) files.push(manifest);
    } catch {
      files.push(`unresolved:${specifier}`);
    }
  }
  return files;
}

function nearestManifest(dir: string): string | undefined {
  for (let current = dir; ; current = dirname(current)) {
    const manifest = join(current, "package.json");
    if (existsSync(manifest)) return manifest;
    if (dirname(current) === current) return undefined;
  }
}

/** JSON with comments and trailing commas (the config loader has validated it already). */
function parseLoose(text: string): unknown {
  return parseJsonc(text.replace(/^\uFEFF/, ""), [], { allowTrailingComma: true });
}

const typeKeys = new Map<string, string>();

/** A type data folder's key: its files' paths, sizes and times (hashing its content would defeat the cache). */
export function typesKey(dir: string | undefined): string {
  if (dir === undefined) return "embedded";
  let key = typeKeys.get(dir);
  if (key === undefined) typeKeys.set(dir, (key = hashTree(dir, (name) => name.endsWith(".json"))));
  return key;
}
