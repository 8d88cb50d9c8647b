/*
 * proc.c -- the task table and the round-robin scheduler.
 *
 * task[pid] holds every task; pid 0 is the idle task (the boot context),
 * pid 1 is kinit. A new task takes the lowest free pid, so a pid is reused
 * only after its zombie has been reaped by wait4. NR_TASKS bounds the
 * table: fork fails with -EAGAIN when it is full.
 *
 * Scheduling: each timer tick takes one from current->counter; at zero
 * the next TASK_RUNNING task after current in pid order runs (round
 * robin). schedule() is always called with interrupts off, and
 * switch_to installs the next task's page table before __switch_to.
 */
#include "defs.h"
#include "errno.h"
#include "riscv.h"
#include "lab.h"

#define SLICE_TICKS 1

struct task_struct *current;
struct task_struct *task[NR_TASKS];
uint64 jiffies;

void task_init(void) {
  uint64 pa = alloc_pages(KSTACK_ORDER, USE_KSTACK);
  struct task_struct *idle;
  if (pa == 0)
    PANIC("task_init: no memory for the idle task");
  idle = (struct task_struct *)PA2VA(pa);
  idle->pid = 0;
  idle->state = TASK_RUNNING;
  idle->is_kthread = true;
  safe_strcpy(idle->name, "idle", sizeof idle->name);
  init_completion(&idle->child_exit);
  INIT_LIST_HEAD(&idle->wait_node);
  INIT_LIST_HEAD(&idle->mm.mmap);
  task[0] = idle;
  current = idle;
  mos_env_new(idle);
  mos_env_report(idle);
}

/* A zeroed task in the lowest free slot, or NULL with *err = -EAGAIN (table full) or -ENOMEM. */
struct task_struct *alloc_task(int *err) {
  struct task_struct *t;
  uint64 pa;
  int pid = 1;
  while (pid < NR_TASKS && task[pid] != NULL)
    pid++;
  if (pid == NR_TASKS) {
    *err = -EAGAIN;
    return NULL;
  }
  pa = alloc_pages(KSTACK_ORDER, USE_KSTACK);
  if (pa == 0) {
    *err = -ENOMEM;
    return NULL;
  }
  t = (struct task_struct *)PA2VA(pa);
  t->pid = pid;
  t->state = TASK_UNUSED;
  t->counter = SLICE_TICKS;
  init_completion(&t->child_exit);
  INIT_LIST_HEAD(&t->wait_node);
  INIT_LIST_HEAD(&t->mm.mmap);
  task[pid] = t;
  return t;
}

/* Releases the slot and the task's 2 pages (its kernel stack). */
void free_task(struct task_struct *t) {
  task[t->pid] = NULL;
  put_page(VA2PA(t));
}

struct task_struct *find_task(int pid) {
  return pid >= 0 && pid < NR_TASKS ? task[pid] : NULL;
}

void set_state(struct task_struct *t, enum task_state s) {
  t->state = s;
  lab_trace(LAB_STATE, (uint64)t->pid, s == TASK_RUNNING ? LAB_RUNNING : s == TASK_SLEEPING ? LAB_SLEEPING : LAB_ZOMBIE,
            0, 0, 0, 0);
}

/* A task whose MOS env is NOT_RUNNABLE stays asleep until the env is RUNNABLE again. */
void wake_up(struct task_struct *t) {
  if (t->state != TASK_SLEEPING)
    return;
  if (!mos_env_runnable(t))
    t->mos_slept = true;
  else
    set_state(t, TASK_RUNNING);
}

/* Installs t's page table (the kernel's for kernel threads). */
void switch_mm(struct task_struct *t) {
  pagetable_t pgd = t->mm.pgd ? t->mm.pgd : swapper_pg_dir;
  csr_write(satp, MAKE_SATP(VA2PA(pgd)));
  sfence_vma();
}

static void switch_to(struct task_struct *next) {
  struct task_struct *prev = current;
  if (prev == next)
    return;
  lab_trace(LAB_SCHED, (uint64)prev->pid, (uint64)next->pid, 0, 0, 0, 0);
  current = next;
  mos_env_ran(next);
  switch_mm(next);
  __switch_to(prev, next);
}

void schedule(void) {
  struct task_struct *next = task[0];
  int start = current->pid;
  for (int i = 1; i <= NR_TASKS; i++) {
    struct task_struct *t = task[(start + i) % NR_TASKS];
    if (t && t->pid != 0 && t->state == TASK_RUNNING) {
      next = t;
      break;
    }
  }
  if (next->pid != 0)
    next->counter = SLICE_TICKS;
  switch_to(next);
}

/* Called on every timer interrupt: wakes timed sleepers and preempts. */
void do_timer(void) {
  jiffies++;
  for (int i = 1; i < NR_TASKS; i++) {
    struct task_struct *t = task[i];
    if (t && t->state == TASK_SLEEPING && t->wake_tick != 0 && t->wake_tick <= jiffies) {
      t->wake_tick = 0;
      wake_up(t);
    }
  }
  if (current->pid == 0 || --current->counter <= 0)
    schedule();
}

void sleep_ticks(uint64 ticks) {
  uint64 irq = intr_save();
  current->wake_tick = jiffies + (ticks ? ticks : 1);
  set_state(current, TASK_SLEEPING);
  schedule();
  intr_restore(irq);
}

/*
 * The idle task: run whoever is runnable, else wait for an interrupt.
 * wfi returns on a pending interrupt even with SIE off, so no wakeup is
 * lost between the check and the wait.
 */
void cpu_idle(void) {
  for (;;) {
    intr_save();
    schedule();
    asm volatile("wfi");
    csr_set(sstatus, SSTATUS_SIE);
    csr_clear(sstatus, SSTATUS_SIE);
  }
}

/* Starts fn(arg) as a kernel thread, a child of current. Returns its pid or a negative errno. */
int kernel_thread(int (*fn)(void *), void *arg, const char *name) {
  int err;
  struct task_struct *t = alloc_task(&err);
  if (t == NULL)
    return err;
  t->is_kthread = true;
  t->parent = current;
  safe_strcpy(t->name, name, sizeof t->name);
  t->thread.ra = (uint64)__kthread_start;
  t->thread.sp = (uint64)t + KSTACK_SIZE;
  t->thread.s[0] = (uint64)fn;
  t->thread.s[1] = (uint64)arg;
  mos_env_new(t);
  lab_trace(LAB_KTHREAD, (uint64)t->pid, (uint64)current->pid, lab_name_lo(t->name), lab_name_hi(t->name), 0, 0);
  mos_env_report(t);
  set_state(t, TASK_RUNNING);
  return t->pid;
}

/*
 * Starts program name from the initrd as a new process, a child of
 * current (kinit). Returns its pid or a negative errno.
 */
int create_user_process(const char *name) {
  const uint8 *elf;
  uint64 size;
  int err;
  struct task_struct *t;
  char *argv[1];

  if (initrd_find(name, &elf, &size) < 0)
    return -ENOENT;
  t = alloc_task(&err);
  if (t == NULL)
    return err;
  t->parent = current;
  safe_strcpy(t->name, name, sizeof t->name);
  t->mm.pgd = pgd_create();
  if (t->mm.pgd == NULL) {
    free_task(t);
    return -ENOMEM;
  }
  mos_env_new(t);
  lab_trace(LAB_FORK, (uint64)current->pid, (uint64)t->pid, VA2PA(t->mm.pgd), 0, 0, 0);
  mos_env_report(t);
  argv[0] = t->name;
  err = load_elf_binary(t, name, elf, size, argv, 1);
  if (err < 0) {
    mm_release(&t->mm);
    mos_env_exit(t);
    lab_trace(LAB_STATE, (uint64)t->pid, LAB_DEAD, 0, 0, 0, 0);
    free_task(t);
    return err;
  }
  t->thread.ra = (uint64)__ret_from_fork;
  t->thread.sp = (uint64)task_pt_regs(t);
  set_state(t, TASK_RUNNING);
  return t->pid;
}
