// JSON syntax tree with source offsets: the shape the loader produces and everything else reads.

export type JsonNode = JsonObject | JsonArray | JsonString | JsonNumber | JsonBoolean | JsonNull;

interface NodeBase {
  /** Offset of the node's first character in the decoded text. */
  offset: number;
  /** Length of the node's text (for containers: from the opening to the closing bracket). */
  length: number;
}

export interface JsonProperty {
  /** The key exactly as written (unescaped). Never touches a prototype: keys live in this array. */
  key: string;
  keyOffset: number;
  keyLength: number;
  value: JsonNode;
}

export interface JsonObject extends NodeBase {
  type: "object";
  /** Properties in source order, duplicates kept (the model reports them). */
  properties: JsonProperty[];
}

export interface JsonArray extends NodeBase {
  type: "array";
  items: JsonNode[];
}

export interface JsonString extends NodeBase {
  type: "string";
  value: string;
}

export interface JsonNumber extends NodeBase {
  type: "number";
  value: number;
}

export interface JsonBoolean extends NodeBase {
  type: "boolean";
  value: boolean;
}

export interface JsonNull extends NodeBase {
  type: "null";
  value: null;
}

/**
 * A property's key as a string node (its text and span in the source), for code that evaluates or reports an
 * expression-valued key as it does a string value. Its fields are in the order the loader writes a string
 * node's (`type`, `offset`, `length`, `value`): one shape for every string node, so code reading string
 * nodes never meets a second shape.
 */
export function keyStringNode(p: JsonProperty): JsonString {
  return { type: "string", offset: p.keyOffset, length: p.keyLength, value: p.key };
}
