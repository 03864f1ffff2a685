// Rule arm/invalid-expression: expressions ARM cannot parse or run (syntax, argument counts, self-referring variables).
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { acceptsArgCount, lookupFunction } from "../../src/expressions/functions.js";
import { expressionIndex } from "../expression-util.js";
import { spanInString } from "../util.js";

function arity(min: number, max: number): string {
  if (min === max) return `${min} argument${min === 1 ? "" : "s"}`;
  if (max === Infinity) return `at least ${min} argument${min === 1 ? "" : "s"}`;
  return `${min} to ${max} arguments`;
}

export default defineRule({
  meta: {
    id: "arm/invalid-expression",
    description: "Template expressions must be well-formed and call functions with a valid number of arguments.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/invalid-expression"),
  },
  check(context) {
    const { analysis } = context;
    const model = analysis.model;
    if (!model) return;
    const index = expressionIndex(model);
    for (const site of index.broken) {
      const r = site.result;
      if (r.ok) continue;
      context.report({
        span: spanInString(analysis, site.node, r.start, r.end),
        file: site.scope.file,
        message: `Invalid expression: ${r.message}`,
        data: { path: site.path, error: r.message },
      });
    }
    // Calls of one name (any casing) share their argument counts: look the function up once per name,
    // and visit the calls only when some of them pass too few or too many arguments. (forEach: this runs mostly
    // unoptimized, where for...of allocates an iterator and a result per name.)
    index.calls.forEach((group) => {
      const info = lookupFunction(group.name);
      if (!info || (acceptsArgCount(info, group.minArgs) && acceptsArgCount(info, group.maxArgs))) return;
      const { calls, sites } = group;
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i]!;
        if (acceptsArgCount(info, call.args.length)) continue;
        const site = sites[i]!;
        // The name as this call spells it (an unlisted list* function keeps its casing).
        const name = lookupFunction(call.name)?.name ?? info.name;
        context.report({
          span: spanInString(analysis, site.node, call.start, call.end),
          file: site.scope.file,
          message: `'${name}' takes ${arity(info.minArgs, info.maxArgs)} but is called with ${call.args.length}. Fix the call's arguments.`,
          data: { path: site.path, function: name },
        });
      }
    });
    // Problems the evaluator met: variables that refer to themselves.
    const engine = analysis.engine;
    if (!engine) return;
    let seen: Set<unknown> | undefined; // made on the first cycle (most templates have none)
    for (const p of engine.problems) {
      if (p.kind !== "variable-cycle" || !p.node || seen?.has(p.node) === true) continue;
      (seen ??= new Set()).add(p.node);
      context.report({
        node: p.node,
        file: p.scope.file,
        message: `${p.message} ARM cannot evaluate it; break the cycle.`,
        data: { problem: p.message },
      });
    }
  },
});
