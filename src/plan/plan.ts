// Foundry plan: per Foundry resource, the creation waves the graph implies, the guidance's teardown order, and where the graph contradicts them.
import type { Analysis } from "../analyze.js";
import { displayText } from "../expressions/values.js";
import type { DependencyGraph, GraphNode } from "../graph/types.js";
import { capitalize } from "../text/case.js";
import {
  compareSource,
  connectionsByParent,
  foundryModel,
  grantLabel,
  isDeployed,
  mutuallyExclusive,
  nameSite,
  parallelLoop,
  prerequisites,
  segmentLabel,
  type Connection,
  type FoundryAccount,
  type FoundryModel,
} from "../../rules/foundry/domain.js";

export type PlanRole = "foundry-resource" | "project" | "key-vault-connection" | "connection" | "key-vault-access" | "key-vault";

export interface PlanResource {
  role: PlanRole;
  /** Readable label: `connection 'search' (project 'main')`. */
  label: string;
  /** Readable full name (`{parameters('accountName')}/kv-connection`). */
  name: string;
  type: string;
  /** Readable resource id (`{…}` for parts known only at deployment). */
  id: string;
  /** Canonical identity (lowercase, readable): what `armlint diff` matches versions by. */
  identity: string;
  /** Where it is declared (a linked template's path when it lives there). */
  file: string;
  line: number;
  column: number;
  /** Enclosing modules (nested deployments), outermost first. */
  modules: string[];
}

export interface PlanWave {
  /** 1-based creation wave of the whole template: a resource starts once every earlier wave it waits for is done. */
  wave: number;
  resources: PlanResource[];
}

export interface TeardownStep {
  step: number;
  title: string;
  /** Empty when the template has none (or does not deploy them). */
  resources: PlanResource[];
}

export type Phase = "creation" | "teardown";

export type ContradictionKind =
  /** A connection that does not wait for the Key Vault connection. */
  | "connection-before-key-vault-connection"
  /** A connection that does not wait for the Foundry resource's grant on the vault. */
  | "connection-before-key-vault-access"
  /** The Key Vault connection waits for another connection. */
  | "key-vault-connection-after-connection"
  /** Connections of one project (or of the Foundry resource) with no order between them. */
  | "parallel-connections"
  /** A project or connection that does not wait for its parent. */
  | "child-before-parent"
  /** A project that waits for a connection: reversing the graph deletes the project first. */
  | "project-after-connection";

export interface Contradiction {
  kind: ContradictionKind;
  /** Which order it breaks: creation, teardown, or both. */
  phases: Phase[];
  message: string;
  /** The resource the contradiction is about (where a dependsOn would change). */
  resource: PlanResource;
  /** The other resource of the pair; undefined for a copy loop that runs its own instances in parallel. */
  other: PlanResource | undefined;
  /** The lint rule that reports it with a fix, when one does. */
  rule: string | undefined;
}

export interface FoundryPlan {
  /** Readable name of the Foundry resource. */
  name: string;
  /** Canonical identity (lowercase, readable). */
  identity: string;
  /** The declaration that deploys the Foundry resource; undefined when it is `existing` or not declared here. */
  resource: PlanResource | undefined;
  waves: PlanWave[];
  /** Resources in a dependency cycle: ARM cannot order them at all (see arm/dependency-cycle). */
  unordered: PlanResource[];
  teardown: TeardownStep[];
  contradictions: Contradiction[];
}

export interface FilePlan {
  file: string;
  /** Why there is no plan (not a template, unreadable); undefined when the file was planned. */
  error: string | undefined;
  foundryResources: FoundryPlan[];
}

/** The plan of an analyzed template. */
export function planAnalysis(analysis: Analysis): FilePlan {
  const plan: FilePlan = { file: analysis.file, error: undefined, foundryResources: [] };
  if (!analysis.isTemplate) {
    plan.error = analysis.diagnostics[0]?.message ?? "Not an ARM deployment template.";
    return plan;
  }
  const fm = foundryModel(analysis);
  if (fm === undefined) return plan;
  const waveOf = new Map<GraphNode, number>();
  fm.graph.waves().forEach((wave, i) => {
    for (const node of wave) waveOf.set(node, i + 1);
  });
  for (const account of fm.accounts) {
    const p = new AccountPlanner(fm, account, waveOf);
    if (p.members.length > 0) plan.foundryResources.push(p.plan());
  }
  return plan;
}

class AccountPlanner {
  readonly projects: GraphNode[];
  readonly others: Connection[];
  readonly grants: { node: GraphNode; label: string }[] = [];
  readonly vaults: GraphNode[] = [];
  readonly members: GraphNode[];
  readonly #resources = new Map<GraphNode, PlanResource>();
  readonly #contradictions: Contradiction[] = [];

  constructor(
    readonly fm: FoundryModel,
    readonly account: FoundryAccount,
    readonly waveOf: ReadonlyMap<GraphNode, number>,
  ) {
    this.projects = account.projects.filter((p) => isDeployed(p, fm.engine));
    this.others = account.connections.filter((c) => !c.isKeyVault);
    for (const k of account.keyVaultConnections) {
      const vault = k.vault;
      if (vault === undefined) continue;
      for (const grant of fm.grantTargets(k)) {
        if (!this.grants.some((g) => g.node === grant.node)) this.grants.push({ node: grant.node, label: grantLabel(fm, grant, vault).replace(/^the /, "") });
      }
      if (vault.declared !== undefined && !this.vaults.includes(vault.declared)) this.vaults.push(vault.declared);
    }
    const members = [
      ...(account.declared !== undefined ? [account.declared] : []),
      ...this.projects,
      ...account.connections.map((c) => c.node),
      ...this.grants.map((g) => g.node),
      ...this.vaults,
    ];
    this.members = [...new Set(members)].sort(compareSource);
  }

  get graph(): DependencyGraph {
    return this.fm.graph;
  }

  plan(): FoundryPlan {
    const byWave = new Map<number, PlanResource[]>();
    const unordered: PlanResource[] = [];
    for (const node of this.members) {
      const wave = this.waveOf.get(node);
      if (wave === undefined) unordered.push(this.resource(node));
      else byWave.set(wave, [...(byWave.get(wave) ?? []), this.resource(node)]);
    }
    const waves = [...byWave.entries()].sort(([a], [b]) => a - b).map(([wave, resources]) => ({ wave, resources }));
    this.creationContradictions();
    this.teardownContradictions();
    const contradictions = this.#contradictions.sort(
      (a, b) => compareText(a.resource.file, b.resource.file) || a.resource.line - b.resource.line || a.resource.column - b.resource.column || compareText(a.message, b.message),
    );
    return {
      name: this.account.name,
      identity: displayText(this.account.key),
      resource: this.account.declared === undefined ? undefined : this.resource(this.account.declared),
      waves,
      unordered,
      teardown: this.teardown(),
      contradictions,
    };
  }

  teardown(): TeardownStep[] {
    const steps: TeardownStep[] = [
      { step: 1, title: "Remove every other connection (resource and project level)", resources: this.others.map((c) => this.resource(c.node)) },
      { step: 2, title: "Remove the Key Vault connection", resources: this.account.keyVaultConnections.map((c) => this.resource(c.node)) },
      { step: 3, title: "Remove the projects", resources: this.projects.map((p) => this.resource(p)) },
      { step: 4, title: "Remove the Foundry resource", resources: this.account.declared === undefined ? [] : [this.resource(this.account.declared)] },
    ];
    if (this.vaults.length > 0) {
      steps.push({
        step: 5,
        title: "Remove the Key Vault, if it goes too (never before the Key Vault connection: deleting it breaks the Foundry resource)",
        resources: this.vaults.map((v) => this.resource(v)),
      });
    }
    return steps;
  }

  creationContradictions(): void {
    const { graph, fm } = this;
    // Connections that must wait for the Key Vault steps: the others, and loops that make the Key Vault connection and others.
    for (const c of this.account.connections.filter((x) => !x.isKeyVault || x.instances !== undefined)) {
      const p = prerequisites(fm, c);
      if (p.keyVault?.sameLoop === true) {
        this.add("connection-before-key-vault-connection", ["creation", "teardown"], c.node, undefined, "foundry/connection-depends-on-key-vault",
          `${capitalize(this.label(c.node))} comes from a copy loop that also creates other connections, and the loop does not finish the Key Vault connection first: ARM may create them with or before it, ` +
            `though the guidance creates the Key Vault connection before every other connection.`);
      } else if (p.keyVault !== undefined) {
        const k = p.keyVault.keyVaultConnection;
        this.add("connection-before-key-vault-connection", ["creation", "teardown"], c.node, k.node, "foundry/connection-depends-on-key-vault",
          `${capitalize(this.label(c.node))} does not wait for ${this.label(k.node)}: ARM may create it first, though the guidance creates the Key Vault connection before every other connection; ` +
            `and a teardown that reverses the graph may delete the Key Vault connection while it still exists.`);
      }
      if (p.grant !== undefined) {
        const grant = p.grant.grant.node;
        this.add("connection-before-key-vault-access", ["creation"], c.node, grant, "foundry/connection-depends-on-key-vault-access",
          `${capitalize(this.label(c.node))} does not wait for ${this.label(grant)}: ARM may create it before the Foundry resource can use the vault.`);
      }
    }
    for (const k of this.account.keyVaultConnections) {
      for (const c of this.others) {
        if (!graph.reaches(k.node, c.node)) continue;
        this.add("key-vault-connection-after-connection", ["creation", "teardown"], k.node, c.node, "foundry/key-vault-connection-order",
          `${capitalize(this.label(k.node))} waits for ${this.label(c.node)}: ARM creates it later, though the guidance creates the Key Vault connection first; ` +
            `and a teardown that reverses the graph deletes it earlier, though the guidance deletes it after every other connection.`);
      }
    }
    this.parallelConnections();
    this.parents();
  }

  parallelConnections(): void {
    const { graph, fm } = this;
    for (const sorted of connectionsByParent(this.account.connections)) {
      sorted.forEach((c, j) => {
        const loop = parallelLoop(fm, c.node);
        if (loop !== undefined) {
          this.add("parallel-connections", ["creation"], c.node, undefined, "foundry/serialize-connections",
            `${capitalize(this.label(c.node))} is created by a copy loop (count ${String(loop.copy?.count ?? "?")}) whose instances run in parallel; the service rejects concurrent connection creation on one project (409 Conflict).`);
        }
        for (const s of sorted.slice(0, j)) {
          // A pair with the Key Vault connection is the Key Vault contradiction above, not a second one.
          if (c.isKeyVault || s.isKeyVault || s.node.identity === c.node.identity || mutuallyExclusive(fm, s.node, c.node)) continue;
          if (graph.reaches(c.node, s.node) || graph.reaches(s.node, c.node)) continue;
          this.add("parallel-connections", ["creation"], c.node, s.node, "foundry/serialize-connections",
            `${capitalize(this.label(c.node))} and ${this.label(s.node)} have no dependency between them: ARM may create them in parallel, and the service rejects concurrent connection creation on one project (409 Conflict).`);
        }
      });
    }
  }

  parents(): void {
    const declared = this.account.declared;
    const parentOf = (node: GraphNode, key: string): GraphNode | undefined => {
      if (node.decl.parentDecl !== undefined) return undefined; // nested in its parent's declaration
      if (key === this.account.key) return declared;
      return this.projects.find((p) => p.identity === key);
    };
    const check = (node: GraphNode, parent: GraphNode | undefined): void => {
      if (parent === undefined || parent === node || this.graph.reaches(node, parent)) return;
      this.add("child-before-parent", ["creation"], node, parent, "arm/missing-dependency",
        `${capitalize(this.label(node))} does not wait for its parent ${this.label(parent)}: ARM may start it before the parent exists.`);
    };
    for (const p of this.projects) check(p, parentOf(p, this.account.key));
    for (const c of this.account.connections) check(c.node, parentOf(c.node, c.parentKey));
  }

  teardownContradictions(): void {
    for (const p of this.projects) {
      for (const c of this.account.connections) {
        if (!this.graph.reaches(p, c.node)) continue;
        this.add("project-after-connection", ["creation", "teardown"], p, c.node, undefined,
          `${capitalize(this.label(p))} waits for ${this.label(c.node)}: ARM creates the project later, though the guidance creates projects before connections; ` +
            `and a teardown that reverses the graph deletes the project first, though the guidance deletes connections and the Key Vault connection before projects.`);
      }
    }
  }

  add(kind: ContradictionKind, phases: Phase[], node: GraphNode, other: GraphNode | undefined, rule: string | undefined, message: string): void {
    this.#contradictions.push({ kind, phases, message, resource: this.resource(node), other: other === undefined ? undefined : this.resource(other), rule });
  }

  resource(node: GraphNode): PlanResource {
    let r = this.#resources.get(node);
    if (r === undefined) {
      r = planResource(this.fm, node, this.role(node), this.label(node));
      this.#resources.set(node, r);
    }
    return r;
  }

  role(node: GraphNode): PlanRole {
    if (node === this.account.declared) return "foundry-resource";
    if (this.projects.includes(node)) return "project";
    const c = this.account.connections.find((x) => x.node === node);
    if (c !== undefined) return c.isKeyVault ? "key-vault-connection" : "connection";
    if (this.vaults.includes(node)) return "key-vault";
    return "key-vault-access";
  }

  label(node: GraphNode): string {
    const { fm } = this;
    if (node === this.account.declared) return `Foundry resource '${this.account.name}'`;
    if (this.projects.includes(node)) return `project '${segmentLabel(fm.analysis, fm.engine, node.decl, 1)}'`;
    const c = this.account.connections.find((x) => x.node === node);
    if (c !== undefined) {
      if (c.isKeyVault) return `Key Vault connection '${c.name}'`;
      return c.level === "project" ? `connection '${c.name}' (project '${c.parentName}')` : `connection '${c.name}'`;
    }
    const grant = this.grants.find((g) => g.node === node);
    if (grant !== undefined) return grant.label;
    if (this.vaults.includes(node)) return `Key Vault '${segmentLabel(fm.analysis, fm.engine, node.decl, 0)}'`;
    if (node.kind === "deployment") return `module '${node.decl.symbolicName ?? node.displayName}'`;
    return `'${node.displayName}'`;
  }
}

function planResource(fm: FoundryModel, node: GraphNode, role: PlanRole, label: string): PlanResource {
  const file = node.decl.scope.file;
  const site = nameSite(node);
  const source = fm.analysis.sources.get(file) ?? (file === fm.analysis.file ? fm.analysis.source : undefined);
  const at = source?.positionAt(site.offset) ?? { line: 1, column: 1 };
  const modules: string[] = [];
  for (let cur = node.deployment; cur !== undefined; cur = cur.deployment) modules.unshift(cur.decl.symbolicName ?? cur.displayName);
  return { role, label, name: node.displayName, type: node.type, id: node.displayId, identity: displayText(node.identity), file, line: at.line, column: at.column, modules };
}


function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
