/*
 * lab.h -- the ForkLab trace extension (docs/abi.md section 2).
 *
 * GENERATED from src/common/lab-abi.ts by scripts/gen-lab-h.mjs: do not edit
 * by hand (tests/common/lab-abi.test.ts checks it).
 *
 * The kernel reports each event with one SBI call. On QEMU the extension
 * is absent: sbi_init probes once and the calls below become no-ops.
 */
#ifndef _LAB_H
#define _LAB_H

#include "types.h"

enum lab_event {
  LAB_FORK = 1, /* a0 parent, a1 child, a2 pgd */
  LAB_EXEC = 2, /* a0 pid, a1 pgd, a2-a3 name, a4 entry */
  LAB_EXIT = 3, /* a0 pid, a1 code, a2 killed */
  LAB_SCHED = 4, /* a0 prev, a1 next */
  LAB_FAULT = 5, /* a0 pid, a1 va, a2 scause, a3 resolution, a4 frame, a5 oldFrame */
  LAB_FRAME = 6, /* a0 addr, a1 refcount, a2 op, a3 use, a4 order */
  LAB_VMA = 7, /* a0 pid, a1 start, a2 end, a3 flags, a4 kind, a5 offset */
  LAB_VMA_REMOVE = 8, /* a0 pid, a1 start, a2 end */
  LAB_KTHREAD = 9, /* a0 pid, a1 parent, a2-a3 name */
  LAB_STATE = 10, /* a0 pid, a1 state */
  LAB_EXOFORK = 11, /* a0 parent, a1 child, a2 pgd, a3 envid */
  LAB_ENV_STATUS = 12, /* a0 pid, a1 status, a2 envid */
  LAB_IPC_RECV = 13, /* a0 pid, a1 dstva */
  LAB_IPC_SEND = 14, /* a0 from, a1 to, a2 value, a3 dstva, a4 perm, a5 frame */
  LAB_USER_FAULT = 15, /* a0 pid, a1 va, a2 frame, a3 handler, a4 sp */
  LAB_MEM = 16, /* a0 pid, a1 target, a2 va, a3 op, a4 frame, a5 perm */
  LAB_ENV = 17, /* a0 pid, a1 envid, a2 parentEnvid */
};

enum lab_fault_resolution {
  FAULT_DEMAND_FILE = 0, /* demand-file */
  FAULT_DEMAND_ANON = 1, /* demand-anon */
  FAULT_COW_COPY = 2, /* cow-copy */
  FAULT_COW_REUSE = 3, /* cow-reuse */
  FAULT_KILLED = 4, /* killed */
  FAULT_DEMAND_SHARED = 5, /* demand-shared */
};

enum lab_frame_op {
  FRAME_ALLOC = 0, /* alloc */
  FRAME_GET = 1, /* get */
  FRAME_PUT = 2, /* put */
};

enum lab_frame_use {
  USE_USER = 0, /* user */
  USE_PGTABLE = 1, /* pagetable */
  USE_KSTACK = 2, /* kstack */
  USE_KERNEL = 3, /* kernel */
};

enum lab_vma_kind {
  VMA_TEXT = 0, /* text */
  VMA_DATA = 1, /* data */
  VMA_BSS = 2, /* bss */
  VMA_HEAP = 3, /* heap */
  VMA_STACK = 4, /* stack */
  VMA_MMAP = 5, /* mmap */
  VMA_OTHER = 6, /* other */
};

enum lab_state {
  LAB_RUNNING = 0, /* running */
  LAB_SLEEPING = 1, /* sleeping */
  LAB_ZOMBIE = 2, /* zombie */
  LAB_DEAD = 3, /* dead */
};

enum lab_env_status {
  LAB_ENV_RUNNABLE = 1, /* runnable */
  LAB_ENV_NOT_RUNNABLE = 2, /* not-runnable */
};

enum lab_mem_op {
  LAB_MEM_ALLOC = 6, /* alloc */
  LAB_MEM_MAP = 7, /* map */
  LAB_MEM_UNMAP = 8, /* unmap */
};

void lab_trace(enum lab_event ev, uint64 a0, uint64 a1, uint64 a2, uint64 a3, uint64 a4, uint64 a5);
/* Packs a name into the two registers the ABI uses (bytes 0-7, 8-15). */
uint64 lab_name_lo(const char *name);
uint64 lab_name_hi(const char *name);

#endif
