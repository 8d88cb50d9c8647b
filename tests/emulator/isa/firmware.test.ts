// ForkLab's firmware against QEMU's: S-mode kernels from supervisor/ boot on QEMU virt with
// OpenSBI 1.1 and on ForkLab (Machine.fromElf without `bare`), and must print the same lines
// on the SBI console. OpenSBI prints a banner first and turns \n into \r\n; only the kernel's
// own lines are compared.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildBareElf, makeWorkDir, removeWorkDir } from '../../support/riscv-tools';
import { runKernelOnQemu } from '../../support/qemu';
import { runForkLabConsole } from '../../support/forklab';

const here = import.meta.dirname;
let workDir = '';

beforeAll(() => {
  workDir = makeWorkDir('firmware');
});
afterAll(() => {
  if (workDir !== '') removeWorkDir(workDir);
});

function buildKernel(name: string) {
  return buildBareElf(join(here, 'supervisor', name), workDir, { linkerScript: join(here, 'supervisor', 'supervisor.ld') });
}

/** The kernel's console lines on QEMU + OpenSBI: everything from the first line starting with `first`. */
function qemuConsole(elf: string, first: string): { status: number | null; lines: string[] } {
  const r = runKernelOnQemu(elf);
  const lines = r.stdout.replaceAll('\r\n', '\n').split('\n');
  const start = lines.findIndex((l) => l.startsWith(first));
  return { status: r.status, lines: start < 0 ? lines : lines.slice(start) };
}

describe('firmware delegation and SBI services', () => {
  test('an S-mode kernel sees the same traps, SBI answers and timer interrupts on ForkLab as on QEMU with OpenSBI', () => {
    const elf = buildKernel('sbi-traps.S');
    const q = qemuConsole(elf.elfPath, 'ebreak:');
    expect(q.status).toBe(0);
    expect(q.lines.length).toBe(17); // 16 report lines and the empty rest after the last \n
    const f = runForkLabConsole(elf.bytes);
    expect(f.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    expect(f.output.split('\n')).toEqual(q.lines);
  });

  test('the same kernel boots deterministically: two runs retire the same instructions and print the same, timer interrupts included', () => {
    const elf = buildKernel('sbi-traps.S');
    const a = runForkLabConsole(elf.bytes);
    expect(a.stop).toEqual({ kind: 'shutdown', clean: true, code: 0 });
    for (const jitBackend of ['wasm', 'js'] as const) {
      const b = runForkLabConsole(elf.bytes, { jitThreshold: 1, jitBackend });
      expect({ stop: b.stop, output: b.output, instret: b.instret }).toEqual({ stop: a.stop, output: a.output, instret: a.instret });
    }
  });
});
