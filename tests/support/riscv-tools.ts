// Build and inspect bare-metal RISC-V programs with Debian's cross toolchain
// (riscv64-linux-gnu-gcc/as/ld/objdump/nm), for tests that need a reference assembler or
// linker. Tests may assume these tools exist: CI installs them (scripts/install-deps.sh).
//
// Everything is synchronous and works in one temporary directory per caller (makeWorkDir),
// so a test file builds once in beforeAll and removes the directory in afterAll.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { tool as requireTool } from '../tools';

/** The ISA every ForkLab program targets: RV64IMAC with Zicsr and Zifencei. */
export const RISCV_MARCH = 'rv64imac_zicsr_zifencei';
export const RISCV_MABI = 'lp64';

/** A fresh temporary directory named after the caller; remove it with removeWorkDir. */
export function makeWorkDir(label: string): string {
  return mkdtempSync(join(tmpdir(), `forklab-${label}-`));
}

export function removeWorkDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export interface BareBuildOptions {
  /** Linker script passed with -T. */
  readonly linkerScript: string;
  /** Directories searched for #include files. */
  readonly includeDirs?: readonly string[];
  /** Extra -march; defaults to RISCV_MARCH (compressed instructions enabled). */
  readonly march?: string;
  /** Extra preprocessor definitions, NAME or NAME=VALUE. */
  readonly defines?: readonly string[];
}

export interface BareBuild {
  readonly elfPath: string;
  readonly bytes: Uint8Array;
}

/**
 * Preprocesses, assembles and links one .S file into a static, non-PIE ELF with no build-id
 * note, so the first byte of the image is the linker script's first section (QEMU `virt`
 * with `-bios none` starts at 0x80000000, whatever the ELF entry says).
 * Throws an Error carrying gcc's diagnostics when the build fails.
 */
export function buildBareElf(sourcePath: string, outDir: string, options: BareBuildOptions): BareBuild {
  const elfPath = join(outDir, basename(sourcePath).replace(/\.[sS]$/, '') + '.elf');
  const args = [
    '-nostdlib', '-nostartfiles', '-static', '-fno-pie', '-no-pie', '-Wl,--build-id=none', '-Wl,--no-warn-rwx-segments',
    `-march=${options.march ?? RISCV_MARCH}`, `-mabi=${RISCV_MABI}`,
    ...(options.includeDirs ?? []).map((dir) => `-I${dir}`),
    ...(options.defines ?? []).map((d) => `-D${d}`),
    '-T', options.linkerScript, '-o', elfPath, sourcePath,
  ];
  runTool('riscv64-linux-gnu-gcc', args);
  return { elfPath, bytes: new Uint8Array(readFileSync(elfPath)) };
}

/** The address of a symbol in an ELF, from riscv64-linux-gnu-nm; undefined when absent. */
export function findSymbol(elfPath: string, name: string): bigint | undefined {
  const out = runTool('riscv64-linux-gnu-nm', ['--defined-only', elfPath]);
  for (const line of out.split('\n')) {
    const [addr, , sym] = line.trim().split(/\s+/);
    if (sym === name && addr !== undefined) return BigInt('0x' + addr);
  }
  return undefined;
}

/** One disassembled instruction of `objdump -d`. */
export interface DisassembledInstruction {
  readonly address: bigint;
  /** Encoding as objdump prints it: 4 hex digits for a compressed instruction, 8 otherwise. */
  readonly encoding: string;
  readonly mnemonic: string;
  readonly operands: string;
}

/** Disassembles the executable sections with raw (non-alias) mnemonics. */
export function disassemble(elfPath: string): DisassembledInstruction[] {
  const out = runTool('riscv64-linux-gnu-objdump', ['-d', '-M', 'no-aliases', elfPath]);
  const result: DisassembledInstruction[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s+([0-9a-f]{4}|[0-9a-f]{8})\s+(\S+)\s*(.*)$/.exec(line);
    if (m === null) continue;
    result.push({ address: BigInt('0x' + m[1]!), encoding: m[2]!, mnemonic: m[3]!, operands: m[4]!.trim() });
  }
  return result;
}

function runTool(name: string, args: string[]): string {
  const tool = requireTool(name);
  try {
    return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new Error(`${tool} failed: ${e.stderr?.trim() || e.message}`);
  }
}
