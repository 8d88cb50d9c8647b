// Linker errors: each bad link yields a clear diagnostic naming the object and symbol, no
// executable, and never an exception.

import { describe, expect, test } from 'vitest';
import { assemble } from '../../../src/toolchain/asm';
import { link } from '../../../src/toolchain/link';
import { readElf } from '../../../src/toolchain/elf';

function obj(name: string, source: string): { name: string; bytes: Uint8Array } {
  const r = assemble(source, name);
  expect(r.diagnostics).toEqual([]);
  return { name, bytes: r.object };
}

const start = obj('crt0.o', '.globl _start\n_start: call main\n li a7, 93\n ecall\n');

/** Renames the line-table section so the linker ignores it (same length, so offsets stay valid). */
function stripLineTable(bytes: Uint8Array): Uint8Array {
  const name = new TextEncoder().encode('.forklab.lines');
  for (let i = 0; i + name.length <= bytes.length; i++) {
    if (name.every((b, k) => bytes[i + k] === b)) bytes[i + 1] = 'X'.charCodeAt(0);
  }
  return bytes;
}

function messages(r: ReturnType<typeof link>): string[] {
  return r.diagnostics.map((d) => `${d.file}: ${d.severity}: ${d.message}`);
}

describe('linker errors', () => {
  test('an undefined symbol is reported with the object that references it', () => {
    const main = obj('main.o', '.globl main\nmain: call helper\n ret\n');
    const bytes = main.bytes.slice();
    // Without a line table (GNU as output has none) the message names the object only.
    const stripped = { name: 'main.o', bytes: stripLineTable(bytes) };
    const r = link([start, stripped]);
    expect(messages(r)).toEqual(["main.o: error: undefined reference to 'helper'"]);
    expect(r.elf.length).toBe(0);
    // With ForkLab's automatic rows for hand-written assembly it points at the source line.
    expect(link([start, main]).diagnostics).toEqual([{
      file: 'main.o', line: 2, column: 7, endColumn: 7, severity: 'error', message: "undefined reference to 'helper' (from main.o)",
    }]);
  });

  test('an undefined function called from C is reported at the calling line when the object has a line table', () => {
    const main = obj('main.o', '.file 1 "main.c"\n.globl main\nmain:\n.loc 1 3 5\n addi sp, sp, -16\n.loc 1 4 9\n li a0, 1\n call helper\n ret\n');
    const r = link([start, main]);
    expect(r.diagnostics).toEqual([{
      file: 'main.c', line: 4, column: 9, endColumn: 9, severity: 'error', message: "undefined reference to 'helper' (from main.o)",
    }]);
  });

  test('two strong definitions are reported naming both objects', () => {
    const a = obj('a.o', '.globl main\nmain: ret\n');
    const b = obj('b.o', '.globl main\nmain: li a0, 1\n ret\n');
    // b.o has (automatic) line rows, so the error points at the second definition's line.
    const r = link([start, a, b]);
    expect(messages(r)).toEqual(["b.o: error: duplicate symbol 'main': defined in a.o and in b.o"]);
    expect(r.diagnostics[0]).toMatchObject({ line: 2, column: 7 }); // 'main: li a0, 1': the first instruction
    const bare = { name: 'b.o', bytes: stripLineTable(b.bytes.slice()) };
    expect(messages(link([start, a, bare]))).toEqual(["ld: error: duplicate symbol 'main': defined in a.o and in b.o"]);
  });

  test('a weak definition yields to a strong one without error', () => {
    const a = obj('a.o', '.weak main\nmain: li a0, 1\n ret\n');
    const b = obj('b.o', '.globl main\nmain: li a0, 2\n ret\n');
    expect(link([start, a, b]).diagnostics).toEqual([]);
  });

  test('library members are linked only when needed, so a program may replace a library function', () => {
    const main = obj('main.o', '.globl main\nmain: call strlen\n call puts\n ret\n.globl strlen\nstrlen: li a0, 0\n ret\n');
    const str = obj('string.o', '.globl strlen\nstrlen: li a0, 1\n ret\n.globl strcpy\nstrcpy: ret\n');
    const stdio = obj('stdio.o', '.globl puts\nputs: ret\n');
    const unused = obj('unused.o', '.globl frob\nfrob: call nowhere\n');
    const r = link([start, main], { library: [str, unused, stdio] });
    expect(r.diagnostics).toEqual([]);
    const names = readElf(r.elf).elf!.symbols.map((s) => s.name);
    expect(names).toContain('puts');
    expect(names).not.toContain('strcpy');
    expect(names).not.toContain('frob');
    // the same objects given as plain inputs clash
    expect(messages(link([start, main, str, stdio]))).toEqual(["string.o: error: duplicate symbol 'strlen': defined in main.o and in string.o"]);
  });

  test('a library member can pull in another one defined earlier in the list', () => {
    const main = obj('main.o', '.globl main\nmain: call printf\n ret\n');
    const str = obj('string.o', '.globl strlen\nstrlen: ret\n');
    const printf = obj('printf.o', '.globl printf\nprintf: call strlen\n ret\n');
    const r = link([start, main], { library: [str, printf] });
    expect(r.diagnostics).toEqual([]);
    expect(readElf(r.elf).elf!.symbols.map((s) => s.name)).toContain('strlen');
  });

  test('a missing _start is an error that says where it usually comes from', () => {
    const main = obj('main.o', '.globl main\nmain: ret\n');
    expect(messages(link([main]))).toEqual([
      "ld: error: entry symbol '_start' is not defined (a program needs a _start function, usually from crt0)",
    ]);
  });

  test('a custom entry symbol replaces _start', () => {
    const boot = obj('boot.o', '.globl boot\nboot: j boot\n');
    expect(link([boot], { entry: 'boot' }).diagnostics).toEqual([]);
  });

  test('a conditional branch to a symbol too far away is reported with its place', () => {
    const a = obj('a.o', '.globl _start\n_start: beqz a0, far\n ret\n');
    const b = obj('b.o', '.globl far\n.zero 8192\nfar: ret\n');
    // far = 8 bytes of a.o text + 8192 bytes of padding
    expect(messages(link([a, b]))).toEqual([
      "a.o: error: a.o(.text+0x0) against 'far': R_RISCV_BRANCH target is out of range (8200 bytes; a conditional branch reaches ±4 KiB)",
    ]);
  });

  test('a jal to a symbol more than 1 MiB away is reported', () => {
    const a = obj('a.o', '.globl _start\n_start: j far\n');
    const b = obj('b.o', '.globl far\n.zero 0x100000\nfar: ret\n');
    expect(messages(link([a, b]))[0]).toMatch(/R_RISCV_JAL target is out of range/);
  });

  test('input that is not an ELF object is rejected by name', () => {
    const junk = { name: 'notes.txt', bytes: new TextEncoder().encode('hello, this is not an object file at all, but it is long enough......') };
    expect(messages(link([start, junk]))).toEqual(['notes.txt: error: not a valid ELF object: not an ELF file (bad magic)']);
  });

  test('an executable given as input is rejected as not relocatable', () => {
    const exe = link([start, obj('m.o', '.globl main\nmain: ret\n')]).elf;
    expect(messages(link([{ name: 'a.out', bytes: exe }]))[0]).toMatch(/^a\.out: error: not a relocatable object/);
  });

  test('a truncated object is an error, not an exception', () => {
    for (let cut = 0; cut < start.bytes.length; cut += 7) {
      const r = link([{ name: 'cut.o', bytes: start.bytes.subarray(0, cut) }]);
      expect(r.diagnostics.length).toBeGreaterThan(0);
      expect(r.elf.length).toBe(0);
    }
  });

  test('no inputs at all is an error', () => {
    expect(messages(link([]))).toEqual(['ld: error: no input objects']);
  });
});
