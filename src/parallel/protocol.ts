// Messages between the lint run and its worker threads: setup, one file per request, one plain result per reply.
import type { LintResult } from "../runner/run.js";
import type { FileTask, RunSetup } from "./task.js";

/** `workerData` of a lint worker. */
export interface WorkerSetup {
  setup: RunSetup;
}

export interface TaskRequest {
  id: number;
  task: FileTask;
}

/**
 * A worker's answer. `source` (the file's text) is left out of a result with no findings, the common case:
 * copying every file's text back to the main thread costs more than it is worth. The run reads it again
 * for the few such files whose text a report can still show (linked templates of other files).
 */
export type TaskReply = { id: number; result: LintResult; deps: string[]; sourceOmitted: boolean } | { id: number; error: string };

export function isTaskReply(value: unknown): value is TaskReply {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "number";
}
