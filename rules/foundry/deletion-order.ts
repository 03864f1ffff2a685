// Rule foundry/deletion-order (change rule): a change must tear a Foundry setup down in the guidance's order, one step per deployment.
import { docsUrlFor } from "../../src/diagnostics.js";
import type { GraphNode } from "../../src/graph/types.js";
import { changeSite, siteDescriptor } from "../../src/diff/locate.js";
import { defineChangeRule, sideNote, type ChangeContext } from "../../src/diff/types.js";
import { foundryModel, isDeployed, nameSite, segmentLabel, type Connection, type FoundryAccount, type FoundryModel } from "./domain.js";

const ID = "foundry/deletion-order";

const ASSUMPTION = "This assumes removal deletes (complete mode or a deployment stack); pass --deployment-mode incremental if it does not.";

export default defineChangeRule({
  meta: {
    id: ID,
    description:
      "A change (complete mode or deployment stack) must not remove the Key Vault connection while other connections exist or go in the same change, remove a project or the Foundry resource before its connections, or remove the vault a Key Vault connection uses.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
  },
  checkChange(context) {
    if (context.mode === "incremental") return;
    const before = context.before.analysis === undefined ? undefined : foundryModel(context.before.analysis);
    if (before === undefined) return;
    const after = context.after.analysis === undefined ? undefined : foundryModel(context.after.analysis);
    const check = new DeletionCheck(context, before, after);
    for (const account of before.accounts) {
      check.keyVaultConnections(account);
      check.projects(account);
      check.account(account);
    }
    check.vaults();
  },
});

/** Connections that block a removal, as the change leaves them. */
interface Blockers {
  /** In both versions. */
  readonly remaining: Connection[];
  /** Removed by the same change. */
  readonly removed: Connection[];
  /** Added by the change (after version only). */
  readonly added: Connection[];
}

class DeletionCheck {
  constructor(
    readonly context: ChangeContext,
    readonly before: FoundryModel,
    readonly after: FoundryModel | undefined,
  ) {}

  gone(node: GraphNode): boolean {
    return !this.context.resources.deploys("after", node.identity);
  }

  afterAccount(account: FoundryAccount): FoundryAccount | undefined {
    return this.after?.accounts.find((a) => a.key === account.key);
  }

  /** Connections of the account (other than `exclude`, within `only`) that still exist, go in this change, or (with `arriving`) arrive with it. */
  blockers(account: FoundryAccount, exclude: readonly Connection[], only: ((c: Connection) => boolean) | undefined, arriving: boolean): Blockers {
    const excluded = new Set(exclude.map((c) => c.node.identity));
    const keep = (c: Connection): boolean => !excluded.has(c.node.identity) && (only === undefined || only(c));
    const beforeIds = new Set(account.connections.map((c) => c.node.identity));
    const remaining: Connection[] = [];
    const removed: Connection[] = [];
    for (const c of unique(account.connections.filter(keep))) (this.gone(c.node) ? removed : remaining).push(c);
    const added = arriving ? unique((this.afterAccount(account)?.connections ?? []).filter((c) => keep(c) && !beforeIds.has(c.node.identity))) : [];
    return { remaining, removed, added };
  }

  /** 1. The Key Vault connection goes while other connections remain, arrive, or go in the same change. */
  keyVaultConnections(account: FoundryAccount): void {
    for (const k of unique(account.keyVaultConnections)) {
      if (!this.gone(k.node)) continue;
      const b = this.blockers(account, [k], undefined, true);
      if (b.remaining.length + b.removed.length + b.added.length === 0) continue;
      const site = changeSite(this.context, k.node.identity, k.node);
      this.context.report({
        ...siteDescriptor(this.context, site, nameSite(site.node)),
        identity: k.node.identity,
        message:
          `This change removes the Key Vault connection '${k.name}' of Foundry resource '${account.name}' while ${blockerText(b)}. ` +
          `Deleting the Key Vault connection deletes its secrets, and the guidance deletes it only once no other connection exists: remove the other connections in one deployment, ` +
          `then the Key Vault connection in a later one (deletions in one deployment have no dependable order). ${ASSUMPTION} ${sideNote(site.side, true)}`,
        data: blockerData(account, b, { keyVaultConnection: k.name }),
      });
    }
  }

  /** 2. A project goes before its connections and the Key Vault connection are gone. */
  projects(account: FoundryAccount): void {
    for (const p of account.projects) {
      if (!isDeployed(p, this.before.engine) || !this.gone(p)) continue;
      const ownOrKeyVault = (c: Connection): boolean => (c.level === "project" && c.parentKey === p.identity) || c.isKeyVault;
      const b = this.blockers(account, [], ownOrKeyVault, false);
      if (b.remaining.length + b.removed.length === 0) continue;
      const name = projectName(this.before, p);
      const site = changeSite(this.context, p.identity, p);
      this.context.report({
        ...siteDescriptor(this.context, site, nameSite(site.node)),
        identity: p.identity,
        message:
          `This change removes project '${name}' of Foundry resource '${account.name}' before its connections and the Key Vault connection are gone: ${blockerText(b)}. ` +
          `The guidance deletes the other connections, then the Key Vault connection, then the projects, each step in its own deployment (deletions in one deployment have no dependable order). ${ASSUMPTION} ${sideNote(site.side, true)}`,
        data: blockerData(account, b, { project: name }),
      });
    }
  }

  /** 3. The Foundry resource goes before its connections (resource and project level) are gone. */
  account(account: FoundryAccount): void {
    const declared = account.declared;
    if (declared === undefined || !this.gone(declared)) return;
    const b = this.blockers(account, [], undefined, false);
    if (b.remaining.length + b.removed.length === 0) return;
    const site = changeSite(this.context, declared.identity, declared);
    this.context.report({
      ...siteDescriptor(this.context, site, nameSite(site.node)),
      identity: declared.identity,
      message:
        `This change removes Foundry resource '${account.name}' before its connections and the Key Vault connection are gone: ${blockerText(b)}. ` +
        `The guidance deletes the other connections, then the Key Vault connection, then the projects, then the Foundry resource, each step in its own deployment (deletions in one deployment have no dependable order). ${ASSUMPTION} ${sideNote(site.side, true)}`,
      data: blockerData(account, b, {}),
    });
  }

  /** 4. A vault that a Key Vault connection (before or after the change) points at is removed. */
  vaults(): void {
    const users = new Map<string, { vault: GraphNode; connections: Connection[] }>();
    const removedById = new Map(this.context.resources.removed.map((n) => [n.identity, n]));
    for (const k of [...this.before.connections, ...(this.after?.connections ?? [])]) {
      if (!k.isKeyVault || k.vault === undefined) continue;
      const vault = removedById.get(k.vault.key) ?? vaultNodeRemoved(this, k);
      if (vault === undefined) continue;
      const entry = users.get(vault.identity) ?? { vault, connections: [] };
      if (!entry.connections.some((c) => c.node.identity === k.node.identity)) entry.connections.push(k);
      users.set(vault.identity, entry);
    }
    for (const { vault, connections } of users.values()) {
      const vaultName = connections[0]!.vault!.name;
      const names = connections.map((c) => `'${c.name}' of Foundry resource '${c.account.name}'`).join(", ");
      const alsoRemoved = connections.filter((c) => this.gone(c.node)).map((c) => `'${c.name}'`);
      const together =
        alsoRemoved.length > 0
          ? ` The change also removes ${plural(alsoRemoved.length, "that Key Vault connection", "those Key Vault connections")} (${alsoRemoved.join(", ")}), and deletions in one deployment have no dependable order.`
          : "";
      const site = changeSite(this.context, vault.identity, vault);
      this.context.report({
        ...siteDescriptor(this.context, site, nameSite(site.node)),
        identity: vault.identity,
        message:
          `This change removes Key Vault '${vaultName}', which the Key Vault connection ${names} points at: deleting the vault deletes the connections' secrets and breaks the Foundry resource.${together} ` +
          `Remove the other connections, then the Key Vault connection, in earlier deployments, and the vault only after that. ${ASSUMPTION} ${sideNote(site.side, true)}`,
        data: { vault: vaultName, keyVaultConnection: connections.map((c) => c.name).join(", ") },
      });
    }
  }
}

/** A vault node of the before version the connection's target names (by its resolved declarations), if it is removed. */
function vaultNodeRemoved(check: DeletionCheck, k: Connection): GraphNode | undefined {
  return k.vault?.nodes.find((n) => n.kind === "resource" && check.context.resources.removed.includes(n));
}

function unique(connections: readonly Connection[]): Connection[] {
  const seen = new Set<string>();
  return connections.filter((c) => {
    if (seen.has(c.node.identity)) return false;
    seen.add(c.node.identity);
    return true;
  });
}

function projectName(fm: FoundryModel, p: GraphNode): string {
  return segmentLabel(fm.analysis, fm.engine, p.decl, 1);
}

function label(c: Connection): string {
  return `${c.isKeyVault ? "Key Vault connection" : "connection"} '${c.name}'`;
}

function plural(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}

function blockerText(b: Blockers): string {
  const parts: string[] = [];
  const list = (cs: Connection[], one: string, many: string): void => {
    if (cs.length === 0) return;
    parts.push(`${cs.map(label).join(", ")} ${plural(cs.length, one, many)}`);
  };
  list(b.remaining, "remains", "remain");
  list(b.added, "is added in the same change", "are added in the same change");
  list(b.removed, "is removed in the same change", "are removed in the same change");
  return parts.join("; ");
}

function blockerData(account: FoundryAccount, b: Blockers, extra: Record<string, string>): Record<string, string> {
  const names = (cs: Connection[]): string => cs.map((c) => c.name).join(", ");
  return {
    account: account.name,
    ...extra,
    ...(b.remaining.length > 0 ? { remaining: names(b.remaining) } : {}),
    ...(b.added.length > 0 ? { added: names(b.added) } : {}),
    ...(b.removed.length > 0 ? { removedTogether: names(b.removed) } : {}),
    deploymentMode: "complete",
  };
}
