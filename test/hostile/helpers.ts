// Hostile-suite helpers: run the built CLI under a probe (peak RSS, prototypes untouched), parse `--format unix` lines, spot stack traces.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BIN } from "../cli/helpers.js";

/** A preload that records, at exit, the process's peak RSS and whether any built-in prototype changed. */
const PROBE = `
import { writeFileSync } from "node:fs";
const watched = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype, Map: Map.prototype, Promise: Promise.prototype };
const snapshot = () => Object.fromEntries(Object.entries(watched).map(([name, proto]) => [name, Reflect.ownKeys(proto).map((key) => [String(key), Object.getOwnPropertyDescriptor(proto, key)])]));
const before = snapshot();
process.on("exit", () => {
  const after = snapshot();
  const changed = [];
  for (const name of Object.keys(watched)) {
    const a = before[name], b = after[name];
    if (a.length !== b.length) changed.push(name + ": " + a.length + " → " + b.length + " keys");
    else a.forEach(([key, d], i) => {
      const e = b[i][1];
      if (b[i][0] !== key || d.value !== e.value || d.get !== e.get || d.set !== e.set) changed.push(name + "." + key);
    });
  }
  const polluted = ["polluted", "isAdmin"].filter((key) => ({})[key] !== undefined || [][key] !== undefined);
  writeFileSync(process.env.ARMLINT_PROBE_OUT, JSON.stringify({ maxRssKb: process.resourceUsage().maxRSS, changed, polluted }));
});
`;

export interface ProbedRun {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Peak resident set size of the armlint process, in MB. */
  rssMb: number;
  /** Built-in prototype properties added, removed or replaced during the run. */
  prototypeChanges: string[];
  polluted: string[];
}

export function writeProbe(dir: string): string {
  const file = join(dir, "probe.mjs");
  writeFileSync(file, PROBE);
  return file;
}

/**
 * Runs `node --import probe bin/armlint.js ...args` in `cwd`. `asNobody` runs it as uid/gid 65534 with
 * `setpriv` (the tests run as root, which can read any file). The timeout only catches hangs.
 */
export function runProbed(probe: string, args: readonly string[], options: { cwd: string; asNobody?: boolean; timeoutMs?: number; env?: Record<string, string> }): ProbedRun {
  const out = join(options.cwd, `probe-${process.pid}-${Math.random().toString(36).slice(2)}.json`);
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !["NO_COLOR", "FORCE_COLOR", "ARMLINT_DEBUG"].includes(key)) env[key] = value;
  Object.assign(env, options.env, { ARMLINT_PROBE_OUT: out });
  const node = [process.execPath, "--import", pathToFileURL(probe).href, BIN, ...args];
  const [command, ...argv] = options.asNobody === true ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", ...node] : node;
  const result = spawnSync(command!, argv, { cwd: options.cwd, env, encoding: "utf8", maxBuffer: 1 << 28, timeout: options.timeoutMs ?? 240_000 });
  let probed = { maxRssKb: 0, changed: ["(the probe did not report)"], polluted: [] as string[] };
  if (existsSync(out)) {
    probed = JSON.parse(readFileSync(out, "utf8")) as typeof probed;
    rmSync(out, { force: true });
  }
  return {
    code: result.status,
    signal: result.signal,
    stdout: result.stdout,
    stderr: result.stderr,
    rssMb: Math.round(probed.maxRssKb / 1024),
    prototypeChanges: probed.changed,
    polluted: probed.polluted,
  };
}

/** Whether `setpriv` can drop to uid 65534 here. */
export function canDropPrivileges(): boolean {
  if (process.getuid?.() !== 0) return false;
  const probe = spawnSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, "-e", "process.exit(process.getuid() === 65534 ? 0 : 1)"], { encoding: "utf8" });
  return probe.status === 0;
}

export interface UnixLine {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: string;
  ruleId: string;
}

/** `path:line:col: message [Severity/rule]` lines of `--format unix`. */
export function unixLines(stdout: string): UnixLine[] {
  const out: UnixLine[] = [];
  for (const text of stdout.split("\n")) {
    const head = /^(.+?):(\d+):(\d+): /.exec(text);
    const tail = / \[(Error|Warning|Info)\/([^\]]+)\]$/.exec(text);
    if (head === null || tail === null) continue;
    out.push({ file: head[1]!, line: Number(head[2]), column: Number(head[3]), message: text.slice(head[0].length, tail.index), severity: tail[1]!, ruleId: tail[2]! });
  }
  return out;
}

/** A JavaScript stack frame (`    at fn (file:1:2)`) anywhere in the text. */
export function hasStackTrace(text: string): boolean {
  return /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$/m.test(text) || /\n\s*at (async )?[\w.<>]+ \(/.test(text);
}
