// The type data a lint run uses: an optional folder of bicep-types data over armlint's embedded facts.
import { embeddedTypes } from "./embedded.js";
import { loadTypeDirectory, type TypeDirectoryOptions } from "./directory.js";
import type { ResolvedResourceType, TypeSource } from "./source.js";

export interface TypeSet {
  /** The folder given with `--types` / config `types`, when any. */
  readonly directory: TypeSource | undefined;
  readonly embedded: TypeSource;
  /** The data to check a resource with: the folder's exact type and version, else the embedded facts. */
  resolve(type: string, apiVersion: string): ResolvedResourceType | undefined;
}

export interface TypeSetOptions extends TypeDirectoryOptions {
  /** A folder laid out like bicep-types-az's `generated/`. */
  directory?: string | undefined;
}

/** Combines sources: the folder first, the embedded facts as the fallback. */
export function typeSet(embedded: TypeSource, directory?: TypeSource): TypeSet {
  return {
    directory,
    embedded,
    resolve(type: string, apiVersion: string): ResolvedResourceType | undefined {
      return directory?.resolve(type, apiVersion) ?? embedded.resolve(type, apiVersion);
    },
  };
}

/**
 * The embedded facts (built when first needed: see `embeddedTypes`) and, when given, a type data folder.
 * Rejects with TypeDataError for an unusable folder.
 */
export async function loadTypeSet(options: TypeSetOptions = {}): Promise<TypeSet> {
  const directory = options.directory === undefined ? undefined : await loadTypeDirectory(options.directory, options);
  return typeSet(embeddedTypes(), directory);
}
