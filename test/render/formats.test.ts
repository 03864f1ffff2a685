// Golden files for every graph format (a small Foundry template with a module, a copy loop, conditions and a missing dependency).
import { describe, expect, it } from "vitest";
import { toDot } from "../../src/render/dot.js";
import { htmlPage } from "../../src/render/html.js";
import { toJson } from "../../src/render/json.js";
import { escape, toMermaid } from "../../src/render/mermaid.js";
import { expectGolden, render } from "./helpers.js";

describe("graph formats", () => {
  const { graph } = render("foundry.json");

  it("builds the render graph: nodes, module, edges by kind, group, findings, waves", () => {
    expect(graph.nodes.map((n) => `${n.id} ${n.kind} ${n.label} ${n.path}${n.module === null ? "" : ` in ${n.module}`}`)).toEqual([
      "n0 resource {keyVaultName} resources[0]",
      "n1 resource {storageName} resources[1]",
      "n2 resource {accountName} resources[2]",
      "n3 resource {guid(keyVaultName,… 'secrets-officer')} resources[3]",
      "n4 resource {models[copyIndex()]} resources[4]",
      "n5 module project-module resources[5]",
      "n6 resource {guid(storageName, …'blob-contributor')} resources[6]",
      "n7 resource {projectName} resources[5].properties.template.resources[0] in n5",
      "n8 resource key-vault resources[5].properties.template.resources[1] in n5",
      "n9 resource storage resources[5].properties.template.resources[2] in n5",
    ]);
    const kinds = graph.edges.map((e) => `${e.from}->${e.to} ${e.kind}${e.via === null ? "" : ` ${e.via}`}`);
    expect(kinds).toEqual(
      expect.arrayContaining(["n3->n0 explicit", "n3->n2 implicit reference", "n6->n5 implicit output", "n5->n7 contains", "n5->n2 explicit", "n5->n1 missing"]),
    );
    expect(graph.nodes.find((n) => n.id === "n1")?.condition).toBe("[parameters('deployStorage')]");
    expect(graph.nodes.find((n) => n.id === "n4")?.copy).toEqual({ name: "models", count: "{length(parameters('models'))}" });
    expect(graph.groups).toEqual([
      { id: "g0", kind: "foundry-connections", label: "connections of project '{projectName}'", account: "n2", parent: "{parameters('projectName')}", members: ["n8", "n9"] },
    ]);
    expect(graph.findings.map((f) => `${f.ruleId} ${f.node ?? "template"}`)).toEqual(["arm/unused-parameter template", "arm/missing-dependency n5"]);
    expect(graph.nodes.find((n) => n.id === "n5")?.severity).toBe("error");
    const missing = graph.edges.find((e) => e.kind === "missing");
    expect(missing).toMatchObject({ from: "n5", to: "n1", finding: 1, text: "[resourceId('Microsoft.Storage/storageAccounts', parameters('storageName'))]" });
    expect(graph.waves[0]).toEqual({ wave: 1, nodes: ["n0", "n1", "n2"] });
  });

  it("dot", () => {
    expectGolden(toDot(graph), "foundry.dot");
  });

  it("mermaid", () => {
    const result = toMermaid(graph);
    expect(result.tooLarge).toBeUndefined();
    expectGolden(result.text, "foundry.mmd");
  });

  it("json", () => {
    expectGolden(toJson(graph), "foundry.json");
  });

  it("html page (around a stand-in drawing)", () => {
    expectGolden(htmlPage(graph, '<?xml version="1.0"?>\n<svg id="stand-in"></svg>\n'), "foundry.html");
  });

  it("focus: the neighbourhood of a node, its module as a frame, hidden neighbours counted", () => {
    const focused = render("foundry.json", { focus: "storage", depth: 1 }).graph;
    expect(focused.focus).toEqual({ node: "n9", depth: 1 });
    expect(focused.nodes.map((n) => `${n.id} ${n.distance ?? "frame"} +${n.hidden ?? 0}`)).toEqual(["n5 frame +4", "n7 1 +0", "n8 1 +0", "n9 0 +0"]);
    expect(focused.stats.resources).toBe(9);
    expect(focused.findings.map((f) => f.ruleId)).toEqual(["arm/unused-parameter", "arm/missing-dependency"]);
    expectGolden(toDot(focused), "foundry.focus.dot");
    const wider = render("foundry.json", { focus: "project-module", depth: 1 }).graph;
    expect(wider.nodes.map((n) => n.id)).toEqual(["n1", "n2", "n3", "n5", "n6", "n7", "n8", "n9"]);
  });

  it("languageVersion 2.0: symbolic names label the nodes", () => {
    const symbolic = render("symbolic.json").graph;
    expect(symbolic.nodes.map((n) => n.label)).toEqual(["vault", "storage", "insights", "search", "account", "project", "searchConnection", "roles", "vaultRef", "secretsOfficer"]);
    expect(symbolic.nodes.find((n) => n.label === "search")?.existing).toBe(true);
    expectGolden(toMermaid(symbolic).text, "symbolic.mmd");
  });

  it("mermaid labels escape what would end or change them", () => {
    expect(escape(`a"b#c<d>&e\`f\ng`)).toBe("a#quot;b#35;c#60;d#62;#38;e#96;f g");
  });
});
