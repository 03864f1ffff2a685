// sha256 of text or bytes, hex; node:crypto is loaded on the first hash, not when a module that may hash is imported.
import type * as Crypto from "node:crypto";
import { createRequire } from "node:module";

let crypto: typeof Crypto | undefined;

/**
 * node:crypto, loaded on first use: most lint runs (most pre-commit runs) hash nothing (no findings to
 * fingerprint, no cache, no type index to build), and loading it was 7 % of a run on one small template.
 * Loaded by `require` because hashing is synchronous; an ES import of it also reads every export, Web Crypto's
 * included, which sets that up too.
 */
export function nodeCrypto(): typeof Crypto {
  return (crypto ??= createRequire(import.meta.url)("node:crypto") as typeof Crypto);
}

/** The hex sha256 of a text's UTF-8 bytes, or of bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  return (oneShot ??= pickOneShot())(data);
}

let oneShot: ((data: string | Uint8Array) => string) | undefined;

/** One-shot hashing where Node has it (`hash`, from Node 20.12 on): a Hash object per finding cost more than the hashing. */
function pickOneShot(): (data: string | Uint8Array) => string {
  const c = nodeCrypto();
  return typeof c.hash === "function" ? (data) => c.hash("sha256", data, "hex") : (data) => c.createHash("sha256").update(data).digest("hex");
}
