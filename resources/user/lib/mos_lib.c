/*
 * mos_lib.c -- the rest of MOS's user library: env, debugf, user_panic,
 * IPC and the user-level fork with its copy-on-write handler (MOS's
 * user/lib/fork.c, on Sv39: the page tables are read through the vpg, vpd
 * and vpt windows).
 */
#include <lib.h>

static const volatile struct Env *env_cache;

const volatile struct Env *mos_env(void) {
  if (env_cache == 0)
    env_cache = &envs[ENVX(syscall_getenvid())];
  return env_cache;
}

int mos_page_mapped(u_long va) {
  if (va >= UTOP)
    return 0;
  return (vpg[va >> 30] & PTE_V) && (vpd[va >> 21] & PTE_V) && (vpt[va >> 12] & PTE_V);
}

static void vdebugf(const char *fmt, va_list ap) {
  char buf[512];
  int n = vsnprintf(buf, sizeof buf, fmt, ap);
  if (n > (int)sizeof buf - 1)
    n = sizeof buf - 1;
  if (n > 0)
    syscall_print_cons(buf, (u_int)n);
}

void debugf(const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vdebugf(fmt, ap);
  va_end(ap);
}

/* Prints where and why, then ends the process (exit status 1). */
void _user_panic(const char *file, int line, const char *fmt, ...) {
  va_list ap;
  fflush(stdout);
  debugf("panic at %s:%d: ", file, line);
  va_start(ap, fmt);
  vdebugf(fmt, ap);
  va_end(ap);
  debugf("\n");
  exit(1);
}

void ipc_send(u_int whom, u_int val, const void *srcva, u_int perm) {
  int r;
  while ((r = syscall_ipc_try_send(whom, val, srcva, perm)) == -E_IPC_NOT_RECV)
    syscall_yield();
  if (r != 0)
    user_panic("ipc_send to %x: error %d", whom, r);
}

u_int ipc_recv(u_int *whom, void *dstva, u_int *perm) {
  int r = syscall_ipc_recv(dstva);
  if (r != 0)
    user_panic("ipc_recv: error %d", r);
  if (whom)
    *whom = env->env_ipc_from;
  if (perm)
    *perm = env->env_ipc_perm;
  return env->env_ipc_value;
}

/* The user COW handler: runs on the exception stack with a copy of the faulting trap frame. */
static void cow_entry(struct Trapframe *tf) {
  u_long va = ROUNDDOWN(tf->stval, PGSIZE);
  u_int perm = (u_int)(vpt[VPN(va)] & MOS_PERM_MASK);
  int r;
  if (!(perm & PTE_COW))
    user_panic("cow_entry: va %lx is not a COW page", va);
  perm = (perm & ~(u_int)PTE_COW) | (u_int)PTE_W;
  if ((r = syscall_mem_alloc(0, (void *)UCOW, PTE_W)) != 0)
    user_panic("cow_entry: mem_alloc: %d", r);
  memcpy((void *)UCOW, (void *)va, PGSIZE);
  if ((r = syscall_mem_map(0, (void *)UCOW, 0, (void *)va, perm)) != 0)
    user_panic("cow_entry: mem_map: %d", r);
  if ((r = syscall_mem_unmap(0, (void *)UCOW)) != 0)
    user_panic("cow_entry: mem_unmap: %d", r);
  r = syscall_set_trapframe(0, tf);
  user_panic("cow_entry: set_trapframe returned %d", r);
}

/*
 * Maps page vpn into the child: a writable page that is not LIBRARY turns
 * COW, in the child first and then in the parent (the other order would let
 * the parent's own stack write fault before the child has the page);
 * LIBRARY and read-only pages are shared as they are.
 */
static void duppage(u_int child, u_long vpn) {
  void *va = (void *)(vpn << PGSHIFT);
  u_int perm = (u_int)(vpt[vpn] & MOS_PERM_MASK);
  int r;
  if ((perm & PTE_W) && !(perm & PTE_LIBRARY)) {
    perm = (perm & ~(u_int)PTE_W) | (u_int)PTE_COW;
    if ((r = syscall_mem_map(0, va, child, va, perm)) != 0 || (r = syscall_mem_map(0, va, 0, va, perm)) != 0)
      user_panic("duppage %lx: %d", (u_long)va, r);
  } else if ((r = syscall_mem_map(0, va, child, va, perm)) != 0) {
    user_panic("duppage %lx: %d", (u_long)va, r);
  }
}

/* MOS's user-level fork. <lib.h> maps fork() to this. */
int mos_fork(void) {
  int child;
  if (env->env_user_tlb_mod_entry != (u_long)cow_entry)
    syscall_set_tlb_mod_entry(0, cow_entry);
  child = syscall_exofork();
  if (child == 0) {
    env_cache = &envs[ENVX(syscall_getenvid())];
    return 0;
  }
  if (child < 0)
    return child;
  /* Every mapped user page below USTACKTOP except the exception stack, found through the windows. */
  for (u_long i = 0; i < 256; i++) {
    if (!(vpg[i] & PTE_V))
      continue;
    for (u_long j = 0; j < 512; j++) {
      u_long l1 = (i << 9) | j;
      if (!(vpd[l1] & PTE_V))
        continue;
      for (u_long k = 0; k < 512; k++) {
        u_long vpn = (l1 << 9) | k;
        if (vpn == VPN(UXSTACKTOP - PGSIZE) || vpn >= VPN(USTACKTOP))
          continue;
        if (vpt[vpn] & PTE_V)
          duppage((u_int)child, vpn);
      }
    }
  }
  syscall_set_tlb_mod_entry((u_int)child, cow_entry);
  syscall_set_env_status((u_int)child, ENV_RUNNABLE);
  return child;
}
