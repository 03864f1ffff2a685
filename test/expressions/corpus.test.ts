// Every expression in the real-world corpus parses, uses known functions correctly, and round-trips.

import { describe, expect, it } from "vitest";
import type { Expr } from "../../src/expressions/ast.js";
import { acceptsArgCount, lookupFunction } from "../../src/expressions/functions.js";
import { classifyString, parseExpression } from "../../src/expressions/parser.js";
import { printExpressionString } from "../../src/expressions/print.js";
import { walkExpression } from "../../src/expressions/walk.js";
import { corpusAvailable, corpusRoot, readCorpus, sameStructure } from "./helpers.js";

const suite = corpusAvailable ? describe : describe.skip;
if (!corpusAvailable) console.warn(`expression corpus tests skipped: no corpus at ${corpusRoot}`);

suite("expressions in the corpus", () => {
  it("parse without errors, call known functions with valid argument counts, and round-trip", () => {
    const files = readCorpus();
    expect(files.length).toBeGreaterThan(2000);

    const parseFailures: string[] = [];
    const callProblems = new Set<string>();
    const roundTripFailures: string[] = [];
    const positionFailures: string[] = [];
    const builtins = new Map<string, number>();
    const userFunctions = new Set<string>();
    const distinct = new Map<string, Expr>();
    let expressions = 0;
    let literals = 0;

    for (const file of files) {
      expect(file.parseErrors, file.path).toBe(0);
      for (const value of file.strings) {
        if (classifyString(value).kind === "literal") {
          literals++;
          continue;
        }
        expressions++;
        if (distinct.has(value)) continue;
        const result = parseExpression(value);
        if (!result.ok) {
          parseFailures.push(`${file.path}: ${value.slice(0, 200)} → ${result.error.message}`);
          continue;
        }
        distinct.set(value, result.expr);
        walkExpression(result.expr, (node) => {
          if (node.start < 1 || node.end > value.length - 1 || node.end <= node.start) {
            positionFailures.push(`${file.path}: ${node.kind} [${node.start}, ${node.end}) in ${value.slice(0, 200)}`);
          }
          if (node.kind !== "call") return;
          if (value.slice(node.nameStart, node.nameEnd) !== node.name) {
            positionFailures.push(`${file.path}: name of ${node.name} in ${value.slice(0, 200)}`);
          }
          if (node.namespace !== undefined) {
            userFunctions.add(`${node.namespace}.${node.name}`);
            return;
          }
          const info = lookupFunction(node.name);
          if (info === undefined) {
            callProblems.add(`unknown function '${node.name}' (${file.path})`);
            return;
          }
          builtins.set(info.name, (builtins.get(info.name) ?? 0) + 1);
          if (!acceptsArgCount(info, node.args.length)) {
            callProblems.add(`${info.name} with ${node.args.length} arguments (${file.path})`);
          }
        });
      }
    }

    for (const [value, expr] of distinct) {
      const back = parseExpression(printExpressionString(expr));
      if (!back.ok || !sameStructure(back.expr, expr)) roundTripFailures.push(value.slice(0, 200));
    }

    console.log(
      `corpus: ${files.length} files, ${expressions} expression strings (${distinct.size} distinct), ` +
        `${literals} literal strings, ${builtins.size} distinct built-in functions, ${userFunctions.size} user functions`,
    );

    expect(parseFailures).toEqual([]);
    expect([...callProblems]).toEqual([]);
    expect(positionFailures).toEqual([]);
    expect(roundTripFailures).toEqual([]);
    expect(expressions).toBeGreaterThan(150_000);
    expect(builtins.size).toBeGreaterThan(100);
  });
});
