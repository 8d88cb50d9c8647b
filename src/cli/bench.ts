// `forklab bench`: emulator speed, one JSON line per figure:
//   {"bench": NAME, "value": N, "unit": "MIPS"}
// Each program (src/emulator/bench-programs.ts) is warmed up, then run three times for a fixed
// instruction count; the best run is reported. Time is the process's CPU time (user + system),
// not wall time: the machines are shared by several busy processes, and CPU time measures
// what one core does while we have it. `--insns N` changes the count per run.

import { Machine } from '../emulator/index';
import { benchPrograms } from '../emulator/bench-programs';

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
  for (const p of benchPrograms) {
    if (only.length > 0 && !only.includes(p.name)) continue;
    const loaded = Machine.fromElf(p.build(), { bare: true });
    if (!loaded.ok) {
      process.stderr.write(`forklab bench: ${p.name}: ${loaded.error}\n`);
      return 1;
    }
    const m = loaded.machine;
    const warm = m.run(Math.min(insns, 2_000_000));
    if (warm.kind !== 'limit') {
      process.stderr.write(`forklab bench: ${p.name} stopped: ${JSON.stringify(warm, (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}\n`);
      return 1;
    }
    let best = 0;
    for (let run = 0; run < 3; run++) {
      const t0 = process.cpuUsage();
      const before = m.instret;
      m.run(insns);
      const used = process.cpuUsage(t0);
      const seconds = (used.user + used.system) / 1e6;
      best = Math.max(best, (m.instret - before) / seconds / 1e6);
      await new Promise((resolve) => setImmediate(resolve));
    }
    process.stdout.write(JSON.stringify({ bench: p.name, value: Math.round(best * 10) / 10, unit: 'MIPS' }) + '\n');
  }
  return 0;
}
