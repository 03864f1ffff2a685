// The table of built-in ARM template functions (names, argument counts, categories), as data.
//
// Sources: Microsoft Learn "ARM template functions" reference pages, checked against every call
// in the 2,320-template corpus (test/expressions/corpus.test.ts). ARM keeps adding functions:
// a well-formed call to a name missing here should be reported as a warning, not an error.

export type FunctionCategory =
  | "array"
  | "cidr"
  | "comparison"
  | "date"
  | "deployment"
  | "lambda"
  | "logical"
  | "numeric"
  | "object"
  | "resource"
  | "scope"
  | "string"
  /** Documented in several categories (arrays, strings and objects alike). */
  | "any";

export interface FunctionInfo {
  /** Canonical casing, as in Microsoft's documentation. */
  name: string;
  minArgs: number;
  /** `Infinity` for variadic functions. */
  maxArgs: number;
  category: FunctionCategory;
  /** Evaluated at deployment time against live resources: `reference`, `references`, `list*`. */
  deployTimeOnly?: boolean;
  /** Allowed only in a parameter's `defaultValue`: `newGuid`, `utcNow`. */
  parameterDefaultOnly?: boolean;
}

const V = Infinity;

type Row = readonly [name: string, minArgs: number, maxArgs: number, category: FunctionCategory];

// [name, minArgs, maxArgs, category]. Optional-argument notes follow the documentation.
const ROWS: readonly Row[] = [
  // Polymorphic: documented for arrays, strings and (some) objects.
  ["concat", 1, V, "any"],
  ["contains", 2, 2, "any"],
  ["empty", 1, 1, "any"],
  ["first", 1, 1, "any"],
  ["last", 1, 1, "any"],
  ["indexOf", 2, 2, "any"],
  ["lastIndexOf", 2, 2, "any"],
  ["length", 1, 1, "any"],
  ["skip", 2, 2, "any"],
  ["take", 2, 2, "any"],
  ["intersection", 2, V, "any"],
  ["union", 1, V, "any"], // docs: two or more; kept at 1 so a single-argument call is not an error

  // Array
  ["array", 1, 1, "array"],
  ["createArray", 0, V, "array"], // createArray() is the empty array
  ["distinct", 1, 1, "array"],
  ["flatten", 1, 1, "array"],
  ["indexFromEnd", 2, 2, "array"],
  ["tryIndexFromEnd", 2, 2, "array"],
  ["max", 1, V, "array"], // max(array) or max(int, int, ...)
  ["min", 1, V, "array"],
  ["range", 2, 2, "array"],

  // CIDR
  ["parseCidr", 1, 1, "cidr"],
  ["cidrSubnet", 3, 3, "cidr"],
  ["cidrHost", 2, 2, "cidr"],

  // Comparison
  ["coalesce", 1, V, "comparison"],
  ["equals", 2, 2, "comparison"],
  ["greater", 2, 2, "comparison"],
  ["greaterOrEquals", 2, 2, "comparison"],
  ["less", 2, 2, "comparison"],
  ["lessOrEquals", 2, 2, "comparison"],

  // Date
  ["dateTimeAdd", 2, 3, "date"], // (base, duration, format?)
  ["dateTimeFromEpoch", 1, 1, "date"],
  ["dateTimeToEpoch", 1, 1, "date"],
  ["utcNow", 0, 1, "date"], // (format?)

  // Deployment
  ["deployer", 0, 0, "deployment"],
  ["deployment", 0, 0, "deployment"],
  ["environment", 0, 0, "deployment"],
  ["externalInputs", 1, 1, "deployment"], // Bicep externalInput(), newer language versions
  ["fail", 1, 1, "deployment"], // (message): aborts the deployment
  ["parameters", 1, 1, "deployment"],
  ["variables", 1, 1, "deployment"],

  // Lambda
  ["filter", 2, 2, "lambda"],
  ["groupBy", 2, 2, "lambda"],
  ["lambda", 2, V, "lambda"], // ('x', 'y', ..., body)
  ["lambdaVariables", 1, 1, "lambda"],
  ["map", 2, 2, "lambda"],
  ["mapValues", 2, 2, "lambda"],
  ["reduce", 3, 3, "lambda"],
  ["sort", 2, 2, "lambda"],
  ["toObject", 2, 3, "lambda"], // (array, keyLambda, valueLambda?)

  // Logical
  ["and", 2, V, "logical"],
  ["bool", 1, 1, "logical"],
  ["false", 0, 0, "logical"],
  ["if", 3, 3, "logical"],
  ["not", 1, 1, "logical"],
  ["or", 2, V, "logical"],
  ["true", 0, 0, "logical"],

  // Numeric
  ["add", 2, 2, "numeric"],
  ["copyIndex", 0, 2, "numeric"], // (loopName?, offset?) or (offset)
  ["div", 2, 2, "numeric"],
  ["float", 1, 1, "numeric"],
  ["int", 1, 1, "numeric"],
  ["mod", 2, 2, "numeric"],
  ["mul", 2, 2, "numeric"],
  ["sub", 2, 2, "numeric"],

  // Object
  ["createObject", 0, V, "object"], // key/value pairs: an even count
  ["items", 1, 1, "object"],
  ["json", 1, 1, "object"],
  ["null", 0, 0, "object"],
  ["objectKeys", 1, 1, "object"],
  ["shallowMerge", 1, 1, "object"],
  ["tryGet", 2, V, "object"], // (object, key, key, ...)

  // Resource
  ["extensionResourceId", 3, V, "resource"], // (scopeId, type, name1, name2, ...)
  ["managementGroupResourceId", 2, V, "resource"], // ([mgId], type, name1, ...)
  ["pickZones", 3, 5, "resource"], // (namespace, type, location, count?, offset?)
  ["providers", 1, 2, "resource"], // (namespace, type?) — deprecated
  ["reference", 1, 3, "resource"], // (nameOrId, apiVersion?, 'Full'?)
  ["references", 1, 2, "resource"], // (symbolicName, 'Full'?)
  ["resourceId", 2, V, "resource"], // ([subscriptionId], [rg], type, name1, ...)
  ["resourceInfo", 1, 1, "resource"], // (symbolicName), languageVersion 2.0
  ["roleDefinitions", 1, 1, "resource"], // (roleName) → { id, roleDefinitionId }, recent addition
  ["subscriptionResourceId", 2, V, "resource"], // ([subscriptionId], type, name1, ...)
  ["tenantResourceId", 2, V, "resource"], // (type, name1, ...)

  // Scope
  ["managementGroup", 0, 0, "scope"],
  ["resourceGroup", 0, 0, "scope"],
  ["subscription", 0, 0, "scope"],
  ["tenant", 0, 0, "scope"],

  // String
  ["base64", 1, 1, "string"],
  ["base64ToJson", 1, 1, "string"],
  ["base64ToString", 1, 1, "string"],
  ["dataUri", 1, 1, "string"],
  ["dataUriToString", 1, 1, "string"],
  ["endsWith", 2, 2, "string"],
  ["format", 1, V, "string"], // (formatString, arg, ...)
  ["guid", 1, V, "string"],
  ["join", 2, 2, "string"],
  ["like", 2, 2, "string"], // (value, pattern) with * and ? wildcards
  ["newGuid", 0, 0, "string"],
  ["padLeft", 2, 3, "string"], // (value, totalLength, paddingCharacter?)
  ["replace", 3, 3, "string"],
  ["split", 2, 2, "string"],
  ["startsWith", 2, 2, "string"],
  ["string", 1, 1, "string"],
  ["substring", 1, 3, "string"], // (string, startIndex?, length?)
  ["toLower", 1, 1, "string"],
  ["toUpper", 1, 1, "string"],
  ["trim", 1, 1, "string"],
  ["uniqueString", 1, V, "string"],
  ["uri", 2, 2, "string"],
  ["uriComponent", 1, 1, "string"],
  ["uriComponentToString", 1, 1, "string"],
];

/** Argument counts of the `list*` family: (resourceNameOrId, apiVersion, functionValues?). */
const LIST_MIN_ARGS = 1;
const LIST_MAX_ARGS = 3;

// list* functions with well-known names, so that lookups return their documented casing.
const LIST_NAMES: readonly string[] = [
  "list",
  "listAccountSas",
  "listAdminKeys",
  "listAuthKeys",
  "listCallbackUrl",
  "listClusterAdminCredential",
  "listConnectionStrings",
  "listCredentials",
  "listKeys",
  "listKeyValue",
  "listOutputsWithSecureValues",
  "listQueryKeys",
  "listSecrets",
  "listServiceSas",
  "listSyncFunctionTriggerStatus",
];

const DEPLOY_TIME_ONLY: ReadonlySet<string> = new Set(["reference", "references"]);
const PARAMETER_DEFAULT_ONLY: ReadonlySet<string> = new Set(["newGuid", "utcNow"]);

function freezeInfo(info: FunctionInfo): FunctionInfo {
  return Object.freeze(info);
}

/** Every built-in function this table knows, in table order (the `list*` family included). */
export const FUNCTIONS: readonly FunctionInfo[] = Object.freeze([
  ...ROWS.map(([name, minArgs, maxArgs, category]) => {
    const info: FunctionInfo = { name, minArgs, maxArgs, category };
    if (DEPLOY_TIME_ONLY.has(name)) info.deployTimeOnly = true;
    if (PARAMETER_DEFAULT_ONLY.has(name)) info.parameterDefaultOnly = true;
    return freezeInfo(info);
  }),
  ...LIST_NAMES.map((name) => listFunction(name)),
]);

const BY_LOWER_NAME: ReadonlyMap<string, FunctionInfo> = new Map(
  FUNCTIONS.map((info) => [info.name.toLowerCase(), info]),
);

function listFunction(name: string): FunctionInfo {
  return freezeInfo({
    name,
    minArgs: LIST_MIN_ARGS,
    maxArgs: LIST_MAX_ARGS,
    category: "resource",
    deployTimeOnly: true,
  });
}

/** True for the `list*` family (`listKeys`, `listSecrets`, ...): any name starting with `list`. */
export function isListFunctionName(name: string): boolean {
  return name.length >= 4 && name.slice(0, 4).toLowerCase() === "list";
}

/**
 * The built-in function called `name` (case-insensitive), or undefined if ARM has no such
 * function as far as this table knows. Any name starting with `list` is a `list*` function
 * (1 to 3 arguments, deploy-time only); unknown ones keep the casing given. User-defined
 * functions (`namespace.name(...)`) are not built-ins: do not look them up here.
 */
export function lookupFunction(name: string): FunctionInfo | undefined {
  const known = BY_LOWER_NAME.get(name.toLowerCase());
  if (known !== undefined) return known;
  return isListFunctionName(name) ? listFunction(name) : undefined;
}

/** True when `count` arguments are within the function's documented range. */
export function acceptsArgCount(info: FunctionInfo, count: number): boolean {
  return count >= info.minArgs && count <= info.maxArgs;
}
