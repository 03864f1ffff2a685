// Sharding: `--shard i/n` parsing, and shards that are deterministic, disjoint and together cover every file.
import { describe, expect, it } from "vitest";
import type { Discovery } from "../../src/cli/discover.js";
import { inShard, shardDiscovery, shardOf } from "../../src/shard/shard.js";
import { parseShardSpec } from "../../src/shard/spec.js";

const CWD = "/repo";

function files(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${CWD}/infra/${i % 7}/template-${i}.json`);
}

describe("--shard parsing", () => {
  it.each([
    ["1/1", { index: 1, count: 1 }],
    ["2/4", { index: 2, count: 4 }],
    [" 3 / 3 ", { index: 3, count: 3 }],
  ])("%j", (text, expected) => {
    expect(parseShardSpec(text)).toEqual(expected);
  });

  it.each([
    ["0/4", /numbered from 1/],
    ["5/4", /from 1 to 4/],
    ["1/0", /at least 1 shard/],
    ["a/b", /needs 'i\/n'/],
    ["2", /needs 'i\/n'/],
    ["-1/2", /needs 'i\/n'/],
  ])("rejects %j", (text, message) => {
    const parsed = parseShardSpec(text);
    expect("error" in parsed ? parsed.error : "").toMatch(message);
  });
});

describe("shards", () => {
  it("every file is in exactly one shard, whatever the count", () => {
    const all = files(500);
    for (const count of [1, 2, 3, 4, 7, 16]) {
      const shards = Array.from({ length: count }, (_, i) => all.filter((file) => inShard(file, { index: i + 1, count }, CWD)));
      expect(shards.flat().sort()).toEqual([...all].sort());
      expect(new Set(shards.flat()).size).toBe(all.length);
      // Spread out: no shard is empty or holds more than twice its share of 500 files.
      if (count <= 7) for (const shard of shards) expect(shard.length).toBeGreaterThan(0);
      for (const shard of shards) expect(shard.length).toBeLessThan((2 * all.length) / count + 5);
    }
  });

  it("depends on the path relative to the working directory only (a CI checkout elsewhere gives the same shards)", () => {
    for (const file of files(50)) {
      const moved = file.replace(CWD, "/home/runner/work/repo");
      expect(shardOf(moved, 5, "/home/runner/work/repo")).toBe(shardOf(file, 5, CWD));
      expect(shardOf(file.slice(CWD.length + 1), 5, CWD)).toBe(shardOf(file, 5, CWD));
    }
  });

  it("is stable: fixed values for fixed paths", () => {
    expect(["infra/main.json", "a.json", "modules/storage/storage.json"].map((p) => shardOf(`${CWD}/${p}`, 4, CWD))).toEqual(
      ["infra/main.json", "a.json", "modules/storage/storage.json"].map((p) => shardOf(p, 4, CWD)),
    );
    expect(shardOf(`${CWD}/x.json`, 1, CWD)).toBe(1);
  });

  it("a discovery's templates, their parameters files and skipped files split the same way; input errors stay in every shard", () => {
    const all = files(40);
    const discovery: Discovery = {
      files: all.map((path) => ({ path, explicit: false, parameters: path.replace(".json", ".parameters.json") })),
      skipped: all.map((path) => ({ path: path.replace(".json", ".notes.json"), reason: "not-template" as const })),
      paired: all.map((path) => ({ path: path.replace(".json", ".parameters.json"), template: path })),
      errors: [{ input: "missing.json", message: "No files matching 'missing.json' were found." }],
    };
    const shards = [1, 2, 3].map((index) => shardDiscovery(discovery, { index, count: 3 }, CWD));
    expect(shards.flatMap((s) => s.files.map((f) => f.path)).sort()).toEqual([...all].sort());
    expect(shards.flatMap((s) => s.skipped).length).toBe(40);
    for (const shard of shards) {
      expect(shard.errors).toEqual(discovery.errors);
      expect(shard.paired.map((p) => p.template)).toEqual(shard.files.map((f) => f.path));
    }
  });
});
