// Rule foundry/connection-depends-on-key-vault-access: every other connection waits for the grant that lets the Foundry resource use its vault.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { bicepNamesFor, connectionSite, fileOf, foundryModel, grantLabel, hintSuggestion, hintText, prerequisites } from "./domain.js";

const ID = "foundry/connection-depends-on-key-vault-access";

export default defineRule({
  meta: {
    id: ID,
    description:
      "Every connection of a Foundry resource other than the Key Vault connection must depend on the role assignment (or access policy) that gives the resource's identity access to the vault.",
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
      const missing = p.grant;
      if (missing === undefined) continue;
      const grantText = grantLabel(fm, missing.grant, missing.vault);
      const hint = missing.hint;
      let message =
        `Connection '${c.name}' of Foundry resource '${c.account.name}' does not depend on ${grantText}, which lets the resource's managed identity use the vault of Key Vault connection '${missing.keyVaultConnection.name}'; ` +
        `ARM may create the connection before that access exists, and storing its secrets then fails.`;
      if (hint !== undefined) message += ` To create it after the grant, ${hintText(fm, hint, bicepNamesFor(fm, p, hint))}.`;
      const file = fileOf(fm, c.node);
      context.report({
        node: connectionSite(c.node),
        ...(file !== undefined ? { file } : {}),
        identity: c.node.identity,
        message,
        data: {
          account: c.account.name,
          connection: c.name,
          keyVaultConnection: missing.keyVaultConnection.name,
          vault: missing.vault.name,
          grant: missing.grant.node.identity,
          ...(hint ? { entry: hint.entry, where: hint.where } : {}),
        },
        ...(hint !== undefined ? { suggestions: [hintSuggestion(hint)] } : {}),
      });
    }
  },
});
