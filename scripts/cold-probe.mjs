#!/usr/bin/env node
// The compile bench's cold builds, one by one: the same 100-line warm-up and 1,000-line builds
// as `compile-1000-lines-time` (src/cli/bench-compile.ts), printing each build's process CPU
// and, in parentheses, its main thread's (from /proc/self/task/*/stat, 10 ms ticks), so what
// V8 compiles on its background threads shows apart from the toolchain's own work.
//   node scripts/cold-probe.mjs            -> "269(m80) 215(m80) 178(m60)"
//   SHORT=1  -> "best sum";  N=5 -> five builds;  MARK=1 -> a "=== build i" line before each
//   (to cut a --trace-opt log by build);  MARKFILE=f -> build start times (us) for a profile.
import { register } from 'tsx/esm/api';
import { readFileSync, readdirSync } from 'node:fs';
register();
const root = new URL('..', import.meta.url).pathname;
const { buildProgram } = await import(root + '/src/toolchain/index.ts');
const { generateProgram } = await import(root + '/src/cli/bench-compile.ts');
const { loadUserFiles } = await import(root + '/src/cli/resources.ts');
const tick = 10; // ms per clock tick
function threads() {
  const m = new Map();
  for (const t of readdirSync('/proc/self/task')) {
    const s = readFileSync(`/proc/self/task/${t}/stat`, 'utf8');
    const f = s.slice(s.lastIndexOf(')') + 2).split(' ');
    m.set(t, (Number(f[11]) + Number(f[12])) * tick);
  }
  return m;
}
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const library = loadUserFiles();
buildProgram({ 'warm.c': generateProgram(100) }, { library });
const src = generateProgram(1000);
const res = [];
const marks = [];
for (let i = 0; i < (Number(process.env.N) || 3); i++) {
  if (process.env.MARK) console.log(`=== build ${i}`);
  if (process.env.MARKFILE) marks.push(Number(process.hrtime.bigint() / 1000n));
  const t0 = cpu(), th0 = threads();
  buildProgram({ 'gen1000.c': src }, { library });
  const ms = cpu() - t0, th1 = threads();
  const main = th1.get(String(process.pid)) - (th0.get(String(process.pid)) ?? 0);
  res.push(`${ms.toFixed(0)}(m${main})`);
}
const times = res.map((r) => Number(r.split('(')[0]));
if (process.env.MARKFILE) { marks.push(Number(process.hrtime.bigint() / 1000n)); (await import('node:fs')).writeFileSync(process.env.MARKFILE, marks.join(' ')); }
console.log(process.env.SHORT ? `${Math.min(...times)} ${times.reduce((a, b) => a + b, 0)}` : res.join(' '));
