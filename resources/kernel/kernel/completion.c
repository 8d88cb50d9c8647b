/*
 * completion.c -- "wait until something has happened", as in Linux.
 *
 * complete() counts an event and wakes one waiter; wait_for_completion()
 * consumes one event, sleeping (TASK_SLEEPING, off the run queue) until
 * there is one. wait4 sleeps on the parent's child_exit completion, and
 * kinit waits for the lab's apps the same way.
 */
#include "defs.h"
#include "riscv.h"

void init_completion(struct completion *c) {
  c->done = 0;
  INIT_LIST_HEAD(&c->waiters);
}

void wait_for_completion(struct completion *c) {
  uint64 irq = intr_save();
  while (c->done == 0) {
    list_add_tail(&current->wait_node, &c->waiters);
    set_state(current, TASK_SLEEPING);
    schedule();
  }
  c->done--;
  intr_restore(irq);
}

void complete(struct completion *c) {
  uint64 irq = intr_save();
  c->done++;
  if (!list_empty(&c->waiters)) {
    struct task_struct *t = list_entry(c->waiters.next, struct task_struct, wait_node);
    list_del(&t->wait_node);
    wake_up(t);
  }
  intr_restore(irq);
}
