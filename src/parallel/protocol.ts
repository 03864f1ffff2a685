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

export type TaskReply = { id: number; result: LintResult; deps: string[] } | { id: number; error: string };

export function isTaskReply(value: unknown): value is TaskReply {
  return typeof value === "object" && value !== null && typeof (value as { id?: unknown }).id === "number";
}
