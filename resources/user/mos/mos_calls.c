/*
 * mos_calls -- every other MOS system call, with its success and failure
 * cases: getenvid, putchar, print_cons, yield, unknown numbers, exofork,
 * set_env_status, set_tlb_mod_entry, set_trapframe, ipc_try_send,
 * ipc_recv, env_destroy, panic, a nested COW fault (a fault inside the
 * handler stays on the exception stack) and a COW fault with no handler
 * (only that process dies). Each line: call, result, expected; one verdict at the end.
 */
#include <lib.h>
#include <sys/wait.h>

#define NO_ENV 0x7ffff7ffu

static int bad;

static void check(const char *what, long got, long want) {
  debugf("%s = %ld (expected %ld) %s\n", what, got, want, got == want ? "ok" : "FAIL");
  if (got != want)
    bad = 1;
}

static int wait_status(void) {
  int status = 0;
  wait(&status);
  return WIFSIGNALED(status) ? 1000 + WTERMSIG(status) : WEXITSTATUS(status);
}

static void handler(struct Trapframe *tf) { (void)tf; }

/* Where set_trapframe starts an exofork child: on its own, demand-paged stack. */
static void started(u_long arg) {
  debugf("started by set_trapframe with a0 = %lx in %x\n", arg, syscall_getenvid());
  exit(arg == 0x5eed ? 42 : 1);
}

static int cow_without_handler(void) {
  syscall_set_tlb_mod_entry(0, 0);
  syscall_mem_alloc(0, (void *)UTEMP, PTE_W);
  syscall_mem_map(0, (void *)UTEMP, 0, (void *)UTEMP, PTE_COW); /* read-only, COW */
  debugf("child %x: writing a COW page with no handler\n", syscall_getenvid());
  *(volatile int *)UTEMP = 1;
  return 0; /* not reached */
}

/* Two pages of data, present before the fork, so both are COW in the child. */
static char pages[3 * 4096] = {1};
#define PAGE_A ((volatile char *)ROUND(pages, PGSIZE))
#define PAGE_B (PAGE_A + PGSIZE)
#define FAULT_LOG ((volatile u_long *)UTEMP) /* [0] = count, then each handler's tf */

/* Gives the faulting page a private writable copy, as cow_entry does, and resumes tf. */
static void resolve(struct Trapframe *tf) {
  u_long va = ROUNDDOWN(tf->stval, PGSIZE);
  syscall_mem_alloc(0, (void *)UCOW, PTE_W);
  memcpy((void *)UCOW, (void *)va, PGSIZE);
  syscall_mem_map(0, (void *)UCOW, 0, (void *)va, PTE_W);
  syscall_mem_unmap(0, (void *)UCOW);
  syscall_set_trapframe(0, tf);
}

/* The first fault writes PAGE_B (COW too) inside the handler: a nested fault. */
static void nesting_handler(struct Trapframe *tf) {
  u_long n = FAULT_LOG[0];
  FAULT_LOG[0] = n + 1;
  FAULT_LOG[n + 1] = (u_long)tf;
  if (n == 0)
    PAGE_B[0] = 'b';
  resolve(tf);
}

static int nested_cow(void) {
  syscall_mem_alloc(0, (void *)UTEMP, PTE_W); /* the log: private, not COW */
  syscall_set_tlb_mod_entry(0, nesting_handler);
  PAGE_A[0] = 'a';
  if (FAULT_LOG[0] != 2 || PAGE_A[0] != 'a' || PAGE_B[0] != 'b')
    return 1;
  /* the outer copy just below UXSTACKTOP, the nested one below it on the same stack */
  if (FAULT_LOG[1] >= UXSTACKTOP || FAULT_LOG[1] < UXSTACKTOP - sizeof(struct Trapframe) - 16)
    return 2;
  if (FAULT_LOG[2] >= FAULT_LOG[1] - sizeof(struct Trapframe) || FAULT_LOG[2] < UXSTACKTOP - PGSIZE)
    return 3;
  return 0;
}

static int call_panic(void) {
  syscall_panic("boom");
  return 0;
}

static int wait_for_page(void) {
  u_int who, perm;
  u_int v = ipc_recv(&who, (void *)UTEMP, &perm);
  syscall_set_env_status(0, ENV_NOT_RUNNABLE); /* sleep until the parent wakes us */
  return v == 77 && (perm & PTE_W) && strcmp((char *)UTEMP, "ipc page") == 0 ? 0 : 1;
}

int main(void) {
  u_int me = syscall_getenvid(), child;
  long r;
  struct Trapframe tf;

  check("getenvid == env->env_id", me == env->env_id, 1);
  check("ENVX(getenvid) == getpid", ENVX(me), getpid());
  check("envid has a generation", me >> (1 + LOG2NENV) != 0, 1);
  check("env->env_status", env->env_status, ENV_RUNNABLE);
  syscall_putchar('#');
  syscall_putchar('\n');
  check("print_cons(\"ok\\n\", 3)", syscall_print_cons("ok\n", 3), 0);
  check("print_cons(UTOP - 1, 2)", syscall_print_cons((void *)(UTOP - 1), 2), -E_INVAL);
  check("print_cons(UTOP, 1)", syscall_print_cons((void *)UTOP, 1), -E_INVAL);
  check("print_cons(wraps)", syscall_print_cons((void *)~0UL, 2), -E_INVAL);
  syscall_yield();
  check("unknown call 16", __syscall(MOS_SYSCALL_BASE + 16, 0, 0, 0, 0, 0, 0), -E_NO_SYS);
  check("unknown call 99", __syscall(MOS_SYSCALL_BASE + 99, 0, 0, 0, 0, 0, 0), -E_NO_SYS);

  /* set_tlb_mod_entry */
  check("set_tlb_mod_entry(no such env)", syscall_set_tlb_mod_entry(NO_ENV, handler), -E_BAD_ENV);
  check("set_tlb_mod_entry(0, handler)", syscall_set_tlb_mod_entry(0, handler), 0);
  check("env records the handler", env->env_user_tlb_mod_entry == (u_long)handler, 1);

  /* exofork + set_trapframe + set_env_status */
  child = (u_int)syscall_exofork();
  if (child == 0) {
    debugf("FAIL: exofork child returned on the parent's stack\n");
    exit(1);
  }
  check("exofork returns an envid", ENVX(child) != ENVX(me) && child != 0, 1);
  check("child is NOT_RUNNABLE", envs[ENVX(child)].env_status, ENV_NOT_RUNNABLE);
  check("child's parent", envs[ENVX(child)].env_parent_id, me);
  check("handler not inherited", envs[ENVX(child)].env_user_tlb_mod_entry, 0);
  check("set_env_status(child, 0)", syscall_set_env_status(child, 0), -E_INVAL);
  check("set_env_status(child, 3)", syscall_set_env_status(child, 3), -E_INVAL);
  check("set_env_status(no such env)", syscall_set_env_status(NO_ENV, ENV_RUNNABLE), -E_BAD_ENV);
  check("set_env_status(kinit)", syscall_set_env_status(0x1001, ENV_RUNNABLE), -E_BAD_ENV);
  memset(&tf, 0, sizeof tf);
  tf.sepc = (u_long)started;
  tf.regs[10] = 0x5eed;
  tf.regs[2] = USTACKTOP - 0x10000; /* inside the stack VMA the child inherited */
  check("set_trapframe(0, UTOP)", syscall_set_trapframe(0, (void *)UTOP), -E_INVAL);
  check("set_trapframe(0, NULL)", syscall_set_trapframe(0, 0), -E_INVAL);
  check("set_trapframe(no such env)", syscall_set_trapframe(NO_ENV, &tf), -E_BAD_ENV);
  check("set_trapframe(child, tf)", syscall_set_trapframe(child, &tf), 0);
  check("set_env_status(child, RUNNABLE)", syscall_set_env_status(child, ENV_RUNNABLE), 0);
  check("child exits 42 from the frame's pc", wait_status(), 42);
  check("set_env_status(exited child)", syscall_set_env_status(child, ENV_RUNNABLE), -E_BAD_ENV);

  /* IPC */
  check("ipc_recv(UTOP)", syscall_ipc_recv((void *)UTOP), -E_INVAL);
  check("ipc_recv(below UTEMP)", syscall_ipc_recv((void *)0x1000), -E_INVAL);
  check("ipc_try_send(no such env)", syscall_ipc_try_send(NO_ENV, 1, 0, 0), -E_BAD_ENV);
  check("ipc_try_send(kinit, not receiving)", syscall_ipc_try_send(0x1001, 1, 0, 0), -E_IPC_NOT_RECV);
  check("ipc_try_send(srcva UTOP)", syscall_ipc_try_send(0x1001, 1, (void *)UTOP, 0), -E_INVAL);
  child = (u_int)fork();
  if (child == 0)
    exit(wait_for_page());
  while (envs[ENVX(child)].env_ipc_recving == 0)
    syscall_yield();
  check("child is receiving, NOT_RUNNABLE", envs[ENVX(child)].env_status, ENV_NOT_RUNNABLE);
  check("ipc_try_send(srcva not mapped)", syscall_ipc_try_send(child, 1, (void *)UTEMP, PTE_W), -E_INVAL);
  check("ipc_try_send(bad perm)", syscall_ipc_try_send(child, 1, 0, 1u << 11), -E_INVAL);
  syscall_mem_alloc(0, (void *)UTEMP, PTE_W);
  strcpy((char *)UTEMP, "ipc page");
  check("ipc_try_send(child, 77, page)", syscall_ipc_try_send(child, 77, (void *)UTEMP, PTE_W), 0);
  check("ipc_try_send again (no longer receiving)", syscall_ipc_try_send(child, 78, 0, 0), -E_IPC_NOT_RECV);
  while (envs[ENVX(child)].env_status != ENV_NOT_RUNNABLE)
    syscall_yield();
  check("child set itself NOT_RUNNABLE", envs[ENVX(child)].env_status, ENV_NOT_RUNNABLE);
  check("set_env_status(child, RUNNABLE) wakes it", syscall_set_env_status(child, ENV_RUNNABLE), 0);
  check("child got the value and the page", wait_status(), 0);

  /* env_destroy, panic, COW without a handler */
  check("env_destroy(no such env)", syscall_env_destroy(NO_ENV), -E_BAD_ENV);
  check("env_destroy(kinit)", syscall_env_destroy(0x1001), -E_BAD_ENV);
  child = (u_int)fork();
  if (child == 0) {
    ipc_recv(0, 0, 0); /* blocks until destroyed */
    exit(1);
  }
  while (envs[ENVX(child)].env_ipc_recving == 0)
    syscall_yield();
  check("env_destroy(receiving child)", syscall_env_destroy(child), 0);
  check("destroyed child: SIGKILL", wait_status(), 1009);
  if (fork() == 0) {
    syscall_env_destroy(0); /* "[id] destroying id", then the caller ends with status 0 */
    exit(1);
  }
  check("env_destroy(0) ends the caller: status 0", wait_status(), 0);
  if (fork() == 0)
    exit(call_panic());
  check("panic kills only the caller: SIGKILL", wait_status(), 1009);
  PAGE_A[0] = 1; /* both pages present before the fork */
  PAGE_B[0] = 1;
  if (fork() == 0)
    exit(nested_cow());
  check("nested COW fault stays on the exception stack", wait_status(), 0);
  if (fork() == 0)
    exit(cow_without_handler());
  check("COW fault without a handler: SIGSEGV", wait_status(), 1011);

  r = syscall_getenvid();
  check("still alive", r == me, 1);
  debugf("%s mos_calls\n", bad ? "FAIL" : "PASS");
  return bad;
}
