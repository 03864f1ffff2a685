// Lint worker thread: sets up configs and type data like the main thread, then lints the files it is sent, one at a time and in order.
import { parentPort, workerData } from "node:worker_threads";
import { ConfigResolver } from "../runner/config.js";
import type { TaskReply, TaskRequest, WorkerSetup } from "./protocol.js";
import { lintTask, typeSetLoader, withoutUnshownSource, type TaskContext } from "./task.js";

const port = parentPort;
if (port !== null) {
  const { setup } = workerData as WorkerSetup;
  const context: TaskContext = {
    setup,
    resolver: new ConfigResolver({ source: setup.config.source, overrides: setup.config.overrides, cwd: setup.cwd }),
    typesFor: typeSetLoader(),
  };
  const lintOne = (request: TaskRequest): Promise<void> =>
    lintTask(request.task, context).then(
      (outcome) => {
        const { result, deps, sourceOmitted } = withoutUnshownSource(outcome);
        const reply: TaskReply = { id: request.id, result, deps, sourceOmitted: sourceOmitted === true };
        try {
          port.postMessage(reply);
        } catch {
          // A plugin put something that cannot be cloned (a function, a class) into a finding: send its JSON.
          try {
            port.postMessage(JSON.parse(JSON.stringify(reply)) as TaskReply);
          } catch (error) {
            port.postMessage({ id: request.id, error: `its findings could not be sent from the worker thread: ${error instanceof Error ? error.message : String(error)}` } satisfies TaskReply);
          }
        }
      },
      (error: unknown) => {
        port.postMessage({ id: request.id, error: error instanceof Error ? error.message : String(error) } satisfies TaskReply);
      },
    );
  // One file at a time, in the order sent: the pool sends the next file before this one is done, and takes the
  // oldest unanswered request to be the file a dying worker was on.
  let queue: Promise<void> = Promise.resolve();
  port.on("message", (request: TaskRequest) => {
    queue = queue.then(() => lintOne(request));
  });
}
