// Type data for the `types/*` rules: loading (folder or embedded facts), corrections, and checking resources against it.
export { loadTypeSet, typeSet, type TypeSet, type TypeSetOptions } from "./set.js";
export { loadTypeDirectory, defaultCacheDir, forgetTypeDirectories, TypeDataError, type TypeDirectoryOptions } from "./directory.js";
export { loadEmbeddedTypes, embeddedSource, buildEmbeddedTypes, FOUNDRY_SINCE } from "./embedded.js";
export { CORRECTIONS, correctionFor, type ValueCorrection } from "./corrections.js";
export { IndexedTypeSource, type TypeSource, type TypeSourceKind, type ResolvedResourceType, type KnownType } from "./source.js";
export { checkResource, type ResourceInput, type TypeFinding, type TypeFindingKind } from "./check.js";
export { compareApiVersions, nearestApiVersions, parseApiVersion } from "./model.js";
export { similarWords } from "../text/suggest.js";
export { bicepTypesModule, type BicepTypesModule } from "./module.js";
