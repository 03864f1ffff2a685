// SARIF against its real consumer's checker: Microsoft's SARIF validator (`Sarif.Multitool validate --rule-kind "Gh;Sarif"`).
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { toFileReports } from "../../src/report/results.js";
import { formatSarif, type SarifLog } from "../../src/report/sarif.js";
import type { Diagnostic } from "../../src/diagnostics.js";
import { armlint, ensureBuilt, tempDir } from "../integrations/helpers.js";

/**
 * `@microsoft/sarif-multitool` installs the platform's `@microsoft/sarif-multitool-<os>` package (a
 * self-contained .NET build of `Sarif.Multitool`); its `index.js` exports the binary's path.
 */
function findValidator(): { path: string } | { skip: string } {
  let path: string;
  try {
    path = createRequire(import.meta.url)("@microsoft/sarif-multitool") as string;
  } catch (error) {
    return { skip: `@microsoft/sarif-multitool is not installed for this platform (${error instanceof Error ? error.message : String(error)})` };
  }
  if (!existsSync(path)) return { skip: `the SARIF validator binary is missing at ${path}` };
  const probe = spawnSync(path, ["--version"], { encoding: "utf8", timeout: 120_000 });
  if (probe.status !== 0) return { skip: `the SARIF validator binary at ${path} does not run here: ${probe.error?.message ?? probe.stderr.trim()}` };
  return { path };
}

const validator = findValidator();
if ("skip" in validator) console.warn(`SKIPPED: SARIF validator tests: ${validator.skip}`);

interface ValidatorResult {
  ruleId: string;
  level?: string;
  message: { text?: string; id?: string; arguments?: string[] };
}

interface ValidatorLog {
  runs: { results?: ValidatorResult[]; invocations?: { executionSuccessful: boolean; toolExecutionNotifications?: { level?: string; message: { text: string } }[] }[] }[];
}

/** Rule SARIF2006 fetches every URI over HTTP; this machine has no network for that, so it is turned off. */
const CONFIG = `<?xml version="1.0" encoding="utf-8"?>
<Properties>
  <Properties Key="SARIF2006.UrisShouldBeReachable.Options">
    <Property Key="RuleEnabled" Value="Disabled" Type="Driver.RuleEnabledState" />
  </Properties>
</Properties>
`;

/** Validates a SARIF file; the validator exits 0 even when it finds errors, so its own log is what counts. */
function validate(sarifFile: string, dir: string): { errors: string[]; all: ValidatorResult[] } {
  if ("skip" in validator) throw new Error(validator.skip);
  const config = join(dir, "validator-config.xml");
  writeFileSync(config, CONFIG);
  const log = join(dir, `${sarifFile.split("/").pop()!}.validation.sarif`);
  const run = spawnSync(validator.path, ["validate", sarifFile, "--rule-kind", "Gh;Sarif", "--level", "Error;Warning;Note", "--config", config, "--output", log, "--log", "ForceOverwrite"], {
    encoding: "utf8",
    timeout: 300_000,
    cwd: dir,
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  const parsed = JSON.parse(readFileSync(log, "utf8").replace(/^\uFEFF/, "")) as ValidatorLog;
  const validatorRun = parsed.runs[0]!;
  expect(validatorRun.invocations?.[0]?.executionSuccessful, JSON.stringify(validatorRun.invocations)).toBe(true);
  const failed = (validatorRun.invocations?.[0]?.toolExecutionNotifications ?? []).filter((n) => n.level === "error");
  expect(failed.map((n) => n.message.text)).toEqual([]);
  const all = validatorRun.results ?? [];
  const errors = all.filter((r) => (r.level ?? "warning") === "error").map((r) => `${r.ruleId}: ${r.message.text ?? JSON.stringify(r.message)}`);
  return { errors, all };
}

describe.skipIf("skip" in validator)("SARIF validator (Gh;Sarif rules)", () => {
  let dir = "";
  beforeAll(() => {
    ensureBuilt();
    dir = tempDir("sarif-validate");
  });

  it("accepts the CLI's SARIF for real templates: findings, fixes, suppressions, a file that is not JSON", () => {
    const out = join(dir, "cli.sarif");
    const run = armlint(["--format", "sarif", "--output-file", out, "fixtures/examples", "fixtures/suppress", "fixtures/cli/broken-template", "fixtures/integrations/templates"]);
    expect(run.code).toBe(2); // the broken template
    const log = JSON.parse(readFileSync(out, "utf8")) as SarifLog;
    const results = log.runs[0].results;
    expect(results.some((r) => r.fixes !== undefined)).toBe(true);
    expect(results.some((r) => r.suppressions !== undefined)).toBe(true);
    expect(log.runs[0].invocations[0].toolExecutionNotifications?.length).toBe(1);
    const { errors, all } = validate(out, dir);
    expect(errors).toEqual([]);
    // The checks did run: notes (e.g. no code snippets) are reported, errors are not.
    expect(all.length).toBeGreaterThan(0);
  });

  it("accepts SARIF with every optional part: outside-repository files, baselines, crashes, multi-line regions", () => {
    const repo = tempDir("sarif-repo");
    mkdirSync(join(repo, ".git"));
    const file = join(repo, "infra", "main.json");
    const outside = join(dir, "outside.json");
    const d = (f: string, ruleId: string, severity: Diagnostic["severity"], extra: Partial<Diagnostic> = {}): Diagnostic => ({
      ruleId,
      severity,
      message: `Finding of ${ruleId}.`,
      file: f,
      line: 2,
      column: 3,
      endLine: 4,
      endColumn: 1,
      span: { offset: 5, length: 30 },
      fingerprint: `${ruleId}-${f}-${extra.line ?? 2}`,
      ...extra,
    });
    const reports = toFileReports([
      {
        file,
        diagnostics: [
          d(file, "arm/unused-parameter", "warning", { fix: { description: "Remove", edits: [{ offset: 5, length: 30, text: "" }] } }),
          d(file, "armlint/not-a-template", "info", { line: 1, column: 1, endLine: 1, endColumn: 1 }),
          d(file, "armlint/internal-error", "error", { line: 1, column: 1, endLine: 1, endColumn: 1 }),
        ],
        suppressed: [
          d(file, "arm/missing-dependency", "error", { line: 9, suppressions: [{ kind: "external", location: { file: join(repo, "armlint-baseline.json") } }] }),
          d(file, "arm/unused-variable", "warning", { line: 12, suppressions: [{ kind: "inSource", justification: "Needed later.", location: { file, line: 11, column: 5, endLine: 11, endColumn: 40 } }] }),
        ],
        source: undefined,
      },
      { file: outside, diagnostics: [d(outside, "arm/unused-variable", "warning")], source: undefined },
    ]);
    const out = join(dir, "synthetic.sarif");
    writeFileSync(out, formatSarif(reports, { color: false, cwd: repo, warn: () => undefined }));
    expect(validate(out, dir).errors).toEqual([]);
  });

  it("is a real check: the validator reports broken SARIF as errors", () => {
    const out = join(dir, "cli-for-breaking.sarif");
    armlint(["--format", "sarif", "--output-file", out, "fixtures/examples"]);
    const log = JSON.parse(readFileSync(out, "utf8")) as SarifLog;
    const results = log.runs[0].results;
    results[0]!.ruleIndex = 9_999;
    results[1]!.locations[0]!.physicalLocation.artifactLocation.uri = "file:///absolute/with/a/base.json";
    const broken = join(dir, "broken.sarif");
    writeFileSync(broken, JSON.stringify(log, null, 2));
    const { errors } = validate(broken, dir);
    expect(errors.some((e) => e.startsWith("SARIF1009"))).toBe(true);
    expect(errors.some((e) => e.startsWith("SARIF1004"))).toBe(true);
  });
});
