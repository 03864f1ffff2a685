// Rule foundry/connection-depends-on-key-vault: every other connection of a Foundry resource waits for its Key Vault connection.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { RuleContext } from "../../src/runner/types.js";
import { bicepNamesFor, connectionSite, fileOf, foundryModel, hintSuggestion, hintText, prerequisites, type Connection, type FoundryModel, type LoopInstances } from "./domain.js";

const ID = "foundry/connection-depends-on-key-vault";

export default defineRule({
  meta: {
    id: ID,
    description: "Every connection of a Foundry resource (resource or project level) must depend on its Key Vault connection.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
    hasSuggestions: true,
  },
  check(context) {
    const fm = foundryModel(context.analysis);
    if (fm === undefined) return;
    // Indexed: a rule runs once per file, mostly unoptimized, where for...of allocates an iterator even for no connections (most templates).
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- see above
    for (let i = 0; i < fm.connections.length; i++) {
      const c = fm.connections[i]!;
      const p = prerequisites(fm, c);
      const missing = p.keyVault;
      if (missing === undefined) continue;
      const k = missing.keyVaultConnection;
      const hint = missing.hint;
      if (missing.sameLoop && c.instances !== undefined) {
        reportMixedLoop(context, fm, c, c.instances);
        continue;
      }
      let message =
        `Connection '${c.name}' of Foundry resource '${c.account.name}' does not depend on the Key Vault connection '${k.name}', ` +
        `so ARM may create it first: its secrets then go to the wrong vault and the Key Vault connection is refused once another connection exists.`;
      if (hint !== undefined) message += ` To create it after the Key Vault connection, ${hintText(fm, hint, bicepNamesFor(fm, p, hint))}.`;
      const file = fileOf(fm, c.node);
      context.report({
        node: connectionSite(c.node),
        ...(file !== undefined ? { file } : {}),
        identity: c.node.identity,
        message,
        data: { account: c.account.name, connection: c.name, keyVaultConnection: k.name, ...(hint ? { entry: hint.entry, where: hint.where } : {}) },
        ...(hint !== undefined ? { suggestions: [hintSuggestion(hint)] } : {}),
      });
    }
  },
});

/** A copy loop that makes the Key Vault connection and other connections, the others not waiting for it. */
function reportMixedLoop(context: RuleContext, fm: FoundryModel, c: Connection, instances: LoopInstances): void {
  const list = (indexes: number[]): string => indexes.map((i) => `'${instances.names[i] ?? `#${i}`}' (index ${i})`).join(", ");
  const parallel = c.node.decl.copy?.mode?.toLowerCase() !== "serial";
  const message =
    `The copy loop of connection '${c.name}' creates the Key Vault connection ${list(instances.keyVault)} of Foundry resource '${c.account.name}' ` +
    `together with other connections, ${list(instances.others)}, ${parallel ? "in parallel" : "in batches that do not finish it first"}: those do not wait for the Key Vault connection, ` +
    `so their secrets can go to the wrong vault and the Key Vault connection is refused once another connection exists. ` +
    `Declare the Key Vault connection on its own, outside the loop, and make the loop depend on it` +
    ` (or make the loop serial${fm.bicep ? " (in Bicep: @batchSize(1))" : ` ("mode": "serial", "batchSize": 1)`} with the Key Vault connection first in its list).`;
  const file = fileOf(fm, c.node);
  context.report({
    node: c.node.decl.copy?.node ?? connectionSite(c.node),
    ...(file !== undefined ? { file } : {}),
    identity: c.node.identity,
    message,
    data: { account: c.account.name, connection: c.name, keyVaultConnection: instances.keyVault.map((i) => instances.names[i] ?? "").join(", ") },
  });
}
