// Formatter names: the values `--format` accepts (kept import-free so the CLI's arg parser stays cheap).

/** ESLint's formats, loaded with the report module. */
export const EAGER_FORMAT_NAMES = ["stylish", "json", "compact", "unix"] as const;

/** CI and code-scanning formats: each module is imported only when its format is chosen (startup). */
export const LAZY_FORMAT_NAMES = ["sarif", "github", "junit", "checkstyle", "azure-devops"] as const;

export const FORMAT_NAMES = [...EAGER_FORMAT_NAMES, ...LAZY_FORMAT_NAMES] as const;

export type EagerFormatName = (typeof EAGER_FORMAT_NAMES)[number];
export type LazyFormatName = (typeof LAZY_FORMAT_NAMES)[number];
export type FormatName = (typeof FORMAT_NAMES)[number];

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

export function isEagerFormatName(name: FormatName): name is EagerFormatName {
  return (EAGER_FORMAT_NAMES as readonly string[]).includes(name);
}
