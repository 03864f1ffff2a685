// Mermaid's own parser under Node. Flowcharts are parsed by mermaid itself (its jison grammar; the separate
// @mermaid-js/parser package covers only info, packet, pie, architecture, gitGraph, radar and treemap), and
// mermaid's flowchart database runs every label through DOMPurify while it parses. DOMPurify's default export
// is built at import time from `window`: under Node there is none, so it lacks `sanitize` and `addHook` and
// parsing any labelled node throws. Sanitizing changes label text, never the syntax, so a pass-through
// DOMPurify is the whole shim the parser needs (no DOM). dompurify is a devDependency at mermaid's version,
// so this is the instance mermaid imports.
import DOMPurify from "dompurify";

let loaded: Promise<(text: string) => Promise<unknown>> | undefined;

async function load(): Promise<(text: string) => Promise<unknown>> {
  if (!DOMPurify.isSupported) {
    Object.assign(DOMPurify, {
      addHook: () => undefined,
      sanitize: (dirty: unknown) => (typeof dirty === "string" ? dirty : ""),
    });
  }
  const { default: mermaid } = await import("mermaid");
  mermaid.initialize({ startOnLoad: false });
  return (text: string) => mermaid.parse(text);
}

/** Parses a diagram with mermaid's parser; rejects with mermaid's own error when it does not accept it. */
export async function mermaidParse(text: string): Promise<void> {
  loaded ??= load();
  const parse = await loaded;
  await parse(text);
}
