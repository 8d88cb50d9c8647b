import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { makeWorkDir, removeWorkDir } from '../support/riscv-tools';
import { ROOT } from './boot';

function runCheck(root: string) {
  return spawnSync('bash', [join(root, 'scripts/check-kernel-reproducible.sh')], { encoding: 'utf8', timeout: 300_000 });
}

describe('the committed kernel and user binaries', () => {
  test('are byte-identical to a rebuild of their sources at another path', () => {
    const r = runCheck(ROOT);
    expect(r.stdout + r.stderr).toMatch(/kernel and user binaries are reproducible \(\d+ files\)/);
    expect(r.status).toBe(0);
  }, 300_000);

  test('are reported when one of them no longer matches its sources', () => {
    const dir = makeWorkDir('repro');
    try {
      for (const p of ['resources/kernel', 'resources/user', 'scripts/check-kernel-reproducible.sh', 'scripts/mkinitrd.mjs', 'src/lab/initrd.ts', 'package.json']) {
        mkdirSync(join(dir, p, '..'), { recursive: true });
        cpSync(join(ROOT, p), join(dir, p), { recursive: true });
      }
      symlinkSync(join(ROOT, 'node_modules'), join(dir, 'node_modules'));
      const image = join(dir, 'resources/kernel/build/Image');
      const bytes = readFileSync(image);
      bytes[100] ^= 0xff;
      writeFileSync(image, bytes);
      const r = runCheck(dir);
      expect(r.stdout).toContain('differs from a rebuild of its sources: resources/kernel/build/Image');
      expect(r.status).toBe(1);
    } finally {
      removeWorkDir(dir);
    }
  }, 300_000);
});
