// Hand-computed expectations for the MOS lab-4 programs (resources/user/mos), from MOS's rules
// (/work/shared/MOS.md, docs/kernel.md "MOS lab 4"): E_BAD_ENV 2, E_INVAL 3, E_NO_SYS 5,
// E_IPC_NOT_RECV 7, returned negated; legal va UTEMP (0xe000) <= va < UTOP (0x4000000000);
// ForkLab also refuses perm bits other than V R W X U COW LIBRARY. The programs print
// "<call> = <result> (expected <value>) ok|FAIL"; these tables are written here independently
// and compared with the results the programs printed.
export const MOS_PROGRAMS = ['mos_mem', 'mos_calls', 'mos_ipc', 'mos_forktree', 'mos_library', 'mos_stress', 'mos_chain'];
/** Reads a typed line with syscall_cgetc (run on its own, with console input). */
export const MOS_INTERACTIVE = 'mos_cgetc';
/** The line the tests type, and what mos_cgetc then prints. */
export const CGETC_INPUT = 'mos lab 4';
export const CGETC_LINES = ['cgetc read "mos lab 4" (9 bytes)', 'PASS mos_cgetc'];

const E_BAD_ENV = -2;
const E_INVAL = -3;
const E_NO_SYS = -5;
const E_IPC_NOT_RECV = -7;
const TRUE = 1;

export const EXPECTED_MEM: Record<string, number> = {
  'mem_alloc(0, UTEMP, PTE_W)': 0,
  'vpt[UTEMP] valid and writable': TRUE,
  'new page reads back': TRUE,
  'mem_alloc(0, UTOP)': E_INVAL,
  'mem_alloc(0, NULL)': E_INVAL,
  'mem_alloc(0, UTEMP - PGSIZE)': E_INVAL,
  'mem_alloc(0, kernel va)': E_INVAL,
  'mem_alloc(0, UVPT)': E_INVAL,
  'mem_alloc(no such env)': E_BAD_ENV,
  'mem_alloc(stale envid)': E_BAD_ENV,
  'mem_alloc(perm with PTE_A)': E_INVAL,
  'mem_alloc(perm with bit 10)': E_INVAL,
  'mem_alloc(0, 0x3f00000000, PTE_W)': 0,
  'mem_alloc replaces the old page': 0,
  'PAGE1 untouched by failed calls': 'm'.charCodeAt(0),
  'mem_map(UTEMP -> UTEMP+PGSIZE, PTE_W)': 0,
  'alias shares the frame': TRUE,
  'mem_map(dst UTOP)': E_INVAL,
  'mem_map(src NULL)': E_INVAL,
  'mem_map(dst kernel va)': E_INVAL,
  'mem_map(src not mapped)': E_INVAL,
  'mem_map(no such src env)': E_BAD_ENV,
  'mem_map(no such dst env)': E_BAD_ENV,
  'mem_map(perm with PTE_DIRTY)': E_INVAL,
  'mem_unmap(0, UTEMP+PGSIZE)': 0,
  'vpt[UTEMP+PGSIZE] gone': 0,
  'mem_unmap again (nothing mapped)': 0,
  'mem_unmap(0, UTOP)': E_INVAL,
  'mem_unmap(0, below UTEMP)': E_INVAL,
  'mem_unmap(no such env)': E_BAD_ENV,
  'PAGE1 still mapped': 'm'.charCodeAt(0),
  'mem_alloc(child, UTEMP)': 0,
  'mem_map(self -> child)': 0,
  'mem_map(child -> self)': 0,
  'mem_unmap(child, UTEMP)': 0,
  'env_destroy(child)': 0,
  "destroyed child's status is SIGKILL": 9,
  'mem_alloc(destroyed child)': E_BAD_ENV,
  'child: parent and kinit are not its children': 0,
  'write to a read-only mapping kills the child (SIGSEGV)': 11,
  'write to the vpt window kills the child (SIGSEGV)': 11,
  'write to UENVS kills the child (SIGSEGV)': 11,
};

/** mos_calls runs as the first program of its boot: envid 0x1802 (counter 3, slot 2). */
export const EXPECTED_CALLS: Record<string, number> = {
  'getenvid == env->env_id': TRUE,
  'envid has a generation': TRUE,
  'env->env_status': 1,
  'print_cons("ok\\n", 3)': 0,
  'print_cons(UTOP - 1, 2)': E_INVAL,
  'print_cons(UTOP, 1)': E_INVAL,
  'print_cons(wraps)': E_INVAL,
  'unknown call 16': E_NO_SYS,
  'unknown call 99': E_NO_SYS,
  'set_tlb_mod_entry(no such env)': E_BAD_ENV,
  'set_tlb_mod_entry(0, handler)': 0,
  'env records the handler': TRUE,
  'exofork returns an envid': TRUE,
  'child is NOT_RUNNABLE': 2,
  'handler not inherited': 0,
  'set_env_status(child, 0)': E_INVAL,
  'set_env_status(child, 3)': E_INVAL,
  'set_env_status(no such env)': E_BAD_ENV,
  'set_env_status(kinit)': E_BAD_ENV,
  'set_trapframe(0, UTOP)': E_INVAL,
  'set_trapframe(0, NULL)': E_INVAL,
  'set_trapframe(no such env)': E_BAD_ENV,
  'set_trapframe(child, tf)': 0,
  'set_env_status(child, RUNNABLE)': 0,
  "child exits 42 from the frame's pc": 42,
  'set_env_status(exited child)': E_BAD_ENV,
  'ipc_recv(UTOP)': E_INVAL,
  'ipc_recv(below UTEMP)': E_INVAL,
  'ipc_try_send(no such env)': E_BAD_ENV,
  'ipc_try_send(kinit, not receiving)': E_IPC_NOT_RECV,
  'ipc_try_send(srcva UTOP)': E_INVAL,
  'child is receiving, NOT_RUNNABLE': 2,
  'ipc_try_send(srcva not mapped)': E_INVAL,
  'ipc_try_send(bad perm)': E_INVAL,
  'ipc_try_send(child, 77, page)': 0,
  'ipc_try_send again (no longer receiving)': E_IPC_NOT_RECV,
  'child set itself NOT_RUNNABLE': 2,
  'set_env_status(child, RUNNABLE) wakes it': 0,
  'child got the value and the page': 0,
  'env_destroy(no such env)': E_BAD_ENV,
  'env_destroy(kinit)': E_BAD_ENV,
  'env_destroy(receiving child)': 0,
  'destroyed child: SIGKILL': 1009,
  'env_destroy(0) ends the caller: status 0': 0,
  'panic kills only the caller: SIGKILL': 1009,
  'nested COW fault stays on the exception stack': 0,
  'COW fault without a handler: SIGSEGV': 1011,
  'still alive': TRUE,
};

/**
 * Problems with the "<call> = <got> (expected <want>) ok" lines of one program: a call of the
 * table missing, printed twice, or with a result other than the table's.
 */
export function checkLines(console: string, table: Record<string, number>): string[] {
  const got = new Map<string, number[]>();
  for (const line of console.split('\n')) {
    const m = /^(.+) = (-?\d+) \(expected -?\d+\) (?:ok|FAIL)$/.exec(line);
    if (m && m[1]! in table) got.set(m[1]!, [...(got.get(m[1]!) ?? []), Number(m[2])]);
  }
  const problems: string[] = [];
  for (const [call, want] of Object.entries(table)) {
    const values = got.get(call) ?? [];
    if (values.length !== 1 || values[0] !== want) problems.push(`${call}: got ${JSON.stringify(values)}, want ${want}`);
  }
  return problems;
}

/** The console lines of MOS's ping-pong between parent p and child c, counting to 10. */
export function pingPongLines(p: number, c: number): string[] {
  const hex = (n: number) => n.toString(16);
  const lines = [`@@@@@send 0 from ${hex(p)} to ${hex(c)}`];
  for (let n = 0; n <= 10; n++) {
    const [to, from] = n % 2 === 0 ? [c, p] : [p, c];
    lines.push(`${hex(to)} got ${n} from ${hex(from)}`);
    if (n < 10) lines.push(`@@@@@send ${n + 1} from ${hex(to)} to ${hex(from)}`);
  }
  return lines;
}
