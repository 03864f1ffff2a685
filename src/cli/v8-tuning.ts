// V8 tuning for the armlint process: a smaller TurboFan inlining budget, set by bin/armlint.js before any code gets hot.
import { setFlagsFromString } from "node:v8";

/**
 * The flags the CLI runs with. A lint run is short and runs much code once: on the 2,320-template corpus
 * (4.4 s), V8's background TurboFan compiles took about 2.8 s of CPU, 40 % of it recompiling large functions
 * after deoptimizations, and on 2 CPUs those compile threads kept the main thread waiting about 0.8 s.
 * Compile time grows with inlining; V8's cumulative inlining budget is 920 bytecodes per function, and a
 * budget of 300 cut the run's CPU time by about 14 % and its wall time by 5–10 % (alternating runs). The code
 * it compiles is a little slower (the main thread's own time rose a few percent); the compile time saved pays for
 * that many times over on a run of this length. The flag is read at compile time, so setting it at start-up is
 * enough; it is process-wide, so worker threads (`--jobs`) get it too.
 */
export const V8_TUNING = "--max-inlined-bytecode-size-cumulative=300";

/**
 * Applies `ARMLINT_V8_FLAGS` when it is set (an empty value applies none) and {@link V8_TUNING} otherwise.
 * Returns the flags applied. Call it once, first thing in the process; the library API never calls it.
 */
export function tuneV8(env: NodeJS.ProcessEnv): string {
  const flags = (env.ARMLINT_V8_FLAGS ?? V8_TUNING).trim();
  if (flags !== "") setFlagsFromString(flags);
  return flags;
}
