/* mos_syscall.c -- MOS's syscall_* wrappers: a7 = MOS_SYSCALL_BASE + number (mos/abi.h). */
#include <lib.h>

static long msys(int n, long a0, long a1, long a2, long a3, long a4) {
  return __syscall(MOS_SYSCALL_BASE + n, a0, a1, a2, a3, a4, 0);
}

void syscall_putchar(int ch) { msys(SYS_putchar, ch, 0, 0, 0, 0); }
int syscall_print_cons(const void *str, u_int num) { return (int)msys(SYS_print_cons, (long)str, num, 0, 0, 0); }
u_int syscall_getenvid(void) { return (u_int)msys(SYS_getenvid, 0, 0, 0, 0, 0); }
void syscall_yield(void) { msys(SYS_yield, 0, 0, 0, 0, 0); }
int syscall_env_destroy(u_int envid) { return (int)msys(SYS_env_destroy, envid, 0, 0, 0, 0); }
int syscall_set_tlb_mod_entry(u_int envid, void (*func)(struct Trapframe *)) {
  return (int)msys(SYS_set_tlb_mod_entry, envid, (long)func, 0, 0, 0);
}
int syscall_mem_alloc(u_int envid, void *va, u_int perm) { return (int)msys(SYS_mem_alloc, envid, (long)va, perm, 0, 0); }
int syscall_mem_map(u_int srcid, void *srcva, u_int dstid, void *dstva, u_int perm) {
  return (int)msys(SYS_mem_map, srcid, (long)srcva, dstid, (long)dstva, perm);
}
int syscall_mem_unmap(u_int envid, void *va) { return (int)msys(SYS_mem_unmap, envid, (long)va, 0, 0, 0); }
int syscall_set_env_status(u_int envid, u_int status) { return (int)msys(SYS_set_env_status, envid, status, 0, 0, 0); }
int syscall_set_trapframe(u_int envid, struct Trapframe *tf) { return (int)msys(SYS_set_trapframe, envid, (long)tf, 0, 0, 0); }
void syscall_panic(const char *msg) {
  msys(SYS_panic, (long)msg, 0, 0, 0, 0);
  for (;;)
    ;
}
int syscall_ipc_try_send(u_int envid, u_int value, const void *srcva, u_int perm) {
  return (int)msys(SYS_ipc_try_send, envid, value, (long)srcva, perm, 0);
}
int syscall_ipc_recv(void *dstva) { return (int)msys(SYS_ipc_recv, (long)dstva, 0, 0, 0, 0); }
int syscall_cgetc(void) { return (int)msys(SYS_cgetc, 0, 0, 0, 0, 0); }
