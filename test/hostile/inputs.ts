// Hostile inputs for the CLI suite: broken files, huge and deep templates, expression bombs (written to a temp folder, never committed).
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { TEMPLATE_SCHEMA } from "../runner/helpers.js";

type Json = unknown;
const SA = "Microsoft.Storage/storageAccounts";
const DEPLOYMENT = "Microsoft.Resources/deployments";

export function templateJson(body: Record<string, Json>): Record<string, Json> {
  return { $schema: TEMPLATE_SCHEMA, contentVersion: "1.0.0.0", ...body };
}

export function template(body: Record<string, Json>, indent?: number): string {
  return `${JSON.stringify(templateJson(body), null, indent)}\n`;
}

/** A clean template with one known finding (an unknown dependsOn entry at line 10), linted beside every hostile file. */
export function goodTemplate(): string {
  return template({ resources: [{ type: SA, apiVersion: "2023-01-01", name: "good", location: "westeurope", dependsOn: ["nothing-here"] }] }, 2);
}

export interface HostileCase {
  /** File name in the temp folder (the test's label too). */
  name: string;
  /** Writes the input at `path`. */
  write(path: string): void;
}

const storage = (name: string, extra: Record<string, Json> = {}): Record<string, Json> => ({ type: SA, apiVersion: "2023-01-01", name, location: "westeurope", ...extra });

function nestedDeployment(name: string, inner: Record<string, Json>, extra: Record<string, Json> = {}, parameters?: Record<string, Json>): Record<string, Json> {
  const properties = { mode: "Incremental", expressionEvaluationOptions: { scope: "inner" }, ...(parameters === undefined ? {} : { parameters }), template: inner };
  return { type: DEPLOYMENT, apiVersion: "2022-09-01", name, ...extra, properties };
}

const text = (content: string | Uint8Array) => (path: string) => {
  writeFileSync(path, content);
};

/** Small broken files: each fails to load with a positioned `armlint/parse-error`. */
export const BROKEN: readonly (HostileCase & { message: RegExp; at: string })[] = [
  { name: "not-json.json", write: text("this is not JSON, just words\n"), message: /Unexpected word 'this'/, at: "1:1" },
  { name: "truncated.json", write: text(goodTemplate().slice(0, 120)), message: /Unterminated|end of the file|Expected/, at: "" },
  { name: "binary.json", write: text(Uint8Array.from([0x7b, 0x0a, 0x22, 0x61, 0x00, 0xff, 0x13, 0x89, 0x50, 0x4e, 0x47, 0x0d])), message: /binary file/, at: "2:3" },
  { name: "empty.json", write: text(""), message: /File is empty/, at: "1:1" },
  { name: "whitespace.json", write: text("  \n\t\r\n   \n"), message: /empty/, at: "1:1" },
  {
    name: "invalid-utf8.json",
    write: text(Buffer.concat([Buffer.from('{\n  "$schema": "x",\n  "name": "caf'), Buffer.from([0xc3, 0x28]), Buffer.from('"\n}\n')])),
    message: /not valid UTF-8: invalid byte sequence at byte offset 34/,
    at: "3:15",
  },
  { name: "utf16-no-bom.json", write: text(Buffer.from(goodTemplate(), "utf16le")), message: /looks like UTF-16 \(little-endian\) without a byte order mark/, at: "1:1" },
  { name: "utf16be-no-bom.json", write: text(Buffer.from(goodTemplate(), "utf16le").swap16()), message: /looks like UTF-16 \(big-endian\) without a byte order mark/, at: "1:1" },
  {
    name: "nested-100000.json",
    write: text(`{"$schema": "${TEMPLATE_SCHEMA}", "variables": {"v": ${"[".repeat(100_000)}${"]".repeat(100_000)}}, "resources": []}`),
    message: /Nesting deeper than 1000 levels/,
    at: "",
  },
  {
    name: "string-10mb.json",
    write: text(`{"$schema": "${TEMPLATE_SCHEMA}",\n "variables": {"v": "${"x".repeat(10 * 1024 * 1024)}"}, "resources": []}`),
    message: /String longer than 5000000 characters/,
    at: "2:21",
  },
];

/** A symlink loop (`loop-a.json` → `loop-b.json` → `loop-a.json`). */
export function writeSymlinkLoop(dir: string): string {
  const a = join(dir, "loop-a.json");
  symlinkSync("loop-b.json", a);
  symlinkSync("loop-a.json", join(dir, "loop-b.json"));
  return a;
}

/** An empty folder named like a template. */
export function writeFolderNamedJson(dir: string): string {
  const path = join(dir, "x.json");
  mkdirSync(path);
  return path;
}

/** A file nobody but root may read (mode 000). */
export function writeUnreadable(dir: string): string {
  const path = join(dir, "unreadable.json");
  writeFileSync(path, goodTemplate());
  chmodSync(path, 0o000);
  return path;
}

/**
 * `__proto__`, `constructor` and `prototype` as keys everywhere: parameters, variables, resource bodies,
 * tags, outputs, copy names, and read back through expressions.
 */
export function prototypeKeysTemplate(): string {
  const poison = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "prototype": {"polluted": "yes"}}';
  return `{
  "$schema": "${TEMPLATE_SCHEMA}",
  "contentVersion": "1.0.0.0",
  "__proto__": {"polluted": "yes"},
  "parameters": {
    "__proto__": {"type": "string", "defaultValue": "p"},
    "constructor": {"type": "object", "defaultValue": ${poison}},
    "prototype": {"type": "string"}
  },
  "variables": {
    "__proto__": "[parameters('__proto__')]",
    "constructor": "[parameters('constructor').constructor.prototype]",
    "prototype": "[union(parameters('constructor'), json('{\\"__proto__\\": {\\"polluted\\": 1}}'))]",
    "copy": [{"name": "__proto__", "count": 2, "input": "[copyIndex('__proto__')]"}]
  },
  "functions": [{"namespace": "__proto__", "members": {"constructor": {"parameters": [], "output": {"type": "string", "value": "x"}}}}],
  "resources": [
    {
      "type": "${SA}", "apiVersion": "2023-01-01", "name": "[variables('__proto__')]", "location": "westeurope",
      "tags": ${poison},
      "properties": ${poison},
      "__proto__": {"dependsOn": ["nothing"]},
      "dependsOn": ["__proto__", "constructor"]
    },
    {
      "type": "${SA}", "apiVersion": "2023-01-01", "name": "[concat('c', string(variables('constructor')), string(variables('prototype')), __proto__.constructor())]", "location": "westeurope"
    }
  ],
  "outputs": {
    "__proto__": {"type": "object", "value": "[createObject('__proto__', 1, 'constructor', 2)]"},
    "constructor": {"type": "string", "value": "[parameters('prototype')]"}
  }
}
`;
}

/** A template of about `megabytes` MB: 200 resources with big (but ordinary) property objects. */
export function bigTemplate(megabytes: number): string {
  const resources: Json[] = [];
  const perResource = Math.ceil((megabytes * 1024 * 1024) / 200);
  const entry = { name: "rule-name-0000", priority: 100, direction: "Inbound", access: "Allow", protocol: "Tcp", sourceAddressPrefix: "10.0.0.0/8", destinationPortRange: "443" };
  const entrySize = JSON.stringify(entry).length + 1;
  for (let i = 0; i < 200; i++) {
    const rules: Json[] = [];
    for (let j = 0; j * entrySize < perResource; j++) rules.push({ ...entry, name: `rule-${i}-${j}`, priority: 100 + j });
    resources.push({ type: "Microsoft.Network/networkSecurityGroups", apiVersion: "2023-04-01", name: `nsg-${i}`, location: "westeurope", properties: { securityRules: rules } });
  }
  return template({ resources });
}

export function millionElementsTemplate(): string {
  return `{"$schema": "${TEMPLATE_SCHEMA}", "contentVersion": "1.0.0.0", "variables": {"big": [${new Array<string>(1_000_000).fill("0").join(",")}]}, "resources": []}\n`;
}

/** Expression bombs, each in its own template. */
export const BOMBS: readonly HostileCase[] = [
  {
    name: "calls-10000-deep.json",
    write: text(template({ resources: [storage(`[${"concat(".repeat(10_000)}'a'${")".repeat(10_000)}]`)] })),
  },
  {
    name: "string-doubling-64.json",
    write: (path) => {
      const variables: Record<string, Json> = { v0: "ab" };
      for (let i = 1; i <= 64; i++) variables[`v${i}`] = `[concat(variables('v${i - 1}'), variables('v${i - 1}'))]`;
      writeFileSync(path, template({ variables, resources: [storage("[variables('v64')]"), storage("[substring(variables('v64'), 0, 3)]")], outputs: { o: { type: "int", value: "[length(variables('v64'))]" } } }));
    },
  },
  {
    name: "variable-cycle.json",
    write: text(template({ variables: { a: "[variables('b')]", b: "[concat(variables('c'), 'x')]", c: "[variables('a')]", self: "[variables('self')]" }, resources: [storage("[variables('a')]")] })),
  },
  {
    name: "copy-800-in-800.json",
    write: text(
      template({
        resources: [
          nestedDeployment(
            "[format('mod-{0}', copyIndex('outer'))]",
            templateJson({ parameters: { group: { type: "int" } }, resources: [storage("[format('sa{0}x{1}', parameters('group'), copyIndex('inner'))]", { copy: { name: "inner", count: 800 } })] }),
            { copy: { name: "outer", count: 800 } },
            { group: { value: "[copyIndex('outer')]" } },
          ),
        ],
      }),
    ),
  },
  {
    name: "range-1e9.json",
    write: text(
      template({
        variables: { all: "[range(0, 1000000000)]", huge: "[length(range(0, 1000000000))]" },
        resources: [storage("[string(variables('huge'))]", { copy: { name: "many", count: "[length(variables('all'))]" } })],
      }),
    ),
  },
  {
    name: "format-100000-args.json",
    write: text(template({ resources: [storage(`[format('{0}{99999}', ${Array.from({ length: 100_000 }, (_, i) => String(i)).join(", ")})]`)] })),
  },
];

/** `n` storage accounts each depending on the next, the last on the first. */
export function cycleTemplate(n: number): string {
  const resources: Json[] = [];
  for (let i = 0; i < n; i++) resources.push(storage(`c${i}`, { dependsOn: [`[resourceId('${SA}', 'c${(i + 1) % n}')]`] }));
  return template({ resources });
}

/** `n` network interfaces that depend on one virtual network. */
export function manyResourcesTemplate(n: number): string {
  const resources: Json[] = [{ type: "Microsoft.Network/virtualNetworks", apiVersion: "2023-04-01", name: "hub", location: "westeurope" }];
  for (let i = 1; i < n; i++) {
    resources.push({
      type: "Microsoft.Network/networkInterfaces",
      apiVersion: "2023-04-01",
      name: `nic${i}`,
      location: "westeurope",
      dependsOn: ["[resourceId('Microsoft.Network/virtualNetworks', 'hub')]"],
      properties: { ipConfigurations: [{ name: "ip", properties: { subnet: { id: "[resourceId('Microsoft.Network/virtualNetworks/subnets', 'hub', 'default')]" } } }] },
    });
  }
  return template({ resources });
}

/** A chain of `levels` nested deployments, each holding `perLevel` storage accounts in a dependsOn chain. */
export function nestedChainTemplate(levels: number, perLevel: number): string {
  let inner: Record<string, Json> | undefined;
  for (let level = levels; level >= 1; level--) {
    const resources: Json[] = [];
    for (let i = 0; i < perLevel; i++) {
      resources.push(storage(`[format('l${level}r${i}{0}', parameters('suffix'))]`, i > 0 ? { dependsOn: [`[resourceId('${SA}', format('l${level}r${i - 1}{0}', parameters('suffix')))]`] } : {}));
    }
    if (inner !== undefined) resources.push(nestedDeployment(`level${level + 1}`, inner, {}, { suffix: { value: "[parameters('suffix')]" } }));
    inner = templateJson({ parameters: { suffix: { type: "string" } }, resources });
  }
  const top = nestedDeployment("level1", inner!, {}, { suffix: { value: "[parameters('suffix')]" } });
  return template({ parameters: { suffix: { type: "string", defaultValue: "x" } }, resources: [top] });
}

/** Long runs of whitespace, quotes and separators where rules put template text into messages and patterns. */
export function regexHostileTemplate(length: number): string {
  const spaces = " ".repeat(length);
  const tabs = "\t".repeat(length);
  const slashes = "/".repeat(length);
  return template({
    parameters: { [`p${spaces}x`]: { type: "string" }, long: { type: "string", defaultValue: `a${spaces}b` } },
    variables: { ws: `[concat('${spaces}', parameters('long'))]`, commas: ` ,${" ,".repeat(length / 2)}x` },
    resources: [
      storage(`x${spaces}`, { dependsOn: [`${spaces}x`, `${tabs}y`, `[resourceId('${SA}', '${spaces}')]`] }),
      storage(`[concat('${slashes}', 'a')]`, { dependsOn: [`/subscriptions/${slashes}/resourceGroups/${"a/".repeat(length / 2)}`] }),
      { type: `Microsoft.Storage/${slashes}storageAccounts`, apiVersion: `2023-01-01${"-".repeat(length)}x`, name: "[".repeat(length) },
      storage("[format('{0}', variables('ws'))]", { properties: { note: `${" \r\n".repeat(length / 3)}x`, pattern: `^${"(a+)+".repeat(50)}$`, uri: "%".repeat(length), markup: "<&>".repeat(length / 3) } }),
      { type: " ".repeat(length), apiVersion: "0".repeat(length), name: "'".repeat(length) },
    ],
    outputs: { o: { type: "string", value: `[concat(${Array.from({ length: 200 }, () => `'${" ".repeat(50)}'`).join(", ")})]` } },
  });
}
