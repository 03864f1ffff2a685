// `--shard i/n` parsing: the 1-based shard index and the shard count (import-free, so argument parsing stays cheap).

export interface ShardSpec {
  /** 1-based: this run lints shard `index` of `count`. */
  index: number;
  count: number;
}

/** Parses `i/n` (1 ≤ i ≤ n); returns a message saying what is wrong otherwise. */
export function parseShardSpec(text: string): ShardSpec | { error: string } {
  const match = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*$/.exec(text);
  if (match === null) return { error: `Option '--shard' needs 'i/n', e.g. 2/4 (got '${text}').` };
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1) return { error: `Option '--shard' needs at least 1 shard (got '${text}').` };
  if (index < 1 || index > count) return { error: `Option '--shard' needs a shard from 1 to ${count} (got '${text}'); shards are numbered from 1.` };
  return { index, count };
}
