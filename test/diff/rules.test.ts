// Tests for the change rules foundry/deletion-order and foundry/key-vault-switch on the before/after fixture pairs.
import { describe, expect, it } from "vitest";
import { defaultConfig } from "../../src/runner/config.js";
import { compareFixture, findingLines, messages } from "./helpers.js";

const ORDER = "foundry/deletion-order";
const SWITCH = "foundry/key-vault-switch";
const ACCOUNT = "{parameters('accountName')}";
const ASSUMES = "This assumes removal deletes (complete mode or a deployment stack); pass --deployment-mode incremental if it does not.";
const ON_BEFORE = "(shown in the before version: the after version no longer declares it)";

describe("nothing removed, or removed in the guidance's order: no finding", () => {
  it.each([
    "nothing-removed",
    "reordered",
    "v2-renamed",
    "teardown-1-connections",
    "teardown-2-key-vault-connection",
    "teardown-3-projects",
    "teardown-4-foundry-resource",
    "modules-teardown-1-connections",
  ])("%s", (name) => {
    expect(findingLines(compareFixture(name))).toEqual([]);
  });
});

describe(ORDER, () => {
  it("the Key Vault connection removed while the other connections remain (on the before version)", () => {
    const result = compareFixture("key-vault-connection-removed");
    expect(findingLines(result)).toEqual([`before 67:15 ${ORDER}`]);
    expect(messages(result)).toEqual([
      `This change removes the Key Vault connection 'kv-connection' of Foundry resource '${ACCOUNT}' while connection 'search', connection 'storage' remain. ` +
        "Deleting the Key Vault connection deletes its secrets, and the guidance deletes it only once no other connection exists: remove the other connections in one deployment, " +
        `then the Key Vault connection in a later one (deletions in one deployment have no dependable order). ${ASSUMES} ${ON_BEFORE}`,
    ]);
    const d = result.before.diagnostics[0]!;
    expect(d.severity).toBe("error");
    expect(d.file).toBe(result.before.file);
    expect(d.data).toEqual({ account: ACCOUNT, keyVaultConnection: "kv-connection", remaining: "search, storage", deploymentMode: "complete" });
    expect(result.after.diagnostics).toEqual([]);
  });

  it("the Key Vault connection removed in the same change as the other connections", () => {
    const result = compareFixture("key-vault-connection-removed-with-others");
    expect(findingLines(result)).toEqual([`before 67:15 ${ORDER}`]);
    expect(messages(result)[0]).toContain("while connection 'search', connection 'storage' are removed in the same change.");
  });

  it("the Key Vault connection replaced by another one in one change", () => {
    const result = compareFixture("key-vault-connection-replaced");
    expect(findingLines(result)).toEqual([`before 67:15 ${ORDER}`]);
    expect(messages(result)[0]).toContain(
      "while connection 'search', connection 'storage' remain; Key Vault connection 'kv-connection-2' is added in the same change.",
    );
  });

  it("languageVersion 2.0 and modules", () => {
    expect(findingLines(compareFixture("v2-key-vault-connection-removed"))).toEqual([`before 68:15 ${ORDER}`]);
    const modules = compareFixture("modules-key-vault-connection-removed");
    expect(findingLines(modules)).toEqual([`before 156:23 ${ORDER}`]);
    expect(messages(modules)[0]).toContain("removes the Key Vault connection 'kv-connection' of Foundry resource");
  });

  it("a project removed while the Key Vault connection remains", () => {
    const result = compareFixture("project-removed-early");
    expect(findingLines(result)).toEqual([`before 54:15 ${ORDER}`]);
    expect(messages(result)).toEqual([
      `This change removes project '{parameters('projectName')}' of Foundry resource '${ACCOUNT}' before its connections and the Key Vault connection are gone: ` +
        "Key Vault connection 'kv-connection' remains. The guidance deletes the other connections, then the Key Vault connection, then the projects, each step in its own deployment " +
        `(deletions in one deployment have no dependable order). ${ASSUMES} ${ON_BEFORE}`,
    ]);
  });

  it("a project removed in the same change as its connections", () => {
    const result = compareFixture("project-removed-with-connections");
    expect(findingLines(result)).toEqual([`before 54:15 ${ORDER}`]);
    expect(messages(result)[0]).toContain(
      "are gone: Key Vault connection 'kv-connection' remains; connection 'search', connection 'storage' are removed in the same change.",
    );
  });

  it("everything removed at once: vault, Foundry resource, project and Key Vault connection each get a finding", () => {
    const result = compareFixture("everything-removed");
    expect(findingLines(result)).toEqual([`before 23:15 ${ORDER}`, `before 37:15 ${ORDER}`, `before 54:15 ${ORDER}`, `before 67:15 ${ORDER}`]);
    const [vault, account, project, keyVault] = messages(result);
    expect(vault).toContain("removes Key Vault '{parameters('keyVaultName')}', which the Key Vault connection 'kv-connection' of Foundry resource");
    expect(vault).toContain("The change also removes that Key Vault connection ('kv-connection'), and deletions in one deployment have no dependable order.");
    expect(account).toContain(
      `removes Foundry resource '${ACCOUNT}' before its connections and the Key Vault connection are gone: Key Vault connection 'kv-connection', connection 'search', connection 'storage' are removed in the same change.`,
    );
    expect(project).toContain("removes project '{parameters('projectName')}'");
    expect(keyVault).toContain("are removed in the same change");
  });

  it("a deleted template file (no after version) is everything removed, all on the before version", () => {
    const result = compareFixture("everything-removed", "complete", defaultConfig(), "deleted");
    expect(findingLines(result)).toEqual([`before 23:15 ${ORDER}`, `before 37:15 ${ORDER}`, `before 54:15 ${ORDER}`, `before 67:15 ${ORDER}`]);
    expect(result.after.diagnostics).toEqual([]);
  });

  it("the vault a Key Vault connection points at removed", () => {
    const result = compareFixture("vault-removed");
    expect(findingLines(result)).toEqual([`before 23:15 ${ORDER}`]);
    expect(messages(result)).toEqual([
      `This change removes Key Vault '{parameters('keyVaultName')}', which the Key Vault connection 'kv-connection' of Foundry resource '${ACCOUNT}' points at: ` +
        "deleting the vault deletes the connections' secrets and breaks the Foundry resource. Remove the other connections, then the Key Vault connection, in earlier deployments, " +
        `and the vault only after that. ${ASSUMES} ${ON_BEFORE}`,
    ]);
  });

  it("a vault turned into an `existing` reference is removed too; the finding sits on the after version, where it is still declared", () => {
    const result = compareFixture("v2-vault-made-existing");
    expect(findingLines(result)).toEqual([`after 25:15 ${ORDER}`]);
    expect(result.after.diagnostics[0]!.file).toBe(result.after.file);
    expect(messages(result)[0]).toMatch(/\(shown in the after version, which still declares it but no longer deploys it\)$/);
  });

  it("incremental mode: no deletion finding", () => {
    for (const name of ["key-vault-connection-removed", "everything-removed", "vault-removed", "project-removed-early", "v2-vault-made-existing"]) {
      expect(findingLines(compareFixture(name, "incremental")), name).toEqual([]);
    }
  });
});

describe(SWITCH, () => {
  it("the Key Vault connection's target switches to another vault in place (on the after version, at the target)", () => {
    const result = compareFixture("key-vault-switch");
    expect(findingLines(result)).toEqual([`after 59:19 ${SWITCH}`]);
    expect(messages(result)).toEqual([
      `This change points the Key Vault connection 'kv-connection' of Foundry resource '${ACCOUNT}' at vault '{parameters('newKeyVaultName')}' instead of vault '{parameters('keyVaultName')}' in place. ` +
        "Foundry does not migrate secrets: the other connections' secrets stay behind in '{parameters('keyVaultName')}'. The guidance: remove the other connections, then the Key Vault connection, " +
        "deploy, then create the Key Vault connection to '{parameters('newKeyVaultName')}' (and the other connections after it, recreating their secrets) in a later deployment. (shown in the after version)",
    ]);
    expect(result.after.diagnostics[0]!.data).toEqual({
      account: ACCOUNT,
      keyVaultConnection: "kv-connection",
      from: "{parameters('keyVaultName')}",
      to: "{parameters('newKeyVaultName')}",
    });
  });

  it("a switch that also removes the old vault: both rules", () => {
    expect(findingLines(compareFixture("key-vault-switch-vault-removed"))).toEqual([`before 23:15 ${ORDER}`, `after 73:19 ${SWITCH}`]);
  });

  it("still applies in incremental mode (the switch happens in place, whatever the mode)", () => {
    expect(findingLines(compareFixture("key-vault-switch-vault-removed", "incremental"))).toEqual([`after 73:19 ${SWITCH}`]);
  });

  it("a connection replaced under a new name is not an in-place switch", () => {
    expect(findingLines(compareFixture("key-vault-connection-replaced")).filter((l) => l.endsWith(SWITCH))).toEqual([]);
  });
});

describe("configuration", () => {
  it("a change rule turned off reports nothing", () => {
    const config = defaultConfig({ overrides: [{ id: ORDER, severity: "off" }] });
    expect(findingLines(compareFixture("key-vault-switch-vault-removed", "complete", config))).toEqual([`after 73:19 ${SWITCH}`]);
  });

  it("a configured severity applies", () => {
    const config = defaultConfig({ overrides: [{ id: SWITCH, severity: "warning" }] });
    expect(compareFixture("key-vault-switch", "complete", config).after.diagnostics[0]!.severity).toBe("warning");
  });
});
