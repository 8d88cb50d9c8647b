// The execution tier is known and reported from the start: a host whose Content-Security-Policy
// forbids code generation from strings runs interpreter-only, and Machine.tier says so (with
// the host's reason) instead of the run silently being several times slower. Node's
// --disallow-code-generation-from-strings gives the same refusal a CSP without 'unsafe-eval'
// gives in a browser; the guest runs identically either way.
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

test('a host that forbids code generation runs interpreter-only and says so from the start', () => {
  const refused = runProbe(['--disallow-code-generation-from-strings']);
  expect(refused.before.kind).toBe('interpreter');
  expect(refused.before.reason).toMatch(/code generation/i);
  expect(refused.after.kind).toBe('interpreter');
  expect(refused.translated).toBe(0);
  const allowed = runProbe([]);
  expect(allowed.before).toEqual({ kind: 'translated', reason: '' });
  expect(allowed.translated).toBeGreaterThan(0);
  // Same guest state either way.
  expect(refused.instret).toBe(allowed.instret);
  expect(refused.x5).toBe(allowed.x5);
}, 120_000);

test('a machine with block translation switched off reports the interpreter tier', () => {
  const r = Machine.fromElf(aluLoop(), { bare: true });
  if (!r.ok) throw new Error(r.error);
  expect(r.machine.tier.kind).toBe('translated');
  r.machine.hart.jit = null;
  expect(r.machine.tier).toEqual({ kind: 'interpreter', reason: 'block translation is off' });
});
