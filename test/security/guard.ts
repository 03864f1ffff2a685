// Security guard for CLI runs: a `node --import` preload that fails process spawning and network calls and records every path written through node:fs.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { BIN } from "../cli/helpers.js";

const GUARD = `
import { openSync, writeSync } from "node:fs";
import { createRequire, syncBuiltinESMExports } from "node:module";
import { threadId } from "node:worker_threads";
const require = createRequire(import.meta.url);
// The log is written with a descriptor opened before anything is patched (fs functions call each other).
const log = openSync(process.env.ARMLINT_GUARD_LOG, "a");
const record = (kind, what) => writeSync(log, JSON.stringify({ thread: threadId, kind, what: String(what).slice(0, 300) }) + "\\n");
record("loaded", "guard");
function deny(id, names) {
  const mod = require(id);
  for (const name of names) {
    if (typeof mod[name] !== "function") continue;
    mod[name] = function denied(first) {
      record("denied", id + "." + name + "(" + String(first) + ")");
      throw new Error("guard: " + id + "." + name + " is not allowed during a lint run");
    };
  }
  return mod;
}
deny("node:child_process", ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"]);
deny("node:http", ["request", "get"]);
deny("node:https", ["request", "get"]);
deny("node:http2", ["connect"]);
deny("node:net", ["connect", "createConnection", "createServer"]);
deny("node:tls", ["connect"]);
deny("node:dgram", ["createSocket"]);
const dns = deny("node:dns", ["lookup", "lookupService", "resolve", "resolve4", "resolve6", "resolveAny", "resolveCname", "resolveTxt", "reverse"]);
for (const name of ["lookup", "resolve", "resolve4", "resolve6", "resolveAny"]) dns.promises[name] = () => { record("denied", "dns.promises." + name); throw new Error("guard: dns"); };
globalThis.fetch = function denied(url) { record("denied", "fetch(" + String(url) + ")"); return Promise.reject(new Error("guard: fetch is not allowed during a lint run")); };
// Writes are allowed (the report, the cache, --fix) but recorded, with the path they go to.
const fs = require("node:fs");
const WRITES = ["writeFileSync", "appendFileSync", "mkdirSync", "renameSync", "rmSync", "rmdirSync", "unlinkSync", "copyFileSync", "cpSync", "symlinkSync", "linkSync", "truncateSync", "chmodSync", "chownSync", "utimesSync", "mkdtempSync", "createWriteStream",
  "writeFile", "appendFile", "mkdir", "rename", "rm", "rmdir", "unlink", "copyFile", "cp", "symlink", "link", "truncate", "chmod", "chown", "utimes", "mkdtemp"];
for (const name of WRITES) {
  const original = fs[name];
  if (typeof original !== "function") continue;
  fs[name] = function recorded(path, ...rest) { record("write", name + " " + String(path)); if (name === "renameSync" || name === "rename") record("write", name + " " + String(rest[0])); return original.call(this, path, ...rest); };
}
for (const name of ["openSync", "open"]) {
  const original = fs[name];
  fs[name] = function opened(path, flags, ...rest) { if (flags !== undefined && !/^r\\+?$|^rs\\+?$/.test(String(flags)) && typeof flags !== "number") record("write", name + " " + String(path) + " " + String(flags)); return original.call(this, path, flags, ...rest); };
}
for (const name of ["writeFile", "appendFile", "mkdir", "rename", "rm", "rmdir", "unlink", "copyFile", "cp", "open", "truncate", "mkdtemp"]) {
  const original = fs.promises[name];
  if (typeof original !== "function") continue;
  fs.promises[name] = function recorded(path, ...rest) { if (name !== "open" || !/^r/.test(String(rest[0] ?? "r"))) record("write", "promises." + name + " " + String(path)); return original.call(this, path, ...rest); };
}
syncBuiltinESMExports();
`;

export interface GuardEntry {
  thread: number;
  kind: "loaded" | "denied" | "write";
  what: string;
}

export interface GuardedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  entries: GuardEntry[];
}

export function writeGuard(dir: string): string {
  const file = join(dir, "guard.mjs");
  writeFileSync(file, GUARD);
  return file;
}

/** Runs `node --import guard bin/armlint.js ...args` in `cwd`; the guard's log is returned with the output. */
export function runGuarded(guard: string, args: readonly string[], cwd: string, logFile: string): GuardedRun {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined && !["NO_COLOR", "FORCE_COLOR", "ARMLINT_DEBUG"].includes(key)) env[key] = value;
  env.ARMLINT_GUARD_LOG = logFile;
  const result = spawnSync(process.execPath, ["--import", pathToFileURL(guard).href, BIN, ...args], { cwd, env, encoding: "utf8", maxBuffer: 1 << 28, timeout: 240_000 });
  const entries = existsSync(logFile)
    ? readFileSync(logFile, "utf8")
        .split("\n")
        .filter((line) => line !== "")
        .map((line) => JSON.parse(line) as GuardEntry)
    : [];
  writeFileSync(logFile, "");
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, entries };
}
