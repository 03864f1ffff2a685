// `armlint rules`: every registered rule (built-in and plugin) with its default severity, description and docs.
import { ConfigError, ConfigResolver, type ResolvedConfig } from "../runner/config.js";
import { configSource, type CommonOptions } from "./args.js";
import type { CliIO } from "./io.js";

export interface RuleListing {
  id: string;
  description: string;
  type: string;
  defaultSeverity: string;
  /** The severity the config in effect gives it. */
  severity: string;
  docsUrl: string;
  fixable: boolean;
  hasSuggestions: boolean;
  /** The plugin namespace, for plugin rules. */
  plugin: string | undefined;
}

export async function runRulesCommand(options: CommonOptions, io: CliIO): Promise<number> {
  let config: ResolvedConfig;
  try {
    config = await new ConfigResolver({ source: configSource(options), cwd: io.cwd }).forDirectory(io.cwd);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return 2;
  }
  const listing = listRules(config);
  io.writeOut(options.format === "json" ? `${JSON.stringify(listing, null, 2)}\n` : rulesTable(listing));
  return 0;
}

export function listRules(config: ResolvedConfig): RuleListing[] {
  return config.registry.entries().map(({ rule, plugin }) => ({
    id: rule.meta.id,
    description: rule.meta.description,
    type: rule.meta.type,
    defaultSeverity: rule.meta.defaultSeverity,
    severity: config.rules.get(rule.meta.id)?.severity ?? rule.meta.defaultSeverity,
    docsUrl: rule.meta.docsUrl,
    fixable: rule.meta.fixable === "code",
    hasSuggestions: rule.meta.hasSuggestions === true,
    plugin,
  }));
}

/** Aligned text columns: id, default severity, description, docs URL (plus the configured severity when it differs). */
export function rulesTable(listing: readonly RuleListing[]): string {
  if (listing.length === 0) return "No rules are registered.\n";
  const rows = [["Rule", "Default", "Description", "Docs"]];
  for (const r of listing) {
    const configured = r.severity === r.defaultSeverity ? "" : ` (configured: ${r.severity})`;
    rows.push([r.id, r.defaultSeverity, r.description + configured, r.docsUrl]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const lines = rows.map((row) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
  return `${lines.join("\n")}\n\n${listing.length} ${listing.length === 1 ? "rule" : "rules"}\n`;
}
