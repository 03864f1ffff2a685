// Pre-order traversal of expression trees with an explicit stack (no recursion on depth).

import type { Expr } from "./ast.js";

/** The direct children of `node`, in source order. */
export function childrenOf(node: Expr): Expr[] {
  switch (node.kind) {
    case "call":
      return node.args;
    case "member":
      return [node.object];
    case "index":
      return [node.object, node.index];
    default:
      return [];
  }
}

/**
 * Calls `visit` on every node of `expr` in pre-order (a node before its children, children in
 * source order), passing each node's parent (undefined for the root). Iterative, so trees of
 * any depth are safe.
 */
export function walkExpression(expr: Expr, visit: (node: Expr, parent: Expr | undefined) => void): void {
  const nodes: Expr[] = [expr];
  const parents: (Expr | undefined)[] = [undefined];
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const parent = parents.pop();
    visit(node, parent);
    switch (node.kind) {
      case "call":
        for (let i = node.args.length - 1; i >= 0; i--) {
          nodes.push(node.args[i]!);
          parents.push(node);
        }
        break;
      case "member":
        nodes.push(node.object);
        parents.push(node);
        break;
      case "index":
        nodes.push(node.index, node.object);
        parents.push(node, node);
        break;
      default:
        break;
    }
  }
}
