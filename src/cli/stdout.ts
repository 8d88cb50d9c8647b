// The console text of `forklab run`, written to fd 1 with fs.writeSync.
//
// Why not process.stdout: when stdout is a pipe (the bench, CI, `forklab run | less`), its
// first use loads node's net and stream modules, ~7 ms of a ~270 ms lab run (docs/perf.md,
// "Page faults and the entry"). A synchronous write also keeps the console in order with
// stderr, as process.stdout on a pipe does not.
//
// A pipe can be non-blocking (a parent that set O_NONBLOCK on a shared terminal or pipe);
// EAGAIN then means "full", so the rest is retried after a short sleep rather than lost. A
// reader that went away (EPIPE: `forklab run | head -1`) ends the writing quietly: the run
// itself goes on and its exit status still says how it ended.

import { writeSync } from 'node:fs';

type WriteFn = (fd: number, data: Uint8Array, offset: number, length: number) => number;

const SLEEP = new Int32Array(new SharedArrayBuffer(4));

export class StdoutWriter {
  private closed = false;
  private readonly encoder = new TextEncoder();

  constructor(
    private readonly write: WriteFn = writeSync,
    private readonly fd = 1,
    private readonly sleepMs = 1,
  ) {}

  /** Whether the reader went away (later text is dropped). */
  get gone(): boolean {
    return this.closed;
  }

  /** Writes all of `text` (UTF-8), unless the reader has gone. */
  text(text: string): void {
    if (this.closed || text.length === 0) return;
    const bytes = this.encoder.encode(text);
    let done = 0;
    while (done < bytes.length) {
      try {
        done += this.write(this.fd, bytes, done, bytes.length - done);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          Atomics.wait(SLEEP, 0, 0, this.sleepMs);
          continue;
        }
        if (code === 'EPIPE') {
          this.closed = true;
          return;
        }
        throw err;
      }
    }
  }
}
