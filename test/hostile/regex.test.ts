// Regex-hostile input for every pattern in src/ and rules/: each literal is run over long pumped strings in a worker (a hang fails it), and patterns built at run time are listed and attacked one by one.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { idsMatchLoosely } from "../../src/graph/engine.js";
import { oneLine } from "../../src/runner/run.js";
import { ROOT } from "../cli/helpers.js";

interface Found {
  /** `src/x.ts:12`. */
  where: string;
  source: string;
  flags: string;
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [path] : [];
  });
}

/** Every regular expression literal, and every `new RegExp(...)` / `RegExp(...)` call, in src/ and rules/. */
function scan(): { literals: Found[]; dynamic: string[] } {
  const literals: Found[] = [];
  const dynamic: string[] = [];
  for (const file of [...tsFiles(join(ROOT, "src")), ...tsFiles(join(ROOT, "rules"))]) {
    const text = readFileSync(file, "utf8");
    const sourceFile = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
    const where = (node: ts.Node) => `${relative(ROOT, file)}:${sourceFile.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const literal = node.getText();
        const slash = literal.lastIndexOf("/");
        literals.push({ where: where(node), source: literal.slice(1, slash), flags: literal.slice(slash + 1) });
      } else if ((ts.isNewExpression(node) || ts.isCallExpression(node)) && ts.isIdentifier(node.expression) && node.expression.text === "RegExp") {
        const first = node.arguments?.[0];
        // A constant string argument is as good as a literal.
        if (first !== undefined && ts.isStringLiteralLike(first)) literals.push({ where: where(node), source: first.text, flags: "" });
        else dynamic.push(`${relative(ROOT, file)}: new RegExp(${first?.getText().slice(0, 60) ?? ""})`);
      }
      ts.forEachChild(node, visit);
    };
    visit(sourceFile);
  }
  return { literals, dynamic };
}

/**
 * Patterns applied only to text armlint trusts (its own docs and manifest, command-line arguments, git's
 * output, config files), never to template text: not attacked. Each says why.
 */
const TRUSTED_INPUT: readonly { where: RegExp; why: string }[] = [
  { where: /^src\/report\/sarif\.ts:/, why: "armlint's own rule docs (Markdown) and rule ids" },
  { where: /^src\/cli\/(args|base)\.ts:/, why: "command-line arguments and git output" },
  { where: /^src\/runner\/(config|registry|ignore)\.ts:/, why: "config files and plugin specifiers" },
  { where: /^src\/cli\/discover\.ts:\d+$/, why: "the first 4 KB of a file (bounded), file names and command-line paths" },
  // Stylish table rows start with the line and column numbers, so `(\d+)\s+(\d+)` matches at the start of
  // every row and never scans the message text after them.
  { where: /^src\/report\/stylish\.ts:31$/, why: "stylish rows, which start with the line and column numbers" },
];

/**
 * Runs every pattern over long pumped strings in one worker, one pattern at a time. A pattern still
 * running after `limitMs` is reported (the worker is replaced): a backtracking pattern turns a million
 * characters into minutes, a linear one into milliseconds.
 */
async function attackAll(patterns: readonly Found[], limitMs: number): Promise<{ hung: string[]; attacks: number }> {
  const hung: string[] = [];
  let attacks = 0;
  let next = 0;
  while (next < patterns.length) {
    const worker = new Worker(WORKER_CODE, { eval: true });
    try {
      for (; next < patterns.length; next++) {
        const pattern = patterns[next]!;
        const reply = await new Promise<number | "timeout">((resolve, reject) => {
          const onError = (error: Error) => {
            clearTimeout(timer);
            reject(error);
          };
          const timer = setTimeout(() => {
            worker.off("error", onError);
            resolve("timeout");
          }, limitMs);
          worker.once("message", (count: number) => {
            clearTimeout(timer);
            worker.off("error", onError);
            resolve(count);
          });
          worker.once("error", onError);
          worker.postMessage(pattern);
        });
        if (reply === "timeout") {
          hung.push(`${pattern.where} /${pattern.source}/${pattern.flags}`);
          next++;
          break;
        }
        attacks += reply;
      }
    } finally {
      await worker.terminate();
    }
  }
  return { hung, attacks };
}

/** The worker: builds pumped strings from the characters a pattern mentions, and runs the pattern over each. */
const WORKER_CODE = `
const { parentPort } = require("node:worker_threads");
const BASE = [" ", "a", "0", "\\n", "/", "'", "\\t", "\\uE000", "\\uE001", "-"];
function charsOf(source) {
  const out = new Set();
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === "\\\\") {
      const e = source[i + 1] ?? "";
      if (e === "u" && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) { out.add(String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16))); i += 5; continue; }
      if (e === "x") { out.add(String.fromCharCode(parseInt(source.slice(i + 2, i + 4), 16))); i += 3; continue; }
      const map = { s: " ", S: "a", d: "7", D: "x", w: "w", W: "!", n: "\\n", r: "\\r", t: "\\t", b: "a", B: "a" };
      out.add(map[e] ?? e);
      i++;
      continue;
    }
    if (!"()[]{}|*+?^$.".includes(c)) out.add(c);
  }
  return [...out];
}
/** The literal text a pattern starts with (after ^), so pumping starts where matching gets going. */
function prefixOf(source) {
  let out = "";
  let i = source.startsWith("^") ? 1 : 0;
  for (; i < source.length; i++) {
    const c = source[i];
    if (c === "\\\\") {
      const e = source[i + 1] ?? "";
      if ("/.-*+?()[]{}|^$".includes(e)) { out += e; i++; continue; }
      break;
    }
    if ("()[]{}|*+?^$.".includes(c)) break;
    out += c;
  }
  // A quantifier after the last character makes it optional: leave it out.
  return /[*+?{]/.test(source[i] ?? "") ? out.slice(0, -1) : out;
}
parentPort.on("message", ({ source, flags }) => {
  const re = new RegExp(source, flags);
  const chars = [...new Set([...charsOf(source), ...BASE])];
  const prefixes = [...new Set(["", prefixOf(source)])];
  const inputs = [];
  for (const prefix of prefixes) {
    for (const c of chars) inputs.push(prefix + c.repeat(300000) + "\\u0000!");
  }
  const few = chars.slice(0, 10);
  for (const a of few) for (const b of few) if (a !== b) inputs.push(prefixes[prefixes.length - 1] + (a + b).repeat(20000) + "\\u0000!");
  for (const input of inputs) {
    re.lastIndex = 0;
    // Global patterns are used to replace, split or match all; the others to test or exec, which try every start.
    if (re.global || re.sticky) input.replace(re, "");
    else input.search(re);
  }
  parentPort.postMessage(inputs.length);
});
`;

describe("regex-hostile input", () => {
  const { literals, dynamic } = scan();

  it("finds the patterns (sanity)", () => {
    expect(literals.length).toBeGreaterThan(40);
    expect(literals.some((l) => l.where.startsWith("src/runner/run.ts"))).toBe(true);
  });

  it("every literal pattern that can see template text stays linear on 300,000 pumped characters", async () => {
    const attacked = literals.filter((l) => !TRUSTED_INPUT.some((t) => t.where.test(l.where)));
    // Linear: milliseconds per pattern. Backtracking over the pumped run: 300,000² steps, minutes.
    const { hung, attacks } = await attackAll(attacked, 10_000);
    expect(hung).toEqual([]);
    expect(attacks).toBeGreaterThan(attacked.length * 10);
  }, 600_000);

  it("the attack catches backtracking patterns (the ones this suite made armlint drop)", async () => {
    const known = [
      { where: "old src/explain/explain.ts", source: "^\\s*\\[?\\s*list", flags: "i" },
      { where: "old src/types/check.ts", source: "\\s*,\\s*", flags: "g" },
    ];
    const { hung } = await attackAll(known, 3_000);
    expect(hung).toHaveLength(2);
  }, 60_000);

  it("patterns built at run time are the reviewed ones (a new one needs a hostile-input test here)", () => {
    expect(dynamic.map((d) => d.replace(/\(.*$/s, "")).sort()).toEqual(
      [
        // Type data patterns (trusted data, like config), compiled once each; .NET ones JavaScript rejects are skipped.
        "src/types/check.ts: new RegExp",
        // Globs from configs and the command line (trusted), compiled per pattern.
        "src/runner/glob.ts: new RegExp",
        // `parameters`/`variables` with a fixed tail, over broken expression text: attacked below.
        "rules/usage.ts: new RegExp",
        // A constant directive word.
        "src/suppress/directives.ts: new RegExp",
      ].sort(),
    );
  });

  it("copy-index wildcards: several wildcards against long names match in linear time (no regular expression)", () => {
    const wildcard = "\uE000p('n')[copyindex('x')]\uE001";
    for (const k of [2, 4, 8]) {
      const pattern = `/x/${`a${wildcard}`.repeat(k)}b`;
      expect(idsMatchLoosely(pattern, `/x/${"a".repeat(200_000)}`)).toBe(false);
      expect(idsMatchLoosely(pattern, `/x/${"a".repeat(200_000)}b`)).toBe(true);
      expect(idsMatchLoosely(`/x/${`a\uE000copyindex('x')\uE001`.repeat(k)}`, `/x/${"a1".repeat(100_000)}`)).toBe(false);
      expect(idsMatchLoosely(`/x/${`a\uE000copyindex('x')\uE001`.repeat(k)}`, `/x/${"a1".repeat(k - 1)}a${"1".repeat(100_000)}`)).toBe(true);
    }
  }, 120_000);

  it("messages: line breaks and long runs of spaces are folded in linear time", () => {
    expect(oneLine(`${" ".repeat(3_000_000)}x`)).toBe("x");
    expect(oneLine(`a${" \t".repeat(1_000_000)}\n${" ".repeat(1_000_000)}b`)).toBe("a b");
    expect(oneLine(`a${"\r\n \t".repeat(500_000)}b`)).toBe("a b");
  }, 60_000);
});
