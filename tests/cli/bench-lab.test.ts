// The lab-run bench's pairing: sides alternate which runs first, the value is the median of the
// per-pair ratios (hand-computed below), a failed run on either side leaves the line out, and
// the opt-in environment hands NODE_EXTRA_CA_CERTS's bundle to the command and changes nothing else.
import { describe, expect, test } from 'vitest';
import { runPairs, withExtraCaCerts, type Timed } from '../../src/cli/bench-lab';

function scripted(times: number[], log: string[], name: string, status = 0): () => Timed {
  let i = 0;
  return () => {
    log.push(name);
    return { ms: times[i++]!, status };
  };
}

describe('lab-run-vs-qemu pairs', () => {
  test('alternate the order and take the median of the ratios', () => {
    const log: string[] = [];
    const r = runPairs(5, scripted([300, 200, 260, 220, 500], log, 'ours'), scripted([200, 250, 200, 200, 250], log, 'qemu'));
    // ratios 1.5, 0.8, 1.3, 1.1, 2.0 -> median 1.3; ours' median 260, QEMU's 200
    expect(r).toEqual({ ok: true, value: 1.3, oursMs: 260, qemuMs: 200 });
    expect(log).toEqual(['ours', 'qemu', 'qemu', 'ours', 'ours', 'qemu', 'qemu', 'ours', 'ours', 'qemu']);
  });

  test('a failed run on either side ends the measurement with the reason', () => {
    const bad = runPairs(3, scripted([1, 1, 1], [], 'ours', 1), scripted([1, 1, 1], [], 'qemu'));
    expect(bad).toMatchObject({ ok: false, error: expect.stringMatching(/^forklab run failed/) });
    const noQemu = runPairs(3, scripted([1, 1, 1], [], 'ours'), scripted([1, 1, 1], [], 'qemu', 1));
    expect(noQemu).toMatchObject({ ok: false, error: expect.stringMatching(/^QEMU did not run cleanly/) });
  });

  test("the opt-in environment hands NODE_EXTRA_CA_CERTS's bundle to the command, and nothing else", () => {
    const env = { PATH: '/usr/bin', NODE_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt', CI: 'true' };
    expect(withExtraCaCerts(env)).toEqual({ ...env, FORKLAB_EXTRA_CA_CERTS: '/etc/ssl/certs/ca-certificates.crt' });
    expect(env).not.toHaveProperty('FORKLAB_EXTRA_CA_CERTS');
  });
});
