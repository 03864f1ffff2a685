// Tests for the Foundry plan: creation waves, the guidance's teardown order, contradictions, and the text and JSON output.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { analyzeFile } from "../../src/analyze.js";
import { contradictionCount, formatPlanJson, formatPlanText } from "../../src/plan/format.js";
import { planAnalysis, type FilePlan, type FoundryPlan, type PlanResource } from "../../src/plan/plan.js";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const FIXTURES = path.join(ROOT, "fixtures", "plan");
const ACCOUNT = "{parameters('accountName')}";
const PROJECT = "{parameters('projectName')}";

function plan(name: string): FilePlan {
  return planAnalysis(analyzeFile(path.join(FIXTURES, name)));
}

function only(name: string): FoundryPlan {
  const p = plan(name);
  expect(p.error).toBeUndefined();
  expect(p.foundryResources).toHaveLength(1);
  return p.foundryResources[0]!;
}

const at = (r: PlanResource): string => `${r.label} @${r.line}`;

describe("creation waves and teardown", () => {
  it("a template that follows the guidance: waves, five teardown steps, no contradiction", () => {
    const fp = only("good.json");
    expect(fp.name).toBe(ACCOUNT);
    expect(fp.resource?.line).toBe(37);
    expect(fp.waves.map((w) => [w.wave, w.resources.map(at)])).toEqual([
      [1, [`Key Vault '{parameters('keyVaultName')}' @23`, `Foundry resource '${ACCOUNT}' @37`]],
      [2, [`project '${PROJECT}' @54`, "Key Vault connection 'kv-connection' @67", "Key Vault Secrets Officer role assignment on vault '{parameters('keyVaultName')}' @88"]],
      [3, [`connection 'search' (project '${PROJECT}') @102`]],
      [4, [`connection 'storage' (project '${PROJECT}') @123`]],
    ]);
    expect(fp.teardown.map((s) => [s.step, s.resources.map((r) => r.role)])).toEqual([
      [1, ["connection", "connection"]],
      [2, ["key-vault-connection"]],
      [3, ["project"]],
      [4, ["foundry-resource"]],
      [5, ["key-vault"]],
    ]);
    expect(fp.teardown.map((s) => s.title.split(" (")[0])).toEqual([
      "Remove every other connection",
      "Remove the Key Vault connection",
      "Remove the projects",
      "Remove the Foundry resource",
      "Remove the Key Vault, if it goes too",
    ]);
    expect(fp.unordered).toEqual([]);
    expect(fp.contradictions).toEqual([]);
  });

  it("modules: waves count the whole template (modules included), resources name their module", () => {
    const fp = only("good-v2-modules.json");
    expect(fp.waves.map((w) => [w.wave, w.resources.map((r) => `${r.role}@${r.line}:${r.modules.join(">")}`)])).toEqual([
      [1, ["key-vault@31:"]],
      [2, ["foundry-resource@82:foundry"]],
      [3, ["project@99:foundry"]],
      [5, ["key-vault-connection@159:kvConnection", "key-vault-access@227:kvAccess"]],
      [7, ["connection@288:connections"]],
      [8, ["connection@304:connections"]],
    ]);
    expect(fp.contradictions).toEqual([]);
  });

  it("an existing Foundry resource: no resource, empty project and Foundry resource steps; a parallel copy loop", () => {
    const fp = only("existing-account.json");
    expect(fp.resource).toBeUndefined();
    expect(fp.teardown.map((s) => s.resources.length)).toEqual([1, 1, 0, 0]);
    expect(fp.contradictions.map((c) => [c.kind, c.resource.line, c.other, c.rule])).toEqual([["parallel-connections", 38, undefined, "foundry/serialize-connections"]]);
    expect(fp.contradictions[0]!.message).toBe(
      "Connection 'search-{copyIndex('searchConnections')}' is created by a copy loop (count {length(parameters('searchTargets'))}) whose instances run in parallel; the service rejects concurrent connection creation on one project (409 Conflict).",
    );
  });

  it("a template without Foundry resources, and a file that is not a template", () => {
    expect(plan("no-foundry.json")).toMatchObject({ error: undefined, foundryResources: [] });
    const notTemplate = planAnalysis(analyzeFile(path.join(ROOT, "package.json")));
    expect(notTemplate.error).toBe("Not an ARM deployment template.");
  });
});

describe("contradictions", () => {
  it("a copy loop that makes the Key Vault connection and others at once (not finishing it first)", () => {
    const loops = path.join(ROOT, "fixtures", "rules", "foundry", "connection-depends-on-key-vault");
    const bad = planAnalysis(analyzeFile(path.join(loops, "bad-loop.json"))).foundryResources[0]!;
    expect(bad.contradictions.map((c) => [c.kind, c.resource.line, c.other, c.rule])).toEqual([
      ["connection-before-key-vault-connection", 63, undefined, "foundry/connection-depends-on-key-vault"],
      ["parallel-connections", 63, undefined, "foundry/serialize-connections"],
    ]);
    expect(planAnalysis(analyzeFile(path.join(loops, "good-loop.json"))).foundryResources[0]!.contradictions).toEqual([]);
  });

  it("every place the graph contradicts the guidance, with its phases, line and rule", () => {
    const fp = only("bad.json");
    expect(fp.contradictions.map((c) => [c.resource.line, c.kind, c.phases.join("+"), c.other?.label ?? "-", c.rule ?? "-"])).toEqual([
      [54, "project-after-connection", "creation+teardown", "connection 'openai'", "-"],
      [68, "key-vault-connection-after-connection", "creation+teardown", "connection 'openai'", "foundry/key-vault-connection-order"],
      [68, "key-vault-connection-after-connection", "creation+teardown", `connection 'search' (project '${PROJECT}')`, "foundry/key-vault-connection-order"],
      [104, "connection-before-key-vault-connection", "creation+teardown", "Key Vault connection 'kv-connection'", "foundry/connection-depends-on-key-vault"],
      [121, "connection-before-key-vault-connection", "creation+teardown", "Key Vault connection 'kv-connection'", "foundry/connection-depends-on-key-vault"],
      [158, "parallel-connections", "creation", `connection 'search' (project '${PROJECT}')`, "foundry/serialize-connections"],
      [158, "parallel-connections", "creation", `connection 'storage' (project '${PROJECT}')`, "foundry/serialize-connections"],
      [158, "connection-before-key-vault-access", "creation", "Key Vault Secrets Officer role assignment on vault '{parameters('keyVaultName')}'", "foundry/connection-depends-on-key-vault-access"],
      [158, "connection-before-key-vault-connection", "creation+teardown", "Key Vault connection 'kv-connection'", "foundry/connection-depends-on-key-vault"],
      [158, "child-before-parent", "creation", `project '${PROJECT}'`, "arm/missing-dependency"],
    ]);
    expect(fp.contradictions[0]!.message).toBe(
      `Project '${PROJECT}' waits for connection 'openai': ARM creates the project later, though the guidance creates projects before connections; ` +
        "and a teardown that reverses the graph deletes the project first, though the guidance deletes connections and the Key Vault connection before projects.",
    );
    expect(fp.contradictions[1]!.message).toBe(
      "Key Vault connection 'kv-connection' waits for connection 'openai': ARM creates it later, though the guidance creates the Key Vault connection first; " +
        "and a teardown that reverses the graph deletes it earlier, though the guidance deletes it after every other connection.",
    );
    expect(contradictionCount([plan("bad.json"), plan("good.json")])).toBe(10);
  });
});

describe("output", () => {
  it("text: waves, teardown steps and the summary, line by line", () => {
    const text = formatPlanText([plan("good.json")], false).replaceAll(FIXTURES, "<fx>");
    expect(text.split("\n")).toEqual([
      "<fx>/good.json",
      `  Foundry resource '${ACCOUNT}' (line 37)`,
      "    Creation waves the graph implies (ARM may run the resources of one wave in parallel; wave numbers count the whole template):",
      "      wave 1  Key Vault '{parameters('keyVaultName')}'                                           line 23",
      `              Foundry resource '${ACCOUNT}'                                     line 37`,
      `      wave 2  project '${PROJECT}'                                              line 54`,
      "              Key Vault connection 'kv-connection'                                               line 67",
      "              Key Vault Secrets Officer role assignment on vault '{parameters('keyVaultName')}'  line 88",
      `      wave 3  connection 'search' (project '${PROJECT}')                        line 102`,
      `      wave 4  connection 'storage' (project '${PROJECT}')                       line 123`,
      "    Teardown order the guidance requires (one deployment per step: remove the step's resources from the template, deploy, then the next step):",
      "      1. Remove every other connection (resource and project level):",
      `           connection 'search' (project '${PROJECT}')   line 102`,
      `           connection 'storage' (project '${PROJECT}')  line 123`,
      "      2. Remove the Key Vault connection:",
      "           Key Vault connection 'kv-connection'  line 67",
      "      3. Remove the projects:",
      `           project '${PROJECT}'  line 54`,
      "      4. Remove the Foundry resource:",
      `           Foundry resource '${ACCOUNT}'  line 37`,
      "      5. Remove the Key Vault, if it goes too (never before the Key Vault connection: deleting it breaks the Foundry resource):",
      "           Key Vault '{parameters('keyVaultName')}'  line 23",
      "    Contradictions: none.",
      "",
      "No contradictions: the dependency graph follows the guidance's order (1 Foundry resource).",
      "",
    ]);
  });

  it("text: contradictions with their line, phases and rule; the summary counts them", () => {
    const text = formatPlanText([plan("existing-account.json")], false);
    expect(text).toContain("    Contradictions (1):\n      line 38  creation  Connection 'search-{copyIndex('searchConnections')}' is created by a copy loop");
    expect(text).toContain("(409 Conflict). [foundry/serialize-connections]\n");
    expect(text).toContain("      3. Remove the projects: (none in this template)\n");
    expect(text.endsWith("\u2716 1 contradiction of the guidance's order (1 Foundry resource).\n")).toBe(true);
  });

  it("JSON: version, files, Foundry resources; absent values are null", () => {
    const doc = JSON.parse(formatPlanJson([plan("existing-account.json"), plan("no-foundry.json")])) as {
      version: number;
      files: { file: string; error: string | null; foundryResources: Record<string, unknown>[] }[];
    };
    expect(doc.version).toBe(1);
    expect(doc.files.map((f) => [path.basename(f.file), f.error, f.foundryResources.length])).toEqual([
      ["existing-account.json", null, 1],
      ["no-foundry.json", null, 0],
    ]);
    const fp = doc.files[0]!.foundryResources[0]!;
    expect(Object.keys(fp)).toEqual(["name", "identity", "resource", "waves", "unordered", "teardown", "contradictions"]);
    expect(fp.resource).toBeNull();
    expect(fp.identity).toBe("/subscriptions/{subscription().subscriptionid}/resourcegroups/{resourcegroup().name}/providers/microsoft.cognitiveservices/accounts/{parameters('accountname')}");
    const [contradiction] = fp.contradictions as Record<string, unknown>[];
    expect(contradiction).toMatchObject({ kind: "parallel-connections", phases: ["creation"], other: null, rule: "foundry/serialize-connections" });
    const resource = (fp.waves as { resources: Record<string, unknown>[] }[])[0]!.resources[0]!;
    expect(Object.keys(resource)).toEqual(["role", "label", "name", "type", "id", "identity", "file", "line", "column", "modules"]);
  });
});
