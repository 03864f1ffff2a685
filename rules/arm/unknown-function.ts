// Rule arm/unknown-function: a well-formed call to a function armlint's function table does not know.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { lookupFunction } from "../../src/expressions/functions.js";
import { expressionIndex } from "../expression-util.js";
import { spanInString } from "../util.js";

export default defineRule({
  meta: {
    id: "arm/unknown-function",
    description: "Calls should name a known ARM template function (a new ARM function or a typo).",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor("arm/unknown-function"),
  },
  check(context) {
    const { analysis } = context;
    const model = analysis.model;
    if (!model) return;
    // Known or not is a matter of the name (any casing): look each name up once. (forEach: this runs mostly
    // unoptimized, where for...of allocates an iterator and an entry per name.)
    expressionIndex(model).calls.forEach((group, name) => {
      if (lookupFunction(name)) return;
      const { calls, sites } = group;
      for (let i = 0; i < calls.length; i++) {
        const call = calls[i]!;
        const site = sites[i]!;
        context.report({
          span: spanInString(analysis, site.node, call.nameStart, call.nameEnd),
          file: site.scope.file,
          message: `Unknown template function '${call.name}'. Check the spelling; if ARM added it recently, disable this rule for the line.`,
          data: { function: name },
        });
      }
    });
  },
});
