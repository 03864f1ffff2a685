// Argument parsing of `--cache`, `--cache-location`, `--jobs`, `--shard` and `armlint merge-sarif`.
import { describe, expect, it } from "vitest";
import { parseArgs, UsageError, type LintOptions } from "../../src/cli/args.js";
import { parseJobsSpec } from "../../src/parallel/spec.js";
import { resolveJobs } from "../../src/parallel/cli.js";

function lint(argv: string[]): LintOptions {
  const parsed = parseArgs(argv);
  if (parsed.command !== "lint") throw new Error(`not lint: ${parsed.command}`);
  return parsed.options;
}

describe("performance options", () => {
  it("are undefined unless given", () => {
    expect(lint(["."])).toMatchObject({ cache: undefined, cacheLocation: undefined, jobs: undefined, shard: undefined });
  });

  it("--cache, --cache-location, --jobs and --shard", () => {
    expect(lint(["--cache", "--cache-location", "build/", "--jobs", "4", "--shard", "2/3", "infra"])).toMatchObject({
      cache: true,
      cacheLocation: "build/",
      jobs: 4,
      shard: { index: 2, count: 3 },
      paths: ["infra"],
    });
    expect(lint(["--jobs=auto", "--shard=1/1"])).toMatchObject({ jobs: "auto", shard: { index: 1, count: 1 } });
  });

  it.each([
    [["--jobs", "0"], "Option '--jobs' needs a number of threads, 1 or more, or 'auto' (got '0')."],
    [["--jobs", "-1"], "Option '--jobs' needs a number of threads, 1 or more, or 'auto' (got '-1')."],
    [["--shard", "3/2"], "Option '--shard' needs a shard from 1 to 2 (got '3/2'); shards are numbered from 1."],
    [["--cache-location="], "Option '--cache-location' needs a file or folder."],
    [["plan", "--jobs", "2", "x.json"], "Option '--jobs' does not apply to 'armlint plan'."],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(UsageError);
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("--jobs values", () => {
    expect(parseJobsSpec("AUTO")).toBe("auto");
    expect(parseJobsSpec(" 8 ")).toBe(8);
    expect(parseJobsSpec("1.5")).toEqual({ error: expect.stringContaining("'1.5'") as unknown });
    expect(resolveJobs(undefined)).toBe(1);
    expect(resolveJobs(3)).toBe(3);
    expect(resolveJobs("auto")).toBeGreaterThanOrEqual(1);
    // auto: the idle CPUs (CPUs minus the load average) less one, at least one.
    expect(resolveJobs("auto", 8, 0)).toBe(7);
    expect(resolveJobs("auto", 8, 2.6)).toBe(4);
    expect(resolveJobs("auto", 2, 0)).toBe(1);
    expect(resolveJobs("auto", 2, 4.5)).toBe(1);
    expect(resolveJobs("auto", 4, -1)).toBe(3);
  });
});

describe("armlint merge-sarif", () => {
  it("takes OUT and one or more inputs", () => {
    expect(parseArgs(["merge-sarif", "all.sarif", "a.sarif", "b.sarif"])).toEqual({ command: "merge-sarif", options: { output: "all.sarif", inputs: ["a.sarif", "b.sarif"] } });
  });

  it.each([
    [["merge-sarif"], /needs the file to write and at least one SARIF file to read/],
    [["merge-sarif", "all.sarif"], /needs the file to write and at least one SARIF file to read/],
    [["merge-sarif", "--format", "json", "all.sarif", "a.sarif"], /Option '--format' does not apply to 'armlint merge-sarif'/],
  ])("%j is a usage error", (argv, message) => {
    expect(() => parseArgs(argv)).toThrow(message);
  });

  it("--help still wins", () => {
    expect(parseArgs(["merge-sarif", "--help"])).toEqual({ command: "help" });
  });
});
