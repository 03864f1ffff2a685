// Property test over real templates: corpus templates with random edits (values swapped, keys dropped, expression
// text garbled) lint without an internal error, whatever the edits break.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../../rules/index.js";
import { defaultConfig } from "../../src/runner/config.js";
import { lintText } from "../../src/runner/lint.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Step = string | number;

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const CORPUS = path.resolve(ROOT, "../shared/corpus");
const MANIFEST = path.join(CORPUS, "manifest.jsonl");
const available = existsSync(MANIFEST);
if (!available) console.warn(`mutation tests skipped: no corpus manifest at ${MANIFEST}`);

/** Values a mutation puts in place of a node: wrong types, edge numbers, and expressions that are odd, wrong or broken. */
const VALUES: readonly Json[] = [
  null, 0, -1, 1.5, 1e300, true, "", [], {}, "[[escaped]", "[]", "[ ]", "[(]", "[concat('a',)]", "[parameters('x')]",
  "[variables('nope')]", "[parameters(1)]", "[variables(parameters('p'))]", "[concat()]", "[resourceId()]", "[resourceId('a')]",
  "[reference('a').b]", "[reference()]", "[listKeys()]", "[copyIndex()]", "[copyIndex('zz')]", "[format('{0}')]",
  "[split(null(), '/')[5]]", "[createArray()[0]]", "[createArray(null(), 1)[0]]", "[json('')]", "[union()]", "[range(0, -1)]",
  "[skip('a', -5)]", "[take(createArray(1), 99999999999)]", "[substring('abc', 5, 2)]", "[last('')]", "[first(createArray())]",
  "[if(true(), 1)]", "[int('x')]", "[div(1, 0)]", "[mod(1, 0)]", "[padLeft('a', 100000000, 'x')]", "[toLower(null())]",
  "[lambda('x', lambdaVariables('x'))]", "[map(createArray(1), lambda('x', lambdaVariables('y')))]", "[items(null())]",
  "[objectKeys(1)]", "[tryGet(createArray(1), 7)]", "[dateTimeAdd('x', 'y')]", "[guid()]", "[uniqueString()]",
  "[managementGroup().id]", "[tenant().x.y]", "[deployment().properties.templateLink.uri]", "[environment()]",
  "[subscriptionResourceId()]", "[extensionResourceId('x')]", "Microsoft.CognitiveServices/accounts",
  "Microsoft.CognitiveServices/accounts/connections", "Microsoft.Resources/deployments", "AzureKeyVault", "Inner", "Outer", "2.0",
];
const FUNCTIONS = ["concat", "format", "resourceId", "reference", "parameters", "variables", "copyIndex", "split", "if", "union", "json", "length", "coalesce", "last", "skip", "replace", "toLower", "listKeys", "tryGet", "filter", "map", "range"];
const INSERTS = ["(", ")", ",", "'", "[", "]", ".", " ", "0", "-", "{0}", "null()", "x"];

/** Every node of a tree with its path (the root first). */
function nodes(value: Json, at: Step[] = [], out: [Step[], Json][] = []): [Step[], Json][] {
  out.push([at, value]);
  if (Array.isArray(value)) value.forEach((item, i) => nodes(item, [...at, i], out));
  else if (value !== null && typeof value === "object") for (const [key, item] of Object.entries(value)) nodes(item, [...at, key], out);
  return out;
}

/** The tree with the node at `at` (not the root) replaced, or removed when `value` is undefined. */
function replaced(root: Json, at: readonly Step[], value: Json | undefined): Json {
  let parent = root as Record<Step, Json> & Json[];
  for (const step of at.slice(0, -1)) parent = parent[step] as Record<Step, Json> & Json[];
  const last = at[at.length - 1]!;
  if (value !== undefined) parent[last] = value;
  else if (Array.isArray(parent)) parent.splice(last as number, 1);
  else Reflect.deleteProperty(parent, last);
  return root;
}

/** Garbles an expression's text: drops or inserts a character, renames a call, or doubles the expression into a call. */
function garbled(text: string, op: number, at: number, pick: number): string {
  const i = 1 + (at % Math.max(1, text.length - 2));
  switch (op % 4) {
    case 0:
      return text.slice(0, i) + text.slice(i + 1);
    case 1:
      return text.slice(0, i) + INSERTS[pick % INSERTS.length]! + text.slice(i);
    case 2:
      return text.replace(/[A-Za-z]+\(/, `${FUNCTIONS[pick % FUNCTIONS.length]!}(`);
    default: {
      const body = text.slice(1, -1);
      return `[${FUNCTIONS[pick % FUNCTIONS.length]!}(${body}, ${body})]`;
    }
  }
}

interface Mutation {
  kind: number;
  node: number;
  pick: number;
  at: number;
}

const mutation = fc.record({ kind: fc.nat(99), node: fc.nat(), pick: fc.nat(), at: fc.nat() });

/** Applies one mutation: garble an expression (40 %), remove a node (15 %), or replace one with a value or a copy of another node. */
function mutate(root: Json, m: Mutation): Json {
  const all = nodes(root).slice(1);
  if (all.length === 0) return root;
  if (m.kind < 40) {
    const expressions = all.filter(([, v]) => typeof v === "string" && v.startsWith("[") && v.endsWith("]") && v.length > 3);
    if (expressions.length > 0) {
      const [at, text] = expressions[m.node % expressions.length]!;
      return replaced(root, at, garbled(text as string, m.kind, m.at, m.pick));
    }
  }
  const [at] = all[m.node % all.length]!;
  if (m.kind < 55) return replaced(root, at, undefined);
  const value = m.kind < 75 ? all[m.pick % all.length]![1] : VALUES[m.pick % VALUES.length]!;
  return replaced(root, at, structuredClone(value));
}

(available ? describe : describe.skip)("corpus templates with random edits", () => {
  // Strict JSON files of moderate size (the big ones would make each run slow, not the test stronger).
  const files = available
    ? readFileSync(MANIFEST, "utf8")
        .split("\n")
        .filter((l) => l.trim() !== "")
        .map((l) => JSON.parse(l) as { path: string; bytes: number; parse_mode: string })
        .filter((m) => m.parse_mode === "strict" && m.bytes < 200_000)
        .map((m) => m.path)
    : [];
  const config = defaultConfig({ builtinRules });

  it("lint without an internal error and without throwing", () => {
    expect(files.length).toBeGreaterThan(1000);
    fc.assert(
      fc.property(fc.nat(files.length - 1), fc.array(mutation, { minLength: 1, maxLength: 4 }), (index, mutations) => {
        const file = files[index]!;
        let root = JSON.parse(readFileSync(path.join(CORPUS, file), "utf8")) as Json;
        for (const m of mutations) root = mutate(root, m);
        const result = lintText(JSON.stringify(root, null, 2), path.join(CORPUS, file), config, { cwd: CORPUS });
        const internal = result.diagnostics.filter((d) => d.ruleId === "armlint/internal-error").map((d) => d.message);
        expect(internal, file).toEqual([]);
      }),
      { numRuns: 1000, seed: 20261128 },
    );
  }, 300_000);
});
