// A run builds what the program it runs needs: a broken other session file is reported, named
// by file, and does not block it (issue 13). Real toolchain, real user library.
import { describe, expect, test } from 'vitest';
import { appNames, buildSession } from '../../src/lab/build';
import { cowSource, resources } from './host-harness';

const broken = 'int main(void) { return y; }\n';

describe('building a session for a run', () => {
  test('reads the program names of an apps= spec', () => {
    expect(appNames('print*3,cow, fib')).toEqual(['print', 'cow', 'fib']);
  });

  test('runs a program although another session file does not compile, and names that file', () => {
    const built = buildSession(resources, { 'cow.c': cowSource, 'hello.c': broken }, 'cow', undefined);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.options.apps.map((a) => a.name)).toEqual(['cow']);
    expect(built.options.bootargs).toBe('apps=cow');
    const errors = built.diagnostics.filter((d) => d.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((d) => d.file === 'hello.c')).toBe(true);
    expect(errors[0]).toMatchObject({ line: 1, message: expect.stringContaining("'y'") });
  }, 60_000);

  test('does not run a program that itself fails to compile, nor the whole session with any error', () => {
    expect(buildSession(resources, { 'cow.c': cowSource, 'hello.c': broken }, 'hello', undefined).ok).toBe(false);
    expect(buildSession(resources, { 'cow.c': cowSource, 'hello.c': broken }, undefined, undefined).ok).toBe(false);
  }, 60_000);
});
