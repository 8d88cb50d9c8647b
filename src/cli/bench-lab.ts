// Whole-command figures of `forklab bench`, measured on child processes by wall time:
//   {"bench":"cli-start-time","value":MS,"unit":"ms"}   `forklab run` from process start to
//       the machine's first instruction (run with --max-insns 1: kernel and programs read,
//       initrd packed, machine built, one instruction, exit)
//   {"bench":"lab-run-vs-qemu","value":R,"unit":"x"}   `forklab run --apps SPEC` (the whole
//       lab run, process start to exit) over QEMU + OpenSBI booting the same kernel with the
//       same initrd and bootargs; paired runs, R = median of the per-pair ratios
// Both lines also carry `nodeMs`, the median wall time of a bare `node -e 0` started with the
// environment the command's shebang gives node: the part of every start that is node's own.
// The shebang empties NODE_EXTRA_CA_CERTS unless FORKLAB_EXTRA_CA_CERTS names a bundle
// (bin/forklab.cjs: node parses the bundle at every start, 40-55 ms here). Where the bench's
// environment sets NODE_EXTRA_CA_CERTS (this sandbox does, for its proxy), the lab line also
// carries the same pairs with that bundle loaded, as `withExtraCaCerts`: what the run costs
// a user who opts in, and what it cost before the shebang dropped the bundle (docs/perf.md).
// The command is started as a user's shell starts it, through its shebang and the node
// options written there (forklab-command.ts).
// Wall time, not CPU time: what a student waits for. The pairs alternate which side runs
// first, so load from other processes on the machine hits both sides alike. Without
// qemu-system-riscv64 the QEMU line is left out with a message (QEMU is optional for users).

import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { packInitrd } from '../lab/initrd';
import { entryShebang, forklabCommand, shebangEnv } from './forklab-command';
import { loadBuiltPrograms, repoRoot } from './resources';

export const LAB_RUN_APPS = 'print*3,cow,fib,mfork';
// Nine pairs: with five, one sitting's medians spread 0.90-0.98 on these noisy machines
// (docs/perf.md, "One V8 worker"); the median of nine moves less from one run to the next.
const PAIRS = 9;

export interface Timed { ms: number; status: number | null; error?: string }

function timed(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { cwd: repoRoot(), encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20, env });
  const ms = performance.now() - t0;
  return { ms, status: r.status, error: r.error?.message ?? (r.status === 0 ? undefined : r.stderr.slice(-400)) };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const round1 = (v: number): number => Math.round(v * 10) / 10;

const nodeStart = new Map<string, number>();
/** Median wall time of `node -e 0` in `env`, measured once per bench process and environment. */
function nodeMs(env: NodeJS.ProcessEnv): number {
  const key = JSON.stringify(env);
  let ms = nodeStart.get(key);
  if (ms === undefined) {
    const runs: number[] = [];
    for (let i = 0; i < 5; i++) runs.push(timed(process.execPath, ['-e', '0'], env).ms);
    ms = round1(median(runs));
    nodeStart.set(key, ms);
  }
  return ms;
}

/** `env` with the bundle NODE_EXTRA_CA_CERTS names handed to the command's node (see the top). */
export function withExtraCaCerts(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return { ...env, FORKLAB_EXTRA_CA_CERTS: env.NODE_EXTRA_CA_CERTS };
}

/** The environment the forklab command's node starts with, under `env`. */
function commandNodeEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return shebangEnv(entryShebang(join(repoRoot(), 'bin/forklab.cjs')), env);
}

export type Paired = { ok: true; value: number; oursMs: number; qemuMs: number } | { ok: false; error: string };

/**
 * `pairs` paired runs, alternating which side goes first; the value is the median of the
 * per-pair ratios (rounded to 0.01), the times the medians of each side (rounded to 1 ms).
 */
export function runPairs(pairs: number, ours: () => Timed, qemu: () => Timed): Paired {
  const ratios: number[] = [], oursMs: number[] = [], qemuMs: number[] = [];
  for (let i = 0; i < pairs; i++) {
    let a: Timed, q: Timed;
    if (i % 2 === 0) { a = ours(); q = qemu(); } else { q = qemu(); a = ours(); }
    if (q.status !== 0) return { ok: false, error: `QEMU did not run cleanly (${q.error ?? q.status}); line left out` };
    if (a.status !== 0) return { ok: false, error: `forklab run failed (${a.error ?? a.status})` };
    ratios.push(a.ms / q.ms);
    oursMs.push(a.ms);
    qemuMs.push(q.ms);
  }
  return {
    ok: true, value: Math.round(median(ratios) * 100) / 100,
    oursMs: Math.round(median(oursMs)), qemuMs: Math.round(median(qemuMs)),
  };
}
/** Time the forklab command with `args`, started as its shebang starts it (forklab-command.ts). */
function timedForklab(args: string[], env: NodeJS.ProcessEnv = process.env): Timed {
  const c = forklabCommand(join(repoRoot(), 'bin/forklab.cjs'), args, env);
  return timed(c.file, c.args, c.env);
}

/** Median wall time of `forklab run --max-insns 1` (the CLI up to its machine's start). */
export function benchCliStart(report: (line: object) => void): void {
  const runs: number[] = [];
  for (let i = 0; i < 5; i++) {
    // --max-insns 1 stops after the first instruction; that exit status (1) is expected.
    const t = timedForklab(['run', '--apps', LAB_RUN_APPS, '--max-insns', '1']);
    if (t.status !== 1) {
      process.stderr.write(`forklab bench: cli-start-time: forklab run failed: ${t.error ?? t.status}\n`);
      return;
    }
    runs.push(t.ms);
  }
  report({ bench: 'cli-start-time', value: round1(median(runs)), unit: 'ms', nodeMs: nodeMs(commandNodeEnv(process.env)) });
}

/** The whole lab run against QEMU + OpenSBI, in paired runs. */
export function benchLabRunVsQemu(report: (line: object) => void): void {
  const root = repoRoot();
  const image = join(root, 'resources/kernel/build/Image');
  if (!existsSync(image) || !existsSync(join(root, 'resources/kernel/build/kernel.elf'))) {
    process.stderr.write('forklab bench: lab-run-vs-qemu: the kernel is not built (npm run kernel)\n');
    return;
  }
  // The initrd QEMU boots is packed from the same programs, in the same order, as `forklab
  // run` packs for itself.
  const packed = packInitrd(loadBuiltPrograms());
  if (!packed.ok) {
    process.stderr.write(`forklab bench: lab-run-vs-qemu: ${packed.error}\n`);
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'forklab-bench-'));
  try {
    const initrd = join(dir, 'initrd.img');
    writeFileSync(initrd, packed.value);
    const bootargs = `apps=${LAB_RUN_APPS}`;
    const ours = (env: NodeJS.ProcessEnv) => (): Timed => timedForklab(['run', '--apps', LAB_RUN_APPS], env);
    const qemu = (): Timed => timed('qemu-system-riscv64', [
      '-machine', 'virt', '-bios', 'default', '-nographic', '-m', '128',
      '-kernel', image, '-initrd', initrd, '-append', bootargs,
    ]);
    const given = runPairs(PAIRS, ours(process.env), qemu);
    if (!given.ok) {
      process.stderr.write(`forklab bench: lab-run-vs-qemu: ${given.error}\n`);
      return;
    }
    const line: Record<string, unknown> = {
      bench: 'lab-run-vs-qemu', value: given.value, unit: 'x',
      forklabMs: given.oursMs, qemuMs: given.qemuMs, nodeMs: nodeMs(commandNodeEnv(process.env)),
    };
    if (process.env.NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS !== '') {
      const env = withExtraCaCerts(process.env);
      const loaded = runPairs(PAIRS, ours(env), qemu);
      if (loaded.ok) line.withExtraCaCerts = { value: loaded.value, forklabMs: loaded.oursMs, qemuMs: loaded.qemuMs, nodeMs: nodeMs(commandNodeEnv(env)) };
    }
    report(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
