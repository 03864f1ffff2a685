// Built-in rule list: every rule that ships with armlint, registered in this one array.
import type { Rule } from "../src/runner/types.js";
import dependencyCycle from "./arm/dependency-cycle.js";
import duplicateKey from "./arm/duplicate-key.js";
import duplicateResource from "./arm/duplicate-resource.js";
import invalidExpression from "./arm/invalid-expression.js";
import missingDependency from "./arm/missing-dependency.js";
import redundantDependency from "./arm/redundant-dependency.js";
import templateLimits from "./arm/template-limits.js";
import undefinedSymbol from "./arm/undefined-symbol.js";
import unknownDependency from "./arm/unknown-dependency.js";
import unknownFunction from "./arm/unknown-function.js";
import unusedParameter from "./arm/unused-parameter.js";
import unusedVariable from "./arm/unused-variable.js";
import foundryConnectionDependsOnKeyVault from "./foundry/connection-depends-on-key-vault.js";
import foundryConnectionDependsOnKeyVaultAccess from "./foundry/connection-depends-on-key-vault-access.js";
import foundryDeletionOrder from "./foundry/deletion-order.js";
import foundryKeyVaultAccess from "./foundry/key-vault-access.js";
import foundryKeyVaultConnectionOrder from "./foundry/key-vault-connection-order.js";
import foundryKeyVaultContributorRole from "./foundry/key-vault-contributor-role.js";
import foundryKeyVaultSwitch from "./foundry/key-vault-switch.js";
import foundrySerializeConnections from "./foundry/serialize-connections.js";
import foundrySingleKeyVaultConnection from "./foundry/single-key-vault-connection.js";
import paramsInvalidFile from "./params/invalid-file.js";
import paramsInvalidValue from "./params/invalid-value.js";
import paramsMissingParameter from "./params/missing-parameter.js";
import paramsUnknownParameter from "./params/unknown-parameter.js";
import typesInvalidValue from "./types/invalid-value.js";
import typesMissingRequiredProperty from "./types/missing-required-property.js";
import typesReadOnlyProperty from "./types/read-only-property.js";
import typesUnknownApiVersion from "./types/unknown-api-version.js";
import typesUnknownProperty from "./types/unknown-property.js";
import typesUnknownResourceType from "./types/unknown-resource-type.js";

/**
 * Add each built-in rule here: one module per rule under `rules/<namespace>/<name>.ts` exporting a
 * `defineRule(...)` default, with its docs page beside it (`rules/<namespace>/<name>.md`).
 * Keep the array sorted by rule id; ids must be unique (the registry checks).
 */
export const builtinRules: Rule[] = [
  dependencyCycle,
  duplicateKey,
  duplicateResource,
  invalidExpression,
  missingDependency,
  redundantDependency,
  templateLimits,
  undefinedSymbol,
  unknownDependency,
  unknownFunction,
  unusedParameter,
  unusedVariable,
  foundryConnectionDependsOnKeyVault,
  foundryConnectionDependsOnKeyVaultAccess,
  foundryDeletionOrder,
  foundryKeyVaultAccess,
  foundryKeyVaultConnectionOrder,
  foundryKeyVaultContributorRole,
  foundryKeyVaultSwitch,
  foundrySerializeConnections,
  foundrySingleKeyVaultConnection,
  paramsInvalidFile,
  paramsInvalidValue,
  paramsMissingParameter,
  paramsUnknownParameter,
  typesInvalidValue,
  typesMissingRequiredProperty,
  typesReadOnlyProperty,
  typesUnknownApiVersion,
  typesUnknownProperty,
  typesUnknownResourceType,
];
