// Unit tests for the built-in function table.

import { describe, expect, it } from "vitest";
import { acceptsArgCount, FUNCTIONS, isListFunctionName, lookupFunction } from "../../src/expressions/functions.js";

describe("lookupFunction", () => {
  it("is case-insensitive and returns the canonical casing", () => {
    expect(lookupFunction("RESOURCEID")?.name).toBe("resourceId");
    expect(lookupFunction("resourceid")?.name).toBe("resourceId");
    expect(lookupFunction("copyindex")?.name).toBe("copyIndex");
    expect(lookupFunction("uniquestring")?.name).toBe("uniqueString");
    expect(lookupFunction("listkeys")).toMatchObject({ name: "listKeys", deployTimeOnly: true });
  });

  it("treats every name starting with 'list' as a deploy-time list function", () => {
    expect(lookupFunction("listFooBar")).toEqual({
      name: "listFooBar",
      minArgs: 1,
      maxArgs: 3,
      category: "resource",
      deployTimeOnly: true,
    });
    expect(lookupFunction("LIST")?.deployTimeOnly).toBe(true);
    expect(isListFunctionName("listSecrets")).toBe(true);
    expect(isListFunctionName("lis")).toBe(false);
    expect(isListFunctionName("last")).toBe(false);
  });

  it("returns undefined for unknown functions", () => {
    expect(lookupFunction("frobnicate")).toBeUndefined();
    expect(lookupFunction("")).toBeUndefined();
    expect(lookupFunction("__proto__")).toBeUndefined();
    expect(lookupFunction("toString")).toBeUndefined();
  });

  it.each([
    ["if", 3, 3],
    ["reference", 1, 3],
    ["copyIndex", 0, 2],
    ["resourceId", 2, Infinity],
    ["format", 1, Infinity],
    ["utcNow", 0, 1],
    ["resourceGroup", 0, 0],
    ["createArray", 0, Infinity],
    ["tryGet", 2, Infinity],
    ["lambda", 2, Infinity],
  ])("%s takes %d to %d arguments", (name, min, max) => {
    expect(lookupFunction(name)).toMatchObject({ minArgs: min, maxArgs: max });
  });

  it("marks deploy-time and parameter-default-only functions", () => {
    expect(lookupFunction("reference")?.deployTimeOnly).toBe(true);
    expect(lookupFunction("references")?.deployTimeOnly).toBe(true);
    expect(lookupFunction("listOutputsWithSecureValues")?.deployTimeOnly).toBe(true);
    expect(lookupFunction("resourceId")?.deployTimeOnly).toBeUndefined();
    expect(lookupFunction("utcNow")?.parameterDefaultOnly).toBe(true);
    expect(lookupFunction("newGuid")?.parameterDefaultOnly).toBe(true);
  });

  it("checks argument counts", () => {
    const info = lookupFunction("padLeft")!;
    expect([1, 2, 3, 4].map((n) => acceptsArgCount(info, n))).toEqual([false, true, true, false]);
  });
});

describe("FUNCTIONS", () => {
  it("has unique names, sane ranges, and frozen entries", () => {
    const lower = FUNCTIONS.map((f) => f.name.toLowerCase());
    expect(new Set(lower).size).toBe(lower.length);
    for (const f of FUNCTIONS) {
      expect(f.minArgs).toBeGreaterThanOrEqual(0);
      expect(f.maxArgs).toBeGreaterThanOrEqual(f.minArgs);
      expect(Object.isFrozen(f)).toBe(true);
      expect(lookupFunction(f.name)).toBe(f);
    }
  });

  it("covers every function named in the reference notes", () => {
    const names =
      "array concat contains createArray empty first indexOf intersection last lastIndexOf length max min range skip take union flatten parseCidr cidrSubnet cidrHost coalesce equals greater greaterOrEquals less lessOrEquals dateTimeAdd dateTimeFromEpoch dateTimeToEpoch utcNow deployment environment parameters variables filter map reduce sort toObject groupBy mapValues lambda lambdaVariables and bool false if not or true add copyIndex div float int mod mul sub createObject items json null objectKeys shallowMerge tryGet extensionResourceId pickZones providers reference references resourceId subscriptionResourceId managementGroupResourceId tenantResourceId resourceInfo listOutputsWithSecureValues managementGroup resourceGroup subscription tenant base64 base64ToJson base64ToString dataUri dataUriToString endsWith format guid join newGuid padLeft replace split startsWith string substring toLower toUpper trim uniqueString uri uriComponent uriComponentToString indexFromEnd tryIndexFromEnd deployer fail like distinct";
    for (const name of names.split(" ")) expect(lookupFunction(name)?.name, name).toBe(name);
  });
});
