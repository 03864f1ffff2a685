// Shared helpers of the CI formats: repository root and relative URIs, XML escaping, suppressed findings.
import { statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { pathToFileURL } from "node:url";
import type { Diagnostic } from "../diagnostics.js";
import type { FileReport } from "./types.js";

/** The git work tree around `cwd` (nearest folder with a `.git` folder or file), else `cwd` itself. */
export function repositoryRoot(cwd: string): string {
  const start = resolve(cwd);
  for (let dir = start; ; dir = dirname(dir)) {
    if (statSync(join(dir, ".git"), { throwIfNoEntry: false }) !== undefined) return dir;
    if (dirname(dir) === dir) return start;
  }
}

/** `file:` URI of a folder, ending with `/` (SARIF's `originalUriBaseIds` need the slash). */
export function folderUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

/**
 * `file` as a relative URI reference under `root` (`/`-separated, percent-encoded like a `file:` URI),
 * or undefined when the file is not inside `root`.
 */
export function relativeUri(file: string, root: string): string | undefined {
  const rel = relative(root, file);
  if (rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return undefined;
  const base = folderUri(root);
  const href = pathToFileURL(resolve(file)).href;
  return href.startsWith(base) ? href.slice(base.length) : undefined;
}

/** Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text for an XML attribute or element: markup characters escaped, characters XML forbids replaced by U+FFFD. */
export function xmlEscape(text: string): string {
  return text.replace(XML_INVALID, "\uFFFD").replace(/[&<>"\r\n\t]/g, (c) => XML_ENTITIES[c] ?? c);
}

const XML_ENTITIES: Readonly<Record<string, string>> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "\r": "&#13;",
  "\n": "&#10;",
  "\t": "&#9;",
};

/** Element text (line breaks kept as they are): `&`, `<`, `>` escaped, forbidden characters replaced. */
export function xmlText(text: string): string {
  return text.replace(XML_INVALID, "\uFFFD").replace(/[&<>]/g, (c) => XML_ENTITIES[c] ?? c);
}

/** The suppressed findings of a report (each with `suppressions`): SARIF carries them as suppressed results. */
export function suppressedMessages(report: FileReport): readonly Diagnostic[] {
  return report.suppressedMessages ?? [];
}

/** Findings to show as problems: suppressed ones never are (they go to SARIF as suppressed results). */
export function activeMessages(report: FileReport): readonly Diagnostic[] {
  return report.messages.filter((message) => message.suppressions === undefined || message.suppressions.length === 0);
}
