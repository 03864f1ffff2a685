// Tests for the comment collector (src/load/comments.ts) and for reading directives from comments and metadata.
import { describe, expect, it } from "vitest";
import { analyzeText } from "../../src/analyze.js";
import { collectComments, fileComments } from "../../src/load/comments.js";
import { SourceFile } from "../../src/load/source.js";
import { collectDirectives, commentDirective } from "../../src/suppress/directives.js";

function directiveOf(text: string): ReturnType<typeof commentDirective> {
  const comment = collectComments(text)[0];
  if (comment === undefined) throw new Error("no comment");
  return commentDirective(comment, "/x.json", new SourceFile("/x.json", text));
}

describe("collectComments", () => {
  it("finds line and block comments with their exact offsets and values", () => {
    const text = '{ // one\n  "a": 1, /* two\n three */ "b": 2 }\n// last';
    expect(collectComments(text)).toEqual([
      { kind: "line", offset: 2, length: 6, value: " one" },
      { kind: "block", offset: text.indexOf("/*"), length: 16, value: " two\n three " },
      { kind: "line", offset: text.lastIndexOf("//"), length: 7, value: " last" },
    ]);
  });

  it("skips comment-like text inside strings, escaped quotes included", () => {
    const text = '{ "url": "https://x/*y*/", "q": "say \\"//\\" ok\\\\", "r": "\\\\" // real\n}';
    const comments = collectComments(text);
    expect(comments.map((c) => c.value)).toEqual([" real"]);
    expect(text.slice(comments[0]!.offset, comments[0]!.offset + comments[0]!.length)).toBe("// real");
  });

  it("ends a line comment at \\r or \\n, and runs an unterminated block comment to the end", () => {
    expect(collectComments("// a\r\n1").map((c) => c.length)).toEqual([4]);
    expect(collectComments("1 /* open")).toEqual([{ kind: "block", offset: 2, length: 7, value: " open" }]);
    expect(collectComments('"unterminated // no')).toEqual([]);
    expect(collectComments("1 / 2")).toEqual([]);
  });

  it("scans nothing when the parser saw no comment", () => {
    const source = new SourceFile("/x.json", "// a\n{}", "utf-8", false);
    expect(fileComments(source)).toEqual([]);
    source.hasComments = true;
    expect(fileComments(source)).toHaveLength(1);
  });
});

describe("comment directives", () => {
  it("reads rule ids (commas and spaces) and the reason after ' -- '", () => {
    const text = "{\n  // armlint-disable-next-line arm/a, arm/b  arm/c -- Because  of\tthat.\n  \"x\": 1\n}";
    const d = directiveOf(text)!;
    expect(d.rules.map((r) => r.id)).toEqual(["arm/a", "arm/b", "arm/c"]);
    expect(d.rules.map((r) => text.slice(r.span.offset, r.span.offset + r.span.length))).toEqual(["arm/a", "arm/b", "arm/c"]);
    expect(d).toMatchObject({ kind: "comment", allRules: false, reason: "Because of that.", line: 3 });
  });

  it("applies a block comment to the line after the one it ends on", () => {
    const d = directiveOf('{\n  /* armlint-disable-next-line arm/a -- spans\n     two lines */\n  "x": 1\n}')!;
    expect(d).toMatchObject({ line: 4, reason: "spans two lines" });
  });

  it("names every rule when no id is given; no reason when nothing follows ' --'", () => {
    expect(directiveOf("// armlint-disable-next-line -- why\n1")).toMatchObject({ rules: [], allRules: true, reason: "why" });
    expect(directiveOf("// armlint-disable-next-line arm/a --\n1")).toMatchObject({ rules: [{ id: "arm/a" }], reason: undefined });
    expect(directiveOf("// armlint-disable-next-line arm/a\n1")).toMatchObject({ reason: undefined });
  });

  it("ignores ordinary comments and look-alikes", () => {
    expect(directiveOf("// see armlint-disable-next-line docs\n1")).toBeUndefined();
    expect(directiveOf("// armlint-disable-next-lines arm/a\n1")).toBeUndefined();
    expect(directiveOf("/** armlint-disable-next-line arm/a */\n1")).toBeUndefined();
  });
});

describe("metadata directives", () => {
  const template = (metadata: string): string => `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "resources": [
    { "type": "Microsoft.Storage/storageAccounts", "apiVersion": "2023-01-01", "name": "st1", "location": "westeurope", "metadata": ${metadata} }
  ]
}`;

  it("reads disable and reason, keys case-insensitively", () => {
    const analysis = analyzeText(template('{ "ArmLint": { "Disable": ["arm/a", "arm/b"], "Reason": "  Legacy.  " } }'), "/t.json");
    const [d] = collectDirectives(analysis, "/");
    expect(d).toMatchObject({ kind: "metadata", rules: [{ id: "arm/a" }, { id: "arm/b" }], allRules: false, reason: "Legacy." });
    expect(d?.kind === "metadata" ? d.identity : undefined).toMatch(/microsoft\.storage\/storageaccounts\/st1$/u);
  });

  it("reads a single string as one id; other shapes name nothing", () => {
    const one = collectDirectives(analyzeText(template('{ "armlint": { "disable": "arm/a" } }'), "/t.json"), "/");
    expect(one[0]?.rules.map((r) => r.id)).toEqual(["arm/a"]);
    const none = collectDirectives(analyzeText(template('{ "armlint": { "disable": [1, "", null] } }'), "/t.json"), "/");
    expect(none[0]?.rules).toEqual([]);
    expect(collectDirectives(analyzeText(template('{ "owner": "team" }'), "/t.json"), "/")).toEqual([]);
  });
});
