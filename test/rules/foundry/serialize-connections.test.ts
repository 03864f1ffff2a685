// Tests for foundry/serialize-connections: parallel sibling connections (flat and across modules) and parallel copy loops.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { SHAPES, applySuggestions, expectFindings, fixture, lintFoundryFile, lintFoundryText } from "./harness.js";

const RULE = "foundry/serialize-connections";
const f = (name: string): string => fixture("serialize-connections", name);
const entry = (name: string): string =>
  `[resourceId('Microsoft.CognitiveServices/accounts/projects/connections', parameters('accountName'), parameters('projectName'), '${name}')]`;
const CONFLICT = "the service rejects concurrent connection creation on one project (409 Conflict)";

describe(RULE, () => {
  it("reports each connection once, chained to the nearest earlier sibling it has no order with", () => {
    const findings = lintFoundryFile(f("bad"));
    expectFindings(findings, [
      {
        rule: RULE,
        line: 132,
        severity: "warning",
        includes: ["Connection 'storage' and connection 'search' of project '{parameters('projectName')}' have no dependency between them", CONFLICT, `add "${entry("search")}" to its dependsOn.`],
      },
      // cosmos is chained to storage, not to search too: once storage waits for search, cosmos after storage is enough.
      { rule: RULE, line: 150, includes: ["Connection 'cosmos' and connection 'storage'", `add "${entry("storage")}" to its dependsOn.`] },
    ]);
    expect(lintFoundryText(applySuggestions(readFileSync(f("bad"), "utf8"), findings))).toEqual([]);
  });

  it("reports a copy loop that creates its connections in parallel; serial with batchSize 1 is fine", () => {
    expectFindings(lintFoundryFile(f("bad-v2")), [
      { rule: RULE, line: 137, includes: ["Connection 'storage-{copyIndex('storageConnections')}'", "is created by its copy loop (count 2) with its instances in parallel", 'Set "mode": "serial" and "batchSize": 1'] },
    ]);
    expect(lintFoundryFile(f("good-v2"))).toEqual([]);
  });

  it("chains sibling modules", () => {
    expectFindings(lintFoundryFile(f("bad-modules")), [
      {
        rule: RULE,
        line: 343,
        includes: ["Connection 'storage' and connection 'search'", `add "[resourceId('Microsoft.Resources/deployments', 'search-connection')]" to the dependsOn of module 'storage-connection'`, "dependsOn: [<module 'search-connection'>]"],
      },
    ]);
    expectFindings(lintFoundryFile(f("bad-v2-modules")), [
      { rule: RULE, line: 349, includes: [`add "searchModule" to the dependsOn of module 'storageModule' (in the Bicep source on module storageModule: dependsOn: [searchModule])`] },
    ]);
  });

  it.each(SHAPES)("good%s has no foundry finding", (shape) => {
    expect(lintFoundryFile(f(`good${shape}`))).toEqual([]);
  });
});
