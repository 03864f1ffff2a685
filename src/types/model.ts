// Bicep type data shapes: kind guards, property flags and API-version arithmetic over `@azure/bicep-types` types (type-only import).
import type {
  ArrayType,
  BicepType,
  BuiltInType,
  DiscriminatedObjectType,
  IntegerType,
  ObjectType,
  ObjectTypeProperty,
  ResourceType,
  StringLiteralType,
  StringType,
  TypeReference,
  UnionType,
} from "@azure/bicep-types";
import { editDistance, similarWords } from "../text/suggest.js";

export type { BicepType, DiscriminatedObjectType, ObjectType, ObjectTypeProperty, ResourceType, StringLiteralType, TypeReference, UnionType };
// The package's `TypeBaseKind` is a runtime enum; these guards compare its string values so that
// reading types never needs the package loaded.

export function isObjectType(t: BicepType): t is ObjectType {
  return (t.type as string) === "ObjectType";
}

export function isDiscriminatedObjectType(t: BicepType): t is DiscriminatedObjectType {
  return (t.type as string) === "DiscriminatedObjectType";
}

export function isArrayType(t: BicepType): t is ArrayType {
  return (t.type as string) === "ArrayType";
}

export function isUnionType(t: BicepType): t is UnionType {
  return (t.type as string) === "UnionType";
}

export function isStringLiteralType(t: BicepType): t is StringLiteralType {
  return (t.type as string) === "StringLiteralType";
}

export function isStringType(t: BicepType): t is StringType {
  return (t.type as string) === "StringType";
}

export function isIntegerType(t: BicepType): t is IntegerType {
  return (t.type as string) === "IntegerType";
}

export function isBooleanType(t: BicepType): boolean {
  return (t.type as string) === "BooleanType";
}

export function isResourceType(t: BicepType): t is ResourceType {
  return (t.type as string) === "ResourceType";
}

export function isBuiltInType(t: BicepType): t is BuiltInType {
  return (t.type as string) === "BuiltInType";
}

/** `BuiltInTypeKind` values (the package's numeric enum). */
export const BUILT_IN = { any: 1, null: 2, bool: 3, int: 4, string: 5, object: 6, array: 7, resourceRef: 8 } as const;

/** `ObjectTypePropertyFlags` values (the package's numeric enum). */
export const FLAG = { required: 1, readOnly: 2, writeOnly: 4, deployTimeConstant: 8, identifier: 16 } as const;

export function hasFlag(p: ObjectTypeProperty, flag: number): boolean {
  return ((p.flags as number) & flag) !== 0;
}

/** `Ns/a/b@version` → type and version (split at the last `@`). */
export function splitTypeKey(key: string): { type: string; apiVersion: string } | undefined {
  const at = key.lastIndexOf("@");
  if (at <= 0 || at === key.length - 1) return undefined;
  return { type: key.slice(0, at), apiVersion: key.slice(at + 1) };
}

/** The provider namespace of a resource type (`Microsoft.KeyVault` of `Microsoft.KeyVault/vaults`), lowercased. */
export function namespaceOf(type: string): string {
  const slash = type.indexOf("/");
  return (slash < 0 ? type : type.slice(0, slash)).toLowerCase();
}

const API_VERSION = /^(\d{4})-(\d{2})-(\d{2})(?:-([A-Za-z][A-Za-z0-9.]*))?$/;

export interface ApiVersion {
  text: string;
  /** `YYYYMMDD` as a number. */
  date: number;
  /** `preview`, `beta`, `privatepreview`, … or undefined for a stable version. */
  suffix: string | undefined;
}

/** Parses `YYYY-MM-DD[-suffix]` with a real month and day; undefined when malformed. */
export function parseApiVersion(text: string): ApiVersion | undefined {
  const m = API_VERSION.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > 31 || year < 2000) return undefined;
  return { text, date: year * 10_000 + month * 100 + day, suffix: m[4]?.toLowerCase() };
}

const KNOWN_SUFFIXES = ["preview", "privatepreview", "beta", "alpha"];

/**
 * Why an API version cannot be right whatever the data says: not `YYYY-MM-DD[-suffix]` with a real date,
 * or a suffix misspelt (`-preveiw`). Undefined when it is well formed.
 */
export function apiVersionProblem(text: string): string | undefined {
  const parsed = parseApiVersion(text);
  if (parsed === undefined) return "is not a valid API version (YYYY-MM-DD, optionally with a suffix such as -preview)";
  const suffix = parsed.suffix;
  if (suffix !== undefined && !KNOWN_SUFFIXES.includes(suffix) && similarWords(suffix, KNOWN_SUFFIXES).length > 0) {
    return `has the suffix '-${suffix}' (did you mean '-${similarWords(suffix, KNOWN_SUFFIXES)[0]!}'?)`;
  }
  return undefined;
}

/** Orders API versions by date; on the same date a preview sorts before the stable version. */
export function compareApiVersions(a: string, b: string): number {
  const x = parseApiVersion(a);
  const y = parseApiVersion(b);
  if (x === undefined || y === undefined) return a.toLowerCase() < b.toLowerCase() ? -1 : a.toLowerCase() > b.toLowerCase() ? 1 : 0;
  if (x.date !== y.date) return x.date - y.date;
  if (x.suffix === y.suffix) return 0;
  if (x.suffix === undefined) return 1;
  if (y.suffix === undefined) return -1;
  return x.suffix < y.suffix ? -1 : 1;
}

/** Days between two API versions' dates (approximate: 31-day months), for "nearest" suggestions. */
function distance(a: ApiVersion, b: ApiVersion): number {
  const days = (d: number) => Math.floor(d / 10_000) * 372 + (Math.floor(d / 100) % 100) * 31 + (d % 100);
  return Math.abs(days(a.date) - days(b.date));
}

/**
 * The known versions nearest to `wanted`: the closest before and after it by date (stable preferred on ties),
 * or — when `wanted` is malformed — the closest by spelling. At most `limit`, newest first.
 */
export function nearestApiVersions(wanted: string, known: readonly string[], limit = 2): string[] {
  const exact = known.find((k) => k.toLowerCase() === padded(wanted).toLowerCase());
  if (exact !== undefined) return [exact];
  const parsed = parseApiVersion(wanted) ?? parseApiVersion(padded(wanted));
  if (parsed === undefined) {
    return [...known]
      .map((k) => ({ k, d: editDistance(wanted.toLowerCase(), k.toLowerCase()) }))
      .sort((a, b) => a.d - b.d || compareApiVersions(b.k, a.k))
      .slice(0, limit)
      .map((x) => x.k);
  }
  const scored = known
    .map((k) => ({ k, v: parseApiVersion(k) }))
    .filter((x): x is { k: string; v: ApiVersion } => x.v !== undefined)
    .map((x) => ({ ...x, d: distance(parsed, x.v), preview: x.v.suffix !== undefined }));
  const before = scored.filter((x) => x.v.date <= parsed.date).sort((a, b) => a.d - b.d || Number(a.preview) - Number(b.preview));
  const after = scored.filter((x) => x.v.date > parsed.date).sort((a, b) => a.d - b.d || Number(a.preview) - Number(b.preview));
  const picked: string[] = [];
  for (const list of [before, after]) {
    const first = list[0];
    if (first !== undefined && !picked.includes(first.k)) picked.push(first.k);
  }
  for (const x of [...before, ...after].sort((a, b) => a.d - b.d)) {
    if (picked.length >= limit) break;
    if (!picked.includes(x.k)) picked.push(x.k);
  }
  return picked.slice(0, limit).sort((a, b) => compareApiVersions(b, a));
}

/** `2024-11-1` → `2024-11-01` (a date written without zero padding), else unchanged. */
function padded(text: string): string {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(-.*)?$/.exec(text);
  return m ? `${m[1]!}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}${m[4] ?? ""}` : text;
}
