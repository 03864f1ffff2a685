// Reading whole files into one buffer that the next read reuses: for callers that decode or hash the bytes at once.
import { closeSync, fstatSync, openSync, readFileSync, readSync } from "node:fs";

/**
 * Files up to this size are read into one shared buffer. Memory a process touches for the first time costs a
 * page fault per 4 KB; on a 2-CPU VM, where one cost 15–20 µs, reading the corpus's 76 MB into a fresh buffer
 * per file took about 0.2 s against 0.1 s, and reading and hashing it (what `--cache` does) 0.6 s against
 * 0.2–0.3 s. Bigger files (over twice ARM's 4 MB limit) get a buffer of their own, so one of them does not stay
 * in memory.
 */
export const MAX_SHARED_READ_BYTES = 8 * 1024 * 1024;

let shared: Buffer | undefined;

/** The first `size` bytes of the shared buffer, which grows (at least doubling) to hold them. */
function sharedBuffer(size: number): Buffer {
  if (shared === undefined || shared.length < size) {
    shared = Buffer.allocUnsafe(Math.min(MAX_SHARED_READ_BYTES, Math.max(size, 2 * (shared?.length ?? 32 * 1024))));
  }
  return shared.subarray(0, size);
}

/**
 * Reads `size` bytes of an open file from its current position, stopping sooner at its end (what
 * `readFileSync(fd)` does for a regular file of that size, without the second fstat it makes). Up to
 * MAX_SHARED_READ_BYTES the bytes are in the shared buffer: **they are only valid until the next read**.
 */
export function readSharedFd(fd: number, size: number): Buffer {
  const buf = size <= MAX_SHARED_READ_BYTES ? sharedBuffer(size) : Buffer.allocUnsafe(size);
  let pos = 0;
  while (pos < size) {
    const read = readSync(fd, buf, pos, size - pos, null);
    if (read === 0) break;
    pos += read;
  }
  return pos < size ? buf.subarray(0, pos) : buf;
}

/**
 * A file's bytes, like `readFileSync(path)`, throwing as it does. A regular file up to MAX_SHARED_READ_BYTES
 * is read into the shared buffer: **its bytes are only valid until the next read**. Anything else (pipes,
 * devices, a file whose size is not known up front) is read by `readFileSync` into a buffer of its own.
 */
export function readShared(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const stat = fstatSync(fd);
    return stat.isFile() && stat.size > 0 ? readSharedFd(fd, stat.size) : readFileSync(fd);
  } finally {
    closeSync(fd);
  }
}
