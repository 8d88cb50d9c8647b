/*
 * mm.h -- physical frames, virtual memory areas and address spaces.
 */
#ifndef _MM_H
#define _MM_H

#include "types.h"
#include "list.h"
#include "param.h"

/* One per physical frame of managed RAM (mem_map[], indexed by pfn - base). */
struct page {
  struct list_head lru; /* buddy free list link while free */
  uint32 refcount;      /* mappings + kernel users; 0 when free */
  uint8 order;          /* block order, valid at a block's head */
  uint8 free;           /* head of a free buddy block */
  uint8 use;            /* enum lab_frame_use, for the trace */
};

/* VMA flags: the lab's values, also sent in the trace. */
#define VM_ANON 0x1
#define VM_READ 0x2
#define VM_WRITE 0x4
#define VM_EXEC 0x8
#define VM_SHARED 0x10

struct mm_struct;

struct vm_area_struct {
  struct list_head list;  /* in mm->mmap, sorted by address */
  struct mm_struct *vm_mm;
  uint64 vm_start;        /* first address, page aligned */
  uint64 vm_end;          /* one past the last address, page aligned */
  uint64 vm_flags;
  const uint8 *vm_file;   /* ELF image in the initrd, NULL when anonymous */
  uint64 vm_filesz;       /* bytes of the file mapped from vm_start; the rest reads as 0 */
  uint64 vm_pgoff;        /* file offset of vm_start */
  int vm_kind;            /* enum lab_vma_kind */
};

struct mm_struct {
  pagetable_t pgd;        /* root page table (kernel virtual address) */
  struct list_head mmap;  /* the VMAs */
  uint64 brk_start;       /* first heap address: end of the program, page aligned */
  uint64 brk;             /* current break */
};

#endif
