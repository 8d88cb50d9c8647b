/*
 * lab.h -- the ForkLab trace extension (docs/abi.md section 2).
 *
 * The kernel reports each event with one SBI call. On QEMU the extension
 * is absent: sbi_init probes once and the calls below become no-ops.
 */
#ifndef _LAB_H
#define _LAB_H

#include "types.h"

enum lab_event {
  LAB_FORK = 1,
  LAB_EXEC = 2,
  LAB_EXIT = 3,
  LAB_SCHED = 4,
  LAB_FAULT = 5,
  LAB_FRAME = 6,
  LAB_VMA = 7,
  LAB_VMA_REMOVE = 8,
  LAB_KTHREAD = 9,
  LAB_STATE = 10,
};

enum lab_fault_resolution {
  FAULT_DEMAND_FILE = 0,
  FAULT_DEMAND_ANON = 1,
  FAULT_COW_COPY = 2,
  FAULT_COW_REUSE = 3,
  FAULT_KILLED = 4,
  FAULT_DEMAND_SHARED = 5,
};

enum lab_frame_op { FRAME_ALLOC = 0, FRAME_GET = 1, FRAME_PUT = 2 };
enum lab_frame_use { USE_USER = 0, USE_PGTABLE = 1, USE_KSTACK = 2, USE_KERNEL = 3 };
enum lab_vma_kind { VMA_TEXT = 0, VMA_DATA = 1, VMA_BSS = 2, VMA_HEAP = 3, VMA_STACK = 4, VMA_MMAP = 5, VMA_OTHER = 6 };
enum lab_state { LAB_RUNNING = 0, LAB_SLEEPING = 1, LAB_ZOMBIE = 2, LAB_DEAD = 3 };

void lab_trace(enum lab_event ev, uint64 a0, uint64 a1, uint64 a2, uint64 a3, uint64 a4, uint64 a5);
/* Packs a name into the two registers the ABI uses (bytes 0-7, 8-15). */
uint64 lab_name_lo(const char *name);
uint64 lab_name_hi(const char *name);

#endif
