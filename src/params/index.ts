// Parameters files: reading them, their values for the evaluator, and checking them against a template.
export { readParameterFile, parseParameterText, parametersFileFor, parameterValues, type ParameterFile, type ParameterEntry, type ParameterSource, type ParameterFileProblem } from "./file.js";
export { literalValue, opaqueParameter, looksLikeExpression } from "./values.js";
export { checkParameterFile, type ParameterFinding, type ParameterFindingKind } from "./check.js";
