// Worker pool: lint files on N worker threads, one file per worker at a time, biggest first; a crashed worker costs only its file.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { internalErrorResult } from "../runner/run.js";
import { isTaskReply, type TaskRequest, type WorkerSetup } from "./protocol.js";
import type { FileTask, RunSetup, TaskOutcome } from "./task.js";

/**
 * The worker entry beside this module: `worker.js` in tsc's build (dist/src/parallel/); in the bundle, whose
 * files all end in `.mjs`, the bundled worker entry `worker.mjs` beside this code's chunk (scripts/bundle.mjs).
 */
const WORKER_FILE = fileURLToPath(new URL(import.meta.url.endsWith(".mjs") ? "./worker.mjs" : "./worker.js", import.meta.url));

/** Whether worker threads can be used: the built worker module exists (not when running from TypeScript sources). */
export function workersAvailable(): boolean {
  return existsSync(WORKER_FILE);
}

interface Slot {
  worker: Worker;
  /** The request the worker is on. */
  current: TaskRequest | undefined;
}

/**
 * Lints `tasks` on `threads` workers. Resolves to one outcome per task, in the order of `tasks`; never
 * rejects for a file's sake: a file whose worker died gets an `armlint/internal-error` result.
 */
export function lintOnWorkers(tasks: readonly FileTask[], threads: number, setup: RunSetup, sizeOf: (task: FileTask) => number): Promise<TaskOutcome[]> {
  const outcomes: (TaskOutcome | undefined)[] = new Array<TaskOutcome | undefined>(tasks.length).fill(undefined);
  // Biggest files first, so one big file does not finish alone at the end (longest-processing-time first).
  const queue = tasks.map((task, id) => ({ id, task, size: sizeOf(task) })).sort((a, b) => b.size - a.size || a.id - b.id);
  let next = 0;
  let done = 0;
  const data: WorkerSetup = { setup };
  return new Promise((resolveAll) => {
    const slots = new Set<Slot>();
    const finish = (id: number, outcome: TaskOutcome) => {
      if (outcomes[id] !== undefined) return;
      outcomes[id] = outcome;
      done++;
    };
    const dispatch = (slot: Slot) => {
      const item = queue[next];
      if (item === undefined) {
        slot.current = undefined;
        slots.delete(slot);
        void slot.worker.terminate();
        if (done === tasks.length && slots.size === 0) resolveAll(outcomes as TaskOutcome[]);
        return;
      }
      next++;
      slot.current = { id: item.id, task: item.task };
      slot.worker.postMessage(slot.current);
    };
    const fail = (slot: Slot, reason: string) => {
      const current = slot.current;
      slot.current = undefined;
      if (current !== undefined) finish(current.id, { result: internalErrorResult(current.task.file, new Error(reason), setup.cwd), deps: [] });
      slots.delete(slot);
      void slot.worker.terminate();
      if (next < queue.length) start();
      else if (done === tasks.length && slots.size === 0) resolveAll(outcomes as TaskOutcome[]);
    };
    const start = () => {
      const worker = new Worker(WORKER_FILE, { workerData: data, stdout: false, stderr: false });
      const slot: Slot = { worker, current: undefined };
      slots.add(slot);
      worker.on("message", (message: unknown) => {
        if (!isTaskReply(message) || slot.current?.id !== message.id) return;
        const { id, task } = slot.current;
        finish(id, "error" in message ? { result: internalErrorResult(task.file, new Error(message.error), setup.cwd), deps: [] } : { result: message.result, deps: message.deps, sourceOmitted: message.sourceOmitted });
        dispatch(slot);
      });
      worker.on("error", (error: Error) => {
        fail(slot, `the worker thread failed: ${error.message}`);
      });
      worker.on("exit", (code) => {
        if (slots.has(slot)) fail(slot, `the worker thread stopped (exit code ${code})`);
      });
      dispatch(slot);
    };
    const count = Math.min(threads, tasks.length);
    if (count === 0) resolveAll([]);
    for (let i = 0; i < count; i++) start();
  });
}
