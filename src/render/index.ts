// Render formats: the render graph as DOT, Mermaid, JSON or a self-contained HTML page.
import type { RenderGraph } from "./model.js";
import type { GraphFormat } from "./formats.js";

export { GRAPH_FORMATS, isGraphFormat, type GraphFormat } from "./formats.js";

/** A rendering that cannot be produced (Mermaid past its limits): the CLI prints the message and exits 2. */
export class RenderError extends Error {
  override name = "RenderError";
  constructor(
    message: string,
    readonly hint: string,
  ) {
    super(message);
  }
}

/** Renders the graph in a format; each formatter is loaded only when asked for. Throws RenderError. */
export async function renderGraph(graph: RenderGraph, format: GraphFormat): Promise<string> {
  switch (format) {
    case "dot": {
      const { toDot } = await import("./dot.js");
      return toDot(graph);
    }
    case "mermaid": {
      const { toMermaid } = await import("./mermaid.js");
      const result = toMermaid(graph);
      if (result.tooLarge !== undefined) {
        throw new RenderError(
          `The Mermaid diagram would have ${result.tooLarge}: Mermaid would refuse to draw it.`,
          "Show a part with '--focus RESOURCE --depth N', or use '--format dot' or '--format html' for the whole graph.",
        );
      }
      return result.text;
    }
    case "json": {
      const { toJson } = await import("./json.js");
      return toJson(graph);
    }
    case "html": {
      const { renderHtml } = await import("./html.js");
      return renderHtml(graph);
    }
  }
}

export type { RenderGraph } from "./model.js";
export { buildRenderGraph, DEFAULT_DEPTH, type RenderOptions } from "./build.js";
