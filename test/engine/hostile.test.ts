// Hostile template structures: huge resource counts, deep module chains, nested 800×800 copy loops, a 10,000-node cycle.
import { describe, expect, it } from "vitest";
import { analyze, deployment, edgesOf, nodeNamed, RG_PREFIX, template, type Json } from "./helpers.js";

const NIC = "Microsoft.Network/networkInterfaces";
const VNET = "Microsoft.Network/virtualNetworks";
const SA = "Microsoft.Storage/storageAccounts";

describe("hostile structures", () => {
  it("50,000 resources in one template", () => {
    const n = 50_000;
    const resources: Json[] = [{ type: VNET, apiVersion: "2023-01-01", name: "hub" }];
    for (let i = 1; i < n; i++) {
      resources.push({
        type: NIC,
        apiVersion: "2023-01-01",
        name: `nic${i}`,
        dependsOn: [`[resourceId('${VNET}', 'hub')]`],
        properties: { subnet: { id: `[resourceId('${VNET}/subnets', 'hub', 'default')]` } },
      });
    }
    const { graph } = analyze(template({ resources }));
    expect(graph.resources).toHaveLength(n);
    const hub = nodeNamed(graph, "hub");
    expect(hub.in).toHaveLength(n - 1);
    expect(hub.in.every((e) => e.kind === "explicit")).toBe(true);
    const last = nodeNamed(graph, `nic${n - 1}`);
    expect(last.displayId).toBe(`${RG_PREFIX}/providers/${NIC}/nic${n - 1}`);
    expect(last.uses.map((u) => `${u.kind} ${u.target.displayName}`)).toEqual(["resourceId hub"]);
    expect(graph.waves().map((w) => w.length)).toEqual([1, n - 1]);
    expect(graph.cycles()).toEqual([]);
  }, 180_000);

  it("a chain of 6 nested deployments, each holding 800 resources", () => {
    const perLevel = 800;
    const levelResources = (level: number): Json[] => {
      const out: Json[] = [];
      for (let i = 0; i < perLevel; i++) {
        out.push({
          type: SA,
          apiVersion: "2023-01-01",
          name: `[format('l${level}r${i}-{0}', parameters('suffix'))]`,
          ...(i > 0 ? { dependsOn: [`[resourceId('${SA}', format('l${level}r${i - 1}-{0}', parameters('suffix')))]`] } : {}),
        });
      }
      return out;
    };
    let inner: Record<string, Json> | undefined;
    for (let level = 6; level >= 1; level--) {
      const resources = levelResources(level);
      if (inner) resources.push(deployment(`level${level + 1}`, inner, {}, { parameters: { suffix: { value: "[parameters('suffix')]" } } }));
      inner = template({ parameters: { suffix: { type: "string" } }, resources });
    }
    const { graph, model } = analyze(
      template({
        parameters: { suffix: { type: "string" } },
        resources: [
          { type: VNET, apiVersion: "2023-01-01", name: "first" },
          deployment("level1", inner!, { dependsOn: ["first"] }, { parameters: { suffix: { value: "[parameters('suffix')]" } } }),
          { type: "Microsoft.Web/sites", apiVersion: "2023-01-01", name: "last", dependsOn: ["level1"] },
        ],
      }),
    );
    expect(model.scopes).toHaveLength(7);
    expect(graph.resources).toHaveLength(6 * perLevel + 6 + 2);
    expect(graph.dangling).toEqual([]);
    // The parameter travels down unchanged: the deepest resource is named with the root's symbol.
    const deepest = nodeNamed(graph, "l6r799-{parameters('suffix')}");
    expect(deepest.displayId).toBe(`${RG_PREFIX}/providers/${SA}/l6r799-{parameters('suffix')}`);
    expect(edgesOf(deepest)).toEqual(["explicit -> l6r798-{parameters('suffix')}", "inherits -> level6 (start)"]);
    const level6 = nodeNamed(graph, "level6");
    expect(deepest.deployment).toBe(level6);
    // The deepest resource waits for what the outermost module depends on, and the resource after
    // the outermost module waits for the deepest resource.
    expect(graph.reaches(deepest, nodeNamed(graph, "first"))).toBe(true);
    expect(graph.reaches(nodeNamed(graph, "last"), deepest)).toBe(true);
    expect(graph.path(nodeNamed(graph, "last"), deepest)?.map((e) => e.kind)).toEqual(["explicit", "contains", "contains", "contains", "contains", "contains", "contains"]);
    expect(graph.cycles()).toEqual([]);
  }, 180_000);

  it("a copy of 800 in a nested deployment copied 800 times: one symbolic node each", () => {
    const module = template({
      parameters: { group: { type: "int" } },
      resources: [
        {
          type: SA,
          apiVersion: "2023-01-01",
          name: "[format('sa-{0}-{1}', parameters('group'), copyIndex())]",
          copy: { name: "accounts", count: 800 },
        },
      ],
    });
    const { graph } = analyze(
      template({
        resources: [
          deployment("[format('mod-{0}', copyIndex())]", module, { copy: { name: "modules", count: 800, mode: "serial", batchSize: 10 } }, { parameters: { group: { value: "[copyIndex()]" } } }),
        ],
      }),
    );
    expect(graph.resources).toHaveLength(2);
    expect(graph.nodes).toHaveLength(3);
    const [mod, accounts] = graph.resources;
    expect(mod!.copy).toEqual({ name: "modules", count: 800 });
    expect(accounts!.copy).toEqual({ name: "accounts", count: 800 });
    expect(mod!.displayName).toBe("mod-{copyIndex('modules')}");
    expect(accounts!.displayName).toBe("sa-{copyIndex('modules')}-{copyIndex('accounts')}");
    expect(edgesOf(mod!)).toEqual(["contains -> mod-{copyIndex('modules')} (start)", "contains -> sa-{copyIndex('modules')}-{copyIndex('accounts')}"]);
  });

  it("a dependsOn cycle of 10,000 resources written with resourceId()", () => {
    const n = 10_000;
    const resources: Json[] = [];
    for (let i = 0; i < n; i++) resources.push({ type: SA, apiVersion: "2023-01-01", name: `c${i}`, dependsOn: [`[resourceId('${SA}', 'c${(i + 1) % n}')]`] });
    const { graph } = analyze(template({ resources }));
    const cycles = graph.cycles();
    expect(cycles).toHaveLength(1);
    expect(new Set(cycles[0]!.map((x) => x.displayName)).size).toBe(n);
    expect(graph.path(nodeNamed(graph, "c0"), nodeNamed(graph, "c9999"))).toHaveLength(n - 1);
    expect(graph.waves()).toEqual([]);
  }, 120_000);
});
