// Problem matchers (ours, GitHub's setup-node eslint-compact, VS Code's $eslint-compact, the README task) on real output.
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parse as parseJsonc } from "jsonc-parser";
import { beforeAll, describe, expect, it } from "vitest";
import type { EslintResult } from "../../src/report/index.js";
import { armlint, ensureBuilt, ROOT } from "./helpers.js";

interface Pattern {
  regexp: string;
  file: number;
  line: number;
  column: number;
  severity: number;
  message: number;
  code: number;
}

interface Matcher {
  name: string;
  format: "compact" | "unix";
  pattern: Pattern;
  /** How the consumer reads the severity group. */
  severity: (text: string) => "error" | "warning" | "info" | "unknown";
}

/** actions/runner: "error" / "warning" / "notice", case-insensitive; anything else is the matcher's default (error). */
const GITHUB_SEVERITIES: Readonly<Partial<Record<string, "error" | "warning" | "info">>> = { error: "error", warning: "warning", notice: "info" };
const githubSeverity = (text: string) => GITHUB_SEVERITIES[text.toLowerCase()] ?? "unknown";
/** VS Code's Severity.fromValue: error, warning/warn, info, case-insensitive. */
const VSCODE_SEVERITIES: Readonly<Partial<Record<string, "error" | "warning" | "info">>> = { error: "error", warning: "warning", warn: "warning", info: "info" };
const vscodeSeverity = (text: string) => VSCODE_SEVERITIES[text.toLowerCase()] ?? "unknown";

/** The eslint-compact pattern as GitHub's actions/setup-node ships it (.github/eslint-compact.json), and VS Code's built-in $eslint-compact. */
const ESLINT_COMPACT = "^(.+):\\sline\\s(\\d+),\\scol\\s(\\d+),\\s(Error|Warning|Info)\\s-\\s(.+)\\s\\((.+)\\)$";
const COMPACT_GROUPS = { file: 1, line: 2, column: 3, severity: 4, message: 5, code: 6 };

function githubMatcher(file: string): Pattern {
  const json = JSON.parse(readFileSync(join(ROOT, file), "utf8")) as { problemMatcher: { owner: string; pattern: Pattern[] }[] };
  expect(json.problemMatcher).toHaveLength(1);
  expect(json.problemMatcher[0]!.pattern).toHaveLength(1);
  return json.problemMatcher[0]!.pattern[0]!;
}

interface VsCodeTask {
  label: string;
  command: string;
  problemMatcher: string | { owner: string; fileLocation: string; pattern: Pattern };
}

/** The `.vscode/tasks.json` snippet of the README's VS Code section. */
function readmeTasks(): VsCodeTask[] {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("### VS Code"));
  const block = /```jsonc\n([\s\S]*?)\n```/.exec(section);
  expect(block).not.toBeNull();
  return (parseJsonc(block![1]!) as { tasks: VsCodeTask[] }).tasks;
}

const INPUTS = ["fixtures/examples", "fixtures/integrations/templates/odd-names.json", "fixtures/integrations/templates/not-a-template.json", "fixtures/integrations/broken/broken.json"];

describe("problem matchers read real armlint output", () => {
  let json: EslintResult[] = [];
  const output: Record<"compact" | "unix", string> = { compact: "", unix: "" };
  const matchers: Matcher[] = [];

  beforeAll(() => {
    ensureBuilt();
    json = JSON.parse(armlint(["--format", "json", ...INPUTS]).stdout) as EslintResult[];
    output.compact = armlint(["--format", "compact", ...INPUTS]).stdout;
    output.unix = armlint(["--format", "unix", ...INPUTS]).stdout;
    matchers.push(
      { name: ".github/armlint-problem-matcher.json", format: "compact", pattern: githubMatcher(".github/armlint-problem-matcher.json"), severity: githubSeverity },
      { name: ".github/armlint-unix-problem-matcher.json", format: "unix", pattern: githubMatcher(".github/armlint-unix-problem-matcher.json"), severity: githubSeverity },
      { name: "actions/setup-node eslint-compact", format: "compact", pattern: { regexp: ESLINT_COMPACT, ...COMPACT_GROUPS }, severity: githubSeverity },
      { name: "VS Code $eslint-compact", format: "compact", pattern: { regexp: ESLINT_COMPACT, ...COMPACT_GROUPS }, severity: vscodeSeverity },
    );
    for (const task of readmeTasks()) {
      if (task.problemMatcher === "$eslint-compact") {
        expect(task.command).toContain("--format compact");
        matchers.push({ name: `README task "${task.label}" ($eslint-compact)`, format: "compact", pattern: { regexp: ESLINT_COMPACT, ...COMPACT_GROUPS }, severity: vscodeSeverity });
      } else if (typeof task.problemMatcher === "object") {
        expect(task.command).toContain("--format unix");
        expect(task.problemMatcher.fileLocation).toBe("absolute");
        matchers.push({ name: `README task "${task.label}"`, format: "unix", pattern: task.problemMatcher.pattern, severity: vscodeSeverity });
      }
    }
  });

  it("covers our two matchers, both eslint-compact users, and both README tasks", () => {
    expect(matchers.map((m) => m.format).sort()).toEqual(["compact", "compact", "compact", "compact", "unix", "unix"]);
    expect(json.some((r) => r.messages.some((m) => m.level === "info"))).toBe(true);
    expect(json.some((r) => r.fatalErrorCount > 0)).toBe(true);
  });

  it("the README's unix task uses the same pattern as the shipped unix matcher", () => {
    const readme = matchers.find((m) => m.name.startsWith("README") && m.format === "unix")!;
    expect(readme.pattern).toEqual(githubMatcher(".github/armlint-unix-problem-matcher.json"));
  });

  it("each matcher finds every finding, with an existing absolute file, position, severity as documented, message and rule", () => {
    const expected = json.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ...m })));
    for (const matcher of matchers) {
      const regexp = new RegExp(matcher.pattern.regexp);
      const lines = output[matcher.format].split("\n");
      const matched = lines.map((line) => regexp.exec(line)).filter((m): m is RegExpExecArray => m !== null);
      // The summary ("N problems") and blank lines are not findings.
      expect(matched, matcher.name).toHaveLength(expected.length);
      matched.forEach((m, i) => {
        const want = expected[i]!;
        const got = (group: number) => m[group] ?? "";
        const file = got(matcher.pattern.file);
        expect(file.startsWith("/"), matcher.name).toBe(true);
        expect(existsSync(file), `${matcher.name}: ${file}`).toBe(true);
        expect(file).toBe(want.file);
        expect(Number(got(matcher.pattern.line))).toBe(want.line);
        expect(Number(got(matcher.pattern.column))).toBe(want.column);
        // ESLint's formats have two levels: errors are errors, warnings and info are warnings.
        expect(matcher.severity(got(matcher.pattern.severity)), `${matcher.name} line ${i}`).toBe(want.severity === 2 ? "error" : "warning");
        expect(got(matcher.pattern.message)).toBe(want.message);
        expect(got(matcher.pattern.code)).toBe(want.ruleId);
      });
    }
  });

  it("the patterns are plain enough for the runner's .NET regular expressions and VS Code's JavaScript ones", () => {
    for (const matcher of matchers) {
      // No lookbehind, named groups, flags or Unicode escapes: constructs both engines read alike.
      expect(matcher.pattern.regexp, matcher.name).not.toMatch(/\(\?<|\(\?[imsx]|\\[pPuk]/);
      expect(matcher.pattern.regexp.startsWith("^") && matcher.pattern.regexp.endsWith("$"), matcher.name).toBe(true);
    }
  });
});
