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
];
