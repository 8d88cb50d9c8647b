#!/usr/bin/env node
// Where `forklab run`'s lab run spends its time, phase by phase (docs/perf.md, "A lab run,
// phase by phase"). Boots the bench's lab run (LAB_RUN_APPS, every resources/user/build
// program in the initrd) in this process and prints, per slice of 200 k instructions, the
// wall time since boot and the slice's MIPS: the cold phases (new code, traps, page-table
// loops) show apart from the translated loops. With FROM=N it then boots again, runs to
// instruction N and steps the rest one instruction at a time, counting instructions per
// kernel function (the kernel ELF's symbols; "user" below the kernel), so a slow phase can be
// named. ROUNDS=k boots k times in one process (round 2+ shows what V8's warm-up costs).
//   node scripts/lab-phases.mjs            FROM=12200000 node scripts/lab-phases.mjs
import { register } from 'tsx/esm/api';
import { readFileSync, readdirSync } from 'node:fs';
register();
const root = new URL('..', import.meta.url).pathname;
const { LabSession } = await import(root + '/src/lab/session.ts');
const { LAB_RUN_APPS } = await import(root + '/src/cli/bench-lab.ts');
const { parseElf } = await import(root + '/src/emulator/elf.ts');

const dir = root + '/resources/user/build';
const apps = readdirSync(dir).filter((f) => f.endsWith('.elf')).sort()
  .map((f) => ({ name: f.slice(0, -4), elf: new Uint8Array(readFileSync(`${dir}/${f}`)) }));
const kernel = new Uint8Array(readFileSync(root + '/resources/kernel/build/kernel.elf'));
const boot = () => {
  const b = LabSession.boot({ kernel, apps, bootargs: `apps=${LAB_RUN_APPS}` });
  if (!b.ok) throw new Error(b.error);
  return b.session;
};
const SLICE = 200_000;

for (let round = 1; round <= Number(process.env.ROUNDS ?? 1); round++) {
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
  if (round === 1) console.log(rows.join('\n'));
}

if (process.env.FROM) {
  const from = Number(process.env.FROM);
  const elf = parseElf(kernel);
  if (!elf.ok) throw new Error(elf.error);
  const funcs = elf.elf.symbols.filter((y) => y.type === 2).map((y) => [y.value, y.name]).sort((a, b) => (a[0] < b[0] ? -1 : 1));
  const nameOf = (pc) => {
    if (funcs.length === 0 || pc < funcs[0][0]) return 'user';
    let lo = 0, hi = funcs.length - 1;
    while (lo < hi) { const m = (lo + hi + 1) >> 1; if (funcs[m][0] <= pc) lo = m; else hi = m - 1; }
    return funcs[lo][1];
  };
  const s = boot();
  while (s.insn < from && !s.finished) { s.runSlice(Math.min(SLICE, from - s.insn)); s.takeConsole(); }
  const total = (() => { const t = boot(); while (t.runSlice(5_000_000).kind !== 'halted'); return t.insn; })();
  const h = s.machine.hart;
  const counts = new Map();
  while (h.instret < total) {
    const k = nameOf(BigInt.asUintN(64, BigInt(h.pc)));
    counts.set(k, (counts.get(k) ?? 0) + 1);
    h.step();
  }
  console.log(`instructions ${from}-${total} by function:`);
  for (const [k, v] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(String(v).padStart(9), k);
}
