// Formatter names: the values `--format` accepts (kept import-free so the CLI's arg parser stays cheap).

export const FORMAT_NAMES = ["stylish", "json", "compact", "unix"] as const;

export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}
