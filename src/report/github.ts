// GitHub Actions formatter: one `::error`/`::warning`/`::notice` workflow command per finding (annotations).
import type { Diagnostic } from "../diagnostics.js";
import { activeMessages } from "./support.js";
import type { FileReport } from "./types.js";

const COMMANDS = { error: "error", warning: "warning", info: "notice" } as const;

export function formatGithub(reports: readonly FileReport[]): string {
  const lines: string[] = [];
  for (const report of reports) for (const message of activeMessages(report)) lines.push(workflowCommand(message));
  return lines.join("\n");
}

/**
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`. The runner drops columns
 * when the start and end lines differ, so a span over several lines is given by its lines only.
 * Paths are absolute: the runner makes them relative to the repository (and maps container paths).
 */
export function workflowCommand(message: Diagnostic): string {
  const line = Math.max(1, message.line);
  const endLine = Math.max(line, message.endLine);
  const properties: [string, string | number][] = [["file", message.file], ["line", line]];
  if (endLine === line) {
    const col = Math.max(1, message.column);
    properties.push(["col", col], ["endLine", endLine], ["endColumn", Math.max(col, message.endColumn)]);
  } else {
    properties.push(["endLine", endLine]);
  }
  properties.push(["title", message.ruleId]);
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(",");
  return `::${COMMANDS[message.severity]} ${props}::${escapeData(message.message)}`;
}

/** Message text, as @actions/core escapes it: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Property values, as @actions/core escapes them: the data escapes plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
