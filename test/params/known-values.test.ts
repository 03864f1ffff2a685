// Parameters files make findings definite or clear false alarms: a Key Vault connection loop's count, a connection name's length.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadTypeSet, type TypeSet } from "../../src/types/set.js";
import { expectFindings, lintWith, locate, PARAMS_FIXTURES, readFixture, ruleConfig, show } from "../types/helpers.js";

const KV_LOOP = path.join(PARAMS_FIXTURES, "kv-loop", "main.json");
const CONNECTION = path.join(PARAMS_FIXTURES, "connection-name", "main.json");

let types: TypeSet;
beforeAll(async () => {
  types = await loadTypeSet();
});

describe("a Key Vault connection in a copy loop (foundry/single-key-vault-connection)", () => {
  const config = ruleConfig("foundry/single-key-vault-connection");
  const line = locate(readFixture(KV_LOOP), '"name"', "accounts/connections").line;

  it("symbolic count: reported, because the loop may create several", () => {
    expectFindings(lintWith(KV_LOOP, config), [
      { rule: "foundry/single-key-vault-connection", line, includes: ["(count {parameters('keyVaultConnections')})"] },
    ]);
  });

  it("count 1 from the parameters file: the false alarm is cleared", () => {
    expect(lintWith(KV_LOOP, config, { parameters: path.join(PARAMS_FIXTURES, "kv-loop", "one.parameters.json") }).map(show)).toEqual([]);
  });

  it("count 2 from the parameters file: a definite finding with the count", () => {
    expectFindings(lintWith(KV_LOOP, config, { parameters: path.join(PARAMS_FIXTURES, "kv-loop", "two.parameters.json") }), [
      { rule: "foundry/single-key-vault-connection", line, includes: ["(count 2)"] },
    ]);
  });
});

describe("a connection name built from parameters (types/invalid-value)", () => {
  const config = ruleConfig("types/invalid-value");
  const line = locate(readFixture(CONNECTION), '"name"', "projects/connections").line;

  it("unknown without values: not checked", () => {
    expect(lintWith(CONNECTION, config, { types }).map(show)).toEqual([]);
  });

  it("known from main.parameters.json: over 33 characters, and the message names the parameters it came from", () => {
    expectFindings(lintWith(CONNECTION, config, { types, parameters: path.join(PARAMS_FIXTURES, "connection-name", "main.parameters.json") }), [
      {
        rule: "types/invalid-value",
        line,
        severity: "error",
        includes: [
          "'customer-support-assistant-search-primary'",
          "(41 characters; 3 to 33 are allowed)",
          "(Value from main.parameters.json: parameters 'projectName', 'searchConnectionName'.)",
        ],
      },
    ]);
  });

  it("short values: fine", () => {
    expect(lintWith(CONNECTION, config, { types, parameters: path.join(PARAMS_FIXTURES, "connection-name", "short.parameters.json") }).map(show)).toEqual([]);
  });
});
