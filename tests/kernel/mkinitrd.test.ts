import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseInitrd } from '../../src/lab/initrd';
import { makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { ROOT, USER_BUILD } from './boot';

const mkinitrd = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'scripts/mkinitrd.mjs'), ...args], { encoding: 'utf8', timeout: 60_000 });

describe('scripts/mkinitrd.mjs', () => {
  test('packs ELF files under their base names or NAME= names, in order', () => {
    const dir = makeWorkDir('mkinitrd');
    try {
      const out = join(dir, 'x.img');
      const r = mkinitrd('-o', out, join(USER_BUILD, 'cow.elf'), `sh2=${join(USER_BUILD, 'sh.elf')}`);
      expect(r.status, r.stderr).toBe(0);
      const parsed = parseInitrd(new Uint8Array(readFileSync(out)));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) return;
      expect(parsed.value.map((a) => a.name)).toEqual(['cow', 'sh2']);
      expect(Buffer.from(parsed.value[0]!.elf).equals(readFileSync(join(USER_BUILD, 'cow.elf')))).toBe(true);
    } finally {
      removeWorkDir(dir);
    }
  });

  test('explains its usage, a missing file and a bad name instead of writing an image', () => {
    const usage = mkinitrd();
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage: node scripts/mkinitrd.mjs -o OUT.img');
    const missing = mkinitrd('-o', '/nonexistent/x.img', '/nonexistent/prog.elf');
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain('mkinitrd: cannot read /nonexistent/prog.elf');
    const bad = mkinitrd('-o', '/nonexistent/x.img', `a-name-that-is-too-long=${join(USER_BUILD, 'cow.elf')}`);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain("mkinitrd: app name 'a-name-that-is-too-long' is longer than 15 characters");
  });
});
