// Tests for foundry/key-vault-connection-order: a Key Vault connection that waits for another connection, directly or through modules.
import { describe, expect, it } from "vitest";
import { SHAPES, expectFindings, fixture, lintFoundryFile } from "./harness.js";

const RULE = "foundry/key-vault-connection-order";
const f = (name: string): string => fixture("key-vault-connection-order", name);
const DEPENDS = "foundry/connection-depends-on-key-vault";
const CORE = [
  "Key Vault connection 'kv-connection' of Foundry resource '{parameters('accountName')}' depends on connection 'search'",
  "so it is not the first connection",
  "Remove that dependency and make 'search' depend on 'kv-connection' instead.",
];
const CYCLE = "(first remove the dependency that makes";

describe(RULE, () => {
  it("points at the dependsOn entry where the Key Vault connection starts waiting (classic)", () => {
    const findings = lintFoundryFile(f("bad"));
    expectFindings(findings, [
      { rule: RULE, line: 82, column: 9, severity: "error", includes: CORE },
      // The other side of the same mistake: the search connection does not wait for the Key Vault connection,
      // and adding that entry now would make a cycle, so no text edit is offered.
      { rule: DEPENDS, line: 115, includes: ["Connection 'search'", CYCLE] },
    ]);
    expect(findings[1]!.suggestions?.[0]?.fix).toBeUndefined();
  });

  it("languageVersion 2.0", () => {
    expectFindings(lintFoundryFile(f("bad-v2")), [
      { rule: RULE, line: 83, column: 9, includes: CORE },
      { rule: DEPENDS, line: 116, includes: ["Connection 'search'", CYCLE] },
    ]);
  });

  it("a Key Vault connection whose module depends on the module of the other connections", () => {
    expectFindings(lintFoundryFile(f("bad-modules")), [
      { rule: RULE, line: 156, includes: [...CORE, "(through module 'kv-connection' → module 'connections')"] },
      { rule: DEPENDS, line: 284, includes: ["Connection 'search'", CYCLE] },
      { rule: DEPENDS, line: 309, includes: ["Connection 'storage'", CYCLE] },
    ]);
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [
      { rule: RULE, line: 159, includes: [...CORE, "(through module 'kvConnection' → module 'connections')"] },
      { rule: DEPENDS, line: 289, includes: ["Connection 'search'"] },
      { rule: DEPENDS, line: 314, includes: ["Connection 'storage'"] },
    ]);
  });

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
