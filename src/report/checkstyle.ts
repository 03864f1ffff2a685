// Checkstyle formatter: checkstyle XML (`<file>` per linted file, `<error>` per finding), as ESLint's formatter wrote it.
import type { Severity } from "../diagnostics.js";
import { activeMessages, xmlEscape } from "./support.js";
import type { FileReport } from "./types.js";

/** Checkstyle's severities are error, warning, info (and ignore). */
const SEVERITIES: Readonly<Record<Severity, string>> = { error: "error", warning: "warning", info: "info" };

export function formatCheckstyle(reports: readonly FileReport[]): string {
  const lines = ['<?xml version="1.0" encoding="utf-8"?>', '<checkstyle version="4.3">'];
  for (const report of reports) {
    const messages = activeMessages(report);
    if (messages.length === 0) {
      lines.push(`  <file name="${xmlEscape(report.filePath)}" />`);
      continue;
    }
    lines.push(`  <file name="${xmlEscape(report.filePath)}">`);
    for (const m of messages) {
      lines.push(
        `    <error line="${m.line || 0}" column="${m.column || 0}" severity="${SEVERITIES[m.severity]}" ` +
          `message="${xmlEscape(`${m.message} (${m.ruleId})`)}" source="${xmlEscape(m.ruleId)}" />`,
      );
    }
    lines.push("  </file>");
  }
  lines.push("</checkstyle>");
  return lines.join("\n");
}
