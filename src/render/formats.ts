// Graph format names (dependency-free, so argument parsing can check them without loading a renderer).

export const GRAPH_FORMATS = ["dot", "mermaid", "json", "html"] as const;
export type GraphFormat = (typeof GRAPH_FORMATS)[number];

export function isGraphFormat(value: string): value is GraphFormat {
  return (GRAPH_FORMATS as readonly string[]).includes(value);
}
