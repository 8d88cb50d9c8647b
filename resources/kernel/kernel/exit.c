/*
 * exit.c -- how a task ends and how its parent learns about it.
 *
 * An exiting task frees its address space at once, gives its children to
 * kinit (pid 1), becomes a zombie holding only its status, and completes
 * its parent's child_exit. The parent's wait4 reaps the zombie: the pid
 * and the kernel stack are free again only then.
 *
 * Status words use Linux's encoding: exit code << 8, or the signal number
 * for a task the kernel killed (SIGSEGV 11 for a bad memory access).
 */
#include "defs.h"
#include "signal.h"
#include "errno.h"
#include "riscv.h"
#include "lab.h"

static void exit_task(int wstatus, int how) __attribute__((noreturn));

static void exit_task(int wstatus, int how) {
  struct task_struct *t = current;
  struct task_struct *init = task[1];
  intr_save();
  if (t->pid <= 1)
    PANIC("exit_task: pid %d must not exit", t->pid);
  if (t->mm.pgd) {
    csr_write(satp, MAKE_SATP(VA2PA(swapper_pg_dir)));
    sfence_vma();
    mm_release(&t->mm);
  }
  for (int i = 1; i < NR_TASKS; i++) {
    struct task_struct *c = task[i];
    if (c && c->parent == t) {
      c->parent = init;
      if (c->state == TASK_ZOMBIE)
        complete(&init->child_exit);
    }
  }
  mos_env_exit(t);
  t->exit_status = wstatus;
  lab_trace(LAB_EXIT, (uint64)t->pid, how ? (uint64)(wstatus & 0x7f) : (uint64)((wstatus >> 8) & 0xff), (uint64)how, 0, 0, 0);
  set_state(t, TASK_ZOMBIE);
  complete(&t->parent->child_exit);
  schedule();
  PANIC("exit_task: zombie %d was scheduled", t->pid);
}

void do_exit(int code) {
  printk("[PID = %d] exited with status %d\n", current->pid, code & 0xff);
  exit_task((code & 0xff) << 8, 0);
}

void kthread_exit(int code) { do_exit(code); }

void kill_current(int signal) { exit_task(signal & 0x7f, 1); }

static void reap(struct task_struct *c) {
  lab_trace(LAB_STATE, (uint64)c->pid, LAB_DEAD, 0, 0, 0, 0);
  free_task(c);
}

/*
 * wait4: waits for a child (pid > 0: that one; -1: any) to become a zombie
 * and reaps it. Returns its pid, 0 with WNOHANG when none is ready yet,
 * -ECHILD when there is no such child, -EFAULT for a bad status pointer.
 * The status goes to user memory at status_addr (if not 0) and to
 * *status_out (if not NULL, for kernel callers).
 */
long do_wait4(int pid, uint64 status_addr, int options, int *status_out) {
  uint64 irq = intr_save();
  long r;
  for (;;) {
    bool have_child = false;
    for (int i = 1; i < NR_TASKS; i++) {
      struct task_struct *c = task[i];
      if (c == NULL || c->parent != current || (pid > 0 && c->pid != pid))
        continue;
      have_child = true;
      if (c->state != TASK_ZOMBIE)
        continue;
      if (status_addr && copy_to_user(status_addr, &c->exit_status, sizeof(int)) < 0) {
        r = -EFAULT;
        goto out;
      }
      if (status_out)
        *status_out = c->exit_status;
      r = c->pid;
      reap(c);
      goto out;
    }
    if (!have_child) {
      r = -ECHILD;
      goto out;
    }
    if (options & WNOHANG) {
      r = 0;
      goto out;
    }
    wait_for_completion(&current->child_exit);
  }
out:
  intr_restore(irq);
  return r;
}
