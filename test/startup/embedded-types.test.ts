// The embedded type facts as a lazy source: the same answers as the built index, which is built only for a type they cover.
import { describe, expect, it } from "vitest";
import { embeddedSource, embeddedTypes } from "../../src/types/embedded.js";
import { bicepTypesModule } from "../../src/types/module.js";
import { loadTypeSet } from "../../src/types/set.js";

describe("the lazy embedded type source", () => {
  it("knows the namespaces, types and versions of the built index without building it", async () => {
    const built = embeddedSource(await bicepTypesModule());
    const lazy = embeddedTypes();
    expect(lazy.kind).toBe(built.kind);
    expect(lazy.description).toBe(built.description);
    expect(lazy.closed).toBe(built.closed);
    expect([...lazy.namespaces].sort()).toEqual([...built.namespaces].sort());
    for (const ns of [...built.namespaces, "microsoft.storage"]) {
      expect(lazy.isComplete(ns)).toBe(built.isComplete(ns));
      expect(lazy.typesOf(ns)).toEqual(built.typesOf(ns));
      expect(lazy.typesOf(ns.toUpperCase())).toEqual(built.typesOf(ns));
    }
  });

  it("resolves every type it covers, at, after and before its first API version, like the built index", async () => {
    const built = embeddedSource(await bicepTypesModule());
    const lazy = embeddedTypes();
    const types = [...built.namespaces].flatMap((ns) => [...built.typesOf(ns).values()]);
    expect(types.length).toBeGreaterThanOrEqual(9);
    for (const { type, versions } of types) {
      for (const version of [versions[0]!, "2099-01-01", "2000-01-01", "not-a-version"]) {
        const want = built.resolve(type, version);
        const got = lazy.resolve(type.toUpperCase(), version);
        expect(got === undefined, `${type}@${version}`).toBe(want === undefined);
        if (want !== undefined) expect({ type: got?.type, apiVersion: got?.apiVersion, resource: got?.resource, body: got?.body }).toEqual({ type: want.type, apiVersion: want.apiVersion, resource: want.resource, body: want.body });
      }
    }
    expect(lazy.resolve("Microsoft.Storage/storageAccounts", "2023-01-01")).toBeUndefined();
  });

  it("is the embedded part of every type set", async () => {
    expect((await loadTypeSet()).embedded).toBe(embeddedTypes());
  });
});
