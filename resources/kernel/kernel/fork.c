/*
 * fork.c -- clone: a child that shares every page with its parent.
 *
 * copy_process gives the child a copy of the parent's VMAs and, through
 * copy_pgd, the parent's frames themselves: every present PTE is copied,
 * each frame gains a reference, and private writable pages lose PTE_W on
 * both sides. The first store to such a page faults and do_page_fault
 * copies it (copy-on-write). MAP_SHARED pages keep PTE_W and stay shared.
 *
 * The child's registers are the parent's trap frame with a0 = 0, so both
 * return from the same ecall: the parent with the child's pid.
 */
#include "defs.h"
#include "signal.h"
#include "errno.h"
#include "riscv.h"
#include "lab.h"

/*
 * Shares src's frames with dst. Pages of MAP_SHARED VMAs that src never
 * touched are made present first, or parent and child would later get
 * different frames for the same shared page.
 */
int copy_pgd(struct mm_struct *dst, struct mm_struct *src) {
  struct list_head *pos;
  list_for_each(pos, &src->mmap) {
    struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, list);
    for (uint64 va = vma->vm_start; va < vma->vm_end; va += PGSIZE) {
      pte_t *pte = walk(src->pgd, va, false);
      uint64 perm;
      if ((pte == NULL || !(*pte & PTE_V)) && (vma->vm_flags & VM_SHARED)) {
        if (handle_mm_fault(src, va, EXC_STORE_PAGE_FAULT, true) < 0)
          return -ENOMEM;
        pte = walk(src->pgd, va, false);
      }
      if (pte == NULL || !(*pte & PTE_V)) {
        if (pte == NULL)
          va = (va | ((1UL << 21) - 1)) + 1 - PGSIZE; /* no table: skip to the next 2 MiB */
        continue;
      }
      if (!(vma->vm_flags & VM_SHARED))
        *pte &= ~PTE_W;
      perm = PTE_FLAGS(*pte) & ~PTE_V;
      if (map_page(dst->pgd, va, PTE2PA(*pte), perm) < 0)
        return -ENOMEM;
      get_page(PTE2PA(*pte));
    }
  }
  sfence_vma(); /* the parent's PTEs lost PTE_W */
  return 0;
}

/* Makes current's child from its trap frame. Returns it, or NULL with -EAGAIN/-ENOMEM in *err. */
struct task_struct *copy_process(struct pt_regs *regs, int *err) {
  struct task_struct *t = alloc_task(err);
  struct pt_regs *child_regs;
  if (t == NULL)
    return NULL;
  t->parent = current;
  safe_strcpy(t->name, current->name, sizeof t->name);
  t->mm.pgd = pgd_create();
  if (t->mm.pgd == NULL) {
    free_task(t);
    *err = -ENOMEM;
    return NULL;
  }
  mos_env_new(t);
  lab_trace(LAB_FORK, (uint64)current->pid, (uint64)t->pid, VA2PA(t->mm.pgd), 0, 0, 0);
  mos_env_report(t);
  if (copy_vma(&t->mm, &current->mm) < 0 || copy_pgd(&t->mm, &current->mm) < 0) {
    mm_release(&t->mm);
    mos_env_exit(t);
    lab_trace(LAB_STATE, (uint64)t->pid, LAB_DEAD, 0, 0, 0, 0);
    free_task(t);
    *err = -ENOMEM;
    return NULL;
  }
  child_regs = task_pt_regs(t);
  *child_regs = *regs;
  child_regs->x[10] = 0;
  t->thread.ra = (uint64)__ret_from_fork;
  t->thread.sp = (uint64)child_regs;
  printk("[PID = %d] forked from [PID = %d]\n", t->pid, current->pid);
  set_state(t, TASK_RUNNING);
  return t;
}

/* Only fork's form of clone: flags = SIGCHLD, no new stack. */
long sys_clone(struct pt_regs *regs, uint64 flags, uint64 stack) {
  int err;
  struct task_struct *t;
  if (flags != SIGCHLD || stack != 0)
    return -EINVAL;
  t = copy_process(regs, &err);
  return t ? t->pid : err;
}
