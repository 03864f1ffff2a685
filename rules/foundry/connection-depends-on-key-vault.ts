// Rule foundry/connection-depends-on-key-vault: every other connection of a Foundry resource waits for its Key Vault connection.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { bicepNamesFor, connectionSite, fileOf, foundryModel, hintSuggestion, hintText, prerequisites } from "./domain.js";

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
    for (const c of fm.connections) {
      const p = prerequisites(fm, c);
      const missing = p.keyVault;
      if (missing === undefined) continue;
      const k = missing.keyVaultConnection;
      const hint = missing.hint;
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
