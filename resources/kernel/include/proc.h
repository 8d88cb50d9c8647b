/*
 * proc.h -- tasks, the scheduler's states and completions.
 *
 * A task_struct sits at the bottom of its own 2-page block; the kernel
 * stack grows down from the block's top, where a trap saves the user
 * registers (struct pt_regs).
 */
#ifndef _PROC_H
#define _PROC_H

#include "types.h"
#include "list.h"
#include "mm.h"

/* Registers a trap saves; x[2] is the interrupted sp. Offsets used by entry.S. */
struct pt_regs {
  uint64 x[32];
  uint64 sepc;
  uint64 sstatus;
  uint64 stval;
  uint64 scause;
};

/* Callee-saved state kept across __switch_to (entry.S knows this layout). */
struct thread_struct {
  uint64 ra;
  uint64 sp;
  uint64 s[12];
};

/* A completion: wait_for_completion sleeps until someone calls complete. */
struct completion {
  uint32 done;
  struct list_head waiters;
};

enum task_state {
  TASK_RUNNING = 0,  /* running or ready */
  TASK_SLEEPING = 1, /* on a completion or a timer */
  TASK_ZOMBIE = 2,   /* exited, waiting for its parent to reap it */
  TASK_UNUSED = 3,
};

struct task_struct {
  struct thread_struct thread; /* must stay first */
  int pid;
  enum task_state state;
  int counter;                 /* timer ticks left in this slice */
  int exit_status;             /* wait4 status word (Linux encoding) */
  bool is_kthread;
  char name[16];
  struct task_struct *parent;
  struct mm_struct mm;         /* user address space (kthreads: kernel pgd only) */
  struct completion child_exit;/* completed whenever a child becomes a zombie */
  struct list_head wait_node;  /* link on a completion's waiters */
  uint64 wake_tick;            /* for timed sleeps */
  bool mos_slept;              /* sleeping because its env is NOT_RUNNABLE (kernel/mos.c) */
};

extern struct task_struct *current;
extern struct task_struct *task[NR_TASKS];

static inline struct pt_regs *task_pt_regs(struct task_struct *t) {
  return (struct pt_regs *)((uint64)t + KSTACK_SIZE - sizeof(struct pt_regs));
}

#endif
