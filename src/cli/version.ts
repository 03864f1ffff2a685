// Version lookup: armlint's version from its package.json (found upward from this module, in src/ or dist/).
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export function readVersion(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const version = versionIn(join(dir, "package.json"));
    if (version !== undefined) return version;
    if (dirname(dir) === dir) return "unknown";
  }
}

function versionIn(file: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, "utf8")) as { name?: unknown; version?: unknown };
    return manifest.name === "armlint" && typeof manifest.version === "string" ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
