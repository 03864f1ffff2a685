// `armlint explain`: naming resources (symbolic name, name expression, JSON path), dependency paths with source lines, the missing link.
import { beforeAll, describe, expect, it } from "vitest";
import { analyzeFile, type Analysis } from "../../src/analyze.js";
import { explainNode, explainPair, formatNode, formatPair } from "../../src/explain/explain.js";
import { normalizePath, resolveResource } from "../../src/explain/resolve.js";
import { nodePath } from "../../src/render/names.js";
import { ensureBuilt, runCli } from "../cli/helpers.js";
import { FIXTURES, expectGolden, node } from "../render/helpers.js";

const cwd = FIXTURES;
let foundry: Analysis;
let symbolic: Analysis;

beforeAll(() => {
  foundry = analyzeFile(`${FIXTURES}/foundry.json`);
  symbolic = analyzeFile(`${FIXTURES}/symbolic.json`);
});

function found(analysis: Analysis, query: string): string {
  const res = resolveResource(analysis.graph!, query);
  if (res.kind !== "found") return res.kind === "ambiguous" ? `ambiguous by ${res.how}: ${res.candidates.map(nodePath).join(", ")}` : "none";
  return `${nodePath(res.node)} by ${res.how}`;
}

describe("naming a resource", () => {
  it("by symbolic name (languageVersion 2.0), exact first, then without case", () => {
    expect(found(symbolic, "project")).toBe("resources['project'] by symbolic name");
    expect(found(symbolic, "SearchConnection")).toBe("resources['searchConnection'] by symbolic name");
    expect(found(symbolic, "secretsOfficer")).toBe("resources['roles'].properties.template.resources['secretsOfficer'] by symbolic name");
  });

  it("by JSON path, in any spelling, with the module chain, or by position in a resources object", () => {
    expect(found(foundry, "resources[3]")).toBe("resources[3] by JSON path");
    expect(found(foundry, "resources[5].properties.template.resources[1]")).toBe("resources[5].properties.template.resources[1] by JSON path");
    expect(found(symbolic, `resources["vault"]`)).toBe("resources['vault'] by JSON path");
    expect(found(symbolic, "resources.roles.properties.template.resources.vaultRef")).toBe("resources['roles'].properties.template.resources['vaultRef'] by JSON path");
    expect(found(symbolic, "resources[4]")).toBe("resources['account'] by JSON path");
    expect(normalizePath(" $.resources['a''b'][2] ")).toBe("resources.a'b[2]");
  });

  it("by name expression as written, or by its readable (evaluated) name", () => {
    expect(found(foundry, "[variables('accountName')]")).toBe("resources[2] by name expression");
    expect(found(foundry, "variables('accountName')")).toBe("resources[2] by name expression");
    expect(found(foundry, "ai-{parameters('baseName')}")).toBe("resources[2] by name");
    expect(found(foundry, "key-vault")).toBe("resources[5].properties.template.resources[1] by name");
    expect(found(foundry, "project-module")).toBe("resources[5] by name expression");
    expect(found(foundry, "{parameters('keyVaultName')}")).toBe("resources[0] by name");
    expect(found(foundry, "keyVaultName")).toBe("resources[0] by name");
  });

  it("lists the candidates of an ambiguous name, and suggests close ones for an unknown name", () => {
    expect(found(symbolic, "[parameters('baseName')]")).toBe("ambiguous by name expression: resources['storage'], resources['insights']");
    const none = resolveResource(foundry.graph!, "storag");
    expect(none.kind).toBe("none");
    if (none.kind === "none") expect(none.suggestions.map(nodePath)).toContain("resources[5].properties.template.resources[2]");
  });
});

describe("why RESOURCE waits (or not) for TARGET", () => {
  it("gives the path of edges, each with its source line", () => {
    const x = explainPair(foundry, node(foundry, "resources[5].properties.template.resources[0]"), node(foundry, "resources[2]"), cwd);
    expect(x.waits).toBe(true);
    expect(x.path?.map((s) => `${s.kind} ${s.at?.file}:${s.at?.line}`)).toEqual(["inside foundry.json:71", "dependsOn foundry.json:136"]);
    expectGolden(formatPair(foundry, x, cwd), "explain-waits.txt");
  });

  it("names the nearest missing link: the module that could take the dependsOn, and the target's module", () => {
    const x = explainPair(foundry, node(foundry, "storage"), node(foundry, "resources[1]"), cwd);
    expect(x.waits).toBe(false);
    expect(x.uses.map((u) => u.use.kind)).toEqual(["reference"]);
    expect(x.placements.map((p) => `${nodePath(p.holder)} -> ${p.entry}`)).toEqual(["resources[5] -> [resourceId('Microsoft.Storage/storageAccounts', parameters('storageName'))]"]);
    expectGolden(formatPair(foundry, x, cwd), "explain-missing.txt");
  });

  it("in a symbolic template, the entry is the symbolic name", () => {
    const x = explainPair(symbolic, node(symbolic, "secretsOfficer"), node(symbolic, "vault"), cwd);
    expect(x.waits).toBe(false);
    expect(x.placements.map((p) => `${nodePath(p.holder)} -> ${p.entry}`)).toEqual(["resources['roles'] -> vault"]);
  });

  it("says when the other order holds (and adds no link that would make a cycle)", () => {
    const x = explainPair(foundry, node(foundry, "resources[5].properties.template.resources[0]"), node(foundry, "key-vault"), cwd);
    expect(x.waits).toBe(false);
    expect(x.reverse?.length).toBe(1);
    const text = formatPair(foundry, x, cwd);
    expect(text).toContain("(in fact CognitiveServices/connections 'key-vault' waits for CognitiveServices/projects '{projectName}')");
    expect(text).not.toContain("The missing link");
  });

  it("a module and what it contains cannot wait for each other", () => {
    const inside = explainPair(symbolic, node(symbolic, "secretsOfficer"), node(symbolic, "roles"), cwd);
    expect(inside).toMatchObject({ waits: false, containment: "resource-in-target", placements: [], uses: [] });
    expect(formatPair(symbolic, inside, cwd)).toMatch(/\nNo: Authorization\/roleAssignments 'secretsOfficer' is inside module 'roles', and a module finishes only after what it contains, so nothing inside it can wait for it\.\n$/);
    const around = explainPair(symbolic, node(symbolic, "roles"), node(symbolic, "secretsOfficer"), cwd);
    expect(around).toMatchObject({ waits: false, containment: "target-in-resource" });
    expect(around.finishesAfter?.map((s) => s.kind)).toEqual(["contains"]);
  });

  it("an existing target needs no order", () => {
    const x = explainPair(symbolic, node(symbolic, "account"), node(symbolic, "search"), cwd);
    expect(x.waits).toBe(false);
    expect(x.placements).toEqual([]);
    expect(x.notes).toEqual(["Search/searchServices 'search' is 'existing': ARM does not deploy it, so there is nothing to wait for."]);
  });

  it("without TARGET: what the resource waits for and what waits for it", () => {
    const x = explainNode(foundry, node(foundry, "project-module"), cwd);
    expect(x.waitsFor.map((s) => nodePath(s.to))).toEqual(["resources[2]", "resources[3]"]);
    expect(x.waitedForBy.map((s) => `${nodePath(s.from)} ${s.kind}`)).toEqual(["resources[6] output"]);
    expect(x.contains).toBe(3);
    expectGolden(formatNode(foundry, x, cwd), "explain-node.txt");
  });
});

describe("armlint explain (CLI)", { timeout: 300_000 }, () => {
  beforeAll(() => {
    ensureBuilt();
  }, 300_000);

  it("exits 0 when RESOURCE waits for TARGET, 1 when it does not, 2 when a name is ambiguous", () => {
    const waits = runCli(["explain", "foundry.json", "resources[5].properties.template.resources[0]", "resources[2]"], { cwd });
    expect(waits.code).toBe(0);
    expect(waits.stdout).toMatch(/^RESOURCE .*\nTARGET .*\n\nYes: /);
    const missing = runCli(["explain", "foundry.json", "storage", "resources[1]"], { cwd });
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("The missing link:");
    const ambiguous = runCli(["explain", "symbolic.json", "[parameters('baseName')]"], { cwd });
    expect(ambiguous.code).toBe(2);
    expect(ambiguous.stderr).toContain("is ambiguous: 2 resources match by name expression:");
    const lonely = runCli(["explain", "foundry.json"], { cwd });
    expect(lonely.code).toBe(2);
    expect(lonely.stderr).toContain("'armlint explain' needs a template file, a resource, and optionally a target resource.");
  });

  it("without TARGET lists both directions", () => {
    const run = runCli(["explain", "symbolic.json", "project"], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("waits for (1):\n  - CognitiveServices/accounts 'account'  (dependsOn \"account\")");
    expect(run.stdout).toContain("Waited for by (2):");
  });
});
