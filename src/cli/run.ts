// `forklab run`: boots the bundled lab kernel with programs and prints the console.
//
//   forklab run [--apps SPEC] [--bootargs STR] [--ram MiB] [--max-insns N] [--json OUT] [FILE.elf|FILE.c ...]
//
// With no files it runs the bundled gcc-built programs (resources/user/build/*.elf); .c files are
// compiled with ForkLab's own toolchain first. Exit status: 0 when the kernel shut down cleanly
// and no program printed a `FAIL` line; 1 otherwise; 2 for bad arguments or unreadable input.

import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { defaultAppsSpec, type InitrdProgram } from '../lab/initrd';
import { LabSession } from '../lab/session';
import { imageFile, loadBuiltPrograms, readBytes, repoRoot } from './resources';
import { StdoutWriter } from './stdout';
import { keepInterpreterInBuild } from './interp-store';

interface RunArgs {
  apps?: string;
  bootargs?: string;
  ramMiB: number;
  maxInsns: number;
  json?: string;
  files: string[];
}

function parseArgs(args: string[]): RunArgs | string {
  const out: RunArgs = { ramMiB: 128, maxInsns: 4_000_000_000, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--apps') out.apps = value();
      else if (a === '--bootargs') out.bootargs = value();
      else if (a === '--json') out.json = value();
      else if (a === '--ram') out.ramMiB = Number(value());
      else if (a === '--max-insns') out.maxInsns = Number(value());
      else if (a.startsWith('--')) return `unknown option ${a}`;
      else out.files.push(a);
    } catch (err) {
      return (err as Error).message;
    }
  }
  if (!Number.isInteger(out.ramMiB) || out.ramMiB < 16 || out.ramMiB > 2048) return '--ram takes MiB between 16 and 2048';
  if (!Number.isFinite(out.maxInsns) || out.maxInsns <= 0) return '--max-insns takes a positive number';
  return out;
}

async function loadPrograms(files: string[]): Promise<{ apps: InitrdProgram[]; error?: string }> {
  if (files.length === 0) return { apps: loadBuiltPrograms() };
  const elfs = files.filter((f) => extname(f) === '.elf');
  const sources = files.filter((f) => extname(f) === '.c');
  const other = files.filter((f) => !elfs.includes(f) && !sources.includes(f));
  if (other.length > 0) return { apps: [], error: `not a program (.c or .elf): ${other.join(', ')}` };
  const apps: InitrdProgram[] = elfs.map((f) => ({ name: basename(f, '.elf'), elf: imageFile(f) }));
  if (sources.length > 0) {
    // The toolchain (~200 KB of the bundle, a part of its own: scripts/build-cli.mjs) is
    // loaded only when there is something to compile (docs/perf.md, "Starting the command").
    const { compileRunPrograms } = await import('./compile-programs');
    const texts = Object.fromEntries(sources.map((f) => [basename(f), readFileSync(f, 'utf8')]));
    const built = compileRunPrograms(texts);
    for (const d of built.text) process.stderr.write(d);
    if (!built.ok) return { apps: [], error: 'compilation failed' };
    apps.push(...built.apps);
  }
  return { apps };
}

export async function runCommand(args: string[]): Promise<number> {
  keepInterpreterInBuild();
  const parsed = parseArgs(args);
  if (typeof parsed === 'string') {
    process.stderr.write(`forklab run: ${parsed}\n`);
    return 2;
  }
  let programs: { apps: InitrdProgram[]; error?: string };
  try {
    programs = await loadPrograms(parsed.files);
  } catch (err) {
    process.stderr.write(`forklab run: ${(err as Error).message}\n`);
    return 2;
  }
  if (programs.error) {
    process.stderr.write(`forklab run: ${programs.error}\n`);
    return programs.error === 'compilation failed' ? 1 : 2;
  }
  const kernel = readBytes(join(repoRoot(), 'resources/kernel/build/kernel.elf'));
  // Named programs run once each in order unless --apps says otherwise; with no files the
  // kernel's own default sequence runs.
  const apps = parsed.apps ?? (parsed.files.length > 0 ? defaultAppsSpec(programs.apps) : undefined);
  const bootargs = parsed.bootargs ?? (apps ? `apps=${apps}` : '');
  let booted: ReturnType<typeof LabSession.boot>;
  try {
    // The programs are read here, straight into guest RAM (resources.ts imageFile).
    booted = LabSession.boot({ kernel, apps: programs.apps, bootargs, ramMiB: parsed.ramMiB });
  } catch (err) {
    process.stderr.write(`forklab run: ${(err as Error).message}\n`);
    return 2;
  }
  if (!booted.ok) {
    process.stderr.write(`forklab run: ${booted.error}\n`);
    return 2;
  }
  const session = booted.session;
  let transcript = '';
  const stdout = new StdoutWriter();
  let end = session.finished;
  while (!end && session.insn < parsed.maxInsns) {
    const slice = session.runSlice(Math.min(5_000_000, parsed.maxInsns - session.insn));
    const text = session.takeConsole();
    transcript += text;
    stdout.text(text);
    if (slice.kind === 'halted') end = slice;
  }
  if (parsed.json) {
    const report = { bootargs, insn: session.insn, end, console: transcript, model: session.model(), events: session.events };
    writeFileSync(parsed.json, JSON.stringify(report, null, 1));
  }
  if (!end) {
    process.stderr.write(`forklab run: stopped after ${parsed.maxInsns} instructions without a shutdown\n`);
    return 1;
  }
  if (end.kind === 'halted' && !end.clean) {
    process.stderr.write(`forklab run: ${end.reason}\n`);
    return 1;
  }
  return /^FAIL\b/m.test(transcript) ? 1 : 0;
}
