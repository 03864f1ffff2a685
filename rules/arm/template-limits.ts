// Rule arm/template-limits: ARM's documented template limits (resources, parameters, variables, outputs, size, expression length).
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { prop } from "../../src/model/build.js";

const LIMITS = { resources: 800, parameters: 256, variables: 512, outputs: 64, bytes: 4 * 1024 * 1024, expression: 24_576 };

export default defineRule({
  meta: {
    id: "arm/template-limits",
    description: "Templates must stay within ARM's limits: 800 resources (copies included), 256 parameters, 512 variables, 64 outputs, 4 MB, 24,576 characters per expression.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor("arm/template-limits"),
  },
  check(context) {
    const { analysis } = context;
    const model = analysis.model;
    const graph = analysis.graph;
    if (!model || !graph) return;
    const text = analysis.source?.text;
    // A UTF-16 code unit is at most 3 bytes of UTF-8: a text short enough is within the limit without counting its bytes.
    if (text !== undefined && text.length * 3 > LIMITS.bytes) {
      const bytes = Buffer.byteLength(text, "utf8");
      if (bytes > LIMITS.bytes) {
        context.report({
          span: { offset: 0, length: 1 },
          message: `The template is ${(bytes / 1048576).toFixed(1)} MB; ARM accepts at most 4 MB. Split it into linked templates or modules.`,
          data: { limit: "bytes" },
        });
      }
    }
    // Indexed loops: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator and its results.
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let s = 0; s < model.scopes.length; s++) {
      const scope = model.scopes[s]!;
      let count = 0;
      let unknownCounts = false;
      const nodes = graph.scopeNodes(scope);
      // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
      for (let i = 0; i < nodes.length; i++) {
        const n = nodes[i]!;
        if (n.existing) continue;
        const c = n.copy?.count;
        if (typeof c === "number") count += c;
        else if (c !== undefined) unknownCounts = true;
        else count += 1;
      }
      const at = (key: string) => {
        const node = prop(scope.json, key);
        return node ? { offset: node.offset, length: 1 } : { offset: scope.json.offset, length: 1 };
      };
      const report = (key: string, what: string, n: number, limit: number, extra = ""): void => {
        context.report({
          span: at(key),
          file: scope.file,
          message: `This template declares ${n} ${what}${extra}; ARM allows at most ${limit}. Move some into a module or linked template.`,
          data: { limit: key, scope: String(scope.id) },
        });
      };
      if (count > LIMITS.resources) report("resources", "resources", count, LIMITS.resources, unknownCounts ? " (copies included, not counting loops of unknown size)" : " (copies included)");
      if (scope.parameters.size > LIMITS.parameters) report("parameters", "parameters", scope.parameters.size, LIMITS.parameters);
      if (scope.variables.size > LIMITS.variables) report("variables", "variables", scope.variables.size, LIMITS.variables);
      if (scope.outputs.size > LIMITS.outputs) report("outputs", "outputs", scope.outputs.size, LIMITS.outputs);
    }
    const sites = model.expressions;
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let i = 0; i < sites.length; i++) {
      const site = sites[i]!;
      const len = site.node.value.length;
      if (len <= LIMITS.expression) continue;
      context.report({
        node: site.node,
        file: site.scope.file,
        message: `This expression is ${len} characters long; ARM allows at most ${LIMITS.expression}. Split it with variables.`,
        data: { limit: "expression", path: site.path },
      });
    }
  },
});
