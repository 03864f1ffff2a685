// Azure Pipelines formatter: a `##vso[task.logissue …]` logging command per error and warning, plain lines for info.
import type { Diagnostic } from "../diagnostics.js";
import { activeMessages } from "./support.js";
import type { FileReport } from "./types.js";

export function formatAzureDevops(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) for (const message of activeMessages(report)) lines.push(loggingCommand(message));
  return lines.join("\n");
}

/**
 * `##vso[task.logissue type=error;sourcepath=…;linenumber=…;columnnumber=…;code=…]message`. Azure
 * Pipelines issues are errors or warnings only, so an info finding is a plain log line (with any
 * `##vso[` in it defused: the agent runs the first one it finds anywhere in a line).
 */
export function loggingCommand(message: Diagnostic): string {
  const line = Math.max(1, message.line);
  const column = Math.max(1, message.column);
  if (message.severity === "info") {
    return `armlint: info: ${message.file}:${line}:${column}: ${message.message} (${message.ruleId})`.replace(/##vso\[/gi, "##vso%5B").replace(/[\r\n]/g, " ");
  }
  const properties: [string, string | number][] = [
    ["type", message.severity],
    ["sourcepath", message.file],
    ["linenumber", line],
    ["columnnumber", column],
    ["code", message.ruleId],
  ];
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(";");
  return `##vso[task.logissue ${props}]${escapeData(message.message)}`;
}

/** Message text, as azure-pipelines-task-lib escapes it: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%AZP25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values, as azure-pipelines-task-lib escapes them: the data escapes plus `]` and `;`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/]/g, "%5D").replace(/;/g, "%3B");
}
