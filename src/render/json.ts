// JSON formatter: the render graph as documented by schemas/graph.schema.json.
import type { RenderGraph } from "./model.js";

/** The schema's address inside the repository (kept in the output so tools can find it). */
export const GRAPH_SCHEMA_ID = "https://github.com/armlint/armlint/blob/main/schemas/graph.schema.json";

export function toJson(graph: RenderGraph): string {
  return `${JSON.stringify({ $schema: GRAPH_SCHEMA_ID, ...graph }, null, 2)}\n`;
}
