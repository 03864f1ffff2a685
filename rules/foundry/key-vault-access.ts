// Rule foundry/key-vault-access: the Foundry resource's managed identity gets a grant on the vault of its Key Vault connection that can manage secrets.
import { defineRule } from "../../src/runner/types.js";
import { docsUrlFor } from "../../src/diagnostics.js";
import type { JsonNode } from "../../src/load/json.js";
import type { GraphNode } from "../../src/graph/types.js";
import { REQUIRED_SECRET_PERMISSIONS, SECRETS_OFFICER_GUID, fileOf, forEachAccount, grantLabel, nameSite, type FoundryModel, type KeyVaultAccess } from "./domain.js";
import { capitalize } from "../../src/text/case.js";

const ID = "foundry/key-vault-access";
const OFFICER = `Key Vault Secrets Officer (${SECRETS_OFFICER_GUID})`;
const PERMISSIONS = REQUIRED_SECRET_PERMISSIONS.join(", ");

export default defineRule({
  meta: {
    id: ID,
    description: "The Foundry resource of a Key Vault connection needs a managed identity and a grant on the vault that can set and delete secrets.",
    type: "problem",
    defaultSeverity: "error",
    docsUrl: docsUrlFor(ID),
  },
  check(context) {
    forEachAccount(context, (account, fm) => {
      for (const k of account.keyVaultConnections) {
        const access = fm.access(k);
        const found = describeProblem(fm, access);
        if (found === undefined) continue;
        const file = fileOf(fm, found.at);
        context.report({
          node: found.site,
          ...(file !== undefined ? { file } : {}),
          identity: found.at.identity,
          message: found.message,
          data: { account: account.name, keyVaultConnection: k.name, problem: access.problem?.kind ?? "", ...(access.vault ? { vault: access.vault.name } : {}) },
        });
      }
    });
  },
});

/** Where the finding about a Key Vault connection's access problem points and what it says; undefined when there is none. */
function describeProblem(fm: FoundryModel, access: KeyVaultAccess): { at: GraphNode; site: JsonNode; message: string } | undefined {
  const problem = access.problem;
  const k = access.connection;
  const a = k.account.name;
  const vault = access.vault;
  if (problem === undefined) return undefined;
  const onK = { at: k.node, site: nameSite(k.node) };
  if (problem.kind === "no-identity") {
    return {
      ...onK,
      message:
        `Foundry resource '${a}' is declared without a managed identity, so its Key Vault connection '${k.name}' cannot use the vault. ` +
        `Give the resource "identity": {"type": "SystemAssigned"} and grant that identity ${OFFICER} on the vault.`,
    };
  }
  if (vault === undefined) return undefined;
  if (problem.kind === "no-grant") {
    return {
      ...onK,
      message:
        `Foundry resource '${a}' gets no access to Key Vault '${vault.name}' of its Key Vault connection '${k.name}': the template has no role assignment or access policy for the resource's managed identity on the vault. ` +
        (vault.mode === "accessPolicy"
          ? `The vault uses access policies: add one for the resource's identity (reference(...).identity.principalId) with secret permissions ${PERMISSIONS}.`
          : `Assign ${OFFICER} scoped to the vault to the resource's identity (reference(...).identity.principalId).`),
    };
  }
  // The other problems are about a grant: point at it.
  const g = problem.grant;
  const onGrant = { at: g.node, site: g.site };
  switch (problem.kind) {
    case "bad-role":
      return {
        ...onGrant,
        message:
          `${capitalize(grantLabel(fm, g, vault))} gives Foundry resource '${a}' a role that cannot set or delete secrets, so Key Vault connection '${k.name}' cannot store connection secrets. ` +
          `Use ${OFFICER} or Key Vault Administrator.`,
      };
    case "bad-policy":
      return {
        ...onGrant,
        message:
          `The access policy for Foundry resource '${a}' on Key Vault '${vault.name}' lacks the secret permission(s) ${problem.missing.join(", ")}, which Key Vault connection '${k.name}' needs. ` +
          `Give it secret permissions ${PERMISSIONS}.`,
      };
    case "ignored-policy":
      return {
        ...onGrant,
        message:
          `Key Vault '${vault.name}' uses RBAC authorization, so the access policy for Foundry resource '${a}' is ignored and Key Vault connection '${k.name}' gets no access. ` +
          `Assign ${OFFICER} scoped to the vault to the resource's identity instead.`,
      };
    case "ignored-role":
      return {
        ...onGrant,
        message:
          `Key Vault '${vault.name}' uses access policies (enableRbacAuthorization is not true), so ${grantLabel(fm, g, vault)} gives Foundry resource '${a}' no access to secrets and Key Vault connection '${k.name}' cannot store them. ` +
          `Add an access policy for the resource's identity with secret permissions ${PERMISSIONS}, or set "enableRbacAuthorization": true on the vault.`,
      };
  }
}
