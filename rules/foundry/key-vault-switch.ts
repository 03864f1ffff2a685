// Rule foundry/key-vault-switch (change rule): a Key Vault connection must not be pointed at another vault in place.
import { docsUrlFor } from "../../src/diagnostics.js";
import { siteDescriptor } from "../../src/diff/locate.js";
import { defineChangeRule, sideNote } from "../../src/diff/types.js";
import type { JsonNode } from "../../src/load/json.js";
import { prop } from "../../src/model/build.js";
import type { ResourceDecl } from "../../src/model/types.js";
import { foundryModel, nameSite } from "./domain.js";

const ID = "foundry/key-vault-switch";

export default defineChangeRule({
  meta: {
    id: ID,
    description:
      "A Key Vault connection must not switch to another vault in place: Foundry does not migrate secrets; delete the connection, then create the new one in a later deployment.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
  },
  checkChange(context) {
    const beforeAnalysis = context.before.analysis;
    const afterAnalysis = context.after.analysis;
    if (beforeAnalysis === undefined || afterAnalysis === undefined) return;
    const before = foundryModel(beforeAnalysis);
    const after = foundryModel(afterAnalysis);
    if (before === undefined || after === undefined) return;
    const reported = new Set<string>();
    for (const k of after.connections) {
      if (!k.isKeyVault || k.vault === undefined || reported.has(k.node.identity)) continue;
      const old = before.connections.find((c) => c.isKeyVault && c.node.identity === k.node.identity && c.vault !== undefined);
      if (old?.vault === undefined || old.vault.key === k.vault.key) continue;
      reported.add(k.node.identity);
      const from = old.vault.name;
      const to = k.vault.name;
      context.report({
        ...siteDescriptor(context, { side: "after", node: k.node }, targetSite(k.node.decl) ?? nameSite(k.node)),
        identity: k.node.identity,
        message:
          `This change points the Key Vault connection '${k.name}' of Foundry resource '${k.account.name}' at vault '${to}' instead of vault '${from}' in place. ` +
          `Foundry does not migrate secrets: the other connections' secrets stay behind in '${from}'. The guidance: remove the other connections, then the Key Vault connection, ` +
          `deploy, then create the Key Vault connection to '${to}' (and the other connections after it, recreating their secrets) in a later deployment. ${sideNote("after", false)}`,
        data: { account: k.account.name, keyVaultConnection: k.name, from, to },
      });
    }
  },
});

/** The `properties.target` of a connection (what changed), if written there. */
function targetSite(decl: ResourceDecl): JsonNode | undefined {
  const properties = prop(decl.json, "properties");
  return properties?.type === "object" ? prop(properties, "target") : undefined;
}
