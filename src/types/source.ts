// Type sources: a `TypeIndex` (from a directory or the embedded facts) with lazily loaded type files, queried by resource type and API version.
import type { BicepType, CrossFileTypeReference, TypeIndex, TypeReference } from "@azure/bicep-types";
import { compareApiVersions, isResourceType, namespaceOf, parseApiVersion, splitTypeKey, type ResourceType } from "./model.js";
import { detach } from "../text/detach.js";

export type TypeSourceKind = "directory" | "embedded";

/** One resource type at one API version, with the type file it lives in. */
export interface ResolvedResourceType {
  source: TypeSource;
  /** The type as spelled in the data (`Microsoft.KeyVault/vaults`). */
  type: string;
  /** The API version of the data used (for the embedded facts: the version the facts hold from). */
  apiVersion: string;
  resource: ResourceType;
  body: BicepType;
  /** A type of the same file. */
  lookup(ref: TypeReference): BicepType | undefined;
}

/** The API versions the data knows for one resource type. */
export interface KnownType {
  /** As spelled in the data. */
  type: string;
  /** Sorted oldest first. */
  versions: string[];
}

export interface TypeSource {
  readonly kind: TypeSourceKind;
  /** For messages: where the data comes from. */
  readonly description: string;
  /** Object types of this source list every property, so unknown and read-only properties can be told. */
  readonly closed: boolean;
  /** Provider namespaces (lowercase) with at least one resource type. */
  readonly namespaces: ReadonlySet<string>;
  /**
   * Does the data list every resource type and API version of `namespace`? Only then may a type or version
   * absent from it be called unknown outright (a partial copy of the data proves nothing by omission).
   */
  isComplete(namespace: string): boolean;
  /** Known resource types of a namespace, by lowercase type. */
  typesOf(namespace: string): ReadonlyMap<string, KnownType>;
  /** The type data for a resource type at an API version, or undefined. */
  resolve(type: string, apiVersion: string): ResolvedResourceType | undefined;
}

/** Reads one type file of a source (by its index path); undefined when it cannot be read. */
export type TypeFileReader = (relativePath: string) => BicepType[] | undefined;

export interface IndexedSourceOptions {
  kind: TypeSourceKind;
  description: string;
  closed: boolean;
  /** Namespaces (lowercase) whose data is complete; `"all"` for every namespace in the index. */
  complete: ReadonlySet<string> | "all";
  /**
   * `exact`: a version must be in the index. `since`: each index version is the first the facts hold for,
   * and a later version uses the newest facts at or before it (the embedded index).
   */
  versionMatch: "exact" | "since";
}

/** A source over a `TypeIndex`, loading type files on first use. */
export class IndexedTypeSource implements TypeSource {
  readonly kind: TypeSourceKind;
  readonly description: string;
  readonly closed: boolean;
  readonly namespaces: ReadonlySet<string>;
  readonly #byNamespace = new Map<string, Map<string, KnownType>>();
  readonly #refs = new Map<string, CrossFileTypeReference>();
  readonly #files = new Map<string, BicepType[] | undefined>();
  readonly #read: TypeFileReader;
  readonly #options: IndexedSourceOptions;
  readonly #resolutions = new ResolutionMemo();

  constructor(index: TypeIndex, read: TypeFileReader, options: IndexedSourceOptions) {
    this.kind = options.kind;
    this.description = options.description;
    this.closed = options.closed;
    this.#read = read;
    this.#options = options;
    const namespaces = new Set<string>();
    for (const [key, ref] of Object.entries(index.resources)) {
      const split = splitTypeKey(key);
      if (split === undefined) continue;
      const ns = namespaceOf(split.type);
      namespaces.add(ns);
      let types = this.#byNamespace.get(ns);
      if (types === undefined) this.#byNamespace.set(ns, (types = new Map<string, KnownType>()));
      const lower = split.type.toLowerCase();
      let known = types.get(lower);
      if (known === undefined) types.set(lower, (known = { type: split.type, versions: [] }));
      if (!known.versions.some((v) => v.toLowerCase() === split.apiVersion.toLowerCase())) known.versions.push(split.apiVersion);
      this.#refs.set(`${lower}@${split.apiVersion.toLowerCase()}`, ref);
    }
    for (const types of this.#byNamespace.values()) for (const known of types.values()) known.versions.sort(compareApiVersions);
    this.namespaces = namespaces;
  }

  isComplete(namespace: string): boolean {
    const complete = this.#options.complete;
    const ns = namespace.toLowerCase();
    return this.namespaces.has(ns) && (complete === "all" || complete.has(ns));
  }

  typesOf(namespace: string): ReadonlyMap<string, KnownType> {
    return this.#byNamespace.get(namespace.toLowerCase()) ?? NO_TYPES;
  }

  /** The known entry of a resource type, or undefined. */
  known(type: string): KnownType | undefined {
    return this.typesOf(namespaceOf(type)).get(type.toLowerCase());
  }

  resolve(type: string, apiVersion: string): ResolvedResourceType | undefined {
    const hit = this.#resolutions.get(type, apiVersion);
    if (hit !== undefined) return hit ?? undefined;
    const resolved = this.#resolveUncached(type, apiVersion);
    this.#resolutions.set(type, apiVersion, resolved);
    return resolved;
  }

  #resolveUncached(type: string, apiVersion: string): ResolvedResourceType | undefined {
    const known = this.known(type);
    if (known === undefined) return undefined;
    let version: string | undefined;
    if (this.#options.versionMatch === "exact") {
      version = known.versions.find((v) => v.toLowerCase() === apiVersion.toLowerCase());
    } else if (parseApiVersion(apiVersion) !== undefined) {
      version = known.versions.filter((v) => compareApiVersions(v, apiVersion) <= 0 || sameDate(v, apiVersion)).at(-1);
    }
    if (version === undefined) return undefined;
    const ref = this.#refs.get(`${type.toLowerCase()}@${version.toLowerCase()}`);
    if (ref === undefined) return undefined;
    const types = this.#file(ref.relativePath);
    const resource = types?.[ref.index];
    if (types === undefined || resource === undefined || !isResourceType(resource)) return undefined;
    const body = types[resource.body.index];
    if (body === undefined) return undefined;
    return {
      source: this,
      type: known.type,
      apiVersion: version,
      resource,
      body,
      lookup: (r: TypeReference) => types[r.index],
    };
  }

  #file(relativePath: string): BicepType[] | undefined {
    if (this.#files.has(relativePath)) return this.#files.get(relativePath);
    let types: BicepType[] | undefined;
    try {
      types = this.#read(relativePath);
    } catch {
      types = undefined;
    }
    this.#files.set(relativePath, types);
    return types;
  }
}

/** The known types of a namespace the data does not have (shared: never changed). */
export const NO_TYPES: ReadonlyMap<string, KnownType> = new Map<string, KnownType>();

/** Most resolutions a memo keeps: past it (input spelling endless types or versions), resolutions are worked out each time. */
const MAX_RESOLUTIONS = 4096;

/**
 * Resolutions by type and API version as spelled: every resource of a type at a version resolves to the same
 * data (the type files are read once and never change), so the lookup is done once. `null`: nothing resolved.
 */
export class ResolutionMemo {
  readonly #byType = new Map<string, Map<string, ResolvedResourceType | null>>();
  #size = 0;

  /** The memoized resolution (`null`: none), or undefined when not worked out yet. */
  get(type: string, apiVersion: string): ResolvedResourceType | null | undefined {
    return this.#byType.get(type)?.get(apiVersion);
  }

  set(type: string, apiVersion: string, resolved: ResolvedResourceType | undefined): void {
    if (this.#size >= MAX_RESOLUTIONS) return;
    let byVersion = this.#byType.get(type);
    // Kept for the run: copies, not slices holding on to this file's text.
    if (byVersion === undefined) this.#byType.set(detach(type), (byVersion = new Map<string, ResolvedResourceType | null>()));
    byVersion.set(detach(apiVersion), resolved ?? null);
    this.#size++;
  }
}

/** `2025-04-01` and `2025-04-01-preview` share a date: facts from the preview hold for the stable version. */
function sameDate(a: string, b: string): boolean {
  return parseApiVersion(a)?.date === parseApiVersion(b)?.date;
}
