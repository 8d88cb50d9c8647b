/*
 * lib.h -- the MOS lab-4 user library (Beihang MOS names and signatures).
 *
 * A MOS program is a C file that includes <lib.h>; it builds with no extra
 * flag (the MOS functions are members of the same user library as libc, so
 * only the ones a program uses are linked). The lab libc stays usable:
 * printf, memcpy, exit ...
 *
 * fork: <lib.h> renames fork to mos_fork with a macro, after <unistd.h> has
 * declared libc's fork, so in a MOS program fork() is MOS's user-level fork
 * (exofork + duppage + a user COW handler) and libc's fork (the kernel's
 * clone with kernel COW) keeps its own symbol for every other program.
 *
 * env: MOS's `env` (this process's record in UENVS) is the macro env; it is
 * looked up on first use and reset by fork in the child.
 *
 * The numbers, errors, layout and struct Env come from <mos/abi.h>, the
 * header the kernel includes too.
 */
#ifndef _LIB_H
#define _LIB_H

#include <stddef.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <mos/abi.h>

typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;

/* Sv39 PTE bits (plus PTE_COW and PTE_LIBRARY from mos/abi.h). */
#define PTE_V 0x001UL
#define PTE_R 0x002UL
#define PTE_W 0x004UL
#define PTE_X 0x008UL
#define PTE_U 0x010UL
#define PTE_A 0x040UL
#define PTE_DIRTY 0x080UL
/* MOS's "dirty" bit means writable: here it is PTE_W (Sv39's own D bit is PTE_DIRTY). */
#define PTE_D PTE_W

#define PGSIZE MOS_PGSIZE
#define BY2PG MOS_PGSIZE
#define PGSHIFT 12
#define VPN(va) (((u_long)(va)) >> PGSHIFT)
#define PTE_FLAGS(pte) ((pte) & 0x3ffUL)
#define ROUND(a, n) (((((u_long)(a)) + (n)-1)) & ~((n)-1))
#define ROUNDDOWN(a, n) (((u_long)(a)) & ~((n)-1))

/* The read-only windows (mos/abi.h): check vpg, then vpd, before reading vpt. */
#define vpt ((const volatile u_long *)UVPT) /* vpt[va >> 12]: level-0 PTE */
#define vpd ((const volatile u_long *)UVPD) /* vpd[va >> 21]: level-1 PTE */
#define vpg ((const volatile u_long *)UVPG) /* vpg[va >> 30]: root PTE */
#define envs ((const volatile struct Env *)UENVS)
#define env (mos_env())
const volatile struct Env *mos_env(void);
/* Is the page holding va mapped? (walks the three windows) */
int mos_page_mapped(u_long va);

/* System calls (a7 = MOS_SYSCALL_BASE + number); negative results are -E_*. */
void syscall_putchar(int ch);
int syscall_print_cons(const void *str, u_int num);
u_int syscall_getenvid(void);
void syscall_yield(void);
int syscall_env_destroy(u_int envid);
int syscall_set_tlb_mod_entry(u_int envid, void (*func)(struct Trapframe *));
int syscall_mem_alloc(u_int envid, void *va, u_int perm);
int syscall_mem_map(u_int srcid, void *srcva, u_int dstid, void *dstva, u_int perm);
int syscall_mem_unmap(u_int envid, void *va);
/* A macro, as MOS inlines it: the child returns into the caller's own frame. */
#define syscall_exofork() ((int)__syscall(MOS_SYSCALL_BASE + SYS_exofork, 0, 0, 0, 0, 0, 0))
int syscall_set_env_status(u_int envid, u_int status);
int syscall_set_trapframe(u_int envid, struct Trapframe *tf);
void syscall_panic(const char *msg);
int syscall_ipc_try_send(u_int envid, u_int value, const void *srcva, u_int perm);
int syscall_ipc_recv(void *dstva);
int syscall_cgetc(void);

/* fork, IPC, output */
#define fork mos_fork
int mos_fork(void);
void ipc_send(u_int whom, u_int val, const void *srcva, u_int perm);
u_int ipc_recv(u_int *whom, void *dstva, u_int *perm);
void debugf(const char *fmt, ...);
void _user_panic(const char *file, int line, const char *fmt, ...);
#define user_panic(...) _user_panic(__FILE__, __LINE__, __VA_ARGS__)
#define user_assert(x)                                   \
  do {                                                   \
    if (!(x))                                            \
      _user_panic(__FILE__, __LINE__, "assertion failed: %s", #x); \
  } while (0)

#endif
