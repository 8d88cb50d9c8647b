// Runs Debian's riscv64-linux-gnu-cpp on the same input as ForkLab's preprocessor, so tests can
// compare token streams. Used only by tests (Node side).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { tokenize } from '../../../src/toolchain/cpp/lexer';
import { tool } from '../../tools';

/** gcc's preprocessed output of `main.c` (with the extra files beside it), without line markers. */
export function gccPreprocess(main: string, files: Record<string, string> = {}, extraArgs: string[] = []): string {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-cpp-'));
  try {
    writeFileSync(join(dir, 'main.c'), main);
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, name)), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return execFileSync(tool('riscv64-linux-gnu-cpp'), ['-P', '-undef', '-nostdinc', '-std=c11', ...extraArgs, 'main.c'], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The token spellings of preprocessed text, ignoring whitespace and line markers. */
export function tokenStream(text: string): string[] {
  const body = text
    .split('\n')
    .filter((l) => !/^# \d+ "/.test(l))
    .join('\n');
  return tokenize('out', body, [])
    .filter((t) => t.kind !== 'eof')
    .map((t) => t.text);
}
