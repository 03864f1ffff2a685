// Syntax tree of one ARM template language expression, with offsets into the JSON string value.

/** Every node of an expression tree. */
export type Expr = StringLit | NumberLit | Call | Member | Index;

/**
 * Half-open offsets `[start, end)` into the *whole* JSON string value (after JSON unescaping):
 * index 0 is the expression's leading `[`.
 */
interface Base {
  start: number;
  end: number;
}

/** `'text'`; `value` has `''` unescaped to `'`. */
export interface StringLit extends Base {
  kind: "string";
  value: string;
}

/** `42`, `-1`, `1.5`. */
export interface NumberLit extends Base {
  kind: "number";
  value: number;
}

/**
 * `name(args...)` or, for a user-defined function, `namespace.name(args...)`.
 * `start` is the first character of the callee (the namespace, when there is one);
 * `[nameStart, nameEnd)` covers the function name only, as written (case kept).
 */
export interface Call extends Base {
  kind: "call";
  name: string;
  /**
   * The user-defined function's namespace; undefined for a built-in (the parser still writes the property,
   * as undefined: one shape for every call node it makes).
   */
  namespace?: string;
  args: Expr[];
  nameStart: number;
  nameEnd: number;
}

/** `object.property`; `propertyStart` is the offset of the property name. */
export interface Member extends Base {
  kind: "member";
  object: Expr;
  property: string;
  propertyStart: number;
}

/** `object[index]`. */
export interface Index extends Base {
  kind: "index";
  object: Expr;
  index: Expr;
}

/** A position range inside the JSON string value (same convention as node offsets). */
export interface Span {
  start: number;
  end: number;
}
