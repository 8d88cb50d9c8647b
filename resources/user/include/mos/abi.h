/*
 * mos/abi.h -- the MOS lab-4 contract between the kernel and the user library.
 *
 * The one copy of the MOS system call numbers, error codes, env record and
 * address-space layout (as xv6's syscall.h is shared by its kernel and
 * user library): resources/kernel includes it as "mos/abi.h" (Makefile:
 * -idirafter ../user/include), user programs get it through <lib.h>.
 * Plain C with only built-in types, so both gcc and ForkLab's compiler read it.
 *
 * Calling convention: ecall with a7 = MOS_SYSCALL_BASE + the MOS number
 * (so SYS_putchar is a7 = 1000, SYS_cgetc is a7 = 1015), arguments in a0-a4,
 * the result in a0: >= 0 on success, -E_* (below) on failure. One kernel
 * dispatcher serves these and the Linux-style numbers (63 read ... 260 wait4).
 */
#ifndef _MOS_ABI_H
#define _MOS_ABI_H

/* ---- system calls: a7 = MOS_SYSCALL_BASE + number (MOS's numbering) ---- */
#define MOS_SYSCALL_BASE 1000
#define SYS_putchar 0
#define SYS_print_cons 1
#define SYS_getenvid 2
#define SYS_yield 3
#define SYS_env_destroy 4
#define SYS_set_tlb_mod_entry 5
#define SYS_mem_alloc 6
#define SYS_mem_map 7
#define SYS_mem_unmap 8
#define SYS_exofork 9
#define SYS_set_env_status 10
#define SYS_set_trapframe 11
#define SYS_panic 12
#define SYS_ipc_try_send 13
#define SYS_ipc_recv 14
#define SYS_cgetc 15
#define MAX_SYSNO 16
#define MOS_SYSCALL_END (MOS_SYSCALL_BASE + 100) /* a7 in [1000, 1100) is a MOS call; unknown ones give -E_NO_SYS */

/* ---- errors, returned negated (MOS's values) ---- */
#define E_UNSPECIFIED 1
#define E_BAD_ENV 2
#define E_INVAL 3
#define E_NO_MEM 4
#define E_NO_SYS 5
#define E_NO_FREE_ENV 6
#define E_IPC_NOT_RECV 7

/* ---- page-table bits a MOS call accepts in perm (Sv39 PTE bits) ---- */
#define PTE_COW (1UL << 8)     /* RSW bit 8: copy-on-write, handled by the user's handler */
#define PTE_LIBRARY (1UL << 9) /* RSW bit 9: stays shared and writable across fork */
/* V R W X U, COW, LIBRARY. Anything else in perm is -E_INVAL (the course does not check). */
#define MOS_PERM_MASK 0x31fUL

/* ---- envs ---- */
#define LOG2NENV 10
#define NENV (1 << LOG2NENV)
#define ENVX(envid) ((envid) & (NENV - 1))
#define NENV_SLOTS 64 /* = the kernel's process table (NR_TASKS): ENVX(id) is the pid */
#define ENV_FREE 0
#define ENV_RUNNABLE 1
#define ENV_NOT_RUNNABLE 2

/* One env record; envs[ENVX(id)] in the UENVS window. 64 bytes, 64 slots: one page. */
struct Env {
  unsigned int env_id;          /* mkenvid: (++counter << (1 + LOG2NENV)) | slot; never 0 */
  unsigned int env_parent_id;   /* the creator's env_id (0 for the idle task) */
  unsigned int env_status;      /* ENV_FREE, ENV_RUNNABLE, ENV_NOT_RUNNABLE */
  unsigned int env_pid;         /* ForkLab's pid (= the slot) */
  unsigned int env_ipc_value;   /* the last value received */
  unsigned int env_ipc_from;    /* its sender's env_id */
  unsigned int env_ipc_recving; /* 1 while blocked in ipc_recv */
  unsigned int env_ipc_perm;    /* perm of the page received (0: none) */
  unsigned long env_ipc_dstva;  /* where ipc_recv wants a page (0: none) */
  unsigned long env_user_tlb_mod_entry; /* the COW handler (0: none) */
  unsigned long env_runs;       /* times it was scheduled */
  unsigned long env_pad;
};

/*
 * The registers a trap saves, in the kernel's struct pt_regs order (the
 * kernel checks the layout at compile time). A COW fault hands the user
 * handler a copy of this in a0.
 */
struct Trapframe {
  unsigned long regs[32]; /* x0..x31; regs[2] = sp, regs[10] = a0 */
  unsigned long sepc;     /* the faulting instruction */
  unsigned long sstatus;
  unsigned long stval;    /* the faulting address */
  unsigned long scause;
};

/* ---- address-space layout (Sv39) ---- */
#define MOS_PGSIZE 4096UL
#define UTEMP 0xe000UL                 /* lowest va a MOS call accepts (a scratch page) */
#define UCOW 0xf000UL                  /* the COW handler's temporary page */
#define UTEXT 0x10000UL                /* programs are linked here (user.ld) */
#define UXSTACKTOP 0x3fffeff000UL      /* user exception stack: the page below, a guard page above */
#define USTACKTOP 0x4000000000UL       /* the ordinary stack: the 1 MiB below */
#define UTOP 0x4000000000UL            /* legal va: UTEMP <= va < UTOP */
/*
 * Read-only windows, above UTOP in Sv39's upper half (root entry 256),
 * mapped R+U (never W) into a process once it makes its first MOS call:
 *   vpt[va >> 12] = the level-0 PTE of va   (UVPT: one page per level-0 table)
 *   vpd[va >> 21] = the level-1 PTE of va   (UVPD: one page per level-1 table)
 *   vpg[va >> 30] = the root PTE of va      (UVPG: the root table, entries 0..255 are user)
 *   envs[]                                  (UENVS: the env records)
 * A window page exists only where the table it shows exists: check vpg,
 * then vpd, before reading vpt.
 */
#define UWINDOW 0xffffffc000000000UL
#define UVPT 0xffffffc000000000UL      /* 512 MiB */
#define UVPD 0xffffffc020000000UL      /* 1 MiB */
#define UVPG 0xffffffc020100000UL      /* 4 KiB */
#define UENVS 0xffffffc020101000UL     /* 4 KiB */
#define UWINDOW_END 0xffffffc020102000UL

#endif
