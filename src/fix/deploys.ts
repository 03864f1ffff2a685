// The autofix invariant: a fixed template deploys what the original did; only new `dependsOn` entries (ordering) may differ.
import { equalsIgnoreCase } from "../load/loader.js";

/** What differs, as a JSON-path-like location, or undefined when `after` only adds dependsOn entries to `before`. */
export function deploymentChange(before: unknown, after: unknown): string | undefined {
  return compare(before, after, "$");
}

function compare(before: unknown, after: unknown, path: string): string | undefined {
  if (Array.isArray(before)) {
    if (!Array.isArray(after) || after.length !== before.length) return path;
    for (let i = 0; i < before.length; i++) {
      const change = compare(before[i], after[i], `${path}[${i}]`);
      if (change !== undefined) return change;
    }
    return undefined;
  }
  if (isObject(before)) {
    if (!isObject(after)) return path;
    const beforeKeys = Object.keys(before);
    const afterKeys = Object.keys(after);
    for (const key of afterKeys) {
      if (!(key in before) && !(equalsIgnoreCase(key, "dependsOn") && onlyAdded([], after[key]))) return `${path}.${key}`;
    }
    for (const key of beforeKeys) {
      if (!(key in after)) return `${path}.${key}`;
      const change = equalsIgnoreCase(key, "dependsOn") && Array.isArray(before[key]) ? dependsOnChange(before[key], after[key], `${path}.${key}`) : compare(before[key], after[key], `${path}.${key}`);
      if (change !== undefined) return change;
    }
    return undefined;
  }
  return Object.is(before, after) ? undefined : path;
}

/** A dependsOn array may gain string entries anywhere; the old entries stay, in order and unchanged. */
function dependsOnChange(before: readonly unknown[], after: unknown, path: string): string | undefined {
  return onlyAdded(before, after) ? undefined : path;
}

function onlyAdded(before: readonly unknown[], after: unknown): boolean {
  if (!Array.isArray(after)) return false;
  let i = 0;
  for (const item of after as unknown[]) {
    if (i < before.length && compare(before[i], item, "") === undefined) i++;
    else if (typeof item !== "string") return false;
  }
  return i === before.length;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
