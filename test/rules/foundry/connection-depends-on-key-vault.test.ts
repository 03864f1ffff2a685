// Tests for foundry/connection-depends-on-key-vault: exact findings on the fixtures, the suggested entry and its fix.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SHAPES, applySuggestions, expectFindings, fixture, lintFoundryFile, lintFoundryText } from "./harness.js";

const RULE = "foundry/connection-depends-on-key-vault";
const f = (name: string): string => fixture("connection-depends-on-key-vault", name);
const KV_ENTRY = "[resourceId('Microsoft.CognitiveServices/accounts/connections', parameters('accountName'), 'kv-connection')]";

describe(RULE, () => {
  it("reports a project connection that does not wait for the Key Vault connection (classic, hand-written: fix offered)", () => {
    const findings = lintFoundryFile(f("bad"));
    expectFindings(findings, [
      {
        rule: RULE,
        line: 114,
        severity: "error",
        includes: [
          "Connection 'search' of Foundry resource '{parameters('accountName')}' does not depend on the Key Vault connection 'kv-connection'",
          `add "${KV_ENTRY}" to its dependsOn.`,
        ],
      },
    ]);
    const d = findings[0]!;
    expect(d.suggestions?.[0]?.description).toBe(`Add "${KV_ENTRY}" to its dependsOn`);
    expect(d.suggestions?.[0]?.fix?.edits).toHaveLength(1);
    expect(d.message).not.toContain("Bicep");
  });

  it("the suggested fix removes the finding and adds nothing else", () => {
    const text = readFileSync(f("bad"), "utf8");
    const fixed = applySuggestions(text, lintFoundryFile(f("bad")));
    expect(fixed).toContain(`"${KV_ENTRY}"`);
    expect(lintFoundryText(fixed)).toEqual([]);
  });

  it("names the symbol in a languageVersion 2.0 template", () => {
    const findings = lintFoundryFile(f("bad-v2"));
    expectFindings(findings, [{ rule: RULE, line: 115, includes: ['add "kvConnection" to its dependsOn.'] }]);
    const fixed = applySuggestions(readFileSync(f("bad-v2"), "utf8"), findings);
    expect(lintFoundryText(fixed)).toEqual([]);
  });

  it("reports each connection of a module that does not wait for the Key Vault module, with the module-level entry and the Bicep form", () => {
    const findings = lintFoundryFile(f("bad-modules"));
    const where = `add "[resourceId('Microsoft.Resources/deployments', 'kv-connection')]" to the dependsOn of module 'connections'`;
    expectFindings(findings, [
      { rule: RULE, line: 283, includes: ["Connection 'search'", where, "in the Bicep source on module <module 'connections'>: dependsOn: [<module 'kv-connection'>]"] },
      { rule: RULE, line: 308, includes: ["Connection 'storage'", where] },
    ]);
    // Bicep output is regenerated from source: no text edit.
    for (const d of findings) expect(d.suggestions?.[0]?.fix).toBeUndefined();
  });

  it("uses symbolic names for modules in languageVersion 2.0 Bicep output", () => {
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [
      { rule: RULE, line: 288, includes: ["Connection 'search'", `add "kvConnection" to the dependsOn of module 'connections' (in the Bicep source on module connections: dependsOn: [kvConnection])`] },
      { rule: RULE, line: 313, includes: ["Connection 'storage'"] },
    ]);
  });

  it("reports a connection in a linked template in that file, with the entry for the module that links it and no text edit", () => {
    const findings = lintFoundryFile(f("linked/main"));
    expect(findings.map((d) => [d.ruleId, path.basename(d.file), d.line])).toEqual([[RULE, "connections.json", 11]]);
    expect(findings[0]!.message).toContain(`add "${KV_ENTRY}" to the dependsOn of module 'connections'.`);
    expect(findings[0]!.suggestions?.[0]?.fix).toBeUndefined();
  });

  it("reads a copy loop over a known list instance by instance: a loop that makes the Key Vault connection and others at once", () => {
    expectFindings(lintFoundryFile(f("bad-loop")), [
      {
        rule: RULE,
        line: 55,
        includes: [
          "creates the Key Vault connection 'kv-connection' (index 0) of Foundry resource '{parameters('accountName')}' together with other connections, 'search' (index 1), in batches that do not finish it first",
          "Declare the Key Vault connection on its own, outside the loop, and make the loop depend on it",
        ],
      },
      // batchSize 2 runs both instances at once.
      { rule: "foundry/serialize-connections", line: 72 },
    ]);
    const parallel = readFileSync(f("bad-loop"), "utf8").replace(/"mode": "serial",\s*"batchSize": 2/, '"mode": "parallel"');
    expect(lintFoundryText(parallel).find((d) => d.ruleId === RULE)?.message).toContain("'search' (index 1), in parallel:");
    // Key Vault connection last in a serial loop: the other connection is created first.
    const last = readFileSync(f("good-loop"), "utf8").replace(/("connections": \[)([\s\S]*?)(,\s*)(\{[\s\S]*?"name": "search"[\s\S]*?\})(\s*\])/, "$1$4$3$2$5");
    expect(last).not.toBe(readFileSync(f("good-loop"), "utf8"));
    expect(lintFoundryText(last).map((d) => d.ruleId)).toEqual([RULE]);
  });

  it("leaves out loop instances whose condition is false (Bicep `[for c in list: if (c.enabled) {…}]`)", () => {
    const text = readFileSync(f("bad-loop"), "utf8");
    const conditional = text
      .replace('"name": "search",', '"name": "search", "enabled": false,')
      .replace('"name": "kv-connection",', '"name": "kv-connection", "enabled": true,')
      .replace('"copy": {', `"condition": "[variables('connections')[copyIndex()].enabled]", "copy": {`);
    expect(conditional.match(/enabled/g)).toHaveLength(3);
    // Only the Key Vault connection deploys: no other connection has to wait for it.
    expect(lintFoundryText(conditional).filter((d) => d.ruleId === RULE)).toEqual([]);
    // Both deploy: reported as before.
    const both = conditional.replace('"enabled": false', '"enabled": true');
    expect(lintFoundryText(both).filter((d) => d.ruleId === RULE)).toHaveLength(1);
  });

  it.each([...SHAPES, "-loop"])("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
