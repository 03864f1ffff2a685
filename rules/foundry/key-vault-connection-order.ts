// Rule foundry/key-vault-connection-order: the Key Vault connection must not wait for another connection of its Foundry resource.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { Edge } from "../../src/graph/types.js";
import { describe, fileOf, forEachAccount, nameSite, type FoundryModel } from "./domain.js";

const ID = "foundry/key-vault-connection-order";

export default defineRule({
  meta: {
    id: ID,
    description: "The Key Vault connection must be the first connection of its Foundry resource: it must not depend on another connection.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
  },
  check(context) {
    forEachAccount(context, (account, fm) => {
      for (const k of account.keyVaultConnections) {
        // Another Key Vault connection is single-key-vault-connection's finding, not an order problem.
        const other = account.connections.find((c) => !c.isKeyVault && fm.graph.reaches(k.node, c.node));
        if (other === undefined) continue;
        const path = fm.graph.path(k.node, other.node) ?? [];
        const via = pathText(fm, path);
        // Point at the dependsOn entry (or reference) where the wait starts, when it is the Key Vault connection's own.
        const first = path[0];
        const own = first !== undefined && (first.kind === "explicit" || first.kind === "implicit") && first.file === k.node.decl.scope.file;
        const file = fileOf(fm, k.node);
        context.report({
          ...(own ? { span: first.span } : { node: nameSite(k.node) }),
          ...(file !== undefined ? { file } : {}),
          identity: k.node.identity,
          message:
            `Key Vault connection '${k.name}' of Foundry resource '${account.name}' depends on connection '${other.name}'${via}, so it is not the first connection; ` +
            `the service refuses a Key Vault connection while other connections exist. Remove that dependency and make '${other.name}' depend on '${k.name}' instead.`,
          data: { account: account.name, keyVaultConnection: k.name, connection: other.name },
        });
      }
    });
  },
});

/** ` (through module 'x' → 'y')`: the resources a wait goes through (up to four), or nothing for a direct one. */
function pathText(fm: FoundryModel, path: Edge[]): string {
  if (path.length <= 1) return "";
  const steps = path
    .slice(0, -1)
    .map((e) => e.to.owner ?? e.to)
    .filter((n, i, all) => all.indexOf(n) === i)
    .map((n) => describe(fm, n));
  return steps.length === 0 ? "" : ` (through ${steps.slice(0, 4).join(" → ")}${steps.length > 4 ? " → …" : ""})`;
}
