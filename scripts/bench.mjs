#!/usr/bin/env node
// Benchmark: whole-process timings against baselines measured in the same run, printed as ratios.
//
//   npm run bench            (builds first; reads ../shared/corpus)
//   node scripts/bench.mjs --runs 5
//   node scripts/bench.mjs --quick   (one run of each corpus figure; growth up to 10,000 resources)
//
// Every figure is the median of several runs of a whole `node` process, so module loading and
// start-up count, as they do for users. Ratios compare against a baseline measured in this run on
// this machine, because absolute times on shared machines are noise; the start-up and corpus figures
// alternate each run with a baseline run and print the median of the pairs' ratios.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg } from "node:os";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(root, "../shared/corpus");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const QUICK = process.argv.includes("--quick");
const CORPUS_RUNS = QUICK ? 1 : RUNS;
const bin = join(root, "bin/armlint.js");

function time(args, options = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30, cwd: root, ...options });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, stderr: r.stderr, status: r.status };
}

function timeAsync(args) {
  return new Promise((resolveRun, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd: root, stdio: "ignore" });
    child.on("error", reject);
    child.on("exit", () => resolveRun(Number(process.hrtime.bigint() - t0) / 1e6));
  });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function bench(label, args, runs = RUNS) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = time(args);
    times.push(last.ms);
  }
  return { label, ms: median(times), last };
}

/**
 * `args` and a baseline run alternately, `runs` times each (the baseline first in each pair). The ratio is the
 * median of the pairs' ratios: on a shared machine whose speed drifts during the bench, both runs of a pair
 * see about the same machine, where a baseline measured once, minutes earlier, may not.
 */
function pairedBench(label, args, baseline, runs = RUNS) {
  const times = [];
  const baseTimes = [];
  const ratios = [];
  let last;
  for (let i = 0; i < runs; i++) {
    const base = time(baseline.args).ms;
    last = time(args);
    times.push(last.ms);
    baseTimes.push(base);
    ratios.push(last.ms / base);
  }
  return { label, ms: median(times), last, baseline: { label: baseline.label, ms: median(baseTimes) }, ratio: median(ratios) };
}

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

const rows = [];
/** A row: `measured` against `baseline` (a paired measurement brings its own baseline and ratio). */
function report(label, measured, baseline = measured.baseline, goal = undefined) {
  const ratio = measured.ratio ?? measured.ms / baseline.ms;
  rows.push({ label, time: fmt(measured.ms), baseline: `${baseline.label} ${fmt(baseline.ms)}`, ratio: `${ratio.toFixed(2)}x`, goal: goal ? `≤ ${goal}x ${ratio <= goal ? "met" : "NOT met"}` : "" });
}

// 1. Start-up: one small template against `node -e 0`.
const tmp = mkdtempSync(join(tmpdir(), "armlint-bench-"));
// The template test/startup checks loads no package and no type data.
const small = join(root, "fixtures/startup/small.json");
// 0. How much parallelism the machine gives right now (shared machines): one CPU-bound process alone,
// then two at once. 2.0 means two free cores; 1.0 means worker threads cannot help at the moment.
const busy = "let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; if (x < 0) console.log(x);";
const alone = time(["-e", busy]).ms;
const pair = await Promise.all([0, 1].map(() => timeAsync(["-e", busy])));
const parallelism = (2 * alone) / Math.max(...pair);
const one = pairedBench("armlint small.json", [bin, small], { label: "node -e 0", args: ["-e", "0"] }, Math.max(RUNS, 7));
report("armlint on one small template", one, undefined, 2);

if (!existsSync(corpus)) {
  console.log(`corpus not found at ${corpus}: corpus benchmarks skipped`);
} else {
  const files = readFileSync(join(corpus, "manifest.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => join(corpus, JSON.parse(l).path));
  const list = join(tmp, "files.json");
  writeFileSync(list, JSON.stringify(files));
  // 2. Baselines: read only, and read + JSON.parse, as whole processes.
  const readOnly = bench("read", ["-e", `const fs=require('fs');for(const f of require(${JSON.stringify(list)}))fs.readFileSync(f,'utf8')`]);
  const readParseArgs = [
    "-e",
    `const fs=require('fs');for(const f of require(${JSON.stringify(list)})){let t=fs.readFileSync(f,'utf8');if(t.charCodeAt(0)===0xfeff)t=t.slice(1);try{JSON.parse(t)}catch{}}`,
  ];
  const readParse = bench("read+JSON.parse", readParseArgs);
  // Each corpus figure below is paired with its own read + JSON.parse runs (see pairedBench).
  const baseline = { label: "read+JSON.parse", args: readParseArgs };
  // 3. Engine only: load + model + graph through the programmatic API.
  const engineScript = join(tmp, "engine.mjs");
  writeFileSync(
    engineScript,
    `import { analyzeFile } from ${JSON.stringify(join(root, "dist/src/analyze.js"))};
     import { readFileSync } from "node:fs";
     let nodes = 0;
     for (const f of JSON.parse(readFileSync(${JSON.stringify(list)}, "utf8"))) nodes += analyzeFile(f).graph?.resources.length ?? 0;
     console.log(JSON.stringify({ nodes, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));`,
  );
  const engine = pairedBench("load + graph (API)", [engineScript], baseline);
  const engineInfo = JSON.parse(engine.last.stdout.trim().split("\n").at(-1));
  // 4. The whole CLI over the corpus as a user runs it (`armlint PATH`, the default report, written to a file
  // so the terminal does not count): one thread, then worker threads (`--jobs auto`); then the same run writing
  // the ESLint-style JSON report, which carries the text of every file with findings (≈50 MB for this corpus).
  const lintArgs = [bin, "--output-file", join(tmp, "out.txt"), corpus];
  const cli = pairedBench("armlint corpus (CLI)", lintArgs, baseline, CORPUS_RUNS);
  const cliJson = pairedBench("armlint corpus --format json", [bin, "--format", "json", "--output-file", join(tmp, "out.json"), corpus], baseline, CORPUS_RUNS);
  const loadBefore = loadavg()[0];
  const cliJobs = pairedBench("armlint corpus --jobs auto", [...lintArgs, "--jobs", "auto"], baseline, CORPUS_RUNS);
  const threads = availableParallelism();
  const cliThreads = pairedBench(`armlint corpus --jobs ${threads}`, [...lintArgs, "--jobs", String(threads)], baseline, CORPUS_RUNS);
  report("load + model + graph, whole corpus", engine);
  report("armlint CLI, whole corpus", cli, undefined, 3);
  report("armlint CLI, whole corpus, --format json (50 MB report)", cliJson);
  report(`armlint CLI, whole corpus, --jobs auto (load ${loadBefore.toFixed(1)})`, cliJobs, undefined, 2);
  report(`armlint CLI, whole corpus, --jobs ${threads}`, cliThreads, undefined, 2);
  // 5. The cache: the first run with --cache (no cache yet) against a re-run over the unchanged corpus.
  const cacheFile = join(tmp, "corpus.armlintcache");
  const cold = [];
  const warm = [];
  for (let i = 0; i < CORPUS_RUNS; i++) {
    rmSync(cacheFile, { force: true });
    cold.push(time([...lintArgs, "--cache-location", cacheFile]).ms);
    warm.push(time([...lintArgs, "--cache-location", cacheFile]).ms);
  }
  const cacheCold = { label: "--cache, first run", ms: median(cold) };
  const cacheWarm = { label: "--cache, unchanged", ms: median(warm) };
  report("armlint CLI, whole corpus, --cache, unchanged re-run", cacheWarm, cacheCold);
  report("armlint CLI, whole corpus, --cache, unchanged re-run", cacheWarm, readParse);
  console.log(`corpus: ${files.length} templates, ${engineInfo.nodes} graph nodes; peak RSS of the engine run: ${engineInfo.maxRssMb} MB`);
  console.log(`baselines: read ${fmt(readOnly.ms)}, read + JSON.parse ${fmt(readParse.ms)}; cache file ${(statSync(cacheFile).size / 1e6).toFixed(1)} MB`);
}

// 6. Growth: synthetic templates of 100 to 50,000 resources (blocks of ten related resources: network,
// compute, storage, web), each linted in a fresh process after a warm-up lint, so start-up and JIT
// warm-up do not count. Time per resource should grow at most 1.5x from the smallest to the largest;
// peak memory stay under 20x the file size + 100 MB.
const growth = [];
const sizes = QUICK ? [100, 1_000, 10_000] : [100, 1_000, 10_000, 50_000];
const driver = join(tmp, "growth.mjs");
writeFileSync(
  driver,
  `import { lintFiles } from ${JSON.stringify(join(root, "dist/src/runner/lint.js"))};
   const [warmup, file] = process.argv.slice(2);
   await lintFiles([warmup], { source: { kind: "none" } });
   const t0 = performance.now();
   const { results } = await lintFiles([file], { source: { kind: "none" } });
   const ms = performance.now() - t0;
   console.log(JSON.stringify({ ms, findings: results[0].diagnostics.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));`,
);
const warmupFile = join(tmp, "growth-warmup.json");
writeFileSync(warmupFile, syntheticTemplate(20));
for (const n of sizes) {
  const file = join(tmp, `growth-${n}.json`);
  writeFileSync(file, syntheticTemplate(n));
  const sizeMb = statSync(file).size / (1024 * 1024);
  const runs = [];
  for (let i = 0; i < (n >= 10_000 ? Math.min(RUNS, 2) : RUNS); i++) {
    const run = time([driver, warmupFile, file]);
    if (run.status !== 0) throw new Error(`growth run failed for ${n} resources: ${run.stderr}`);
    runs.push(JSON.parse(run.stdout.trim().split("\n").at(-1)));
  }
  runs.sort((a, b) => a.ms - b.ms);
  const m = runs[Math.floor(runs.length / 2)];
  const cliRun = time([bin, "--no-config", "--format", "json", "--output-file", join(tmp, "growth-out.json"), file]);
  growth.push({ resources: n, "file MB": sizeMb.toFixed(1), "lint ms": Math.round(m.ms), "µs/resource": ((m.ms * 1000) / n).toFixed(0), "whole CLI": fmt(cliRun.ms), "peak MB": Math.round(m.maxRssMb), "bound MB": Math.round(20 * sizeMb + 100), findings: m.findings });
}
const perResource = growth.map((g) => Number(g["µs/resource"]));
const growthRatio = perResource.at(-1) / perResource[0];
rows.push({
  label: `time per resource, ${growth.at(-1).resources} vs ${growth[0].resources} resources`,
  time: `${perResource.at(-1)} µs`,
  baseline: `${perResource[0]} µs`,
  ratio: `${growthRatio.toFixed(2)}x`,
  goal: `≤ 1.5x ${growthRatio <= 1.5 ? "met" : "NOT met"}`,
});
const overBound = growth.filter((g) => g["peak MB"] > g["bound MB"]);
rows.push({
  label: "peak memory vs 20x file + 100 MB",
  time: `${growth.at(-1)["peak MB"]} MB`,
  baseline: `${growth.at(-1)["bound MB"]} MB`,
  ratio: `${(growth.at(-1)["peak MB"] / growth.at(-1)["bound MB"]).toFixed(2)}x`,
  goal: overBound.length === 0 ? "≤ 1x met at every size" : `NOT met at ${overBound.map((g) => g.resources).join(", ")}`,
});
console.log("\ngrowth (lint time in-process after a warm-up; peak RSS of that process):");
console.table(growth);

/** A template of `n` resources in blocks of ten that depend on each other (and never on other blocks). */
function syntheticTemplate(n) {
  const resources = [];
  const id = (type, ...names) => `[resourceId('${type}', ${names.map((x) => `'${x}'`).join(", ")})]`;
  for (let b = 0; resources.length < n; b++) {
    const block = [
      { type: "Microsoft.Network/networkSecurityGroups", apiVersion: "2023-04-01", name: `nsg-${b}`, location: "[parameters('location')]", properties: { securityRules: [] } },
      { type: "Microsoft.Network/virtualNetworks", apiVersion: "2023-04-01", name: `vnet-${b}`, location: "[parameters('location')]", properties: { addressSpace: { addressPrefixes: ["[variables('addressSpace')]"] } } },
      { type: "Microsoft.Network/virtualNetworks/subnets", apiVersion: "2023-04-01", name: `vnet-${b}/default`, dependsOn: [id("Microsoft.Network/virtualNetworks", `vnet-${b}`), id("Microsoft.Network/networkSecurityGroups", `nsg-${b}`)], properties: { addressPrefix: "10.0.0.0/24", networkSecurityGroup: { id: id("Microsoft.Network/networkSecurityGroups", `nsg-${b}`) } } },
      { type: "Microsoft.Network/virtualNetworks/subnets", apiVersion: "2023-04-01", name: `vnet-${b}/apps`, dependsOn: [id("Microsoft.Network/virtualNetworks/subnets", `vnet-${b}`, "default")], properties: { addressPrefix: "10.0.1.0/24" } },
      { type: "Microsoft.Network/publicIPAddresses", apiVersion: "2023-04-01", name: `pip-${b}`, location: "[parameters('location')]", sku: { name: "Standard" }, properties: { publicIPAllocationMethod: "Static" } },
      { type: "Microsoft.Network/networkInterfaces", apiVersion: "2023-04-01", name: `nic-${b}`, location: "[parameters('location')]", dependsOn: [id("Microsoft.Network/virtualNetworks/subnets", `vnet-${b}`, "default"), id("Microsoft.Network/publicIPAddresses", `pip-${b}`)], properties: { ipConfigurations: [{ name: "ipconfig1", properties: { subnet: { id: id("Microsoft.Network/virtualNetworks/subnets", `vnet-${b}`, "default") }, publicIPAddress: { id: id("Microsoft.Network/publicIPAddresses", `pip-${b}`) } } }] } },
      { type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: `[format('st{0}{1}', parameters('prefix'), '${b}')]`, location: "[parameters('location')]", kind: "StorageV2", sku: { name: "Standard_LRS" } },
      { type: "Microsoft.Compute/virtualMachines", apiVersion: "2023-03-01", name: `vm-${b}`, location: "[parameters('location')]", dependsOn: [id("Microsoft.Network/networkInterfaces", `nic-${b}`), `[resourceId('Microsoft.Storage/storageAccounts', format('st{0}{1}', parameters('prefix'), '${b}'))]`], properties: { hardwareProfile: { vmSize: "Standard_B2s" }, networkProfile: { networkInterfaces: [{ id: id("Microsoft.Network/networkInterfaces", `nic-${b}`) }] }, diagnosticsProfile: { bootDiagnostics: { enabled: true, storageUri: `[reference(resourceId('Microsoft.Storage/storageAccounts', format('st{0}{1}', parameters('prefix'), '${b}'))).primaryEndpoints.blob]` } } } },
      { type: "Microsoft.Web/serverfarms", apiVersion: "2022-09-01", name: `plan-${b}`, location: "[parameters('location')]", sku: { name: "P1v3" } },
      { type: "Microsoft.Web/sites", apiVersion: "2022-09-01", name: `app-${b}`, location: "[parameters('location')]", dependsOn: [id("Microsoft.Web/serverfarms", `plan-${b}`)], properties: { serverFarmId: id("Microsoft.Web/serverfarms", `plan-${b}`), virtualNetworkSubnetId: id("Microsoft.Network/virtualNetworks/subnets", `vnet-${b}`, "apps") } },
    ];
    resources.push(...block.slice(0, n - resources.length));
  }
  return JSON.stringify(
    {
      $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
      contentVersion: "1.0.0.0",
      parameters: { location: { type: "string", defaultValue: "[resourceGroup().location]" }, prefix: { type: "string", defaultValue: "bench" } },
      variables: { addressSpace: "10.0.0.0/16" },
      resources,
    },
    null,
    2,
  );
}

const load = loadavg().map((l) => l.toFixed(1)).join(", ");
console.log(`\nmedian of ${RUNS}+ runs (corpus: ${CORPUS_RUNS}), whole processes, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} CPUs (${availableParallelism()} available), load average ${load}`);
console.log(`parallelism available at the start: ${parallelism.toFixed(1)}x (two CPU-bound processes at once vs one alone; 2.0 = two free cores)`);
console.table(rows);
rmSync(tmp, { recursive: true, force: true });
