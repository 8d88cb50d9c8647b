// Toolchain stages backed by Debian's GNU tools (gcc's compiler proper, GNU as, GNU ld), with
// the same signatures as ForkLab's own. Tests plug them into the driver to check the driver
// and the preprocessor end to end, independently of ForkLab's compiler, assembler and linker.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diagnostic } from '../../../src/toolchain/diagnostics';
import { preprocess } from '../../../src/toolchain/cpp/index';
import type { Stages } from '../../../src/toolchain/driver';
import { tool } from '../../tools';

const CFLAGS = ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-mcmodel=medany', '-mno-relax', '-ffreestanding', '-fno-builtin', '-fno-pie', '-O1'];
const userLd = join(__dirname, '../../../resources/user/user.ld');

function run(tool: string, args: string[], input?: string): { ok: boolean; out: string; err: string } {
  try {
    const out = execFileSync(tool, args, { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] });
    return { ok: true, out, err: '' };
  } catch (e) {
    const x = e as { stdout?: string; stderr?: string };
    return { ok: false, out: x.stdout ?? '', err: x.stderr ?? String(e) };
  }
}

function toolError(file: string, err: string): Diagnostic {
  return { file, line: 1, column: 1, endColumn: 1, severity: 'error', message: err.trim().split('\n')[0] ?? 'failed' };
}

/** Counts calls per stage, so tests can check what the driver ran (and what it cached). */
export const calls = { compile: 0, assemble: 0, link: 0 };

export const gnuStages: Stages = {
  preprocess,
  compileToAsm(pre, fileName) {
    calls.compile++;
    const r = run(tool('riscv64-linux-gnu-gcc'), [...CFLAGS, '-x', 'cpp-output', '-S', '-o', '-', '-'], pre);
    return r.ok ? { asm: r.out, diagnostics: [] } : { asm: '', diagnostics: [toolError(fileName, r.err)] };
  },
  assemble(source, fileName) {
    calls.assemble++;
    const dir = mkdtempSync(join(tmpdir(), 'forklab-as-'));
    try {
      const r = run(tool('riscv64-linux-gnu-as'), ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-mno-relax', '-o', join(dir, 'o.o'), '-'], source);
      if (!r.ok) return { object: new Uint8Array(0), diagnostics: [toolError(fileName, r.err)] };
      return { object: new Uint8Array(readFileSync(join(dir, 'o.o'))), diagnostics: [] };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  link(objects, opts) {
    calls.link++;
    const dir = mkdtempSync(join(tmpdir(), 'forklab-ld-'));
    try {
      const paths = objects.map((o, k) => {
        const p = join(dir, `${k}.o`);
        writeFileSync(p, o.bytes);
        return p;
      });
      const out = join(dir, 'a.elf');
      const members = (opts?.library ?? []).map((o, k) => {
        const p = join(dir, `lib${k}.o`);
        writeFileSync(p, o.bytes);
        return p;
      });
      const archive = join(dir, 'libc.a');
      if (members.length > 0) run(tool('riscv64-linux-gnu-ar'), ['rcsD', archive, ...members]);
      const r = run(tool('riscv64-linux-gnu-ld'), ['-static', '--no-relax', '-T', userLd, '-e', opts?.entry ?? '_start', '-o', out, ...paths, ...(members.length > 0 ? [archive] : [])]);
      if (!r.ok) return { elf: new Uint8Array(0), diagnostics: [toolError('<link>', r.err)] };
      return { elf: new Uint8Array(readFileSync(out)), diagnostics: [] };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  readLineTable() {
    return [];
  },
};

/** Runs an ELF under qemu-riscv64 (Linux user mode): stdout and exit status. */
export function runElf(elf: Uint8Array): { stdout: string; status: number } {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-run-'));
  try {
    const p = join(dir, 'a.elf');
    writeFileSync(p, elf, { mode: 0o755 });
    try {
      const stdout = execFileSync(tool('qemu-riscv64'), [p], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
      return { stdout, status: 0 };
    } catch (e) {
      const x = e as { stdout?: string; status?: number };
      return { stdout: x.stdout ?? '', status: x.status ?? -1 };
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
