/*
 * fault.c -- the life of a page fault.
 *
 * A user access to a page with no valid PTE, or a store to a read-only
 * one, traps here with scause (12 fetch, 13 load, 15 store) and stval (the
 * address). handle_mm_fault then decides, in this order:
 *
 *   1. no VMA contains the address           -> kill the process
 *   2. the VMA forbids this kind of access    -> kill the process
 *   3. no PTE yet (first touch)               -> demand paging: a zeroed
 *      frame, filled from the ELF image when the VMA is file-backed
 *   4. a present, read-only PTE in a writable VMA: copy-on-write after fork.
 *      refcount > 1: copy into a new frame (cow-copy);
 *      refcount == 1: the others are gone, make it writable (cow-reuse).
 *
 * Every change ends with sfence.vma for that page, so the hart forgets the
 * old entry.
 * copy_from_user/copy_to_user call handle_mm_fault too, so the kernel never
 * faults on user memory itself.
 */
#include "defs.h"
#include "signal.h"
#include "errno.h"
#include "riscv.h"
#include "lab.h"

static uint64 vma_prot(struct vm_area_struct *vma) {
  uint64 perm = PTE_U | PTE_A;
  if (vma->vm_flags & VM_READ)
    perm |= PTE_R;
  if (vma->vm_flags & VM_WRITE)
    perm |= PTE_W | PTE_D;
  if (vma->vm_flags & VM_EXEC)
    perm |= PTE_X;
  return perm;
}

/* Fills a new frame for page va of a file-backed VMA: file bytes, then zeros. */
static void fill_from_file(struct vm_area_struct *vma, uint64 va, uint64 pa) {
  uint64 off = va - vma->vm_start;
  uint64 n;
  if (off >= vma->vm_filesz)
    return;
  n = vma->vm_filesz - off;
  if (n > PGSIZE)
    n = PGSIZE;
  memcpy((void *)PA2VA(pa), vma->vm_file + vma->vm_pgoff + off, n);
}

const char *fault_cause_name(uint64 scause) {
  switch (scause) {
  case EXC_INST_PAGE_FAULT: return "instruction page fault";
  case EXC_LOAD_PAGE_FAULT: return "load page fault";
  case EXC_STORE_PAGE_FAULT: return "store page fault";
  default: return "fault";
  }
}

static int pid_of(struct mm_struct *mm) { return container_of(mm, struct task_struct, mm)->pid; }

/*
 * Resolves a fault at addr. Returns 0 when resolved, -EFAULT when the
 * access is not allowed (no VMA, or against its permissions), -ENOMEM
 * when no frame is left. With report set, a refusal is traced as "killed".
 */
int handle_mm_fault(struct mm_struct *mm, uint64 addr, uint64 scause, bool report) {
  struct vm_area_struct *vma = find_vma(mm, addr);
  uint64 va = PGROUNDDOWN(addr), need, pa, old = 0;
  pte_t *pte;
  int how;

  need = scause == EXC_INST_PAGE_FAULT ? VM_EXEC : scause == EXC_LOAD_PAGE_FAULT ? VM_READ : VM_WRITE;
  if (vma == NULL || !(vma->vm_flags & need)) {
    if (report)
      lab_trace(LAB_FAULT, (uint64)pid_of(mm), addr, scause, FAULT_KILLED, 0, 0);
    return -EFAULT;
  }

  pte = walk(mm->pgd, va, false);
  if (pte && (*pte & PTE_V)) {
    if (scause != EXC_STORE_PAGE_FAULT || (*pte & PTE_W)) {
      sfence_vma_addr(va); /* a stale TLB entry: the PTE already allows it */
      return 0;
    }
    old = PTE2PA(*pte);
    if (page_refcount(old) > 1) {
      pa = alloc_page(USE_USER);
      if (pa == 0)
        return -ENOMEM;
      memcpy((void *)PA2VA(pa), (void *)PA2VA(old), PGSIZE);
      *pte = PA2PTE(pa) | vma_prot(vma) | PTE_V;
      put_page(old);
      how = FAULT_COW_COPY;
    } else {
      *pte |= PTE_W | PTE_D;
      pa = old;
      old = 0;
      how = FAULT_COW_REUSE;
    }
  } else {
    pa = alloc_page(USE_USER);
    if (pa == 0)
      return -ENOMEM;
    if (vma->vm_file) {
      fill_from_file(vma, va, pa);
      how = FAULT_DEMAND_FILE;
    } else {
      how = (vma->vm_flags & VM_SHARED) ? FAULT_DEMAND_SHARED : FAULT_DEMAND_ANON;
    }
    if (map_page(mm->pgd, va, pa, vma_prot(vma)) < 0) {
      put_page(pa);
      return -ENOMEM;
    }
  }
  sfence_vma_addr(va); /* only this page changed */
  lab_trace(LAB_FAULT, (uint64)pid_of(mm), addr, scause, (uint64)how, pa, old);
  return 0;
}

/* The trap handler's entry for user page faults. */
void do_page_fault(struct pt_regs *regs) {
  uint64 addr = regs->stval;
  int r;
  if (mos_page_fault(regs))
    return; /* a PTE_COW page: handed to the process's own COW handler */
  r = handle_mm_fault(&current->mm, addr, regs->scause, true);
  if (r == 0)
    return;
  if (r == -ENOMEM) {
    printk("[PID = %d] killed: out of memory at 0x%lx, pc 0x%lx\n", current->pid, addr, regs->sepc);
    lab_trace(LAB_FAULT, (uint64)current->pid, addr, regs->scause, FAULT_KILLED, 0, 0);
  } else {
    printk("[PID = %d] killed: %s at 0x%lx (%s), pc 0x%lx\n", current->pid, fault_cause_name(regs->scause), addr,
           find_vma(&current->mm, addr) ? "not allowed by its VMA" : "no VMA", regs->sepc);
  }
  kill_current(SIGSEGV);
}
