// Test helpers that run the Debian RISC-V binutils (the reference for ForkLab's assembler and
// linker) on text or objects in a private temporary directory.

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readElf, type ElfFile } from '../../../src/toolchain/elf';
import { tool } from '../../tools';

export const GNU_AS_FLAGS = ['-mno-relax', '-march=rv64ima_zicsr_zifencei_zihintpause', '-mabi=lp64'];

/** Runs `fn` with a fresh temporary directory, removed afterwards. */
export function withTempDir<T>(fn: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-asm-'));
  try {
    return fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Assembles with riscv64-linux-gnu-as; returns the object bytes. Throws with as's stderr on error. */
export function gnuAssemble(source: string, flags: string[] = GNU_AS_FLAGS): Uint8Array {
  return withTempDir((dir) => {
    writeFileSync(join(dir, 'in.s'), source);
    execFileSync(tool('riscv64-linux-gnu-as'), [...flags, '-o', join(dir, 'out.o'), join(dir, 'in.s')], { stdio: 'pipe' });
    return new Uint8Array(readFileSync(join(dir, 'out.o')));
  });
}

export function parse(bytes: Uint8Array): ElfFile {
  const r = readElf(bytes);
  if (!r.elf) throw new Error(r.error);
  return r.elf;
}

export function sectionBytes(elf: ElfFile, name: string): Uint8Array {
  return elf.sections.find((s) => s.name === name)?.data ?? new Uint8Array(0);
}

/** Runs a tool and returns stdout (throws with stderr on failure). */
export function run(tool: string, args: string[], input?: string): string {
  return execFileSync(tool, args, { stdio: 'pipe', input, encoding: 'utf8' });
}

export const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
