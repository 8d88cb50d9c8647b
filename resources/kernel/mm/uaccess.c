/*
 * uaccess.c -- moving bytes between the kernel and the current process.
 *
 * The kernel never dereferences a user pointer. Each page is translated
 * through the process's own page table; a page not yet present (or
 * read-only and shared after fork, for a write) goes through
 * handle_mm_fault exactly as if the program had touched it. An address no
 * VMA allows gives -EFAULT, never a kernel fault.
 */
#include "defs.h"
#include "errno.h"
#include "riscv.h"

/* Kernel address of user page va, made present (and writable if asked). 0 when not allowed. */
static uint64 user_page(uint64 va, bool write) {
  struct mm_struct *mm = &current->mm;
  uint64 scause = write ? EXC_STORE_PAGE_FAULT : EXC_LOAD_PAGE_FAULT;
  pte_t *pte;
  if (va >= USER_END || mm->pgd == NULL)
    return 0;
  pte = walk(mm->pgd, va, false);
  if (pte == NULL || !(*pte & PTE_V) || !(*pte & PTE_U) || (write && !(*pte & PTE_W)) || (!write && !(*pte & PTE_R))) {
    if (handle_mm_fault(mm, va, scause, false) < 0)
      return 0;
    pte = walk(mm->pgd, va, false);
    if (pte == NULL || !(*pte & PTE_V))
      return 0;
  }
  return PA2VA(PTE2PA(*pte)) + (va & (PGSIZE - 1));
}

/* Returns 0, or -EFAULT when any byte of [src, src+n) is not readable. */
int copy_from_user(void *dst, uint64 src, uint64 n) {
  char *d = dst;
  while (n > 0) {
    uint64 k = user_page(src, false);
    uint64 chunk = PGSIZE - (src & (PGSIZE - 1));
    if (k == 0)
      return -EFAULT;
    if (chunk > n)
      chunk = n;
    memcpy(d, (void *)k, chunk);
    d += chunk;
    src += chunk;
    n -= chunk;
  }
  return 0;
}

/* Returns 0, or -EFAULT when any byte of [dst, dst+n) is not writable. */
int copy_to_user(uint64 dst, const void *src, uint64 n) {
  const char *s = src;
  while (n > 0) {
    uint64 k = user_page(dst, true);
    uint64 chunk = PGSIZE - (dst & (PGSIZE - 1));
    if (k == 0)
      return -EFAULT;
    if (chunk > n)
      chunk = n;
    memcpy((void *)k, s, chunk);
    s += chunk;
    dst += chunk;
    n -= chunk;
  }
  return 0;
}

/* Copies a NUL-terminated string of at most max-1 chars. Returns its length, -EFAULT, or -E2BIG. */
int strncpy_from_user(char *dst, uint64 src, uint64 max) {
  for (uint64 i = 0; i < max; i++) {
    uint64 k = user_page(src + i, false);
    if (k == 0)
      return -EFAULT;
    dst[i] = *(char *)k;
    if (dst[i] == 0)
      return (int)i;
  }
  return -E2BIG;
}
