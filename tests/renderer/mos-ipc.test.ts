import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { sendsIpc } from '../../src/renderer/mos/ipc';

const user = (p: string) => readFileSync(join(__dirname, '../../resources/user', p), 'utf8');

describe('which programs Run to IPC can stop in', () => {
  test('the MOS IPC examples send; the Linux-style lab tests do not', () => {
    expect(sendsIpc(user('mos/mos_ipc.c'))).toBe(true);
    expect(sendsIpc(user('tests/cow.c'))).toBe(false);
    expect(sendsIpc(user('examples/forkbomb.c'))).toBe(false);
  });
  test('a call in a comment does not count; a call of the system call does', () => {
    expect(sendsIpc('/* ipc_send(1, 2, 0, 0); */ int main(void) { return 0; }')).toBe(false);
    expect(sendsIpc('// ipc_send(1, 2, 0, 0);\nint main(void) { return 0; }')).toBe(false);
    expect(sendsIpc('int main(void) { return syscall_ipc_try_send(1, 2, 0, 0); }')).toBe(true);
  });
});
