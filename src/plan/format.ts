// Plan output: the human-readable text of `armlint plan` and its JSON document (shape in src/plan/README.md).
import { styles, type Styles } from "../report/ansi.js";
import type { Contradiction, FilePlan, FoundryPlan, PlanResource } from "./plan.js";

/** Version of the JSON document's shape; bumped on incompatible changes. */
export const PLAN_JSON_VERSION = 1;

export function formatPlanText(plans: readonly FilePlan[], color: boolean): string {
  const s = styles(color);
  let out = "";
  let total = 0;
  let accounts = 0;
  for (const plan of plans) {
    out += `${s.underline(plan.file)}\n`;
    if (plan.error !== undefined) {
      out += `  ${s.red("not planned")}: ${plan.error}\n\n`;
      continue;
    }
    if (plan.foundryResources.length === 0) {
      out += "  No Foundry resource (Microsoft.CognitiveServices/accounts) with projects or connections in this template.\n\n";
      continue;
    }
    for (const fp of plan.foundryResources) {
      out += foundryText(fp, plan.file, s);
      total += fp.contradictions.length;
      accounts++;
    }
  }
  const summary =
    total === 0
      ? `No contradictions: the dependency graph follows the guidance's order (${accounts} Foundry ${accounts === 1 ? "resource" : "resources"}).`
      : `\u2716 ${total} ${total === 1 ? "contradiction" : "contradictions"} of the guidance's order (${accounts} Foundry ${accounts === 1 ? "resource" : "resources"}).`;
  return `${out}${total === 0 ? summary : s.red(s.bold(summary))}\n`;
}

function foundryText(fp: FoundryPlan, file: string, s: Styles): string {
  const where = fp.resource === undefined ? " (not deployed by this template)" : ` (${at(fp.resource, file)})`;
  let out = `  ${s.bold(`Foundry resource '${fp.name}'`)}${where}\n`;
  out += "    Creation waves the graph implies (ARM may run the resources of one wave in parallel; wave numbers count the whole template):\n";
  const width = Math.max(0, ...fp.waves.map((w) => String(w.wave).length));
  const labelWidth = Math.max(0, ...fp.waves.flatMap((w) => w.resources.map((r) => r.label.length)));
  for (const wave of fp.waves) {
    wave.resources.forEach((r, i) => {
      const head = i === 0 ? `wave ${String(wave.wave).padStart(width)}` : " ".repeat(5 + width);
      out += `      ${head}  ${r.label.padEnd(labelWidth)}  ${s.dim(at(r, file))}\n`;
    });
  }
  if (fp.unordered.length > 0) {
    out += `      ${s.red("no wave")} (dependency cycle): ${fp.unordered.map((r) => `${r.label} ${s.dim(`(${at(r, file)})`)}`).join(", ")}\n`;
  }
  out += "    Teardown order the guidance requires (one deployment per step: remove the step's resources from the template, deploy, then the next step):\n";
  for (const step of fp.teardown) {
    if (step.resources.length === 0) {
      out += `      ${step.step}. ${step.title}: ${s.dim("(none in this template)")}\n`;
      continue;
    }
    out += `      ${step.step}. ${step.title}:\n`;
    const width = Math.max(...step.resources.map((r) => r.label.length));
    for (const r of step.resources) out += `           ${r.label.padEnd(width)}  ${s.dim(at(r, file))}\n`;
  }
  if (fp.contradictions.length === 0) {
    out += "    Contradictions: none.\n\n";
    return out;
  }
  out += `    ${s.red(`Contradictions (${fp.contradictions.length}):`)}\n`;
  for (const c of fp.contradictions) out += `      ${s.dim(at(c.resource, file))}  ${s.red(c.phases.join(", "))}  ${c.message}${c.rule === undefined ? "" : s.dim(` [${c.rule}]`)}\n`;
  return `${out}\n`;
}

/** `line 12`, `other.json line 12` for a resource in a linked template, plus the modules around it. */
function at(r: PlanResource, file: string): string {
  const where = r.file === file ? `line ${r.line}` : `${r.file} line ${r.line}`;
  return r.modules.length === 0 ? where : `${where}, module ${r.modules.map((m) => `'${m}'`).join(" > ")}`;
}

/** The JSON document: `{ version, files: [...] }`, absent values as null. */
export function formatPlanJson(plans: readonly FilePlan[]): string {
  return JSON.stringify({
    version: PLAN_JSON_VERSION,
    files: plans.map((plan) => ({
      file: plan.file,
      error: plan.error ?? null,
      foundryResources: plan.foundryResources.map((fp) => ({
        name: fp.name,
        identity: fp.identity,
        resource: fp.resource ?? null,
        waves: fp.waves,
        unordered: fp.unordered,
        teardown: fp.teardown,
        contradictions: fp.contradictions.map(contradictionJson),
      })),
    })),
  });
}

function contradictionJson(c: Contradiction): Record<string, unknown> {
  return { kind: c.kind, phases: c.phases, message: c.message, resource: c.resource, other: c.other ?? null, rule: c.rule ?? null };
}

/** Total contradictions of some plans (for the exit code). */
export function contradictionCount(plans: readonly FilePlan[]): number {
  return plans.reduce((n, p) => n + p.foundryResources.reduce((m, fp) => m + fp.contradictions.length, 0), 0);
}
