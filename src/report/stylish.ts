// Stylish formatter: ESLint's default human-readable output (file headings, aligned rows, a summary).
import type { Severity } from "../diagnostics.js";
import { styles, visibleLength, type Styles } from "./ansi.js";
import { pluralize, summaryLines, totals } from "./results.js";
import type { FileReport, FormatContext } from "./types.js";

export function formatStylish(reports: readonly FileReport[], context: FormatContext): string {
  const s = styles(context.color);
  let output = "\n";
  for (const report of reports) {
    if (report.messages.length === 0) continue;
    output += `${s.underline(report.filePath)}\n${fileTable(report, s)}\n\n`;
  }
  const problems = output === "\n" ? "" : output + totalsLine(reports, s);
  const notes = summaryLines(context.summary).join("\n");
  if (problems === "") return notes;
  return notes === "" ? problems : `${problems}\n${notes}`;
}

function fileTable(report: FileReport, s: Styles): string {
  const rows = report.messages.map((message) => [
    "",
    String(message.line || 0),
    String(message.column || 0),
    severityLabel(message.severity, s),
    message.message.replace(/([^ ])\.$/u, "$1"),
    s.dim(message.ruleId),
  ]);
  return table(rows)
    .split("\n")
    .map((line) => line.replace(/(\d+)\s+(\d+)/u, (_m, p1: string, p2: string) => s.dim(`${p1}:${p2}`)))
    .join("\n");
}

function severityLabel(severity: Severity, s: Styles): string {
  if (severity === "error") return s.red("error");
  return severity === "warning" ? s.yellow("warning") : s.blue("info");
}

/** ESLint's text-table: columns joined by two spaces, column 1 right-aligned, trailing spaces trimmed. */
function table(rows: readonly string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell))));
  return rows
    .map((row) =>
      row
        .map((cell, i) => {
          const pad = " ".repeat(Math.max((widths[i] ?? 0) - visibleLength(cell), 0));
          return i === 1 ? pad + cell : cell + pad;
        })
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

function totalsLine(reports: readonly FileReport[], s: Styles): string {
  const t = totals(reports);
  const problems = t.errors + t.warnings + t.infos;
  const color = t.errors > 0 ? s.red : s.yellow;
  const symbol = t.errors + t.warnings > 0 ? "\u2716" : "\u2139";
  const infos = t.infos > 0 ? `, ${t.infos} ${pluralize("info", t.infos)}` : "";
  let line = color(
    s.bold(
      `${symbol} ${problems} ${pluralize("problem", problems)} (${t.errors} ${pluralize("error", t.errors)}, ` +
        `${t.warnings} ${pluralize("warning", t.warnings)}${infos})\n`,
    ),
  );
  if (t.fixableErrors > 0 || t.fixableWarnings > 0) {
    line += color(
      s.bold(
        `  ${t.fixableErrors} ${pluralize("error", t.fixableErrors)} and ${t.fixableWarnings} ` +
          `${pluralize("warning", t.fixableWarnings)} potentially fixable with the \`--fix\` option.\n`,
      ),
    );
  }
  return line;
}
