// Lazy loading of `@azure/bicep-types`: loaded only when type data is needed, so CLI start-up stays fast.
import { createRequire } from "node:module";
import type * as BicepTypes from "@azure/bicep-types";

/** The runtime API of `@azure/bicep-types` (readers, indexer, TypeFactory). */
export type BicepTypesModule = typeof BicepTypes;

// The package is CommonJS, so it can be loaded synchronously, from the first type check that needs it.
const requireHere = createRequire(import.meta.url);
let loaded: BicepTypesModule | undefined;

/** The `@azure/bicep-types` module, loaded on first use. */
export function bicepTypesModuleSync(): BicepTypesModule {
  return (loaded ??= requireHere("@azure/bicep-types") as BicepTypesModule);
}

/** The `@azure/bicep-types` module, loaded on first use (rejects when it cannot be loaded). */
export function bicepTypesModule(): Promise<BicepTypesModule> {
  return Promise.resolve().then(bicepTypesModuleSync);
}
