// `armlint merge-sarif OUT IN...`: join the SARIF logs of sharded runs into one run (GitHub code scanning rejects several runs of one tool and category).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CliIO } from "./io.js";
import { writeOutputFile } from "./output.js";

export interface MergeSarifOptions {
  /** The merged log to write. */
  output: string;
  /** The shards' logs. */
  inputs: string[];
}

/** A log that cannot be merged: the message names the file and what is wrong. Exit 2. */
export class MergeSarifError extends Error {
  override name = "MergeSarifError";
}

type JsonObject = Record<string, unknown>;

export async function runMergeSarifCommand(options: MergeSarifOptions, io: CliIO): Promise<number> {
  let merged: JsonObject;
  const warnings: string[] = [];
  try {
    const logs = options.inputs.map((input) => ({ name: input, log: readLog(resolve(io.cwd, input), input) }));
    merged = mergeSarifLogs(logs, (message) => warnings.push(message));
  } catch (error) {
    if (!(error instanceof MergeSarifError)) throw error;
    io.writeErr(`armlint: ${error.message}\n`);
    return 2;
  }
  for (const warning of warnings) io.writeErr(`armlint: warning: ${warning}\n`);
  const runs = merged.runs as JsonObject[];
  const { warnNearLimits } = await import("../report/sarif.js");
  warnNearLimits(Array.isArray(runs[0]?.results) ? runs[0].results.length : 0, (message) => {
    io.writeErr(`${message}\n`);
  });
  return writeOutputFile(resolve(io.cwd, options.output), `${JSON.stringify(merged, null, 2)}\n`, io, "merged SARIF") ? 0 : 2;
}

function readLog(file: string, name: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    throw new MergeSarifError(`Cannot read SARIF file '${name}': ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error)}.`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch (error) {
    throw new MergeSarifError(`'${name}' is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function objectAt(value: JsonObject, key: string): JsonObject | undefined {
  const found = value[key];
  return isObject(found) ? found : undefined;
}

function arrayAt(value: JsonObject, key: string): unknown[] {
  const found = value[key];
  return Array.isArray(found) ? found : [];
}

function stringAt(value: JsonObject | undefined, key: string): string | undefined {
  const found = value?.[key];
  return typeof found === "string" ? found : undefined;
}

/** A run's category for GitHub: its `automationDetails.id` up to the last `/` (empty when none). */
function categoryOf(run: JsonObject): string {
  const id = stringAt(objectAt(run, "automationDetails"), "id") ?? "";
  const slash = id.lastIndexOf("/");
  return slash === -1 ? id : id.slice(0, slash);
}

/**
 * Merges SARIF 2.1.0 logs whose runs all come from one tool (same name and version) and one category into
 * one log with one run: rules joined by id, results and notifications re-indexed, artifacts appended,
 * duplicate results dropped, results sorted by location so the order of the inputs does not matter.
 */
export function mergeSarifLogs(logs: readonly { name: string; log: unknown }[], warn: (message: string) => void = () => undefined): JsonObject {
  const runs: { name: string; run: JsonObject }[] = [];
  let schema: string | undefined;
  for (const { name, log } of logs) {
    if (!isObject(log) || log.version !== "2.1.0" || !Array.isArray(log.runs)) throw new MergeSarifError(`'${name}' is not a SARIF 2.1.0 log (no "version": "2.1.0" and "runs").`);
    schema ??= stringAt(log, "$schema");
    for (const run of log.runs) {
      if (!isObject(run) || !isObject(objectAt(run, "tool")?.driver)) throw new MergeSarifError(`'${name}' has a run without "tool.driver".`);
      runs.push({ name, run });
    }
  }
  const first = runs[0];
  if (first === undefined) throw new MergeSarifError("The SARIF files hold no runs to merge.");
  const driverOf = (run: JsonObject) => objectAt(objectAt(run, "tool")!, "driver")!;
  const firstDriver = driverOf(first.run);
  for (const { name, run } of runs) {
    const driver = driverOf(run);
    if (stringAt(driver, "name") !== stringAt(firstDriver, "name")) {
      throw new MergeSarifError(`'${name}' holds a run of '${stringAt(driver, "name") ?? "?"}', '${first.name}' one of '${stringAt(firstDriver, "name") ?? "?"}': merge-sarif joins the shards of one tool.`);
    }
    if (stringAt(driver, "version") !== stringAt(firstDriver, "version")) {
      throw new MergeSarifError(`'${name}' was written by version ${stringAt(driver, "version") ?? "?"}, '${first.name}' by ${stringAt(firstDriver, "version") ?? "?"}: run every shard with the same version.`);
    }
    if (categoryOf(run) !== categoryOf(first.run)) {
      throw new MergeSarifError(`'${name}' has category '${categoryOf(run)}', '${first.name}' '${categoryOf(first.run)}': merge the shards of one category at a time.`);
    }
  }

  // Rules: joined by id (the first description of an id wins), sorted by id.
  const rulesById = new Map<string, JsonObject>();
  for (const { run } of runs) {
    for (const rule of arrayAt(driverOf(run), "rules")) {
      const id = isObject(rule) ? stringAt(rule, "id") : undefined;
      if (id !== undefined && isObject(rule) && !rulesById.has(id)) rulesById.set(id, rule);
    }
  }
  const rules = [...rulesById.values()].sort((a, b) => compare(stringAt(a, "id") ?? "", stringAt(b, "id") ?? ""));
  const ruleIndex = new Map(rules.map((rule, index) => [stringAt(rule, "id") ?? "", index]));

  const artifacts: unknown[] = [];
  const results: JsonObject[] = [];
  const seenResults = new Set<string>();
  const notifications: unknown[] = [];
  const configurationNotifications: unknown[] = [];
  const baseIds: JsonObject = {};
  let successful = true;
  for (const { name, run } of runs) {
    const oldRules = arrayAt(driverOf(run), "rules");
    const ruleIdAt = (index: unknown): string | undefined => {
      const rule = typeof index === "number" ? oldRules[index] : undefined;
      return isObject(rule) ? stringAt(rule, "id") : undefined;
    };
    const artifactOffset = artifacts.length;
    artifacts.push(...arrayAt(run, "artifacts"));
    const remap = (value: unknown): unknown => remapIndexes(value, artifactOffset, ruleIdAt, ruleIndex);
    for (const result of arrayAt(run, "results")) {
      if (!isObject(result)) continue;
      const copy = remap(result) as JsonObject;
      const id = stringAt(result, "ruleId") ?? ruleIdAt(result.ruleIndex) ?? ruleIdAt(objectAt(result, "rule")?.index);
      if (id !== undefined) {
        copy.ruleId = id;
        const index = ruleIndex.get(id);
        if (index !== undefined && ("ruleIndex" in result || rules.length > 0)) copy.ruleIndex = index;
      }
      const key = JSON.stringify(copy);
      if (seenResults.has(key)) continue;
      seenResults.add(key);
      results.push(copy);
    }
    for (const invocation of arrayAt(run, "invocations")) {
      if (!isObject(invocation)) continue;
      if (invocation.executionSuccessful === false) successful = false;
      notifications.push(...arrayAt(invocation, "toolExecutionNotifications").map(remap));
      configurationNotifications.push(...arrayAt(invocation, "toolConfigurationNotifications").map(remap));
    }
    for (const [key, value] of Object.entries(objectAt(run, "originalUriBaseIds") ?? {})) {
      const existing = baseIds[key];
      if (existing === undefined) Object.defineProperty(baseIds, key, { value, enumerable: true, writable: true, configurable: true });
      else if (JSON.stringify(existing) !== JSON.stringify(value)) {
        warn(`'${name}' gives ${key} as ${JSON.stringify(value)}, an earlier log as ${JSON.stringify(existing)}; kept the first.`);
      }
    }
  }
  results.sort(compareResults);

  const run: JsonObject = { ...first.run };
  run.tool = { ...objectAt(first.run, "tool"), driver: { ...firstDriver, rules } };
  const firstInvocation = arrayAt(first.run, "invocations").find(isObject) ?? {};
  const invocation: JsonObject = { ...firstInvocation, executionSuccessful: successful };
  delete invocation.toolExecutionNotifications;
  delete invocation.toolConfigurationNotifications;
  if (notifications.length > 0) invocation.toolExecutionNotifications = notifications;
  if (configurationNotifications.length > 0) invocation.toolConfigurationNotifications = configurationNotifications;
  run.invocations = [invocation];
  if (Object.keys(baseIds).length > 0) run.originalUriBaseIds = baseIds;
  if (artifacts.length > 0) run.artifacts = artifacts;
  else delete run.artifacts;
  run.results = results;
  return { ...(schema === undefined ? {} : { $schema: schema }), version: "2.1.0", runs: [run] };
}

/** A deep copy with `artifactLocation.index` shifted and `associatedRule`/`rule` indexes mapped to the merged rule table. */
function remapIndexes(value: unknown, artifactOffset: number, ruleIdAt: (index: unknown) => string | undefined, ruleIndex: ReadonlyMap<string, number>): unknown {
  if (Array.isArray(value)) return value.map((item) => remapIndexes(item, artifactOffset, ruleIdAt, ruleIndex));
  if (!isObject(value)) return value;
  const out: JsonObject = {};
  for (const [key, item] of Object.entries(value)) {
    let copy = remapIndexes(item, artifactOffset, ruleIdAt, ruleIndex);
    if (key === "artifactLocation" && isObject(copy) && typeof copy.index === "number") copy = { ...copy, index: copy.index + artifactOffset };
    if ((key === "associatedRule" || key === "rule") && isObject(copy) && isObject(item)) {
      const id = stringAt(item, "id") ?? ruleIdAt(item.index);
      const index = id === undefined ? undefined : ruleIndex.get(id);
      if (index !== undefined) copy = { ...copy, id, index };
    }
    Object.defineProperty(out, key, { value: copy, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Results by file, line, column, rule and message, so the merged log does not depend on the order of the shards. */
function compareResults(a: JsonObject, b: JsonObject): number {
  const ka = resultSortKey(a);
  const kb = resultSortKey(b);
  return compare(ka.uri, kb.uri) || ka.line - kb.line || ka.column - kb.column || compare(ka.ruleId, kb.ruleId) || compare(ka.message, kb.message) || compare(JSON.stringify(a), JSON.stringify(b));
}

function resultSortKey(result: JsonObject): { uri: string; line: number; column: number; ruleId: string; message: string } {
  const location = arrayAt(result, "locations").find(isObject);
  const physical = location === undefined ? undefined : objectAt(location, "physicalLocation");
  const artifact = physical === undefined ? undefined : objectAt(physical, "artifactLocation");
  const region = physical === undefined ? undefined : objectAt(physical, "region");
  const number = (key: string) => (typeof region?.[key] === "number" ? region[key] : 0);
  return {
    uri: `${stringAt(artifact, "uriBaseId") ?? ""}\0${stringAt(artifact, "uri") ?? ""}`,
    line: number("startLine"),
    column: number("startColumn"),
    ruleId: stringAt(result, "ruleId") ?? "",
    message: stringAt(objectAt(result, "message"), "text") ?? "",
  };
}
