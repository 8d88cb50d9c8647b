// Time-travel figures for `forklab bench` (docs/perf.md, "Time travel"), one JSON line each:
//   tt-run-insns        instructions of the recorded run (the workload: the lab programs
//                       over and over, about 100 M instructions: traps, paging, COW, timers)
//   tt-record-overhead  CPU time of recording that run (checkpoints) / of a plain run of it
//   tt-checkpoint-mib   memory held by its checkpoints at the end (page copies)
//   tt-checkpoints      how many checkpoints are left (after adaptive thinning)
//   tt-seek-median-ms   median wall time of a seek to a random instruction plus the model
//                       walk the UI draws, warm (after 5 seeks), over 31 seeks
//   tt-seek-max-ms      the slowest of those seeks
// Time is the process's CPU time where a ratio is reported (see bench.ts); seeks are timed on
// the wall clock because that is what a student waits for.

import { readBytes } from './resources';
import { LabSession, type SessionOptions } from '../lab/session';
import { Runner } from '../lab/runner';
import { benchReportMoments } from './bench-report';

const KERNEL = 'resources/kernel/build/kernel.elf';
const APPS = ['print', 'cow', 'fib', 'mfork'];
const SPEC = 'print*27,cow*9,fib*9,mfork*9';
const TARGET = 100_000_000;

type Line = (l: object) => void;

function sessionOptions(): SessionOptions {
  const kernel = readBytes(KERNEL);
  const apps = APPS.map((name) => ({ name, elf: readBytes(`resources/user/build/${name}.elf`) }));
  return { kernel, apps, bootargs: `apps=${SPEC}` };
}

function boot(): LabSession {
  const r = LabSession.boot(sessionOptions());
  if (!r.ok) throw new Error(r.error);
  return r.session;
}

function cpu(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** Deterministic pseudo-random numbers, so every bench run seeks to the same points. */
function rng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 2 ** 32;
  };
}

export function benchTimeTravel(line: Line): void {
  const plain = boot();
  let t0 = process.cpuUsage();
  while (!plain.finished && plain.insn < TARGET) plain.runSlice(5_000_000);
  const plainCpu = cpu(t0);
  const end = plain.insn;

  const runner = new Runner(boot());
  t0 = process.cpuUsage();
  while (!runner.finished && runner.insn < end) runner.run(Math.min(5_000_000, end - runner.insn));
  const recordCpu = cpu(t0);
  const stats = runner.checkpointStats();
  line({ bench: 'tt-run-insns', value: runner.insn, unit: 'instructions' });
  line({ bench: 'tt-record-overhead', value: Math.round((recordCpu / plainCpu) * 100) / 100, unit: 'ratio' });
  line({ bench: 'tt-checkpoint-mib', value: Math.round((stats.bytes / 2 ** 20) * 10) / 10, unit: 'MiB' });
  line({ bench: 'tt-checkpoints', value: stats.count, unit: 'checkpoints' });

  const rand = rng(12345);
  const times: number[] = [];
  for (let i = 0; i < 36; i++) {
    const target = Math.floor(rand() * end);
    const started = performance.now();
    runner.seek(target);
    runner.session.model();
    const ms = performance.now() - started;
    if (runner.insn !== target) throw new Error(`seek to ${target} landed at ${runner.insn}`);
    if (i >= 5) times.push(ms);
  }
  times.sort((a, b) => a - b);
  line({ bench: 'tt-seek-median-ms', value: Math.round(times[times.length >> 1]! * 10) / 10, unit: 'ms' });
  line({ bench: 'tt-seek-max-ms', value: Math.round(times.at(-1)! * 10) / 10, unit: 'ms' });
  runner.seek(end);
  benchReportMoments(line, runner, sessionOptions());
}
