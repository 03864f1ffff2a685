// `armlint plan FILE...`: per Foundry resource, creation waves, the guidance's teardown order and contradictions (text or JSON).
import { resolve } from "node:path";
import { analyzeFile } from "../analyze.js";
import { contradictionCount, formatPlanJson, formatPlanText } from "../plan/format.js";
import { planAnalysis, type FilePlan } from "../plan/plan.js";
import type { PlanOptions } from "./args.js";
import { discoverFiles } from "./discover.js";
import { useColor, type CliIO } from "./io.js";
import { writeOutputFile } from "./output.js";

/** Exit code: 2 when an input cannot be planned (missing, not JSON, not a template) or the output fails; 1 when the graph contradicts the guidance; else 0. */
export function runPlanCommand(options: PlanOptions, io: CliIO): number {
  const discovery = discoverFiles(options.paths, { cwd: io.cwd });
  for (const error of discovery.errors) io.writeErr(`armlint: ${error.message}\n`);
  const plans: FilePlan[] = discovery.files.map((file) => planAnalysis(analyzeFile(file.path)));
  for (const plan of plans) if (plan.error !== undefined) io.writeErr(`armlint: Cannot plan ${plan.file}: ${plan.error}\n`);
  const toFile = options.outputFile !== undefined;
  const output = options.format === "json" ? `${formatPlanJson(plans)}\n` : formatPlanText(plans, useColor(options.color, io, toFile));
  let written = true;
  if (options.outputFile === undefined) io.writeOut(output);
  else written = writeOutputFile(resolve(io.cwd, options.outputFile), output, io, "plan");
  if (discovery.errors.length > 0 || plans.some((p) => p.error !== undefined) || !written) return 2;
  return contradictionCount(plans) > 0 ? 1 : 0;
}
