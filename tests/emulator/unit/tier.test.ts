// The execution tier is known and reported from the start: blocks become WebAssembly where the
// host compiles it (a CSP with 'wasm-unsafe-eval'), JS functions where it only allows
// `new Function`, and a host that allows neither runs interpreter-only, and Machine.tier says
// so (with the host's reason) instead of the run silently being several times slower. Node's
// --disallow-code-generation-from-strings gives the refusal a CSP without 'unsafe-eval' gives
// in a browser, --no-expose-wasm a host without WebAssembly; the guest runs identically on all.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { aluLoop } from '../../../src/emulator/bench-programs';
import { Machine } from '../../../src/emulator/index';

const root = join(import.meta.dirname, '..', '..', '..');
const probe = `
import { Machine } from ${JSON.stringify(join(root, 'src/emulator/index.ts'))};
import { aluLoop } from ${JSON.stringify(join(root, 'src/emulator/bench-programs.ts'))};
const r = Machine.fromElf(aluLoop(), { bare: true });
if (!r.ok) throw new Error(r.error);
const before = r.machine.tier;
r.machine.run(3_000_000);
console.log(JSON.stringify({ before, after: r.machine.tier, instret: r.machine.instret, x5: String(r.machine.getReg(5)), translated: r.machine.hart.jit.translated }));
`;

function runProbe(nodeFlags: string[]) {
  const r = spawnSync(process.execPath, [...nodeFlags, '--import', 'tsx', '--input-type=module', '-e', probe], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  return JSON.parse(r.stdout.trim().split('\n').pop()!);
}

test('each host says from the start which tier runs, and the guest runs identically on all', () => {
  // A CSP with 'wasm-unsafe-eval' but without 'unsafe-eval' (the app's): WebAssembly blocks.
  const noEval = runProbe(['--disallow-code-generation-from-strings']);
  expect(noEval.before).toEqual({ kind: 'wasm', reason: '' });
  expect(noEval.translated).toBeGreaterThan(0);
  // No WebAssembly but `new Function`: JS blocks.
  const noWasm = runProbe(['--no-expose-wasm']);
  expect(noWasm.before).toEqual({ kind: 'translated', reason: '' });
  expect(noWasm.translated).toBeGreaterThan(0);
  // WebAssembly without tail calls (wasm blocks chain with return_call): JS blocks.
  const noTailCalls = runProbe(['--no-experimental-wasm-return-call']);
  expect(noTailCalls.before).toEqual({ kind: 'translated', reason: '' });
  expect(noTailCalls.translated).toBeGreaterThan(0);
  // Neither: the interpreter, and the host's reason.
  const refused = runProbe(['--no-expose-wasm', '--disallow-code-generation-from-strings']);
  expect(refused.before.kind).toBe('interpreter');
  expect(refused.before.reason).toMatch(/code generation/i);
  expect(refused.after.kind).toBe('interpreter');
  expect(refused.translated).toBe(0);
  const allowed = runProbe([]);
  expect(allowed.before).toEqual({ kind: 'wasm', reason: '' });
  expect(allowed.translated).toBeGreaterThan(0);
  // Same guest state every way.
  for (const other of [noEval, noWasm, noTailCalls, refused]) {
    expect(other.instret).toBe(allowed.instret);
    expect(other.x5).toBe(allowed.x5);
  }
}, 120_000);

test('a machine with block translation switched off reports the interpreter tier', () => {
  const r = Machine.fromElf(aluLoop(), { bare: true });
  if (!r.ok) throw new Error(r.error);
  expect(r.machine.tier.kind).toBe('wasm');
  r.machine.hart.jit = null;
  expect(r.machine.tier).toEqual({ kind: 'interpreter', reason: 'block translation is off' });
});
