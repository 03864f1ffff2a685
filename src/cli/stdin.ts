// `armlint --stdin [--stdin-filename PATH]`: lint the text on standard input as if it were PATH (editors' unsaved buffers).
import { resolve } from "node:path";
import { fileError, type Diagnostic } from "../diagnostics.js";
import { decodeBytes } from "../load/decode.js";
import { parametersFileFor } from "../params/file.js";
import type { ConfigResolver } from "../runner/config.js";
import { lintText, type LintFilesResult } from "../runner/lint.js";
import { PARSE_ERROR, type LintOptions as RunLintOptions, type LintResult } from "../runner/run.js";
import { loadTypeSet } from "../types/set.js";
import type { LintOptions } from "./args.js";
import { classifyFile, type Discovery } from "./discover.js";
import type { CliIO } from "./io.js";

/** The name stdin text goes by without `--stdin-filename`. */
export const STDIN_NAME = "<stdin>";

/** The one "file" of a `--stdin` run: the `--stdin-filename` path (absolute), or `<cwd>/<stdin>`. */
export function stdinDiscovery(options: LintOptions, io: CliIO): Discovery {
  return { files: [{ path: stdinPath(options, io), explicit: true }], skipped: [], paired: [], errors: [] };
}

function stdinPath(options: LintOptions, io: CliIO): string {
  return resolve(io.cwd, options.stdinFilename ?? STDIN_NAME);
}

/**
 * Lints standard input with the config of the `--stdin-filename` path (of the working directory
 * without one), its type data and its parameters file (`--parameters`, else the one beside that
 * path). A path that the config's `ignorePatterns` leave out is counted as ignored, not linted.
 */
export async function lintStdin(
  options: LintOptions,
  io: CliIO,
  resolver: ConfigResolver,
  runOptions: RunLintOptions,
): Promise<LintFilesResult & { unusedParameterFiles: number }> {
  const named = options.stdinFilename !== undefined;
  const file = stdinPath(options, io);
  const config = await resolver.forFile(file);
  if (named && config.isIgnored(file)) return { results: [], ignored: [file], unusedParameterFiles: 0 };
  const typesDir = options.types === undefined ? config.types : resolve(io.cwd, options.types);
  const sibling = named && config.discoverParameterFiles !== false ? siblingParameters(file) : undefined;
  const parameters = options.parameters === undefined ? sibling : resolve(io.cwd, options.parameters);
  const types = await loadTypeSet({ directory: typesDir });
  const decoded = decodeBytes(await (io.readStdin ?? readProcessStdin)());
  const result = decoded.ok
    ? lintText(decoded.text, file, config, { ...runOptions, cwd: io.cwd, analyze: { types, parameters, followLinks: named } })
    : unreadable(file, decoded.message);
  return { results: [named ? result : renamed(result, file, STDIN_NAME)], ignored: [], unusedParameterFiles: 0 };
}

function siblingParameters(file: string): string | undefined {
  const candidate = parametersFileFor(file);
  return candidate !== file && classifyFile(candidate) === "parameters" ? candidate : undefined;
}

async function readProcessStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks);
}

/** Bytes that are not text (binary, UTF-16 without a BOM): a parse error, as for a file. */
function unreadable(file: string, message: string): LintResult {
  return { file, diagnostics: [fileError(PARSE_ERROR, file, message)], source: undefined };
}

/** Shows the unnamed text as `<stdin>` rather than a made-up path in the working directory. */
function renamed(result: LintResult, from: string, to: string): LintResult {
  const rename = (d: Diagnostic): Diagnostic => (d.file === from ? { ...d, file: to } : d);
  const out: LintResult = { ...result, file: to, diagnostics: result.diagnostics.map(rename) };
  const suppressed: unknown = (result as unknown as Record<string, unknown>).suppressed;
  if (Array.isArray(suppressed)) Object.assign(out, { suppressed: (suppressed as Diagnostic[]).map(rename) });
  return out;
}
