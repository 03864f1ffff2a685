// types/* rules on their fixtures: with the real type data (--types) and with only the embedded facts.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTypeSet, typeSet, type TypeSet } from "../../src/types/set.js";
import { bicepTypesModule } from "../../src/types/module.js";
import { IndexedTypeSource } from "../../src/types/source.js";
import { analyzeText } from "../../src/analyze.js";
import { typeFindings } from "../../rules/types/shared.js";
import { configOf, expectFindings, lintTextWith, lintWith, locate, NO_TYPE_DATA, readFixture, ruleConfig, show, TYPE_DATA, typeDataPresent, TYPES_FIXTURES, typesRules } from "./helpers.js";

const fixture = (rule: string, kind: string) => path.join(TYPES_FIXTURES, rule, `${kind}.json`);

let embedded: TypeSet;
let data: TypeSet | undefined;
beforeAll(async () => {
  embedded = await loadTypeSet();
  data = typeDataPresent ? await loadTypeSet({ directory: TYPE_DATA, cacheDir: false }) : undefined;
});

/** Findings of one rule on a fixture (only that rule enabled). */
function run(rule: string, kind: string, types: TypeSet) {
  return lintWith(fixture(rule, kind), ruleConfig(`types/${rule}`), { types });
}

/** 1-based line of `needle` in a fixture (after `after`). */
function lineOf(rule: string, kind: string, needle: string, after?: string): number {
  return locate(readFixture(fixture(rule, kind)), needle, after).line;
}

describe.skipIf(!typeDataPresent)(`with the real type data (--types)${typeDataPresent ? "" : ` (skipped: ${NO_TYPE_DATA})`}`, () => {
  const types = () => data!;

  it("types/unknown-resource-type: near misses of known types are reported with the right spelling", () => {
    const l = (n: string) => lineOf("unknown-resource-type", "bad", n);
    expectFindings(run("unknown-resource-type", "bad", types()), [
      { rule: "types/unknown-resource-type", line: l('"Microsoft.KeyVault/vault"'), severity: "error", includes: ["'Microsoft.KeyVault/vault'", "did you mean 'Microsoft.KeyVault/vaults'?"] },
      { rule: "types/unknown-resource-type", line: l('"Microsoft.CognitiveServices/accounts/project"'), includes: ["did you mean 'Microsoft.CognitiveServices/accounts/projects'?"] },
    ]);
  });

  it("types/unknown-resource-type: a type a partial copy lacks (locks) and an uncovered namespace are not reported", () => {
    expect(run("unknown-resource-type", "good", types()).map(show)).toEqual([]);
  });

  it("types/unknown-api-version: malformed versions are reported with the nearest known ones", () => {
    const l = (n: string) => lineOf("unknown-api-version", "bad", n);
    expectFindings(run("unknown-api-version", "bad", types()), [
      { rule: "types/unknown-api-version", line: l('"2024-11-1"'), includes: ["'2024-11-1' is not a valid API version", "the nearest known version is 2024-11-01."] },
      { rule: "types/unknown-api-version", line: l('"2025-06-01-preveiw"'), includes: ["did you mean '-preview'?", "2026-07-01 and 2025-06-01"] },
    ]);
  });

  it("types/unknown-api-version: a real version absent from a partial copy of the data is not reported", () => {
    expect(run("unknown-api-version", "good", types()).map(show)).toEqual([]);
  });

  it("types/unknown-property: did you mean", () => {
    const l = (n: string) => lineOf("unknown-property", "bad", n);
    expectFindings(run("unknown-property", "bad", types()), [
      { rule: "types/unknown-property", line: l('"enableRbacAuthorisation"'), severity: "warning", includes: ["'properties.enableRbacAuthorisation'", "Microsoft.KeyVault/vaults@2024-11-01", "did you mean 'enableRbacAuthorization'?"] },
      { rule: "types/unknown-property", line: l('"principalTyp"'), includes: ["did you mean 'principalType' or 'principalId'?"] },
    ]);
  });

  it("types/unknown-property: case, tags, property copy loops, corrections and unlisted auth types are fine", () => {
    expect(run("unknown-property", "good", types()).map(show)).toEqual([]);
  });

  it("types/invalid-value: closed enums, kinds, the 33-character connection name, the auth type", () => {
    const l = (n: string) => lineOf("invalid-value", "bad", n);
    expectFindings(run("invalid-value", "bad", types()), [
      { rule: "types/invalid-value", line: l('"basic"'), severity: "error", includes: ["'properties.sku.name' is 'basic'", "allowed: standard, premium"] },
      { rule: "types/invalid-value", line: l('"ninety"'), includes: ["must be an integer, not a string"] },
      { rule: "types/invalid-value", line: l("connection-to-the-search"), includes: ["'name'", "(42 characters; 3 to 33 are allowed)"] },
      { rule: "types/invalid-value", line: l('"ManagedIdentty"'), includes: ["Did you mean 'ManagedIdentity'?", "AccountManagedIdentity, ProjectManagedIdentity"] },
    ]);
  });

  it("types/invalid-value: corrections (AccountManagedIdentity, AzureKeyVault before 2025-10-01-preview), case, unknown values are fine", () => {
    expect(run("invalid-value", "good", types()).map(show)).toEqual([]);
  });

  it("types/read-only-property", () => {
    const l = (n: string) => lineOf("read-only-property", "bad", n);
    expectFindings(run("read-only-property", "bad", types()), [
      { rule: "types/read-only-property", line: l('"isDefault"'), severity: "warning", includes: ["'properties.isDefault'", "read-only"] },
      { rule: "types/read-only-property", line: l('"createdOn"'), includes: ["'properties.createdOn'"] },
    ]);
    expect(run("read-only-property", "good", types()).map(show)).toEqual([]);
  });

  it("types/missing-required-property", () => {
    const l = (n: string, after?: string) => lineOf("missing-required-property", "bad", n, after);
    expectFindings(run("missing-required-property", "bad", types()), [
      { rule: "types/missing-required-property", line: l("\"name\": \"[parameters('vaultName')]\""), includes: ["requires the property 'location'"] },
      { rule: "types/missing-required-property", line: l('"properties"'), includes: ["'properties.tenantId'"] },
      { rule: "types/missing-required-property", line: l('"sku"'), includes: ["'properties.sku.name'"] },
      { rule: "types/missing-required-property", line: l('"properties"', "accounts/connections"), includes: ["'properties.authType' (one of AAD,"] },
      { rule: "types/missing-required-property", line: l('"properties"', "roleAssignments"), includes: ["'properties.principalId'"] },
    ]);
    expect(run("missing-required-property", "good", types()).map(show)).toEqual([]);
  });

  it("every good fixture is clean for every types/* rule", () => {
    for (const rule of ["unknown-resource-type", "unknown-api-version", "unknown-property", "invalid-value", "read-only-property", "missing-required-property"]) {
      expect(lintWith(fixture(rule, "good"), configOf(typesRules), { types: types() }).map(show), rule).toEqual([]);
    }
  });
});

describe("with only the embedded facts (no --types)", () => {
  it("never calls a type, an API version or a property unknown, nor a property read-only", () => {
    for (const rule of ["unknown-resource-type", "unknown-api-version", "unknown-property", "read-only-property"]) {
      expect(run(rule, "bad", embedded).map(show), rule).toEqual([]);
    }
  });

  it("checks the values it encodes: connection name length, auth type, Key Vault SKU, open-enum near misses (a warning)", () => {
    const l = (n: string) => lineOf("invalid-value", "bad", n);
    expectFindings(run("invalid-value", "bad", embedded), [
      { rule: "types/invalid-value", line: l('"basic"'), includes: ["allowed: standard, premium"] },
      { rule: "types/invalid-value", line: l("connection-to-the-search"), includes: ["(42 characters; 3 to 33 are allowed)"] },
      { rule: "types/invalid-value", line: l('"ManagedIdentty"'), severity: "error", includes: ["Did you mean 'ManagedIdentity'?"] },
      { rule: "types/invalid-value", line: l('"AzureStorageAcount"'), severity: "warning", includes: ["did you mean 'AzureStorageAccount'?", "Other values are accepted"] },
    ]);
  });

  it("checks the required properties it encodes", () => {
    expect(run("missing-required-property", "bad", embedded).map((d) => d.message.replace(/.*requires the property '([^']+)'.*/, "$1"))).toEqual([
      "location",
      "properties.tenantId",
      "properties.sku.name",
      "properties.authType",
      "properties.principalId",
    ]);
  });

  it("good fixtures are clean", () => {
    for (const rule of ["unknown-resource-type", "unknown-api-version", "unknown-property", "invalid-value", "read-only-property", "missing-required-property"]) {
      expect(lintWith(fixture(rule, "good"), configOf(typesRules), { types: embedded }).map(show), rule).toEqual([]);
    }
  });

  it("facts hold from their first API version on, not before", () => {
    const template = (api: string) =>
      JSON.stringify({
        $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
        resources: [{ type: "Microsoft.CognitiveServices/accounts/connections", apiVersion: api, name: "acct/x", properties: { authType: "AAD" } }],
      });
    const names = (api: string) => lintTextWith(template(api), "t.json", configOf(typesRules), { types: embedded }).map((d) => d.ruleId);
    expect(names("2025-04-01-preview")).toEqual(["types/invalid-value"]);
    expect(names("2026-05-15-preview")).toEqual(["types/invalid-value"]);
    expect(names("2024-10-01")).toEqual([]);
  });
});

describe("a partial copy of the type data over the embedded facts", () => {
  it("a type the copy lacks (not a near miss) is checked with the embedded facts", async () => {
    const mod = await bicepTypesModule();
    const f = new mod.TypeFactory();
    const body = f.addObjectType("Microsoft.KeyVault/vaults/keys", { name: { type: f.addStringType(), flags: mod.ObjectTypePropertyFlags.Required } });
    f.addResourceType("Microsoft.KeyVault/vaults/keys@2024-11-01", body, mod.ScopeType.ResourceGroup, mod.ScopeType.ResourceGroup);
    const index = mod.buildIndex([{ relativePath: "kv/types.json", types: f.types }], () => undefined);
    const partial = new IndexedTypeSource(index, () => f.types, { kind: "directory", description: "the type data", closed: true, complete: new Set(), versionMatch: "exact" });
    const text = JSON.stringify({
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      resources: [{ type: "Microsoft.KeyVault/vaults/accessPolicies", apiVersion: "2024-11-01", name: "kv/append", properties: { accessPolicies: [] } }],
    });
    const findings = lintTextWith(text, "t.json", configOf(typesRules), { types: typeSet(embedded.embedded, partial) });
    expect(findings.map((d) => [d.ruleId, d.message.slice(0, 40)])).toEqual([["types/invalid-value", "'name' is 'append', which Microsoft.KeyV"]]);
  });
});

describe("never flagged", () => {
  const base = (resource: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    JSON.stringify({ $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", languageVersion: "2.0", ...extra, resources: { r: resource } });

  it("an existing resource (read, not deployed)", () => {
    const text = base({ type: "Microsoft.KeyVault/vaults", apiVersion: "2024-11-01", name: "kv", existing: true });
    expect(lintTextWith(text, "t.json", configOf(typesRules), { types: embedded }).map(show)).toEqual([]);
  });

  it("a resource whose condition is known to be false", () => {
    const text = base({ type: "Microsoft.KeyVault/vaults", apiVersion: "2024-11-01", name: "kv", condition: false, properties: {} });
    expect(lintTextWith(text, "t.json", configOf(typesRules), { types: embedded }).map(show)).toEqual([]);
  });

  it("values from parameters (no parameters file), reference() and partly known strings", () => {
    const text = base(
      {
        type: "Microsoft.CognitiveServices/accounts/connections",
        apiVersion: "2025-06-01",
        name: "[format('acct/{0}-connection-with-a-long-suffix-here', parameters('p'))]",
        properties: { authType: "[parameters('auth')]", category: "[reference('x').category]" },
      },
      { parameters: { p: { type: "string" }, auth: { type: "string", defaultValue: "Nonsense" } } },
    );
    expect(lintTextWith(text, "t.json", configOf(typesRules), { types: embedded }).map(show)).toEqual([]);
  });

  it("without type data the types/* rules do nothing", () => {
    const analysis = analyzeText(readFixture(fixture("invalid-value", "bad")), "t.json");
    expect(typeFindings(analysis)).toEqual([]);
  });
});
