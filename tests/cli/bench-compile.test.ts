import { describe, expect, test } from 'vitest';
import { generateProgram } from '../../src/cli/bench-compile';
import { buildProgram, hasErrors } from '../../src/toolchain';
import { loadUserFiles } from '../../src/cli/resources';

describe('compile benchmark program', () => {
  test('is as long as asked and compiles without diagnostics', () => {
    const source = generateProgram(1000);
    const lines = source.split('\n').length - 1;
    expect(lines).toBeGreaterThanOrEqual(990);
    expect(lines).toBeLessThanOrEqual(1010);
    const r = buildProgram({ 'gen.c': source }, { library: loadUserFiles() });
    expect(r.diagnostics).toEqual([]);
    expect(hasErrors(r.diagnostics)).toBe(false);
    expect(r.elf).toBeInstanceOf(Uint8Array);
  }, 60_000);
});
