// End-to-end CLI tests: spawn the built `node bin/armlint.js` for every option, exit code and kind of input.
import { mkdirSync, readdirSync, readFileSync, symlinkSync } from "node:fs";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { tempDirs, templateText } from "../runner/helpers.js";
import { ensureBuilt, FIXTURES, redact, ROOT, runCli } from "./helpers.js";

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; severity: number; message: string; line: number; column: number; level?: string; fingerprint?: string }[];
  errorCount: number;
  warningCount: number;
}

const PROJECT = join(FIXTURES, "project");
const temp = tempDirs();

beforeAll(() => {
  ensureBuilt();
});

function json(stdout: string): JsonResult[] {
  return JSON.parse(stdout) as JsonResult[];
}

/** `ruleId@line:column` of every finding of the given rule namespaces, per file (paths redacted). */
function findings(stdout: string, prefixes = ["test/", "armlint/"]): string[] {
  return json(stdout).flatMap((r) =>
    r.messages.filter((m) => prefixes.some((p) => m.ruleId.startsWith(p))).map((m) => `${redact(r.filePath)} ${m.ruleId}@${m.line}:${m.column}`),
  );
}

describe("version, help, usage", () => {
  it("--version prints package.json's version", () => {
    const version = (JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { version: string }).version;
    expect(runCli(["--version"])).toEqual({ code: 0, stdout: `${version}\n`, stderr: "" });
  });

  it("--help lists every option and exits 0", () => {
    const run = runCli(["--help"]);
    expect(run.code).toBe(0);
    for (const option of ["--format", "--output-file", "--max-warnings", "--quiet", "--rule", "--config", "--no-config", "--color", "--no-color", "--version", "--help", "armlint rules"]) {
      expect(run.stdout).toContain(option);
    }
  });

  it("--help lists every environment variable armlint reads", () => {
    const help = runCli(["--help"]).stdout;
    const read = new Set<string>();
    const files = readdirSync(join(ROOT, "src"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".ts"));
    for (const file of files) for (const m of readFileSync(join(ROOT, "src", file), "utf8").matchAll(/env\.(ARMLINT_[A-Z0-9_]+)/g)) read.add(m[1]!);
    expect([...read].sort()).toEqual(["ARMLINT_CACHE_DIR", "ARMLINT_DEBUG", "ARMLINT_V8_FLAGS"]);
    for (const name of [...read, "NO_COLOR"]) expect(help).toMatch(new RegExp(`^  ${name}\\b`, "m"));
  });

  it("an unknown option is a usage error with a hint (exit 2)", () => {
    expect(runCli(["--fromat", "json", "project"])).toEqual({
      code: 2,
      stdout: "",
      stderr: "armlint: Unknown option '--fromat'. Did you mean '--format'?\nRun 'armlint --help' for usage.\n",
    });
  });

  it.each([
    [["--format", "xml", "project"], /Unknown format 'xml'/],
    [["--max-warnings", "lots", "project"], /needs a whole number/],
    [["--rule", "test/resource:loud", "project"], /Invalid severity 'loud'/],
  ])("bad option values exit 2: %j", (args, expected) => {
    const run = runCli(args);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(expected);
  });
});

describe("templates and formats", () => {
  it("stylish by default: findings, summary, exit 0 for warnings", () => {
    const run = runCli(["project/template.json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(redact(run.stdout)).toContain(
      "<fx>/project/template.json\n   5:5  warning  Resource 'stfixture01' found  test/resource\n  13:5  warning  Resource 'stfixture02' found  test/resource\n",
    );
    expect(run.stdout).toMatch(/\u2716 \d+ problems \(0 errors, \d+ warnings\)/);
  });

  it("json is ESLint's result format with absolute paths", () => {
    const run = runCli(["--format", "json", "template.json"], { cwd: PROJECT });
    expect(run.code).toBe(0);
    const [result] = json(run.stdout);
    expect(result!.filePath).toBe(join(PROJECT, "template.json"));
    expect(findings(run.stdout)).toEqual(["<fx>/project/template.json test/resource@5:5", "<fx>/project/template.json test/resource@13:5"]);
    const message = result!.messages.find((m) => m.ruleId === "test/resource")!;
    expect(message.severity).toBe(1);
    expect(message.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it("compact and unix: one line per message, then the count", () => {
    const compact = runCli(["-f", "compact", "project/template.json", "--rule", "test/resource:error"]);
    expect(compact.code).toBe(1);
    expect(redact(compact.stdout)).toContain(
      "<fx>/project/template.json: line 5, col 5, Error - Resource 'stfixture01' found. (test/resource)\n" +
        "<fx>/project/template.json: line 13, col 5, Error - Resource 'stfixture02' found. (test/resource)\n",
    );
    expect(compact.stdout).toMatch(/\n\n\d+ problems\n$/);
    const unix = runCli(["--format=unix", "project/template.json"]);
    expect(redact(unix.stdout)).toContain("<fx>/project/template.json:5:5: Resource 'stfixture01' found. [Warning/test/resource]\n");
    expect(unix.stdout).toMatch(/\n\n\d+ problems\n$/);
  });

  it("--output-file writes the report (creating folders) and prints nothing", () => {
    const out = temp();
    const file = join(out.path, "reports/nested/result.json");
    const run = runCli(["--format", "json", "--output-file", file, "project/template.json"]);
    expect(run).toMatchObject({ code: 0, stdout: "" });
    expect(findings(readFileSync(file, "utf8"))).toHaveLength(2);
  });

  it("--output-file pointing at a folder is an error (exit 2)", () => {
    const out = temp();
    const run = runCli(["--output-file", out.path, "project/template.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("it is a folder");
  });
});

describe("severities and exit codes", () => {
  it("--rule id:error makes findings errors (exit 1); id:off silences them", () => {
    expect(runCli(["--rule", "test/resource:error", "project/template.json"]).code).toBe(1);
    const off = runCli(["--format", "json", "--rule", "test/resource:off", "project/template.json"]);
    expect(findings(off.stdout)).toEqual([]);
  });

  it("--rule for an unknown rule is a config error (exit 2)", () => {
    const run = runCli(["--rule", "test/nope:error", "project/template.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--rule "test/nope": unknown rule id "test/nope"');
  });

  it("--max-warnings: exit 1 above the limit, 0 within it", () => {
    const over = runCli(["--max-warnings", "1", "--rule", "test/resource:warning", "project/template.json"]);
    expect(over.code).toBe(1);
    expect(over.stderr).toContain("armlint found too many warnings (maximum: 1).");
    expect(runCli(["--max-warnings=50", "project/template.json"]).code).toBe(0);
  });

  it("--quiet reports errors only", () => {
    expect(runCli(["--quiet", "project/template.json"])).toMatchObject({ code: 0, stdout: "" });
    const errors = runCli(["--quiet", "-f", "json", "--rule", "test/resource:error", "project/template.json"]);
    expect(errors.code).toBe(1);
    expect(json(errors.stdout).flatMap((r) => r.messages.map((m) => m.severity))).toEqual([2, 2]);
  });

  it("info findings never change the exit code", () => {
    const run = runCli(["-f", "json", "--rule", "test/resource:info", "--max-warnings", "0", "project/template.json"]);
    expect(run.code).toBe(0);
    const levels = json(run.stdout).flatMap((r) => r.messages.filter((m) => m.ruleId === "test/resource").map((m) => [m.severity, m.level]));
    expect(levels).toEqual([
      [1, "info"],
      [1, "info"],
    ]);
  });

  it("a rule that crashes: internal error (exit 2), no stack trace, other rules still report", () => {
    const run = runCli(["-f", "json", "--rule", "test/throws:error", "project/template.json"]);
    expect(run.code).toBe(2);
    expect(findings(run.stdout)).toEqual([
      "<fx>/project/template.json armlint/internal-error@1:1",
      "<fx>/project/template.json test/resource@5:5",
      "<fx>/project/template.json test/resource@13:5",
    ]);
    expect(run.stdout).toContain('Rule \\"test/throws\\" crashed: boom from the fixture rule');
    expect(run.stdout + run.stderr).not.toMatch(/\n\s+at /);
    const debug = runCli(["--rule", "test/throws:error", "project/template.json"], { env: { ARMLINT_DEBUG: "1" } });
    expect(debug.stderr).toMatch(/Error: boom from the fixture rule\n\s+at /);
  });
});

describe("kinds of input", () => {
  it("a non-template JSON file named explicitly: info, exit 0", () => {
    const run = runCli(["-f", "json", "project/not-template.json"]);
    expect(run.code).toBe(0);
    expect(findings(run.stdout)).toEqual(["<fx>/project/not-template.json armlint/not-a-template@1:1"]);
    expect(json(run.stdout)[0]!.messages[0]).toMatchObject({ severity: 1, level: "info" });
  });

  it("a folder with mixed files: templates linted (recursively), the rest counted as skipped", () => {
    const run = runCli(["mixed"]);
    expect(run.code).toBe(0);
    const out = redact(run.stdout);
    expect(out).toContain("<fx>/mixed/nested/deep/nested-template.jsonc\n  5:5  warning  Resource 'stnested01' found  test/resource\n");
    expect(out).toContain("<fx>/mixed/template.json\n");
    expect(out).toMatch(/\n\n2 files skipped \(not templates\)\n1 parameter file skipped\n$/);
    expect(out).not.toMatch(/other\.json|app\.parameters|notes|bicep/);
  });

  it("machine formats keep stdout clean and print the skipped summary on stderr", () => {
    const run = runCli(["-f", "json", "mixed"]);
    expect(json(run.stdout).map((r) => redact(r.filePath))).toEqual(["<fx>/mixed/nested/deep/nested-template.jsonc", "<fx>/mixed/template.json"]);
    expect(run.stderr).toBe("armlint: 2 files skipped (not templates)\narmlint: 1 parameter file skipped\n");
  });

  it("an unparseable file named explicitly: its position, exit 2", () => {
    const run = runCli(["-f", "unix", "project/broken.json"]);
    expect(run.code).toBe(2);
    expect(redact(run.stdout)).toMatch(/^<fx>\/project\/broken\.json:4:1: .+ \[Error\/armlint\/parse-error\]\n/);
  });

  it("an unparseable file with a template $schema in a folder: exit 2, the other files still linted", () => {
    const run = runCli(["-f", "json", "broken-template"]);
    expect(run.code).toBe(2);
    expect(findings(run.stdout)).toEqual(["<fx>/broken-template/broken-template.json armlint/parse-error@5:3"]);
    expect(json(run.stdout).map((r) => redact(r.filePath))).toContain("<fx>/broken-template/ok.json");
  });

  it("an unparseable file without a template $schema in a folder: skipped, exit 0", () => {
    const run = runCli(["-f", "json", "mixed"]);
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain("broken-other.json");
  });

  it(".bicep and .bicepparam inputs: how to compile them, exit 2", () => {
    const run = runCli(["project/main.bicep", "project/main.bicepparam", "project/template.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("armlint: 'project/main.bicep' is a Bicep file: armlint lints the ARM JSON it compiles to. Run 'bicep build project/main.bicep'");
    expect(run.stderr).toContain("lint 'project/main.json'");
    expect(run.stderr).toContain("'project/main.bicepparam' is a Bicep parameters file");
    expect(run.stdout).toContain("stfixture01");
  });

  it("a glob: matching files sniffed like a folder's", () => {
    const run = runCli(["-f", "json", "mixed/**/*.{json,jsonc}"]);
    expect(run.code).toBe(0);
    expect(json(run.stdout).map((r) => redact(r.filePath))).toEqual(["<fx>/mixed/nested/deep/nested-template.jsonc", "<fx>/mixed/template.json"]);
    expect(run.stderr).toContain("2 files skipped (not templates)");
  });

  it("a path that matches nothing: exit 2, the other inputs still linted", () => {
    const run = runCli(["-f", "json", "nope.json", "project/*.nothing", "project/template.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("armlint: No files matching 'nope.json' were found.\narmlint: No files matching 'project/*.nothing' were found.\n");
    expect(findings(run.stdout)).toHaveLength(2);
  });

  it("no paths: the current folder", () => {
    const run = runCli(["-f", "json"], { cwd: PROJECT });
    expect(run.code).toBe(0);
    expect(json(run.stdout).map((r) => redact(r.filePath))).toEqual(["<fx>/project/clean.json", "<fx>/project/template.json"]);
  });

  it("skips node_modules and .git, survives symlink loops, reports an unreadable file (exit 2)", () => {
    const dir = temp({
      "repo/main.json": templateText(["a"]),
      "repo/node_modules/x/main.json": templateText(["b"]),
      "repo/.git/main.json": templateText(["c"]),
    });
    mkdirSync(dir.file("repo/sub"));
    symlinkSync(dir.file("repo"), dir.file("repo/sub/loop"));
    const ok = runCli(["-f", "json", "--no-config", "repo"], { cwd: dir.path });
    expect(ok.code).toBe(0);
    expect(json(ok.stdout).map((r) => r.filePath)).toEqual([dir.file("repo/main.json")]);
    symlinkSync("b.json", dir.file("a.json"));
    symlinkSync("a.json", dir.file("b.json"));
    const loop = runCli(["-f", "compact", "--no-config", "a.json"], { cwd: dir.path });
    expect(loop.code).toBe(2);
    expect(loop.stdout).toContain(`${dir.file("a.json")}: line 1, col 1, Error - `);
  });

  it("ignorePatterns: ignored files are counted, not linted", () => {
    const run = runCli(["ignore"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("1 file ignored (ignorePatterns)");
    expect(run.stdout).not.toContain("generated.json");
  });
});

describe("config", () => {
  it("found upward from each file: plugin rules apply only under their config", () => {
    const run = runCli(["-f", "json", "project/template.json", "plain/template.json"]);
    expect(findings(run.stdout, ["test/"])).toEqual(["<fx>/project/template.json test/resource@5:5", "<fx>/project/template.json test/resource@13:5"]);
  });

  it("--config FILE applies to every file", () => {
    const run = runCli(["-f", "json", "--config", "alt-config/custom.json", "plain/template.json"]);
    expect(run.code).toBe(1);
    expect(findings(run.stdout, ["test/"])).toEqual(["<fx>/plain/template.json test/resource@5:5"]);
  });

  it("--no-config ignores config files", () => {
    const run = runCli(["-f", "json", "--no-config", "project/template.json"]);
    expect(findings(run.stdout, ["test/"])).toEqual([]);
    expect(runCli(["--no-config", "--rule", "test/resource:off", "project/template.json"]).code).toBe(2);
  });

  it("a bad config: exit 2 with the file and the key", () => {
    const run = runCli(["bad-config/template.json"]);
    expect(run.code).toBe(2);
    expect(redact(run.stderr)).toBe(
      'armlint: Invalid config <fx>/bad-config/armlint.config.json: "rulez": unknown key (allowed: $schema, rules, plugins, ignorePatterns, types, discoverParameterFiles)\n',
    );
    expect(run.stdout).toBe("");
  });

  it("a missing --config file: exit 2", () => {
    const run = runCli(["--config", "nope.json", "plain/template.json"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cannot read config file");
  });
});

describe("colors", () => {
  it("--color forces ANSI colors; off by default when not a TTY, and with --no-color", () => {
    expect(runCli(["--color", "project/template.json"]).stdout).toContain("\u001b[33mwarning\u001b[39m");
    expect(runCli(["project/template.json"]).stdout).not.toContain("\u001b[");
    expect(runCli(["--no-color", "project/template.json"]).stdout).not.toContain("\u001b[");
    expect(runCli(["--color", "project/template.json"], { env: { NO_COLOR: "1" } }).stdout).toContain("\u001b[");
  });
});

describe("armlint rules", () => {
  it("lists every rule with default severity, description and docs URL", () => {
    const run = runCli(["rules"], { cwd: PROJECT });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Rule\s+Default\s+Description\s+Docs\n/);
    expect(run.stdout).toMatch(/test\/resource\s+warning\s+Reports every resource \(test fixture\)\.\s+https:\/\/example\.invalid\/test\/resource\n/);
    expect(run.stdout).toMatch(/\n\n\d+ rules\n$/);
  });

  it("--format json gives the list as JSON; --no-config leaves plugins out", () => {
    const listed = JSON.parse(runCli(["rules", "--format", "json"], { cwd: PROJECT }).stdout) as { id: string; plugin?: string }[];
    expect(listed.find((r) => r.id === "test/resource")).toMatchObject({
      id: "test/resource",
      description: "Reports every resource (test fixture).",
      defaultSeverity: "warning",
      severity: "warning",
      docsUrl: "https://example.invalid/test/resource",
      plugin: "test",
    });
    const bare = JSON.parse(runCli(["rules", "-f", "json", "--no-config"], { cwd: PROJECT }).stdout) as { id: string }[];
    expect(bare.some((r) => r.id.startsWith("test/"))).toBe(false);
  });

  it("rejects paths and lint-only options (exit 2)", () => {
    expect(runCli(["rules", "x"]).code).toBe(2);
    expect(runCli(["rules", "--quiet"]).code).toBe(2);
  });
});

describe("startup", () => {
  it("the built CLI entry statically imports only the arg parser and small import-free modules", () => {
    // Follow static imports from the entry through the built files: everything else must be a
    // dynamic import(), loaded only when a command needs it.
    const seen = new Set<string>();
    const queue = [join(ROOT, "dist/src/cli/main.js")];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      seen.add(file);
      const text = readFileSync(file, "utf8");
      for (const m of text.matchAll(/^import (?!type )[^;]* from "(\.{1,2}\/[^"]+)";$/gm)) queue.push(join(dirname(file), m[1]!));
    }
    const closure = [...seen].map((f) => f.slice(join(ROOT, "dist/").length)).sort();
    const heavy = closure.filter((f) => /^(src\/(analyze|load|expressions|model|graph|runner|report\/index|types|params)|rules\/)/.test(f));
    expect(heavy).toEqual([]);
    expect(closure).toContain("src/cli/args.js");
    const bytes = closure.reduce((n, f) => n + readFileSync(join(ROOT, "dist", f)).length, 0);
    expect(bytes).toBeLessThan(64 * 1024);
  });

  // The bundle bin/armlint.js runs (scripts/bundle.mjs): its chunks are minified, but keep their function names.
  const BUNDLE = join(ROOT, "dist/bundle");
  const chunks = () => readdirSync(join(BUNDLE, "chunks")).filter((f) => f.endsWith(".mjs"));
  /** Bundle files (relative to dist/bundle) reached from `entry` by static imports, and their text. */
  const bundleClosure = (entry: string): Map<string, string> => {
    const seen = new Map<string, string>();
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.pop()!;
      if (seen.has(file)) continue;
      const text = readFileSync(join(BUNDLE, file), "utf8");
      seen.set(file, text);
      // `import{a as b}from"./chunk-X.mjs"` and `import"./chunk-X.mjs"`, not `import("./x.mjs")`.
      for (const m of text.matchAll(/\b(?:import|export)\s*(?!\()(?:[\w$*{}\s,]*?from\s*)?"(\.{1,2}\/[^"]+)"/g)) queue.push(join(dirname(file), m[1]!));
    }
    return seen;
  };
  /** The chunks of parts a plain lint never needs; each is loaded by an import() when used. */
  const LAZY = /^(?:sarif|github|junit|checkstyle|azure-devops|render|dot|mermaid|html|json|graph-command|explain-command|plan-command|diff-command|merge-sarif-command|rules-command|help|version|run|baseline|cli|cache|pool|stdin|shard)-[A-Z0-9]+\.mjs$|^worker\.mjs$/;
  /** What those parts define (the fix session, the cache, the worker pool, …). */
  const LAZY_CODE = ["formatSarif", "buildRenderGraph", "runBaseline", "cacheFilePath", "lintOnWorkers", "stdinDiscovery", "shardDiscovery", "helpText"].map((name) => `function ${name}(`);

  it("the bundle's entry statically imports only the arg parser and small modules: no analysis, rules or report code", () => {
    const closure = bundleClosure("armlint.mjs");
    const text = [...closure.values()].join("\n");
    expect(text).toContain("function parseArgs(");
    for (const marker of ["function analyzeFile(", "function lintAnalysis(", "function buildModel(", "function formatStylish(", "defineRule(", "function runLintCommand("]) expect(text).not.toContain(marker);
    expect(text.length).toBeLessThan(64 * 1024);
  });

  it("the bundle's lint command statically imports no lazy part; those stay in their own chunks, imported on use", () => {
    const closure = bundleClosure(join("chunks", chunks().find((f) => f.startsWith("lint-command-"))!));
    const files = [...closure.keys()].map((f) => f.slice("chunks/".length));
    expect(files.filter((f) => LAZY.test(f))).toEqual([]);
    const text = [...closure.values()].join("\n");
    expect(text).toContain("function runLintCommand(");
    expect(text).toContain("function analyzeFile(");
    for (const marker of LAZY_CODE) expect(text, marker).not.toContain(marker);
    // Packages load on use: @azure/bicep-types by require() for the first resource the embedded facts cover, the others by import().
    expect(text).not.toMatch(/\bimport\s*(?!\()(?:[\w$*{}\s,]*?from\s*)?"(?:@azure\/bicep-types|@viz-js\/viz|jsonc-parser)"/);
    const lazy = chunks().filter((f) => LAZY.test(f));
    const all = chunks().map((f) => readFileSync(join(BUNDLE, "chunks", f), "utf8")).join("\n");
    for (const marker of LAZY_CODE) expect(all, marker).toContain(marker);
    expect(lazy.length).toBeGreaterThanOrEqual(20);
  });
});
