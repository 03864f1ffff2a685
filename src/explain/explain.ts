// `armlint explain`: why one resource waits (or does not wait) for another, edge by edge with source lines, or the missing link.
import { relative, resolve, sep } from "node:path";
import type { Analysis } from "../analyze.js";
import type { Edge, GraphNode, Use } from "../graph/types.js";
import { dependsOnEntry, bicepReference, isBicepGenerated } from "../../rules/util.js";
import { ancestry, bare, conditionText, describe, fullName, nodePath, realNode, waitNode } from "../render/names.js";

export interface SourcePlace {
  /** As shown (relative to the working folder). */
  file: string;
  line: number;
  column: number;
  /** The source line, trimmed (cut when long). */
  text: string;
}

/** One step of a dependency path, as people read it. */
export interface Step {
  from: GraphNode;
  to: GraphNode;
  /** `dependsOn`, `reference`, `contains`, `inside`. */
  kind: "dependsOn" | "reference" | "list" | "output" | "contains" | "inside";
  /** The dependsOn entry or expression behind the edge. */
  text: string;
  at: SourcePlace | undefined;
}

export interface Placement {
  /** What gets the dependsOn entry: the resource, or a module around it. */
  holder: GraphNode;
  /** What the entry names: the target, or a module around it. */
  target: GraphNode;
  entry: string;
  /** The target already waits for the holder: the entry would close a cycle. */
  cycle: boolean;
}

export interface PairExplanation {
  resource: GraphNode;
  target: GraphNode;
  /** RESOURCE starts only after TARGET is done. */
  waits: boolean;
  /** The shortest chain of edges that makes it wait. */
  path: Step[] | undefined;
  /** For a module that does not wait: a path by which it still finishes after TARGET (something inside it waits). */
  finishesAfter: Step[] | undefined;
  /** TARGET waits for RESOURCE (the other way round). */
  reverse: Step[] | undefined;
  /** What RESOURCE (or what is inside it) uses of TARGET: the reason it may need to wait. */
  uses: { user: GraphNode; use: Use; at: SourcePlace | undefined }[];
  /** Where a dependsOn entry would make it wait, best first. */
  placements: Placement[];
  /** One is inside the other (a module and what it contains): they cannot wait for each other that way. */
  containment: "resource-in-target" | "target-in-resource" | undefined;
  notes: string[];
}

export interface NodeExplanation {
  resource: GraphNode;
  at: SourcePlace | undefined;
  wave: number | undefined;
  waves: number;
  /** Direct dependencies of the resource (a module's own, before it starts). */
  waitsFor: Step[];
  /** Direct dependents. */
  waitedForBy: Step[];
  /** Enclosing modules, innermost first: the resource also waits for what they wait for. */
  modules: GraphNode[];
  /** Resources a module contains (directly). */
  contains: number;
  /** Transitive counts (resources and modules, not counting the resource itself). */
  allWaitsFor: number;
  allWaitedForBy: number;
}

/** Why `resource` waits (or does not wait) for `target`. */
export function explainPair(analysis: Analysis, resource: GraphNode, target: GraphNode, cwd: string = process.cwd()): PairExplanation {
  const graph = analysis.graph!;
  const a = realNode(resource);
  const b = realNode(target);
  const steps = (edges: Edge[] | undefined): Step[] | undefined => (edges === undefined ? undefined : readableSteps(analysis, edges, cwd));
  const path = a === b ? undefined : steps(graph.path(waitNode(a), b));
  const containment = ancestry(a).includes(b) && a !== b ? "resource-in-target" : ancestry(b).includes(a) && a !== b ? "target-in-resource" : undefined;
  const result: PairExplanation = { resource: a, target: b, waits: path !== undefined, path, finishesAfter: undefined, reverse: undefined, uses: [], placements: [], containment, notes: [] };
  if (a === b) {
    result.notes.push("RESOURCE and TARGET are the same resource.");
    return result;
  }
  if (path === undefined && a.kind === "deployment") result.finishesAfter = steps(graph.path(a, b));
  if (path === undefined) result.reverse = steps(graph.path(waitNode(b), a));
  // What the resource (or anything inside it, for a module) uses of the target or of anything inside it.
  const inside = (n: GraphNode, outer: GraphNode): boolean => ancestry(n).includes(outer);
  for (const user of containment === undefined ? graph.resources : []) {
    if (!inside(user, a)) continue;
    for (const use of user.uses) {
      if (!inside(realNode(use.target), b)) continue;
      if (result.uses.some((u) => u.user === user && u.use.span.offset === use.span.offset && u.use.kind === use.kind)) continue;
      result.uses.push({ user, use, at: place(analysis, use.file, use.span.offset, cwd) });
    }
  }
  if (!result.waits) {
    if (containment !== undefined) {
      // Said in the headline.
    } else if (b.existing) result.notes.push(`${describe(b)} is 'existing': ARM does not deploy it, so there is nothing to wait for.`);
    else {
      for (const holder of ancestry(a)) {
        const t = ancestry(b).find((n) => n.decl.scope === holder.decl.scope);
        if (t === undefined || t === holder) continue;
        result.placements.push({ holder, target: t, entry: dependsOnEntry(t, analysis), cycle: graph.reaches(waitNode(t), holder) });
      }
      if (result.placements.length === 0) result.notes.push("They share no template where a dependsOn entry could go (a linked template that was not loaded?).");
    }
  }
  const condition = conditionText(b);
  if (condition !== null && !b.existing) result.notes.push(`${describe(b)} is deployed only if ${bare(condition)}: when it is not, ARM drops the dependency.`);
  return result;
}

/** What a resource waits for and what waits for it. */
export function explainNode(analysis: Analysis, resource: GraphNode, cwd: string = process.cwd()): NodeExplanation {
  const graph = analysis.graph!;
  const a = realNode(resource);
  const waits = graph.waves();
  const wave = waits.findIndex((w) => w.includes(a));
  const own = waitNode(a).out.filter((e) => e.kind === "explicit" || e.kind === "implicit");
  const by = a.in.filter((e) => e.kind === "explicit" || e.kind === "implicit");
  return {
    resource: a,
    at: place(analysis, a.decl.scope.file, a.decl.json.offset, cwd),
    wave: wave < 0 ? undefined : wave + 1,
    waves: waits.length,
    waitsFor: readableSteps(analysis, own, cwd),
    waitedForBy: readableSteps(analysis, by, cwd),
    modules: ancestry(a).slice(1),
    contains: a.kind === "deployment" ? a.out.filter((e) => e.kind === "contains" && e.to.kind !== "deployment-start").length : 0,
    allWaitsFor: reachable(waitNode(a), "out", a),
    allWaitedForBy: reachable(a, "in", a),
  };
}

/** Real nodes reachable from `start` along `out` or `in` edges, not counting `self` and its modules. */
function reachable(start: GraphNode, direction: "out" | "in", self: GraphNode): number {
  const seen = new Set<GraphNode>([start]);
  const stack = [start];
  while (stack.length > 0) {
    const n = stack.pop()!;
    for (const e of n[direction]) {
      const m = direction === "out" ? e.to : e.from;
      if (seen.has(m)) continue;
      seen.add(m);
      stack.push(m);
    }
  }
  const frame = new Set(ancestry(self));
  let count = 0;
  for (const n of seen) if (n.kind !== "deployment-start" && !frame.has(n)) count++;
  return count;
}

function readableSteps(analysis: Analysis, edges: readonly Edge[], cwd: string): Step[] {
  const out: Step[] = [];
  for (const e of edges) {
    // A module waiting for its own start is how the engine models "before it starts": not a step people see.
    if (e.kind === "contains" && e.to.kind === "deployment-start") continue;
    const from = realNode(e.from);
    const to = realNode(e.to);
    let kind: Step["kind"];
    if (e.kind === "explicit") kind = "dependsOn";
    else if (e.kind === "contains") kind = "contains";
    else if (e.kind === "inherits") kind = "inside";
    else if (to.kind === "deployment") kind = "output";
    else kind = /^\[?\s*list/i.test(e.label.trimStart()) ? "list" : "reference";
    // Containment edges point at the module's declaration: show its name.
    const module = e.kind === "contains" ? from : e.kind === "inherits" ? to : undefined;
    const at = place(analysis, e.file, module?.decl.nameNode?.offset ?? e.span.offset, cwd);
    out.push({ from, to, kind, text: e.label, at });
  }
  return out;
}

function place(analysis: Analysis, file: string, offset: number, cwd: string): SourcePlace | undefined {
  const source = analysis.sources.get(file) ?? (file === analysis.file ? analysis.source : undefined);
  if (source === undefined) return undefined;
  const { line, column } = source.positionAt(offset);
  const start = source.lineStarts[line - 1] ?? 0;
  const end = source.lineStarts[line] ?? source.text.length;
  const text = source.text.slice(start, end).trim();
  return { file: shown(file, cwd), line, column, text: text.length > 160 ? `${text.slice(0, 159)}…` : text };
}

function shown(file: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, file)) || file;
  return sep === "/" ? rel : rel.split(sep).join("/");
}

// ---- text ----

/** `KeyVault/vaults 'kv' (resources[0], main.json:12:5)`. */
export function nodeRef(n: GraphNode, analysis: Analysis, cwd: string): string {
  const at = place(analysis, n.decl.scope.file, n.decl.json.offset, cwd);
  return `${fullName(n)} (${nodePath(n)}${at === undefined ? "" : `, ${at.file}:${at.line}:${at.column}`})`;
}

function stepLine(s: Step): string {
  switch (s.kind) {
    case "dependsOn":
      return `${describe(s.from)} depends on ${describe(s.to)}: dependsOn ${JSON.stringify(s.text)}`;
    case "reference":
      return `${describe(s.from)} reads ${describe(s.to)} (implicit dependency): ${s.text}`;
    case "list":
      return `${describe(s.from)} calls list*() on ${describe(s.to)} (implicit dependency): ${s.text}`;
    case "output":
      return `${describe(s.from)} reads an output of ${describe(s.to)} (implicit dependency): ${s.text}`;
    case "contains":
      return `${describe(s.from)} contains ${describe(s.to)}, and a module finishes only after what it contains`;
    case "inside":
      return `${describe(s.from)} is inside ${describe(s.to)}, so it waits for what ${describe(s.to)} waits for`;
  }
}

function stepText(steps: readonly Step[], indent: string): string[] {
  const out: string[] = [];
  steps.forEach((s, i) => {
    out.push(`${indent}${i + 1}. ${stepLine(s)}`);
    if (s.at !== undefined) out.push(`${indent}   ${s.at.file}:${s.at.line}:${s.at.column}  ${s.at.text}`);
  });
  return out;
}

const USE_WORDS: Readonly<Record<Use["kind"], string>> = {
  resourceId: "refers to the id of",
  reference: "reads (reference())",
  list: "calls list*() on",
  scope: "is scoped to",
  parent: "is a child of",
  output: "reads an output of",
};

export function formatPair(analysis: Analysis, x: PairExplanation, cwd: string): string {
  const A = describe(x.resource);
  const B = describe(x.target);
  const out: string[] = [];
  out.push(`RESOURCE ${nodeRef(x.resource, analysis, cwd)}`);
  out.push(`TARGET   ${nodeRef(x.target, analysis, cwd)}`);
  out.push("");
  if (x.waits && x.path !== undefined) {
    const n = x.path.length;
    out.push(`Yes: ${A} waits for ${B}, through ${n} ${n === 1 ? "edge" : "edges"}:`);
    out.push(...stepText(x.path, "  "));
  } else if (x.resource === x.target) {
    out.push(x.notes[0] ?? "");
    return `${out.join("\n")}\n`;
  } else if (x.containment === "resource-in-target") {
    out.push(`No: ${A} is inside ${B}, and a module finishes only after what it contains, so nothing inside it can wait for it.`);
  } else if (x.containment === "target-in-resource") {
    out.push(`No: ${B} is inside ${A}: the module starts before what it contains (and finishes after it).`);
  } else {
    out.push(`No: ${A} does not wait for ${B}, so ARM may deploy them in parallel${x.reverse === undefined ? "" : ` (in fact ${B} waits for ${A})`}.`);
    if (x.finishesAfter !== undefined) {
      out.push("");
      out.push(`${A} starts without waiting, though something inside it waits, so the module finishes after ${B}:`);
      out.push(...stepText(x.finishesAfter, "  "));
    }
    if (x.reverse !== undefined) {
      out.push("");
      out.push(`${B} waits for ${A}:`);
      out.push(...stepText(x.reverse, "  "));
    }
  }
  out.push("");
  if (x.containment !== undefined) {
    // What a module contains is its own business.
  } else if (x.uses.length === 0) out.push(`${A} does not use ${B} (no reference(), resourceId(), list*(), scope or parent name), so it needs no order.`);
  else {
    out.push(`Why it matters: ${A}${x.uses.some((u) => u.user !== x.resource) ? " (or what is inside it)" : ""} uses ${B}:`);
    for (const u of x.uses.slice(0, 8)) {
      const who = u.user === x.resource ? "" : `${describe(u.user)} `;
      const target = realNode(u.use.target) === x.target ? "it" : describe(u.use.target);
      out.push(`  - ${who}${USE_WORDS[u.use.kind]} ${target}: ${u.use.text}`);
      if (u.at !== undefined) out.push(`    ${u.at.file}:${u.at.line}:${u.at.column}  ${u.at.text}`);
    }
    if (x.uses.length > 8) out.push(`  … and ${x.uses.length - 8} more`);
  }
  // Nothing to add when nothing is used and the other order already holds.
  if (!x.waits && x.placements.length > 0 && (x.uses.length > 0 || x.reverse === undefined)) {
    out.push("");
    const where = (p: Placement): string => (p.holder === x.resource ? "its dependsOn" : `the dependsOn of ${nodeRef(p.holder, analysis, cwd)}`);
    const [best, ...others] = x.placements;
    out.push(x.uses.length > 0 ? "The missing link:" : "To make it wait anyway:");
    const modules = (n: GraphNode): string => {
      const chain = ancestry(n).slice(1);
      return chain.length === 0 ? "at the root template" : `inside ${chain.map(describe).join(" inside ")}`;
    };
    out.push(`  ${A} is ${modules(x.resource)}; ${B} is ${modules(x.target)}.`);
    if (best !== undefined) {
      const via = best.target === x.target ? "" : ` (the module that deploys ${B})`;
      out.push(`  Add ${JSON.stringify(best.entry)}${via} to ${where(best)}: they are declared in the same template.`);
      if (best.cycle) out.push(`  Careful: ${describe(best.target)} already waits for ${describe(best.holder)}; the entry would make a cycle.`);
      if (isBicepGenerated(analysis)) {
        const on = best.holder === x.resource ? "" : ` on module ${bicepReference(best.holder)}`;
        out.push(`  In the Bicep source${on}: dependsOn: [${bicepReference(best.target)}]`);
      }
    }
    for (const p of others) out.push(`  Or: add ${JSON.stringify(p.entry)} to ${where(p)}${p.cycle ? " (would make a cycle)" : ""}.`);
  }
  const notes = x.notes.filter((n) => n !== "");
  if (notes.length > 0) {
    out.push("");
    for (const n of notes) out.push(`Note: ${n}`);
  }
  while (out.at(-1) === "") out.pop();
  return `${out.join("\n")}\n`;
}

export function formatNode(analysis: Analysis, x: NodeExplanation, cwd: string): string {
  const A = describe(x.resource);
  const out: string[] = [];
  out.push(nodeRef(x.resource, analysis, cwd));
  if (x.modules.length > 0) out.push(`  inside ${x.modules.map(describe).join(" inside ")}`);
  out.push(x.wave === undefined ? "  in a dependency cycle: ARM cannot order it" : `  creation wave ${x.wave} of ${x.waves}`);
  if (x.resource.kind === "deployment") out.push(`  contains ${x.contains} ${x.contains === 1 ? "resource" : "resources"}`);
  out.push("");
  out.push(`${A} waits for (${x.waitsFor.length}):`);
  if (x.waitsFor.length === 0) out.push("  nothing directly");
  for (const s of x.waitsFor) out.push(...directLine(s, s.to));
  const module = x.modules[0];
  if (module !== undefined) out.push(`  and, being inside ${describe(module)}, everything ${describe(module)} waits for`);
  out.push("");
  out.push(`Waited for by (${x.waitedForBy.length}):`);
  if (x.waitedForBy.length === 0) out.push("  nothing directly");
  for (const s of x.waitedForBy) out.push(...directLine(s, s.from));
  out.push("");
  out.push(`In all, ${A} waits for ${x.allWaitsFor} ${x.allWaitsFor === 1 ? "resource" : "resources"} and ${x.allWaitedForBy} ${x.allWaitedForBy === 1 ? "waits" : "wait"} for it.`);
  return `${out.join("\n")}\n`;
}

function directLine(s: Step, other: GraphNode): string[] {
  const how = s.kind === "dependsOn" ? `dependsOn ${JSON.stringify(s.text)}` : `${s.kind}: ${s.text}`;
  const lines = [`  - ${describe(other)}  (${how})`];
  if (s.at !== undefined) lines.push(`    ${s.at.file}:${s.at.line}:${s.at.column}  ${s.at.text}`);
  return lines;
}
