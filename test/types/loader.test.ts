// Type data loading: the real bicep-types-az files (index built and cached, or the published index.json), the embedded facts, API versions.
import { mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync, utimesSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bicepTypesModule } from "../../src/types/module.js";
import { forgetTypeDirectories, loadTypeDirectory, TypeDataError } from "../../src/types/directory.js";
import { buildEmbeddedTypes, embeddedSource, FOUNDRY_SINCE } from "../../src/types/embedded.js";
import { CORRECTIONS, correctionFor } from "../../src/types/corrections.js";
import { apiVersionProblem, compareApiVersions, isDiscriminatedObjectType, isObjectType, isStringType, nearestApiVersions } from "../../src/types/model.js";
import { similarWords } from "../../src/text/suggest.js";
import type { ResolvedResourceType } from "../../src/types/source.js";
import { TempDir } from "../runner/helpers.js";
import { NO_TYPE_DATA, TYPE_DATA, typeDataPresent } from "./helpers.js";

const temp = new TempDir();
afterAll(() => {
  temp.remove();
});

/** The body's property `name` resolved in its type file. */
function propertyType(resolved: ResolvedResourceType, ...path: string[]) {
  let t = resolved.body;
  for (const key of path) {
    if (!isObjectType(t)) throw new Error(`not an object at ${key}`);
    const p = t.properties[key];
    if (p === undefined) throw new Error(`no property ${key}`);
    t = resolved.lookup(p.type)!;
  }
  return t;
}

describe.skipIf(!typeDataPresent)(`the real type files${typeDataPresent ? "" : ` (skipped: ${NO_TYPE_DATA})`}`, () => {
  it("indexes every types.json (no index.json: treated as a possibly partial copy)", async () => {
    forgetTypeDirectories();
    const source = await loadTypeDirectory(TYPE_DATA, { cacheDir: temp.file("cache-a") });
    expect([...source.namespaces].sort()).toEqual(["microsoft.authorization", "microsoft.cognitiveservices", "microsoft.keyvault"]);
    expect(source.isComplete("Microsoft.KeyVault")).toBe(false);
    expect(source.typesOf("Microsoft.KeyVault").get("microsoft.keyvault/vaults")).toEqual({ type: "Microsoft.KeyVault/vaults", versions: ["2024-11-01", "2026-02-01"] });
    expect(source.typesOf("microsoft.cognitiveservices").get("microsoft.cognitiveservices/accounts/projects/connections")?.versions).toEqual([
      "2025-04-01-preview",
      "2025-06-01",
      "2026-07-01",
    ]);
    expect(source.typesOf("Microsoft.Authorization").has("microsoft.authorization/locks")).toBe(false);
  });

  it("resolves a type at an exact version and reads its file lazily: names, discriminators, flags", async () => {
    const source = await loadTypeDirectory(TYPE_DATA, { cacheDir: false });
    expect(source.resolve("Microsoft.KeyVault/vaults", "2023-07-01")).toBeUndefined();
    const connection = source.resolve("microsoft.cognitiveservices/ACCOUNTS/connections", "2025-04-01-PREVIEW")!;
    expect(connection.type).toBe("Microsoft.CognitiveServices/accounts/connections");
    expect(connection.apiVersion).toBe("2025-04-01-preview");
    const name = propertyType(connection, "name");
    expect(isStringType(name) && name.pattern).toBe("^[a-zA-Z0-9][a-zA-Z0-9_-]{2,32}$");
    const properties = propertyType(connection, "properties");
    expect(isDiscriminatedObjectType(properties) && properties.discriminator).toBe("authType");
    if (!isDiscriminatedObjectType(properties)) return;
    expect(Object.keys(properties.elements)).toContain("ManagedIdentity");
    // The gap the corrections fill: the published data has no AccountManagedIdentity.
    expect(Object.keys(properties.elements)).not.toContain("AccountManagedIdentity");
    const vault = source.resolve("Microsoft.KeyVault/vaults", "2026-02-01")!;
    const vaultProps = propertyType(vault, "properties");
    expect(isObjectType(vaultProps) && vaultProps.properties.tenantId?.flags).toBe(1);
  });

  it("caches the built index on disk, uses it while the files are unchanged, rebuilds when one changes", async () => {
    const copy = temp.file("copy");
    for (const service of readdirSync(TYPE_DATA)) {
      for (const ns of readdirSync(path.join(TYPE_DATA, service))) {
        for (const version of readdirSync(path.join(TYPE_DATA, service, ns))) {
          const dir = path.join(copy, service, ns, version);
          mkdirSync(dir, { recursive: true });
          writeFileSync(path.join(dir, "types.json"), readFileSync(path.join(TYPE_DATA, service, ns, version, "types.json")));
        }
      }
    }
    const cacheDir = temp.file("cache-b");
    forgetTypeDirectories();
    await loadTypeDirectory(copy, { cacheDir });
    const [cacheFile] = readdirSync(cacheDir);
    expect(cacheFile).toMatch(/^types-index-[0-9a-f]{24}\.json$/);
    const entry = JSON.parse(readFileSync(path.join(cacheDir, cacheFile!), "utf8")) as { format: number; fingerprint: string; index: string };
    const { readIndexJson, writeIndexJson } = await bicepTypesModule();
    const index = readIndexJson(entry.index);
    expect(Object.keys(index.resources)).toContain("Microsoft.KeyVault/vaults@2024-11-01");
    // Tamper with the cached index: a fresh load (same files) must use it as is.
    delete index.resources["Microsoft.KeyVault/vaults@2024-11-01"];
    writeFileSync(path.join(cacheDir, cacheFile!), JSON.stringify({ ...entry, index: writeIndexJson(index) }));
    forgetTypeDirectories();
    expect((await loadTypeDirectory(copy, { cacheDir })).typesOf("microsoft.keyvault").get("microsoft.keyvault/vaults")?.versions).toEqual(["2026-02-01"]);
    // Touch a type file: the cache no longer matches and the index is built again.
    const touched = path.join(copy, "keyvault", "microsoft.keyvault", "2024-11-01", "types.json");
    utimesSync(touched, new Date(), new Date(Date.now() + 5_000));
    forgetTypeDirectories();
    expect((await loadTypeDirectory(copy, { cacheDir })).typesOf("microsoft.keyvault").get("microsoft.keyvault/vaults")?.versions).toEqual(["2024-11-01", "2026-02-01"]);
    // In memory: the same folder is loaded once per process.
    expect(loadTypeDirectory(copy, { cacheDir })).toBe(loadTypeDirectory(copy, { cacheDir }));
  });

  it("a folder with the published index.json: read with readIndexJson, complete for its namespaces", async () => {
    const { buildIndex, readTypesJson, writeIndexJson } = await bicepTypesModule();
    const published = temp.file("published");
    mkdirSync(published);
    const files = [];
    for (const service of readdirSync(TYPE_DATA)) {
      symlinkSync(path.join(TYPE_DATA, service), path.join(published, service));
      for (const ns of readdirSync(path.join(TYPE_DATA, service))) {
        for (const version of readdirSync(path.join(TYPE_DATA, service, ns))) {
          const relativePath = `${service}/${ns}/${version}/types.json`;
          files.push({ relativePath, types: readTypesJson(readFileSync(path.join(TYPE_DATA, relativePath), "utf8")) });
        }
      }
    }
    writeFileSync(path.join(published, "index.json"), writeIndexJson(buildIndex(files, () => undefined)));
    forgetTypeDirectories();
    const source = await loadTypeDirectory(published, { cacheDir: false });
    expect(source.isComplete("Microsoft.KeyVault")).toBe(true);
    expect(source.isComplete("Microsoft.Storage")).toBe(false);
    expect(source.resolve("Microsoft.Authorization/roleAssignments", "2022-04-01")?.type).toBe("Microsoft.Authorization/roleAssignments");
  });
});

describe("unusable type data", () => {
  it("a missing folder, a file, a folder without type files: TypeDataError", async () => {
    forgetTypeDirectories();
    expect(() => loadTypeDirectory(temp.file("missing"))).toThrow(TypeDataError);
    writeFileSync(temp.file("file.json"), "{}");
    expect(() => loadTypeDirectory(temp.file("file.json"))).toThrow(/is not a folder/);
    mkdirSync(temp.file("empty"));
    await expect(loadTypeDirectory(temp.file("empty"), { cacheDir: false })).rejects.toThrow(/No Bicep type data/);
    mkdirSync(temp.file("bad-index"));
    writeFileSync(temp.file("bad-index/index.json"), "not json");
    await expect(loadTypeDirectory(temp.file("bad-index"), { cacheDir: false })).rejects.toThrow(/Cannot read the type index/);
  });
});

describe("the embedded index", () => {
  it("is written with TypeFactory in the published format (round trip through writeTypesJson/readTypesJson)", async () => {
    const mod = await bicepTypesModule();
    const types = buildEmbeddedTypes(mod);
    expect(mod.readTypesJson(mod.writeTypesJson(types))).toEqual(JSON.parse(JSON.stringify(types)) as unknown);
    const index = mod.buildIndex([{ relativePath: "embedded/types.json", types }], () => undefined);
    expect(Object.keys(index.resources).sort()).toEqual([
      "Microsoft.Authorization/roleAssignments@2015-07-01",
      "Microsoft.CognitiveServices/accounts/capabilityHosts@2025-04-01-preview",
      "Microsoft.CognitiveServices/accounts/connections@2025-04-01-preview",
      "Microsoft.CognitiveServices/accounts/projects/capabilityHosts@2025-04-01-preview",
      "Microsoft.CognitiveServices/accounts/projects/connections@2025-04-01-preview",
      "Microsoft.CognitiveServices/accounts/projects@2025-04-01-preview",
      "Microsoft.CognitiveServices/accounts@2025-04-01-preview",
      "Microsoft.KeyVault/vaults/accessPolicies@2018-02-14",
      "Microsoft.KeyVault/vaults@2018-02-14",
    ]);
  });

  it("facts hold from their first version on (a stable version on the same date too), never before", async () => {
    const source = embeddedSource(await bicepTypesModule());
    expect(source.closed).toBe(false);
    expect(source.isComplete("Microsoft.KeyVault")).toBe(false);
    expect(source.resolve("Microsoft.CognitiveServices/accounts/connections", "2026-07-01")?.apiVersion).toBe(FOUNDRY_SINCE);
    expect(source.resolve("Microsoft.CognitiveServices/accounts/connections", "2025-04-01")?.apiVersion).toBe(FOUNDRY_SINCE);
    expect(source.resolve("Microsoft.CognitiveServices/accounts/connections", "2024-10-01")).toBeUndefined();
    expect(source.resolve("Microsoft.CognitiveServices/accounts/connections", "latest")).toBeUndefined();
    const connection = source.resolve("Microsoft.CognitiveServices/accounts/projects/connections", "2025-06-01")!;
    const properties = propertyType(connection, "properties");
    expect(isDiscriminatedObjectType(properties) && Object.keys(properties.elements)).toContain("AccountManagedIdentity");
  });
});

describe("corrections", () => {
  it("AccountManagedIdentity/ProjectManagedIdentity always; AzureKeyVault only before 2025-10-01-preview", () => {
    const t = "Microsoft.CognitiveServices/accounts/projects/connections";
    expect(correctionFor(t, "2026-07-01", ["properties", "authType"], "accountmanagedidentity")).toBe(CORRECTIONS[0]);
    expect(correctionFor(t, "2025-04-01-preview", ["properties", "authType"], "ProjectManagedIdentity")).toBe(CORRECTIONS[0]);
    expect(correctionFor(t, "2025-06-01", ["properties", "category"], "AzureKeyVault")).toBe(CORRECTIONS[1]);
    expect(correctionFor(t, "2025-10-01-preview", ["properties", "category"], "AzureKeyVault")).toBeUndefined();
    expect(correctionFor("Microsoft.KeyVault/vaults", "2025-06-01", ["properties", "authType"], "AccountManagedIdentity")).toBeUndefined();
  });
});

describe("API versions and spelling", () => {
  it("orders by date, preview before stable on the same date", () => {
    expect(["2025-06-01", "2025-04-01-preview", "2025-06-01-preview", "2024-10-01"].sort(compareApiVersions)).toEqual([
      "2024-10-01",
      "2025-04-01-preview",
      "2025-06-01-preview",
      "2025-06-01",
    ]);
  });

  it("nearest known versions: the closest before and after, stable preferred; by spelling when malformed", () => {
    const known = ["2024-11-01", "2025-04-01-preview", "2025-06-01", "2026-07-01"];
    expect(nearestApiVersions("2025-05-01", known)).toEqual(["2025-06-01", "2025-04-01-preview"]);
    expect(nearestApiVersions("2027-01-01", known)).toEqual(["2026-07-01", "2025-06-01"]);
    expect(nearestApiVersions("2024-11-1", known)).toEqual(["2024-11-01"]);
    expect(nearestApiVersions("2025-6-1", known)).toEqual(["2025-06-01"]);
    expect(nearestApiVersions("v2025", known)).toHaveLength(2);
  });

  it("tells malformed versions and misspelt suffixes", () => {
    expect(apiVersionProblem("2025-06-01")).toBeUndefined();
    expect(apiVersionProblem("2025-06-01-privatepreview")).toBeUndefined();
    expect(apiVersionProblem("2025-13-01")).toMatch(/not a valid API version/);
    expect(apiVersionProblem("latest")).toMatch(/not a valid API version/);
    expect(apiVersionProblem("2025-06-01-prevew")).toMatch(/did you mean '-preview'/);
  });

  it("similar words: case-insensitive, small edit distance, closest first", () => {
    expect(similarWords("principalTyp", ["principalType", "principalId", "roleDefinitionId"])).toEqual(["principalType", "principalId"]);
    expect(similarWords("SKU", ["sku"])).toEqual([]);
  });
});
