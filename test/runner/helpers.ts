// Test helpers for the runner: hand-built analyses (independent of the engine), temp folders, tiny rules.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, afterEach } from "vitest";
import type { Analysis } from "../../src/analyze.js";
import type { JsonNode, JsonObject } from "../../src/load/json.js";
import { parseJson } from "../../src/load/parser.js";
import { SourceFile } from "../../src/load/source.js";
import { defineRule, type ReportDescriptor, type Rule, type RuleContext, type RuleMeta } from "../../src/runner/types.js";

export const TEMPLATE_SCHEMA = "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#";

/** An Analysis of `text` with only what the runner reads: source, root, isTemplate, diagnostics. */
export function fakeAnalysis(text: string, file: string, options: { isTemplate?: boolean } = {}): Analysis {
  const source = new SourceFile(file, text);
  const { root } = parseJson(text);
  return {
    file,
    source,
    root,
    isTemplate: options.isTemplate ?? true,
    model: undefined,
    graph: undefined,
    engine: undefined,
    sources: new Map<string, SourceFile>(),
    diagnostics: [],
  };
}

/** A template text with one storage account per name, one per line. */
export function templateText(names: readonly string[], leadingLines = 0): string {
  const resources = names.map(
    (name) => `    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "${name}" }`,
  );
  return `${"\n".repeat(leadingLines)}{\n  "$schema": "${TEMPLATE_SCHEMA}",\n  "resources": [\n${resources.join(",\n")}\n  ]\n}\n`;
}

/** The resource objects of a template root. */
export function resourceNodes(root: JsonNode | undefined): JsonObject[] {
  if (root?.type !== "object") return [];
  const resources = root.properties.find((p) => p.key === "resources")?.value;
  return resources?.type === "array" ? resources.items.filter((n): n is JsonObject => n.type === "object") : [];
}

export function nameOf(node: JsonObject): string {
  const value = node.properties.find((p) => p.key === "name")?.value;
  return value?.type === "string" ? value.value : "?";
}

/** A rule with test defaults for everything but what is given. */
export function testRule(meta: Partial<RuleMeta> & { id: string }, check: (context: RuleContext) => void): Rule {
  return defineRule({
    meta: { description: `Test rule ${meta.id}.`, type: "problem", defaultSeverity: "warning", docsUrl: `https://example.invalid/${meta.id}`, ...meta },
    check,
  });
}

/** A rule reporting every resource, with `extra` merged into each report. */
export function perResourceRule(id: string, extra: Partial<ReportDescriptor> = {}): Rule {
  return testRule({ id }, (context) => {
    for (const node of resourceNodes(context.analysis.root)) {
      const name = nameOf(node);
      context.report({ node, message: `Resource ${name}.`, identity: name, data: { name }, ...extra });
    }
  });
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), "armlint-test-"));

  /** Writes files (relative path → content) and returns this. */
  write(files: Record<string, string>): this {
    for (const [rel, content] of Object.entries(files)) {
      const file = join(this.path, rel);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    return this;
  }

  file(rel: string): string {
    return join(this.path, rel);
  }

  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** Temporary folders of one test file: `temps(files)` makes one, `temps.track(dir)` adopts one made elsewhere. */
export interface TempDirs {
  (files?: Record<string, string>): TempDir;
  track(dir: TempDir): TempDir;
}

/**
 * Temporary folders removed after the test file's tests (`"each"`: after every test). Call it at the top
 * level of a test file: it registers its own cleanup hook.
 */
export function tempDirs(when: "all" | "each" = "all"): TempDirs {
  const dirs: TempDir[] = [];
  (when === "all" ? afterAll : afterEach)(() => {
    for (const dir of dirs.splice(0)) dir.remove();
  });
  const track = (dir: TempDir): TempDir => {
    dirs.push(dir);
    return dir;
  };
  return Object.assign((files: Record<string, string> = {}) => track(new TempDir().write(files)), { track });
}
