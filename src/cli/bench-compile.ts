// Compile-speed figures for `forklab bench`: a generated C program of 1,000 and of 10,000
// lines, compiled and linked by ForkLab's toolchain against the user library (already built
// and cached by a warm-up, as it is after the first Run in the app). Reported as lines per
// second and, for the 1,000-line program, milliseconds (goal: under 100 ms), then the
// 1,000-line build again once the toolchain's code is optimized (compile-1000-lines-warm-time).
// Time is process CPU time, as for the emulator figures, because the machines are shared.

import { buildProgram, hasErrors } from '../toolchain';
import { loadUserFiles } from './resources';

export interface BenchFigure {
  readonly bench: string;
  readonly value: number;
  readonly unit: string;
}

/**
 * A program of about `lines` lines that exercises what student code does: functions with
 * locals, loops, branches, arrays, structs, pointer arithmetic and printf calls.
 */
export function generateProgram(lines: number): string {
  const out: string[] = ['#include <stdio.h>', '#include <string.h>', '', 'struct point { int x; int y; long tag; };', ''];
  let n = 0;
  while (out.length < lines - 12) {
    out.push(
      `static int work${n}(int a, int b) {`,
      `  int acc = a * ${n + 3} + b;`,
      `  struct point p = { a, b, ${n}L };`,
      `  int buf[8];`,
      `  for (int i = 0; i < 8; i++) {`,
      `    buf[i] = (acc ^ i) + p.x * ${n % 7 + 1};`,
      `    if (buf[i] % 3 == 0) acc += buf[i]; else acc -= p.y;`,
      `  }`,
      `  int *q = buf + 2;`,
      `  acc += q[1] - *q + (int)p.tag;`,
      `  return acc > 0 ? acc : -acc;`,
      `}`,
      '',
    );
    n++;
  }
  out.push('int main(void) {', '  long total = 0;');
  for (let i = 0; i < n; i += Math.max(1, Math.floor(n / 8))) out.push(`  total += work${i}(${i}, ${i * 2});`);
  out.push('  printf("total %ld\\n", total);', '  return 0;', '}');
  return out.join('\n') + '\n';
}

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

export function compileFigures(): BenchFigure[] {
  const library = loadUserFiles();
  const warm = buildProgram({ 'warm.c': generateProgram(100) }, { library });
  if (!warm.elf || hasErrors(warm.diagnostics)) throw new Error(`the generated program does not compile: ${warm.diagnostics[0]?.message}`);
  const figures: BenchFigure[] = [];
  for (const lines of [1000, 10000]) {
    const source = generateProgram(lines);
    const actual = source.split('\n').length - 1;
    let best = Infinity;
    for (let run = 0; run < 3; run++) {
      const t0 = cpuMs();
      const r = buildProgram({ [`gen${lines}.c`]: source }, { library });
      const ms = cpuMs() - t0;
      if (!r.elf) throw new Error(`gen${lines}.c failed to compile`);
      best = Math.min(best, ms);
    }
    figures.push({ bench: `compile-${lines}-lines`, value: Math.round((actual / best) * 1000), unit: 'lines/s' });
    if (lines === 1000) figures.push({ bench: 'compile-1000-lines-time', value: Math.round(best * 10) / 10, unit: 'ms' });
  }
  figures.push({ bench: 'compile-1000-lines-warm-time', value: Math.round(warmBuildMs(generateProgram(1000), library) * 10) / 10, unit: 'ms' });
  return figures;
}

/**
 * The same build once V8 has optimized the toolchain (as in a session that has run a few
 * times): best of the last WARM_BEST of WARM_BUILDS builds, measured after every other figure
 * so the figures above keep their meaning. The timed builds above are the process's first
 * builds of the program, and most of their CPU is V8 compiling the toolchain on background
 * threads (docs/perf.md, "Toolchain speed, 2026-12-02 afternoon"); this one shows the rest.
 */
const WARM_BUILDS = 16;
const WARM_BEST = 6;

function warmBuildMs(source: string, library: Record<string, string>): number {
  let best = Infinity;
  for (let run = 0; run < WARM_BUILDS; run++) {
    const t0 = cpuMs();
    const r = buildProgram({ 'warm1000.c': source }, { library });
    const ms = cpuMs() - t0;
    if (!r.elf) throw new Error('warm1000.c failed to compile');
    if (run >= WARM_BUILDS - WARM_BEST) best = Math.min(best, ms);
  }
  return best;
}
