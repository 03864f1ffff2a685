// JUnit formatter: JUnit XML with a test suite per file and a test case per file and rule (failing when it found problems).
import type { Diagnostic } from "../diagnostics.js";
import { INTERNAL_ERROR, PARSE_ERROR } from "../runner/run.js";
import { activeMessages, xmlEscape, xmlText } from "./support.js";
import type { FileReport } from "./types.js";

/** The test case of a file without findings. */
export const CLEAN_CASE = "armlint";

interface TestCase {
  name: string;
  /** `failure` (errors and warnings), `error` (the file could not be analyzed), or passed (info only, or clean). */
  outcome: "failure" | "error" | "passed";
  messages: Diagnostic[];
}

export function formatJunit(reports: readonly FileReport[]): string {
  const suites = reports.map((report) => ({ report, cases: testCases(activeMessages(report)) }));
  const count = (outcome: TestCase["outcome"]) => suites.reduce((n, s) => n + s.cases.filter((c) => c.outcome === outcome).length, 0);
  const tests = suites.reduce((n, s) => n + s.cases.length, 0);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<testsuites name="armlint" tests="${tests}" failures="${count("failure")}" errors="${count("error")}" time="0">`,
  ];
  for (const { report, cases } of suites) {
    const failures = cases.filter((c) => c.outcome === "failure").length;
    const errors = cases.filter((c) => c.outcome === "error").length;
    const name = xmlEscape(report.filePath);
    lines.push(`  <testsuite name="${name}" tests="${cases.length}" failures="${failures}" errors="${errors}" skipped="0" time="0">`);
    for (const testCase of cases) lines.push(...testCaseLines(testCase, name));
    lines.push("  </testsuite>");
  }
  lines.push("</testsuites>");
  return lines.join("\n");
}

/** One case per rule that reported something, in rule id order; a clean file gets one passing case. */
function testCases(messages: readonly Diagnostic[]): TestCase[] {
  if (messages.length === 0) return [{ name: CLEAN_CASE, outcome: "passed", messages: [] }];
  const byRule = new Map<string, Diagnostic[]>();
  for (const m of messages) {
    let list = byRule.get(m.ruleId);
    if (list === undefined) byRule.set(m.ruleId, (list = []));
    list.push(m);
  }
  return [...byRule.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, list]) => ({ name, outcome: outcomeOf(name, list), messages: list }));
}

function outcomeOf(ruleId: string, messages: readonly Diagnostic[]): TestCase["outcome"] {
  const errors = messages.some((m) => m.severity === "error");
  if (errors && (ruleId === PARSE_ERROR || ruleId === INTERNAL_ERROR)) return "error";
  return errors || messages.some((m) => m.severity === "warning") ? "failure" : "passed";
}

function testCaseLines(testCase: TestCase, classname: string): string[] {
  const open = `    <testcase name="${xmlEscape(testCase.name)}" classname="${classname}" time="0"`;
  if (testCase.messages.length === 0) return [`${open} />`];
  const body = xmlText(testCase.messages.map(describe).join("\n"));
  if (testCase.outcome === "passed") return [`${open}>`, `      <system-out>${body}</system-out>`, "    </testcase>"];
  const first = testCase.messages[0]!;
  const n = testCase.messages.length;
  const summary = n === 1 ? first.message : `${n} findings; the first: ${first.message}`;
  const type = testCase.messages.some((m) => m.severity === "error") ? "error" : "warning";
  return [`${open}>`, `      <${testCase.outcome} type="${type}" message="${xmlEscape(summary)}">${body}</${testCase.outcome}>`, "    </testcase>"];
}

/** `line 3, col 5, Error - message (rule)`, ESLint's compact line without the path. */
function describe(m: Diagnostic): string {
  const severity = m.severity === "error" ? "Error" : m.severity === "warning" ? "Warning" : "Info";
  return `line ${m.line || 0}, col ${m.column || 0}, ${severity} - ${m.message} (${m.ruleId})`;
}
