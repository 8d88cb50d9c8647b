// `forklab bench`: emulator speed, one JSON line per figure:
//   {"bench": NAME, "value": N, "unit": "MIPS"}
// Each program of src/emulator/bench-programs.ts runs twice: with block translation (NAME)
// and interpreter-only (NAME-interp). A program is warmed up, then run three times for a fixed
// instruction count; the best run is reported. Time is the process's CPU time (user +
// system), not wall time: the machines are shared by several busy processes, and CPU time
// measures what one core does while we have it. When the lab kernel and its initrd are
// built, `kernel-boot` boots them to shutdown (a real mix of traps, paging and user code) in
// a fresh process, and `kernel-boot-warm` boots them again once V8 has compiled the emulator.
// Options: `--insns N` per run, and names of benchmarks to run.

import { existsSync } from 'node:fs';
import { readBytes } from './resources';
import { Machine } from '../emulator/index';
import { benchPrograms } from '../emulator/bench-programs';
import { benchTimeTravel } from './bench-timetravel';
import { benchCliStart, benchLabRunVsQemu } from './bench-lab';

const KERNEL = 'resources/kernel/build/kernel.elf';
const INITRD = 'resources/user/build/initrd.img';

function report(bench: string, mips: number): void {
  process.stdout.write(JSON.stringify({ bench, value: Math.round(mips * 10) / 10, unit: 'MIPS' }) + '\n');
}

function cpuSeconds(since: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
}

/** MIPS of one boot of the lab kernel to shutdown, or null (with a message) when it fails. */
function bootKernel(kernel: Uint8Array, initrd: Uint8Array): number | null {
  const loaded = Machine.fromElf(kernel, { initrd });
  if (!loaded.ok) {
    process.stderr.write(`forklab bench: kernel-boot: ${loaded.error}\n`);
    return null;
  }
  const m = loaded.machine;
  const t0 = process.cpuUsage();
  let stop = m.run(1_000_000);
  while (stop.kind === 'limit' && m.instret < 2_000_000_000) stop = m.run(1_000_000);
  if (stop.kind !== 'shutdown') {
    process.stderr.write(`forklab bench: kernel-boot did not shut down (${stop.kind})\n`);
    return null;
  }
  return m.instret / cpuSeconds(t0) / 1e6;
}

export async function benchCommand(args: string[]): Promise<number> {
  let insns = 30_000_000;
  const only: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--insns') {
      insns = Number(args[++i]);
      if (!Number.isInteger(insns) || insns <= 0) {
        process.stderr.write('forklab bench: --insns needs a positive whole number\n');
        return 2;
      }
    } else {
      only.push(args[i]!);
    }
  }
  const wanted = (name: string): boolean => only.length === 0 || only.includes(name);
  for (const p of benchPrograms) {
    for (const jit of [true, false]) {
      const name = jit ? p.name : `${p.name}-interp`;
      if (!wanted(name)) continue;
      const loaded = Machine.fromElf(p.build(), { bare: true });
      if (!loaded.ok) {
        process.stderr.write(`forklab bench: ${name}: ${loaded.error}\n`);
        return 1;
      }
      const m = loaded.machine;
      if (!jit) m.hart.jit = null;
      const n = jit ? insns : Math.ceil(insns / 4);
      const warm = m.run(Math.min(n, 2_000_000));
      if (warm.kind !== 'limit') {
        process.stderr.write(`forklab bench: ${name} stopped early (${warm.kind})\n`);
        return 1;
      }
      let best = 0;
      for (let run = 0; run < 3; run++) {
        const t0 = process.cpuUsage();
        const before = m.instret;
        m.run(n);
        best = Math.max(best, (m.instret - before) / cpuSeconds(t0) / 1e6);
        await new Promise((resolve) => setImmediate(resolve));
      }
      report(name, best);
    }
  }
  const line = (l: object): void => { process.stdout.write(JSON.stringify(l) + '\n'); };
  if (wanted('cli-start-time')) benchCliStart(line);
  if (wanted('lab-run-vs-qemu')) benchLabRunVsQemu(line);
  const cold = wanted('kernel-boot'), warm = wanted('kernel-boot-warm');
  if ((cold || warm) && existsSync(KERNEL) && existsSync(INITRD)) {
    const kernel = readBytes(KERNEL);
    const initrd = readBytes(INITRD);
    // The first boot in a process includes V8 compiling the emulator itself; later boots
    // (fresh machines, so block translation starts over) show the emulator's own speed.
    const first = bootKernel(kernel, initrd);
    if (first === null) return 0;
    if (cold) report('kernel-boot', first);
    if (warm) {
      let best = 0;
      for (let run = 0; run < 2; run++) best = Math.max(best, bootKernel(kernel, initrd) ?? 0);
      report('kernel-boot-warm', best);
    }
  }
  if (wanted('time-travel') && existsSync(KERNEL)) benchTimeTravel(line);
  return 0;
}
