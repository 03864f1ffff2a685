// Rule arm/undefined-symbol: parameters, variables, user functions and copy loops used but never declared.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { TemplateScope } from "../../src/model/types.js";
import { callsOf, inFunctionBody, literalArg, symbolScope } from "../expression-util.js";
import { spanInString } from "../util.js";
import { prop } from "../../src/model/build.js";
import type { JsonNode } from "../../src/load/json.js";

/** Copy loop names of a template (resource, property, variable and output loops): lowercased → as written. */
function loopNames(scope: TemplateScope): Map<string, string> {
  const names = new Map<string, string>();
  const stack: JsonNode[] = [scope.json];
  while (stack.length > 0) {
    const n = stack.pop()!;
    if (n.type === "object") {
      for (const p of n.properties) {
        if (p.key.toLowerCase() === "copy") {
          const entries = p.value.type === "array" ? p.value.items : [p.value];
          for (const e of entries) {
            const name = e.type === "object" ? prop(e, "name") : undefined;
            if (name?.type === "string") names.set(name.value.toLowerCase(), name.value);
          }
        }
        if (p.key.toLowerCase() === "template" && p.value.type === "object") continue;
        stack.push(p.value);
      }
    } else if (n.type === "array") stack.push(...n.items);
  }
  return names;
}

function suggest(name: string, candidates: Iterable<string>): string {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of candidates) {
    const d = distance(lower, c.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  return best !== undefined && bestScore <= Math.max(2, Math.floor(name.length / 3)) ? ` Did you mean '${best}'?` : "";
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export default defineRule({
  meta: {
    id: "arm/undefined-symbol",
    description: "parameters(), variables(), user-defined functions and copyIndex() loops must name something declared in the template.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/undefined-symbol"),
  },
  check(context) {
    const { analysis } = context;
    const model = analysis.model;
    if (!model) return;
    const loops = new Map<TemplateScope, Map<string, string>>();
    for (const site of model.expressions) {
      const scope = symbolScope(site.scope);
      for (const call of callsOf(site)) {
        const fn = call.name.toLowerCase();
        const report = (what: string, name: string, candidates: Iterable<string>): void => {
          context.report({
            span: spanInString(analysis, site.node, call.start, call.end),
            file: site.scope.file,
            message: `${what} '${name}' is not declared in this template.${suggest(name, candidates)} Declare it or fix the name.`,
            data: { kind: what, name, path: site.path },
          });
        };
        if (call.namespace !== undefined) {
          const key = `${call.namespace}.${call.name}`.toLowerCase();
          let found = false;
          for (let s: TemplateScope | undefined = site.scope; s; s = s.evaluation === "outer" ? s.parent : undefined) {
            if (s.functions.has(key)) found = true;
          }
          if (!found) report("User-defined function", `${call.namespace}.${call.name}`, [...scope.functions.values()].map((f) => `${f.namespace}.${f.name}`));
          continue;
        }
        const name = literalArg(call);
        if (name === undefined) continue;
        if (fn === "parameters") {
          if (inFunctionBody(site)) {
            const known = [...site.scope.functions.values()].some((f) => f.parameters.some((p) => p.toLowerCase() === name.toLowerCase()));
            if (!known) report("Function parameter", name, []);
          } else if (!scope.parameters.has(name.toLowerCase())) report("Parameter", name, [...scope.parameters.values()].map((p) => p.name));
        } else if (fn === "variables") {
          if (!scope.variables.has(name.toLowerCase())) report("Variable", name, [...scope.variables.values()].map((v) => v.name));
        } else if (fn === "copyindex") {
          let names = loops.get(site.scope);
          if (!names) {
            names = loopNames(site.scope);
            loops.set(site.scope, names);
          }
          if (!names.has(name.toLowerCase())) report("Copy loop", name, names.values());
        }
      }
    }
  },
});
