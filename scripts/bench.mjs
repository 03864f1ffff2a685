#!/usr/bin/env node
// Benchmark: whole-process timings against baselines measured in the same run, printed as ratios.
//
//   npm run bench            (builds first; reads ../shared/corpus)
//   node scripts/bench.mjs --runs 5
//
// Every figure is the median of several runs of a whole `node` process, so module loading and
// start-up count, as they do for users. Ratios compare against a baseline measured in this run on
// this machine, because absolute times on shared machines are noise.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const corpus = resolve(root, "../shared/corpus");
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 3;
const bin = join(root, "bin/armlint.js");

function time(args, options = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 30, cwd: root, ...options });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.error) throw r.error;
  return { ms, stdout: r.stdout, stderr: r.stderr, status: r.status };
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

function fmt(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}

const rows = [];
function report(label, measured, baseline, goal) {
  const ratio = measured.ms / baseline.ms;
  rows.push({ label, time: fmt(measured.ms), baseline: `${baseline.label} ${fmt(baseline.ms)}`, ratio: `${ratio.toFixed(2)}x`, goal: goal ? `≤ ${goal}x ${ratio <= goal ? "met" : "NOT met"}` : "" });
}

// 1. Start-up: one small template against `node -e 0`.
const tmp = mkdtempSync(join(tmpdir(), "armlint-bench-"));
const small = join(tmp, "small.json");
writeFileSync(
  small,
  JSON.stringify({
    $schema: "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    contentVersion: "1.0.0.0",
    parameters: { name: { type: "string" } },
    resources: [{ type: "Microsoft.Storage/storageAccounts", apiVersion: "2023-01-01", name: "[parameters('name')]", location: "westeurope", kind: "StorageV2", sku: { name: "Standard_LRS" } }],
  }),
);
const nodeE0 = bench("node -e 0", ["-e", "0"], Math.max(RUNS, 7));
const one = bench("armlint small.json", [bin, small], Math.max(RUNS, 7));
report("armlint on one small template", one, nodeE0, 2);

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
  const readParse = bench("read+JSON.parse", [
    "-e",
    `const fs=require('fs');for(const f of require(${JSON.stringify(list)})){let t=fs.readFileSync(f,'utf8');if(t.charCodeAt(0)===0xfeff)t=t.slice(1);try{JSON.parse(t)}catch{}}`,
  ]);
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
  const engine = bench("load + graph (API)", [engineScript]);
  const engineInfo = JSON.parse(engine.last.stdout.trim().split("\n").at(-1));
  // 4. The whole CLI over the corpus.
  const cli = bench("armlint corpus (CLI)", [bin, "--format", "json", "--output-file", join(tmp, "out.json"), corpus]);
  report("load + model + graph, whole corpus", engine, readParse);
  report("armlint CLI, whole corpus", cli, readParse, 3);
  console.log(`corpus: ${files.length} templates, ${engineInfo.nodes} graph nodes; peak RSS of the engine run: ${engineInfo.maxRssMb} MB`);
  console.log(`baselines: read ${fmt(readOnly.ms)}, read + JSON.parse ${fmt(readParse.ms)}`);
}

console.log(`\nmedian of ${RUNS}+ runs, whole processes, ${new Date().toISOString().slice(0, 10)}, node ${process.version}`);
console.table(rows);
