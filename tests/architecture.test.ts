// Keeps the layering honest (docs/architecture.md): the pure core imports no Node, DOM or
// Electron API and never reaches up into a runtime; the renderer never imports Node or Electron.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(__dirname, '..');

function sources(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(name)) out.push(p);
    }
  };
  walk(join(root, dir));
  return out;
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:import|export)[^'"]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map(
    (m) => m[1] ?? m[2] ?? m[3] ?? '',
  );
}

const CORE = ['src/emulator', 'src/toolchain', 'src/lab', 'src/common'];
const RUNTIMES = ['src/main', 'src/preload', 'src/renderer', 'src/cli'];

describe('architecture', () => {
  test('the pure core imports no Node, Electron or UI package and no runtime folder', () => {
    const offenders: string[] = [];
    for (const dir of CORE) {
      for (const file of sources(dir)) {
        for (const spec of importsOf(file)) {
          const bad =
            spec.startsWith('node:') ||
            ['fs', 'path', 'os', 'child_process', 'electron', 'react', 'react-dom', 'url', 'util', 'worker_threads'].includes(spec) ||
            RUNTIMES.some((r) => spec.startsWith('.') && join(file, '..', spec).startsWith(join(root, r)));
          if (bad) offenders.push(`${relative(root, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });

  test('the renderer imports neither Node nor Electron', () => {
    const offenders = sources('src/renderer').flatMap((file) =>
      importsOf(file)
        .filter((spec) => spec.startsWith('node:') || spec === 'electron' || spec === 'fs' || spec === 'path')
        .map((spec) => `${relative(root, file)} imports ${spec}`),
    );
    expect(offenders).toEqual([]);
  });

  test('the pure core type-checks with no Node or DOM types in scope', () => {
    // tsconfig.core.json has `types: []` and lib ES2022 only: a `process`, `Buffer` or `document`
    // anywhere in the core is a compile error here.
    const run = () => execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', 'tsconfig.core.json'], { cwd: root, encoding: 'utf8' });
    expect(run).not.toThrow();
  }, 180_000);
});
