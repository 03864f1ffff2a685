// CLI input/output seam: where the commands write and what they know of the process (swappable in tests).

export interface CliIO {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  writeOut(text: string): void;
  writeErr(text: string): void;
  /** Standard input, read whole (`--stdin`); the process's stdin when absent. */
  readStdin?: () => Promise<Uint8Array>;
}

/** Colors: `--color`/`--no-color` win; otherwise on for a TTY unless NO_COLOR is set (non-empty). */
export function useColor(flag: boolean | undefined, io: CliIO, toFile: boolean): boolean {
  if (flag !== undefined) return flag;
  const noColor = io.env.NO_COLOR;
  return !toFile && io.stdoutIsTTY && (noColor === undefined || noColor === "");
}
