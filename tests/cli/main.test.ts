import { describe, expect, test, vi } from 'vitest';
import { main } from '../../src/cli/main';

describe('forklab command', () => {
  test('rejects an unknown command with status 2 and names it', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const status = await main(['frobnicate']);
    expect(status).toBe(2);
    expect(String(err.mock.calls[0]?.[0])).toContain("unknown command 'frobnicate'");
    err.mockRestore();
  });
});
