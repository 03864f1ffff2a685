// Startup: the CI formats' modules load only when their format is chosen (checked on the built CLI with a module hook).
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { LAZY_FORMAT_NAMES } from "../../src/report/names.js";
import { BIN, ensureBuilt, ROOT, tempDir } from "../integrations/helpers.js";

const LAZY_MODULES = ["sarif", "github", "junit", "checkstyle", "azure-devops", "support"];

/** The report modules (`dist/src/report/*.js`) a CLI run loads, recorded by a `load` hook. */
function loadedReportModules(args: readonly string[]): string[] {
  const dir = tempDir("lazy");
  const log = join(dir, "loaded.txt");
  writeFileSync(log, "");
  const hooks = `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) { appendFileSync(${JSON.stringify(log)}, url + "\\n"); return next(url, context); }\n`;
  const register = join(dir, "register.mjs");
  writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});\n`);
  const run = spawnSync(process.execPath, ["--import", register, BIN, ...args], { cwd: ROOT, encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).not.toBeNull();
  return readFileSync(log, "utf8")
    .split("\n")
    .map((url) => /\/dist\/src\/report\/([\w-]+)\.js$/.exec(url)?.[1])
    .filter((name): name is string => name !== undefined);
}

describe("lazily loaded formats", () => {
  beforeAll(() => {
    ensureBuilt();
  });

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
