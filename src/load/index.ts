// Public surface of the loader: decoding, parsing, source positions and tree helpers.

export type { JsonArray, JsonBoolean, JsonNode, JsonNull, JsonNumber, JsonObject, JsonProperty, JsonString } from "./json.js";
export { decodeBytes, findInvalidUtf8, type DecodeResult, type TextEncodingName } from "./decode.js";
export { SourceFile } from "./source.js";
export { DEFAULT_LIMITS, parseJson, resolveLimits, type ParseError, type ParseLimits, type ParseResult } from "./parser.js";
export {
  PARSE_ERROR_RULE_ID,
  equalsIgnoreCase,
  getProperties,
  getProperty,
  loadBytes,
  loadFile,
  loadText,
  toPlainValue,
  type LoadResult,
} from "./loader.js";
export { stringValueIndexToOffset } from "./strings.js";
