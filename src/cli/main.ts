// CLI entry: parse argv, then load only what the chosen command needs; returns the exit code, never throws.
import { fstatSync } from "node:fs";
import { isEagerFormatName, isFormatName, parseArgs, UsageError } from "./args.js";
import type { CliIO } from "./io.js";

export { tuneV8 } from "./v8-tuning.js";

/** Runs `armlint` with `argv` (without node and the script); resolves to the exit code (0, 1 or 2). */
export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  try {
    const parsed = parseArgs(argv);
    // The CI formats (sarif, github, …) are imported only when chosen; every command can then use them.
    const format: unknown = "options" in parsed && "format" in parsed.options ? parsed.options.format : undefined;
    if (typeof format === "string" && isFormatName(format) && !isEagerFormatName(format)) await (await import("../report/index.js")).loadFormatter(format);
    switch (parsed.command) {
      case "help": {
        const { helpText } = await import("./help.js");
        io.writeOut(helpText());
        return 0;
      }
      case "version": {
        const { readVersion } = await import("./version.js");
        io.writeOut(`${readVersion()}\n`);
        return 0;
      }
      case "rules": {
        const { runRulesCommand } = await import("./rules-command.js");
        return await runRulesCommand(parsed.options, io);
      }
      case "lint": {
        const { runLintCommand } = await import("./lint-command.js");
        return await runLintCommand(parsed.options, io);
      }
      case "plan": {
        const { runPlanCommand } = await import("./plan-command.js");
        return runPlanCommand(parsed.options, io);
      }
      case "diff": {
        const { runDiffCommand } = await import("./diff-command.js");
        return await runDiffCommand(parsed.options, io);
      }
      case "graph": {
        const { runGraphCommand } = await import("./graph-command.js");
        return await runGraphCommand(parsed.options, io);
      }
      case "explain": {
        const { runExplainCommand } = await import("./explain-command.js");
        return await runExplainCommand(parsed.options, io);
      }
      case "merge-sarif": {
        const { runMergeSarifCommand } = await import("./merge-sarif-command.js");
        return await runMergeSarifCommand(parsed.options, io);
      }
    }
  } catch (error) {
    return reportFailure(error, io);
  }
}

function reportFailure(error: unknown, io: CliIO): number {
  if (error instanceof UsageError) {
    io.writeErr(`armlint: ${error.message}\n${error.hint}\n`);
    return 2;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.writeErr(`armlint: internal error: ${message}\n`);
  if (io.env.ARMLINT_DEBUG === "1" && error instanceof Error && error.stack !== undefined) io.writeErr(`${error.stack}\n`);
  return 2;
}

let pipeGuarded = false;

/** The real process's streams, directory and environment. */
export function processIO(): CliIO {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: stdoutIsTerminal(),
    writeOut: (text) => stdout().write(text),
    writeErr: (text) => process.stderr.write(text),
  };
}

/**
 * process.stdout, made on first use (making it loads Node's stream modules, which a run that prints
 * nothing does without), with `armlint … | head` handled: a closed pipe is not an error worth a stack trace.
 */
function stdout(): NodeJS.WriteStream {
  if (!pipeGuarded) {
    pipeGuarded = true;
    process.stdout.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code !== "EPIPE") process.stderr.write(`armlint: cannot write output: ${error.message}\n`);
    });
  }
  return process.stdout;
}

/** Whether stdout is a terminal; a pipe or a file (not a character device) is told by fstat, without making process.stdout. */
function stdoutIsTerminal(): boolean {
  try {
    if (!fstatSync(1).isCharacterDevice()) return false;
  } catch {
    // no usable descriptor 1: let Node tell
  }
  return process.stdout.isTTY;
}
