// Whether a program can reach "Run to IPC"'s stop: it stops after an IPC send, which only a
// MOS program that calls the send makes. Read from the program's own text, so a new file of
// the student's own that calls ipc_send gets the button too.

const SENDS = /\b(ipc_send|syscall_ipc_try_send)\s*\(/;

/** True when the C source calls ipc_send or syscall_ipc_try_send (comments aside). */
export function sendsIpc(source: string): boolean {
  const code = source.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
  return SENDS.test(code);
}
