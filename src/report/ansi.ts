// ANSI styling for terminal output: each helper is the identity when colors are off.

export interface Styles {
  red: (text: string) => string;
  yellow: (text: string) => string;
  blue: (text: string) => string;
  dim: (text: string) => string;
  bold: (text: string) => string;
  underline: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const identity = (text: string): string => text;

const COLORED: Styles = {
  red: wrap(31, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  dim: wrap(2, 22),
  bold: wrap(1, 22),
  underline: wrap(4, 24),
};

const PLAIN: Styles = { red: identity, yellow: identity, blue: identity, dim: identity, bold: identity, underline: identity };

export function styles(color: boolean): Styles {
  return color ? COLORED : PLAIN;
}

/** Visible length of a string that may contain ANSI escapes. */
export function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\u001b\[[0-9;]*m/g, "").length;
}
