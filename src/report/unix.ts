// Unix formatter: byte-for-byte ESLint's `unix` output (`path:line:col: message [Error/rule]`).
import { messageType } from "./compact.js";
import type { FileReport } from "./types.js";

export function formatUnix(reports: readonly FileReport[]): string {
  let output = "";
  let total = 0;
  for (const report of reports) {
    total += report.messages.length;
    for (const message of report.messages) {
      output += `${report.filePath}:${message.line || 0}:${message.column || 0}: ${message.message} `;
      output += `[${messageType(message)}${message.ruleId ? `/${message.ruleId}` : ""}]\n`;
    }
  }
  if (total > 0) output += `\n${total} problem${total !== 1 ? "s" : ""}`;
  return output;
}
