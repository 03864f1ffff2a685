// Rule foundry/single-key-vault-connection: one Key Vault connection per Foundry resource, counting the resource and all its projects.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import { fileOf, forEachAccount, mutuallyExclusive, nameSite, type Connection } from "./domain.js";

const ID = "foundry/single-key-vault-connection";

export default defineRule({
  meta: {
    id: ID,
    description: "A Foundry resource may have only one Key Vault connection, across the resource and all its projects.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
  },
  check(context) {
    forEachAccount(context, (account, fm) => {
      const [first, ...rest] = account.keyVaultConnections;
      if (first === undefined) return;
      // A second Key Vault connection under the opposite condition is an alternative, not an addition.
      const others = rest.filter((c) => !(c.multiplicity === "one" && first.multiplicity === "one" && mutuallyExclusive(fm, first.node, c.node)));
      const total = [first, ...others].reduce((n, c) => n + (c.multiplicity === "many" ? 2 : 1), 0);
      if (total < 2) return;
      const where = (c: Connection): string => (c.level === "project" ? `on project '${c.parentName}'` : "on the resource itself");
      for (const c of [first, ...others]) {
        let message: string;
        if (c.multiplicity === "many") {
          message =
            `Key Vault connection '${c.name}' (${where(c)}) is in a copy loop (count ${c.countText ?? "?"}) that can create more than one Key Vault connection for Foundry resource '${account.name}'. ` +
            `A Foundry resource supports a single Key Vault connection across the resource and all its projects: declare one Key Vault connection, outside any loop.`;
        } else if (c === first) {
          continue;
        } else {
          message =
            `Foundry resource '${account.name}' gets a second Key Vault connection: '${c.name}' (${where(c)}) besides '${first.name}' (${where(first)}). ` +
            `A Foundry resource supports a single Key Vault connection across the resource and all its projects: keep '${first.name}' and remove '${c.name}'.`;
        }
        const file = fileOf(fm, c.node);
        context.report({
          node: nameSite(c.node),
          ...(file !== undefined ? { file } : {}),
          identity: c.node.identity,
          message,
          data: { account: account.name, connection: c.name, keyVaultConnection: first.name },
        });
      }
    });
  },
});
