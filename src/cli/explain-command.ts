// `armlint explain FILE RESOURCE [TARGET]`: why RESOURCE waits (or not) for TARGET, or what RESOURCE waits for and what waits for it.
import { explainNode, explainPair, formatNode, formatPair } from "../explain/explain.js";
import type { ExplainOptions } from "./args.js";
import { findResource, loadTemplate } from "./graph-command.js";
import type { CliIO } from "./io.js";

/** Exit codes: 0 when RESOURCE waits for TARGET (or no TARGET was given), 1 when it does not, 2 when it cannot tell. */
export async function runExplainCommand(options: ExplainOptions, io: CliIO): Promise<number> {
  const loaded = await loadTemplate(options.file, options, io, false);
  if (typeof loaded === "number") return loaded;
  const { analysis } = loaded;
  const resource = findResource(analysis, options.resource, "RESOURCE", io);
  if (resource === undefined) return 2;
  if (options.target === undefined) {
    io.writeOut(formatNode(analysis, explainNode(analysis, resource, io.cwd), io.cwd));
    return 0;
  }
  const target = findResource(analysis, options.target, "TARGET", io);
  if (target === undefined) return 2;
  const explanation = explainPair(analysis, resource, target, io.cwd);
  io.writeOut(formatPair(analysis, explanation, io.cwd));
  return explanation.waits ? 0 : 1;
}
