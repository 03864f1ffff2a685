// Worker pool: lint files on N worker threads, biggest first, each worker holding its next file; a crashed worker costs only its file.
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
  /** The requests sent to the worker and not yet answered, oldest first (the worker takes them in order). */
  inFlight: TaskRequest[];
}

/**
 * Requests a worker holds at once: the one it is linting and the next, so it starts on the next file as soon as
 * it posts a result instead of waiting for the main thread (on a busy machine that wait was half a second per
 * worker over the 2,320-file corpus). More would only let one worker hoard files at the end of a run.
 */
const PIPELINE_DEPTH = 2;

/**
 * Lints `tasks` on `threads` workers. Resolves to one outcome per task, in the order of `tasks`; never
 * rejects for a file's sake: a file whose worker died gets an `armlint/internal-error` result.
 */
export function lintOnWorkers(tasks: readonly FileTask[], threads: number, setup: RunSetup, sizeOf: (task: FileTask) => number): Promise<TaskOutcome[]> {
  const outcomes: (TaskOutcome | undefined)[] = new Array<TaskOutcome | undefined>(tasks.length).fill(undefined);
  // Biggest files first, so one big file does not finish alone at the end (longest-processing-time first).
  const queue: TaskRequest[] = tasks
    .map((task, id) => ({ id, task, size: sizeOf(task) }))
    .sort((a, b) => b.size - a.size || a.id - b.id)
    .map(({ id, task }) => ({ id, task }));
  /** Requests taken back from a worker that died while linting an earlier file; sent again before the queue. */
  const retry: TaskRequest[] = [];
  let next = 0;
  let done = 0;
  const data: WorkerSetup = { setup };
  return new Promise((resolveAll) => {
    const slots = new Set<Slot>();
    const settleIfDone = () => {
      if (done === tasks.length && slots.size === 0) resolveAll(outcomes as TaskOutcome[]);
    };
    const finish = (id: number, outcome: TaskOutcome) => {
      if (outcomes[id] !== undefined) return;
      outcomes[id] = outcome;
      done++;
    };
    const take = (): TaskRequest | undefined => retry.shift() ?? (next < queue.length ? queue[next++] : undefined);
    const dispatch = (slot: Slot) => {
      while (slot.inFlight.length < PIPELINE_DEPTH) {
        const request = take();
        if (request === undefined) break;
        slot.inFlight.push(request);
        slot.worker.postMessage(request);
      }
      if (slot.inFlight.length === 0) {
        slots.delete(slot);
        void slot.worker.terminate();
        settleIfDone();
      }
    };
    const fail = (slot: Slot, reason: string) => {
      if (!slots.has(slot)) return;
      slots.delete(slot);
      void slot.worker.terminate();
      // The worker takes requests one at a time, in order: the oldest is the file it was on. The others it
      // had not started; they go to another worker.
      const [current, ...unstarted] = slot.inFlight;
      slot.inFlight = [];
      if (current !== undefined) finish(current.id, { result: internalErrorResult(current.task.file, new Error(reason), setup.cwd), deps: [] });
      retry.unshift(...unstarted);
      if (retry.length > 0 || next < queue.length) start();
      else settleIfDone();
    };
    const start = () => {
      const worker = new Worker(WORKER_FILE, { workerData: data, stdout: false, stderr: false });
      const slot: Slot = { worker, inFlight: [] };
      slots.add(slot);
      worker.on("message", (message: unknown) => {
        if (!isTaskReply(message)) return;
        const at = slot.inFlight.findIndex((request) => request.id === message.id);
        if (at < 0) return;
        const { id, task } = slot.inFlight[at]!;
        slot.inFlight.splice(at, 1);
        finish(id, "error" in message ? { result: internalErrorResult(task.file, new Error(message.error), setup.cwd), deps: [] } : { result: message.result, deps: message.deps, sourceOmitted: message.sourceOmitted });
        dispatch(slot);
      });
      worker.on("error", (error: Error) => {
        fail(slot, `the worker thread failed: ${error.message}`);
      });
      worker.on("exit", (code) => {
        fail(slot, `the worker thread stopped (exit code ${code})`);
      });
      dispatch(slot);
    };
    const count = Math.min(threads, tasks.length);
    if (count === 0) resolveAll([]);
    for (let i = 0; i < count; i++) start();
  });
}
