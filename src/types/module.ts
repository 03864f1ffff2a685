// Lazy loading of `@azure/bicep-types`: imported only when type data is needed, so CLI start-up stays fast.

import type * as BicepTypes from "@azure/bicep-types";

/** The runtime API of `@azure/bicep-types` (readers, indexer, TypeFactory). */
export type BicepTypesModule = typeof BicepTypes;

let loading: Promise<BicepTypesModule> | undefined;

/** The `@azure/bicep-types` module, imported on first use. */
export function bicepTypesModule(): Promise<BicepTypesModule> {
  return (loading ??= import("@azure/bicep-types"));
}
