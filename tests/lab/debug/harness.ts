// A lab session with the debugger attached: the cow lab test (or given sources) built by
// ForkLab's toolchain, booted on the committed kernel.
import { buildSession } from '../../../src/lab/build';
import { LabSession } from '../../../src/lab/session';
import { Debugger } from '../../../src/lab/debug/engine';
import { kernelImage, programImage } from '../../../src/lab/debug/image';
import { resources, cowSource } from '../host-harness';

export function debugSession(files: Record<string, string> = { 'cow.c': cowSource }) {
  const built = buildSession(resources, files, undefined, undefined);
  if (!built.ok) throw new Error(`build failed: ${JSON.stringify(built.diagnostics)}`);
  const booted = LabSession.boot(built.options);
  if (!booted.ok) throw new Error(booted.error);
  const programs = new Map(built.options.apps.map((a) => [a.name, programImage(a.name, a.elf)]));
  const dbg = new Debugger(booted.session, kernelImage(resources.kernel), programs);
  return { session: booted.session, dbg, programs, apps: built.options.apps };
}

/** The line of cow.c holding `text` (1-based). */
export function lineOf(source: string, text: string): number {
  const i = source.split('\n').findIndex((l) => l.includes(text));
  if (i < 0) throw new Error(`no line with ${text}`);
  return i + 1;
}
