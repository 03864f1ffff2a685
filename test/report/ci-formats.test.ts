// The CI formats (github, azure-devops, junit, checkstyle): golden output, escaping, and the XML read by a strict parser.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics.js";
import { escapeData as azureData, escapeProperty as azureProperty, loggingCommand } from "../../src/report/azure-devops.js";
import { escapeData as githubData, escapeProperty as githubProperty, workflowCommand } from "../../src/report/github.js";
import { formatReports, loadFormatter, type EslintResult } from "../../src/report/index.js";
import { toFileReports } from "../../src/report/results.js";
import { xmlEscape } from "../../src/report/support.js";
import { armlint, ensureBuilt, INTEGRATION_FIXTURES, ROOT } from "../integrations/helpers.js";

const INPUTS = ["templates/bad.json", "templates/good.json", "templates/odd-names.json", "templates/not-a-template.json", "broken/broken.json"].map((f) => `fixtures/integrations/${f}`);
const GOLDEN = join(INTEGRATION_FIXTURES, "golden");

/** Output of the real CLI on the integration fixtures, with the repository path shown as `<root>`. */
function cli(format: string): { code: number; stdout: string } {
  const run = armlint(["--format", format, ...INPUTS]);
  return { code: run.code, stdout: run.stdout.replaceAll(ROOT.replace(/\/$/, ""), "<root>") };
}

/** Compares with `fixtures/integrations/golden/<name>`; `UPDATE_GOLDEN=1` rewrites it. */
function expectGolden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, "utf8"));
}

interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

/** Parses XML with saxes, a strict XML 1.0 parser: any well-formedness error throws. */
function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser();
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let declaration: { version?: string | undefined; encoding?: string | undefined } | undefined;
  parser.on("xmldecl", (decl) => (declaration = decl));
  parser.on("opentag", (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes, children: [], text: "" };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  });
  parser.on("text", (text) => {
    const top = stack.at(-1);
    if (top !== undefined) top.text += text;
  });
  parser.on("closetag", () => stack.pop());
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(xml).close();
  expect(declaration).toEqual({ version: "1.0", encoding: "utf-8", standalone: undefined });
  if (root === undefined) throw new Error("no root element");
  return root;
}

function children(element: XmlElement, name: string): XmlElement[] {
  return element.children.filter((c) => c.name === name);
}

/** The same run as ESLint JSON results: the reference for what each format must say. */
let json: EslintResult[] = [];

beforeAll(() => {
  ensureBuilt();
  json = JSON.parse(armlint(["--format", "json", ...INPUTS]).stdout) as EslintResult[];
});

describe("github (workflow commands)", () => {
  it("matches the golden output; exit code as for any format", () => {
    const run = cli("github");
    expect(run.code).toBe(2);
    expectGolden("github.txt", run.stdout);
  });

  it("writes one command per finding, in the runner's syntax, with what the JSON result says", () => {
    const lines = armlint(["--format", "github", ...INPUTS]).stdout.trimEnd().split("\n");
    const expected = json.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ...m })));
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const m = expected[i]!;
      const command = /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line);
      expect(command, line).not.toBeNull();
      const [, kind, props, data] = command!;
      expect(kind).toBe(m.severity === 2 ? "error" : m.level === "info" ? "notice" : "warning");
      const properties = Object.fromEntries(props!.split(",").map((p) => p.split("=", 2).map(unescapeGithub) as [string, string]));
      expect(properties.file).toBe(m.file);
      expect(properties.line).toBe(String(m.line));
      expect(properties.title).toBe(m.ruleId);
      if (m.line === m.endLine) expect([properties.col, properties.endLine, properties.endColumn]).toEqual([String(m.column), String(m.endLine), String(m.endColumn)]);
      else expect(properties.col).toBeUndefined();
      expect(unescapeGithub(data!)).toBe(m.message);
    });
  });

  it("escapes like @actions/core: %, CR, LF in data; also : and , in properties", () => {
    expect(githubData("100% done\r\nnext: a,b")).toBe("100%25 done%0D%0Anext: a,b");
    expect(githubProperty("C:\\x,y%\n")).toBe("C%3A\\x%2Cy%25%0A");
    const d: Diagnostic = { ruleId: "a/b", severity: "info", message: "m\nn", file: "/r/x,y:z.json", line: 2, column: 3, endLine: 5, endColumn: 1, span: { offset: 0, length: 1 } };
    expect(workflowCommand(d)).toBe("::notice file=/r/x%2Cy%3Az.json,line=2,endLine=5,title=a/b::m%0An");
    expect(workflowCommand({ ...d, severity: "error", endLine: 2, endColumn: 7 })).toBe("::error file=/r/x%2Cy%3Az.json,line=2,col=3,endLine=2,endColumn=7,title=a/b::m%0An");
  });
});

/** Reverses the runner's escaping (ActionCommand.Unescape). */
function unescapeGithub(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3A/g, ":").replace(/%2C/g, ",").replace(/%25/g, "%");
}

describe("azure-devops (logging commands)", () => {
  it("matches the golden output", () => {
    expectGolden("azure-devops.txt", cli("azure-devops").stdout);
  });

  it("writes a logissue command per error and warning, and a plain line per info finding", () => {
    const lines = armlint(["--format", "azure-devops", ...INPUTS]).stdout.trimEnd().split("\n");
    const expected = json.flatMap((r) => r.messages.map((m) => ({ file: r.filePath, ...m })));
    expect(lines).toHaveLength(expected.length);
    lines.forEach((line, i) => {
      const m = expected[i]!;
      if (m.level === "info") {
        expect(line).toBe(`armlint: info: ${m.file}:${m.line}:${m.column}: ${m.message} (${m.ruleId})`);
        return;
      }
      // The agent takes the first `##vso[` of a line and the first `]` after it.
      const start = line.indexOf("##vso[");
      expect(start).toBe(0);
      const end = line.indexOf("]", start);
      const [area, ...props] = line.slice(6, end).split(" ");
      expect(area).toBe("task.logissue");
      const properties = Object.fromEntries(props.join(" ").split(";").map((p) => p.split("=", 2).map(unescapeAzure) as [string, string]));
      expect(properties).toEqual({ type: m.severity === 2 ? "error" : "warning", sourcepath: m.file, linenumber: String(m.line), columnnumber: String(m.column), code: m.ruleId! });
      expect(unescapeAzure(line.slice(end + 1))).toBe(m.message);
    });
  });

  it("escapes like azure-pipelines-task-lib, and defuses commands hidden in info lines", () => {
    expect(azureData("100%\r\n;]")).toBe("100%AZP25%0D%0A;]");
    expect(azureProperty("a;b]c%")).toBe("a%3Bb%5Dc%AZP25");
    const d: Diagnostic = { ruleId: "x/y", severity: "info", message: "see ##vso[task.complete result=Failed]now", file: "/r/a.json", line: 1, column: 1, endLine: 1, endColumn: 1, span: { offset: 0, length: 0 } };
    expect(loggingCommand(d)).toBe("armlint: info: /r/a.json:1:1: see ##vso%5Btask.complete result=Failed]now (x/y)");
  });
});

/** Reverses the agent's escaping (`%AZP25` and the others). */
function unescapeAzure(text: string): string {
  return text.replace(/%0D/g, "\r").replace(/%0A/g, "\n").replace(/%3B/g, ";").replace(/%5D/g, "]").replace(/%AZP25/g, "%");
}

describe("junit", () => {
  it("matches the golden output", () => {
    expectGolden("junit.xml", cli("junit").stdout);
  });

  it("is well-formed XML with one suite per file and one case per file and rule, counted right", () => {
    const root = parseXml(armlint(["--format", "junit", ...INPUTS]).stdout);
    expect(root.name).toBe("testsuites");
    const suites = children(root, "testsuite");
    expect(suites.map((s) => s.attributes.name)).toEqual(json.map((r) => r.filePath));
    let tests = 0;
    let failures = 0;
    let errors = 0;
    suites.forEach((suite, i) => {
      const result = json[i]!;
      const cases = children(suite, "testcase");
      const rules = [...new Set(result.messages.map((m) => m.ruleId!))].sort();
      expect(cases.map((c) => c.attributes.name)).toEqual(rules.length === 0 ? ["armlint"] : rules);
      for (const testCase of cases) {
        expect(testCase.attributes.classname).toBe(result.filePath);
        const messages = result.messages.filter((m) => m.ruleId === testCase.attributes.name);
        const failure = children(testCase, "failure")[0];
        const error = children(testCase, "error")[0];
        const outcome = failure ?? error;
        if (messages.every((m) => m.level === "info")) {
          expect(outcome).toBeUndefined();
          if (messages.length > 0) expect(children(testCase, "system-out")[0]!.text).toContain(messages[0]!.message);
          continue;
        }
        expect(outcome, testCase.attributes.name).toBeDefined();
        expect(outcome!.text.split("\n")).toHaveLength(messages.length);
        messages.forEach((m, j) => { expect(outcome!.text.split("\n")[j]).toBe(`line ${m.line}, col ${m.column}, ${m.severity === 2 ? "Error" : "Warning"} - ${m.message} (${m.ruleId})`); });
        expect(outcome!.attributes.message).toBe(messages.length === 1 ? messages[0]!.message : `${messages.length} findings; the first: ${messages[0]!.message}`);
        expect(outcome!.attributes.type).toBe(messages.some((m) => m.severity === 2) ? "error" : "warning");
      }
      const suiteFailures = cases.filter((c) => children(c, "failure").length > 0).length;
      const suiteErrors = cases.filter((c) => children(c, "error").length > 0).length;
      expect(suite.attributes).toMatchObject({ tests: String(cases.length), failures: String(suiteFailures), errors: String(suiteErrors) });
      tests += cases.length;
      failures += suiteFailures;
      errors += suiteErrors;
    });
    expect(root.attributes).toMatchObject({ name: "armlint", tests: String(tests), failures: String(failures), errors: String(errors) });
    expect(errors).toBe(1); // the file that is not JSON
  });
});

describe("checkstyle", () => {
  it("matches the golden output", () => {
    expectGolden("checkstyle.xml", cli("checkstyle").stdout);
  });

  it("is well-formed XML with every file and every finding, values intact", () => {
    const root = parseXml(armlint(["--format", "checkstyle", ...INPUTS]).stdout);
    expect(root.name).toBe("checkstyle");
    const files = children(root, "file");
    expect(files.map((f) => f.attributes.name)).toEqual(json.map((r) => r.filePath));
    files.forEach((file, i) => {
      const expected = json[i]!.messages.map((m) => ({
        line: String(m.line),
        column: String(m.column),
        severity: m.severity === 2 ? "error" : m.level === "info" ? "info" : "warning",
        message: `${m.message} (${m.ruleId})`,
        source: m.ruleId,
      }));
      expect(children(file, "error").map((e) => e.attributes)).toEqual(expected);
    });
  });
});

describe("XML text", () => {
  it("escapes markup and replaces characters XML 1.0 cannot carry, so a strict parser reads the value back", () => {
    const nasty = 'a<b>&c"d\'e\u0001f\u0000g\uD800h\uFFFEi\tj\nk]]>';
    const element = parseXml(`<?xml version="1.0" encoding="utf-8"?>\n<x v="${xmlEscape(nasty)}" />`);
    expect(element.attributes.v).toBe("a<b>&c\"d'e\uFFFDf\uFFFDg\uFFFDh\uFFFDi\tj\nk]]>");
  });

  it("junit and checkstyle stay well-formed for hostile messages and paths", async () => {
    const file = '/r/we<ird>&"name.json';
    const reports = toFileReports([
      {
        file,
        diagnostics: [
          { ruleId: "x/y", severity: "error", message: "bad \u0007 ]]> <tag> & \"q\"", file, line: 1, column: 1, endLine: 1, endColumn: 2, span: { offset: 0, length: 1 } },
          { ruleId: "x/z", severity: "info", message: "note <", file, line: 2, column: 1, endLine: 2, endColumn: 2, span: { offset: 3, length: 1 } },
        ],
        source: undefined,
      },
    ]);
    for (const format of ["junit", "checkstyle"] as const) {
      await loadFormatter(format);
      const root = parseXml(formatReports(reports, format));
      expect(JSON.stringify(root)).toContain(JSON.stringify('/r/we<ird>&"name.json'));
      expect(JSON.stringify(root)).toContain("bad \uFFFD ]]> <tag> & \\\"q\\\"");
    }
  });
});
