// Startup: the CI formats' code loads only when their format is chosen (checked with a module hook on tsc's build and on the bundle).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { LAZY_FORMAT_NAMES } from "../../src/report/names.js";
import { BIN, ensureBuilt, ROOT, tempDir } from "../integrations/helpers.js";

const LAZY_MODULES = ["sarif", "github", "junit", "checkstyle", "azure-devops", "support"];

/** Every module URL a CLI run loads, recorded by a `load` hook; `entry` is the script node runs. */
function loadedUrls(entry: string, args: readonly string[]): string[] {
  const dir = tempDir("lazy");
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  const hooks = `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`;
  const register = join(dir, "register.mjs");
  writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`);
  const run = spawnSync(process.execPath, ["--import", register, entry, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).not.toBeNull();
  return readFileSync(log, "utf8").split("\n");
}

/** The report modules (`dist/src/report/*.js`) that tsc's build of the CLI loads. */
function loadedReportModules(args: readonly string[]): string[] {
  const entry = join(tempDir("tsc-cli"), "cli.mjs");
  writeFileSync(entry, `import { main } from ${JSON.stringify(pathToFileURL(join(ROOT, "dist/src/cli/main.js")).href)};\nmain(process.argv.slice(2)).then((code) => { process.exitCode = code; });\n`);
  return loadedUrls(entry, args)
    .map((url) => /\/dist\/src\/report\/([\w-]+)\.js$/.exec(url)?.[1])
    .filter((name): name is string => name !== undefined);
}

/** The named lazy chunks (`dist/bundle/chunks/<module>-<hash>.mjs`) that the bundled CLI (bin/armlint.js) loads. */
function loadedBundleChunks(args: readonly string[]): string[] {
  return loadedUrls(BIN, args)
    .map((url) => /\/dist\/bundle\/chunks\/([a-z][\w-]*)-[A-Z0-9]+\.mjs$/.exec(url)?.[1])
    .filter((name): name is string => name !== undefined && name !== "chunk");
}

describe("lazily loaded formats", () => {
  beforeAll(() => {
    ensureBuilt();
  });

  describe("in tsc's build (module by module)", () => {
    it("a stylish run loads none of the CI formats", () => {
      const loaded = loadedReportModules(["fixtures/examples"]);
      expect(loaded).toContain("stylish");
      for (const name of LAZY_MODULES) expect(loaded).not.toContain(name);
    });

    it.each(LAZY_FORMAT_NAMES)("a %s run loads that format's module and no other CI format", (format) => {
      const loaded = loadedReportModules(["--format", format, "fixtures/examples"]);
      expect(loaded).toContain(format);
      for (const name of LAZY_FORMAT_NAMES) if (name !== format) expect(loaded).not.toContain(name);
    });
  });

  describe("in the bundle that bin/armlint.js runs (chunk by chunk)", () => {
    it("a stylish run loads none of the CI formats' chunks", () => {
      const loaded = loadedBundleChunks(["fixtures/examples"]);
      expect(loaded).toContain("lint-command");
      for (const name of LAZY_FORMAT_NAMES) expect(loaded).not.toContain(name);
    });

    it.each(LAZY_FORMAT_NAMES)("a %s run loads that format's chunk and no other CI format's", (format) => {
      const loaded = loadedBundleChunks(["--format", format, "fixtures/examples"]);
      expect(loaded).toContain(format);
      for (const name of LAZY_FORMAT_NAMES) if (name !== format) expect(loaded).not.toContain(name);
    });
  });
});
