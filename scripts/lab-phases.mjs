#!/usr/bin/env node
// Where `forklab run`'s lab run spends its time, phase by phase (docs/perf.md, "A lab run,
// phase by phase"). Boots the bench's lab run (LAB_RUN_APPS, every resources/user/build
// program in the initrd) in this process and prints, per slice of 200 k instructions, the
// wall time since boot and the slice's MIPS: the cold phases (new code, traps, page-table
// loops) show apart from the translated loops. With FROM=N it then boots again, runs to
// instruction N and steps the rest one instruction at a time, counting instructions per
// kernel function (the debugger's kernel image; "user" in U-mode), so a slow phase can be
// named. ROUNDS=k (at least 1) boots k times in one process (round 2+ shows what V8's warm-up costs).
//   node scripts/lab-phases.mjs            FROM=12200000 node scripts/lab-phases.mjs
import { register } from 'tsx/esm/api';
import { readFileSync } from 'node:fs';
register();
const root = new URL('..', import.meta.url).pathname;
const { LabSession } = await import(root + '/src/lab/session.ts');
const { LAB_RUN_APPS } = await import(root + '/src/cli/bench-lab.ts');
const { loadBuiltPrograms } = await import(root + '/src/cli/resources.ts');
const { kernelImage } = await import(root + '/src/lab/debug/image.ts');

const apps = loadBuiltPrograms();
const kernel = new Uint8Array(readFileSync(root + '/resources/kernel/build/kernel.elf'));
const boot = () => {
  const b = LabSession.boot({ kernel, apps, bootargs: `apps=${LAB_RUN_APPS}` });
  if (!b.ok) throw new Error(b.error);
  return b.session;
};
const SLICE = 200_000;
let total = 0; // the whole run's instructions, from the first round

for (let round = 1; round <= Math.max(1, Number(process.env.ROUNDS ?? 1)); round++) {
  const t0 = performance.now();
  const s = boot();
  const t1 = performance.now();
  const rows = [];
  let last = t1, lastInsn = 0;
  while (true) {
    const r = s.runSlice(SLICE);
    s.takeConsole();
    const t = performance.now();
    rows.push(`${(t - t1).toFixed(1).padStart(7)} ms ${(s.insn / 1e6).toFixed(2).padStart(6)} M ${String(Math.round((s.insn - lastInsn) / 1000 / (t - last))).padStart(6)} MIPS`);
    last = t; lastInsn = s.insn;
    if (r.kind === 'halted') break;
  }
  console.log(`round ${round}: machine built in ${(t1 - t0).toFixed(1)} ms, ${s.insn} instructions in ${(last - t1).toFixed(1)} ms`);
  if (round === 1) { console.log(rows.join('\n')); total = s.insn; }
}

if (process.env.FROM) {
  const from = Number(process.env.FROM);
  const image = kernelImage(kernel);
  const s = boot();
  while (s.insn < from && !s.finished) { s.runSlice(Math.min(SLICE, from - s.insn)); s.takeConsole(); }
  const h = s.machine.hart;
  const counts = new Map();
  while (h.instret < total) {
    const k = image.functionAt(BigInt.asUintN(64, BigInt(h.pc)))?.name ?? (h.priv === 0 ? 'user' : '(kernel, no sized symbol)');
    counts.set(k, (counts.get(k) ?? 0) + 1);
    h.step();
  }
  console.log(`instructions ${from}-${total} by function:`);
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(v).padStart(9), k);
}
