// Public entry point of the expression front end: re-exports only.

export type { Call, Expr, Index, Member, NumberLit, Span, StringLit } from "./ast.js";
export {
  classifyString,
  isExpressionString,
  isIdentifier,
  MAX_EXPRESSION_DEPTH,
  parseExpression,
} from "./parser.js";
export type { ExpressionSyntaxError, ParseResult, StringClassification } from "./parser.js";
export { formatNumber, printExpression, printExpressionString, quoteString } from "./print.js";
export { acceptsArgCount, FUNCTIONS, isListFunctionName, lookupFunction } from "./functions.js";
export type { FunctionCategory, FunctionInfo } from "./functions.js";
export { childrenOf, walkExpression } from "./walk.js";
