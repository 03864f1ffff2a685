// Sharding: spread a run's files over n CI jobs by a hash of each file's relative path (stable, no overlap).
import type { Discovery } from "../cli/discover.js";
import { fingerprintPath } from "../runner/fingerprint.js";
import { nodeCrypto } from "../text/sha256.js";
import type { ShardSpec } from "./spec.js";

/** The 1-based shard a path belongs to, of `count`: a hash of the `/`-separated path relative to `cwd`. */
export function shardOf(file: string, count: number, cwd: string): number {
  if (count <= 1) return 1;
  const digest = nodeCrypto().createHash("sha256").update(fingerprintPath(file, cwd)).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** Whether `file` (absolute, or relative to `cwd`) is linted by `shard`. */
export function inShard(file: string, shard: ShardSpec, cwd: string): boolean {
  return shardOf(file, shard.count, cwd) === shard.index;
}

/**
 * The part of a discovery that one shard lints: its templates (each with its parameters file), and the
 * skipped files that hash to it, so the shards' summaries add up. Input errors stay in every shard.
 */
export function shardDiscovery(discovery: Discovery, shard: ShardSpec, cwd: string): Discovery {
  const mine = (path: string) => inShard(path, shard, cwd);
  const files = discovery.files.filter((file) => mine(file.path));
  const templates = new Set(files.map((file) => file.path));
  return {
    files,
    skipped: discovery.skipped.filter((skip) => mine(skip.path)),
    paired: discovery.paired.filter((pair) => templates.has(pair.template)),
    errors: discovery.errors,
  };
}
