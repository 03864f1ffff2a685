// Rule foundry/key-vault-contributor-role: Key Vault Contributor given to the Foundry resource on an RBAC vault, where it cannot manage secrets.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { GraphNode } from "../../src/graph/types.js";
import { SECRETS_OFFICER_GUID, fileOf, forEachAccount } from "./domain.js";

const ID = "foundry/key-vault-contributor-role";

export default defineRule({
  meta: {
    id: ID,
    description: "Key Vault Contributor has no data actions: on a vault using RBAC it does not let the Foundry resource manage secrets.",
    type: "problem",
    defaultSeverity: "warning",
    docsUrl: docsUrlFor(ID),
  },
  check(context) {
    let reported: Set<GraphNode> | undefined; // made on the first report (most templates have no Foundry resource)
    forEachAccount(context, (account, fm) => {
      for (const k of account.keyVaultConnections) {
        const access = fm.access(k);
        const vault = access.vault;
        if (vault?.mode !== "rbac") continue;
        for (const g of access.accountGrants) {
          if (g.kind !== "role" || g.role?.secrets !== "contributor" || reported?.has(g.node) === true) continue;
          (reported ??= new Set()).add(g.node);
          const file = fileOf(fm, g.node);
          context.report({
            node: g.site,
            ...(file !== undefined ? { file } : {}),
            identity: g.node.identity,
            message:
              `Foundry resource '${account.name}' gets Key Vault Contributor on Key Vault '${vault.name}', which uses RBAC authorization (${vault.modeReason}): that role manages the vault but has no data actions, so Key Vault connection '${k.name}' cannot set or delete secrets with it. ` +
              `Use Key Vault Secrets Officer (${SECRETS_OFFICER_GUID}) instead.`,
            data: { account: account.name, keyVaultConnection: k.name, vault: vault.name },
          });
        }
      }
    });
  },
});
