// Compact formatter: byte-for-byte ESLint's `compact` output (`path: line L, col C, Error - message (rule)`).
import type { Diagnostic } from "../diagnostics.js";
import type { FileReport } from "./types.js";

export function formatCompact(reports: readonly FileReport[]): string {
  let output = "";
  let total = 0;
  for (const report of reports) {
    total += report.messages.length;
    for (const message of report.messages) {
      output += `${report.filePath}: line ${message.line || 0}, col ${message.column || 0}, ${messageType(message)} - ${message.message}`;
      output += message.ruleId ? ` (${message.ruleId})` : "";
      output += "\n";
    }
  }
  if (total > 0) output += `\n${total} problem${total !== 1 ? "s" : ""}`;
  return output;
}

/** ESLint has two levels: info findings are shown as warnings. */
export function messageType(message: Diagnostic): "Error" | "Warning" {
  return message.severity === "error" ? "Error" : "Warning";
}
