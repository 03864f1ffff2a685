// What a formatter is given beyond the findings: imports a lazily loaded format, gathers rule metadata for SARIF.
import { resolve } from "node:path";
import { loadFormatter, type FormatOptions } from "../report/index.js";
import type { FormatName } from "../report/names.js";
import type { ConfigResolver } from "../runner/config.js";
import type { LintResult } from "../runner/run.js";
import type { RuleMeta } from "../runner/types.js";
import type { CliIO } from "./io.js";

export type ReportContext = Pick<FormatOptions, "cwd" | "rules" | "warn">;

/**
 * Loads the chosen format's module (the CI formats are imported only when chosen) and returns its
 * context: the working directory, a warning sink on stderr, and, for SARIF, every rule in effect
 * (those of the working directory's config and of each linted file's config, plugins included).
 */
export async function reportContext(format: FormatName, resolver: ConfigResolver, results: readonly LintResult[], io: CliIO): Promise<ReportContext> {
  const formatter = await loadFormatter(format);
  const context: ReportContext = { cwd: io.cwd, warn: (message) => {
      io.writeErr(`${message}\n`);
    },
  };
  if (formatter.needsRules) context.rules = await rulesInEffect(resolver, results, io.cwd);
  return context;
}

async function rulesInEffect(resolver: ConfigResolver, results: readonly LintResult[], cwd: string): Promise<RuleMeta[]> {
  const configs = await Promise.all([resolver.forDirectory(cwd), ...results.map((result) => resolver.forFile(resolve(cwd, result.file)))]);
  const byId = new Map<string, RuleMeta>();
  for (const config of configs) for (const rule of config.registry.rules()) if (!byId.has(rule.meta.id)) byId.set(rule.meta.id, rule.meta);
  return [...byId.values()];
}
