/*
 * vma.c -- virtual memory areas: what a process may touch, and how.
 *
 * mm->mmap lists the VMAs sorted by address, never overlapping. A VMA only
 * promises memory; frames appear when a page is first touched
 * (do_page_fault), so creating or growing a VMA costs nothing until used.
 * Every add, change and removal is reported to the lab trace.
 */
#include "defs.h"
#include "errno.h"
#include "lab.h"

static int current_pid(struct mm_struct *mm) {
  return (int)container_of(mm, struct task_struct, mm)->pid;
}

void trace_vma(struct vm_area_struct *vma) {
  lab_trace(LAB_VMA, (uint64)current_pid(vma->vm_mm), vma->vm_start, vma->vm_end, vma->vm_flags,
            (uint64)vma->vm_kind, vma->vm_pgoff);
}

/* The VMA containing addr, or NULL. */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64 addr) {
  struct list_head *pos;
  list_for_each(pos, &mm->mmap) {
    struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, list);
    if (addr >= vma->vm_start && addr < vma->vm_end)
      return vma;
    if (vma->vm_start > addr)
      break;
  }
  return NULL;
}

static bool range_free(struct mm_struct *mm, uint64 start, uint64 end) {
  struct list_head *pos;
  list_for_each(pos, &mm->mmap) {
    struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, list);
    if (vma->vm_start < end && start < vma->vm_end)
      return false;
  }
  return true;
}

static void insert_sorted(struct mm_struct *mm, struct vm_area_struct *vma) {
  struct list_head *pos;
  list_for_each(pos, &mm->mmap) {
    if (list_entry(pos, struct vm_area_struct, list)->vm_start > vma->vm_start)
      break;
  }
  list_add_tail(&vma->list, pos); /* before pos */
}

/*
 * Creates a VMA for [addr, addr+len) (page aligned). Returns NULL when the
 * range overlaps another VMA, leaves user space, or memory is out.
 */
struct vm_area_struct *do_mmap(struct mm_struct *mm, uint64 addr, uint64 len, uint64 flags, int kind,
                               const uint8 *file, uint64 pgoff, uint64 filesz) {
  struct vm_area_struct *vma;
  uint64 end = addr + len;
  if ((addr | len) & (PGSIZE - 1) || len == 0 || end > USER_END || end < addr)
    return NULL;
  if (!range_free(mm, addr, end))
    return NULL;
  vma = kmalloc(sizeof *vma);
  if (vma == NULL)
    return NULL;
  vma->vm_mm = mm;
  vma->vm_start = addr;
  vma->vm_end = end;
  vma->vm_flags = flags;
  vma->vm_kind = kind;
  vma->vm_file = file;
  vma->vm_pgoff = pgoff;
  vma->vm_filesz = filesz;
  insert_sorted(mm, vma);
  trace_vma(vma);
  return vma;
}

/* First gap of len bytes at or above MMAP_BASE; 0 when none. */
uint64 get_unmapped_area(struct mm_struct *mm, uint64 len) {
  uint64 addr = MMAP_BASE;
  struct list_head *pos;
  list_for_each(pos, &mm->mmap) {
    struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, list);
    if (vma->vm_end <= addr)
      continue;
    if (vma->vm_start >= addr + len)
      break;
    addr = vma->vm_end;
  }
  return addr + len <= USER_END - USER_STACK_SIZE ? addr : 0;
}

/* Unmaps the VMA's pages and deletes it. */
void free_vma(struct mm_struct *mm, struct vm_area_struct *vma) {
  unmap_range(mm->pgd, vma->vm_start, vma->vm_end);
  lab_trace(LAB_VMA_REMOVE, (uint64)current_pid(mm), vma->vm_start, vma->vm_end, 0, 0, 0);
  list_del(&vma->list);
  kfree(vma);
}

/*
 * Removes [addr, addr+len) from every VMA it touches: whole VMAs go, a
 * VMA cut at one end shrinks, a VMA cut in the middle splits in two.
 * Returns 0 or -ENOMEM (no memory for the split).
 */
int do_munmap(struct mm_struct *mm, uint64 addr, uint64 len) {
  uint64 end = addr + PGROUNDUP(len);
  struct list_head *pos, *n;
  list_for_each_safe(pos, n, &mm->mmap) {
    struct vm_area_struct *vma = list_entry(pos, struct vm_area_struct, list);
    uint64 cut_start, cut_end;
    if (vma->vm_end <= addr || vma->vm_start >= end)
      continue;
    if (addr <= vma->vm_start && end >= vma->vm_end) {
      free_vma(mm, vma);
      continue;
    }
    cut_start = addr > vma->vm_start ? addr : vma->vm_start;
    cut_end = end < vma->vm_end ? end : vma->vm_end;
    if (cut_start > vma->vm_start && cut_end < vma->vm_end) {
      struct vm_area_struct *tail = kmalloc(sizeof *tail);
      if (tail == NULL)
        return -ENOMEM;
      *tail = *vma;
      tail->vm_start = cut_end;
      tail->vm_pgoff = vma->vm_pgoff + (cut_end - vma->vm_start);
      tail->vm_filesz = vma->vm_filesz > cut_end - vma->vm_start ? vma->vm_filesz - (cut_end - vma->vm_start) : 0;
      list_add(&tail->list, &vma->list);
      trace_vma(tail);
    }
    unmap_range(mm->pgd, cut_start, cut_end);
    lab_trace(LAB_VMA_REMOVE, (uint64)current_pid(mm), vma->vm_start, vma->vm_end, 0, 0, 0);
    if (cut_start == vma->vm_start) {
      uint64 shift = cut_end - vma->vm_start;
      vma->vm_pgoff += shift;
      vma->vm_filesz = vma->vm_filesz > shift ? vma->vm_filesz - shift : 0;
      vma->vm_start = cut_end;
    } else {
      vma->vm_end = cut_start;
      if (vma->vm_filesz > cut_start - vma->vm_start)
        vma->vm_filesz = cut_start - vma->vm_start;
    }
    trace_vma(vma);
  }
  return 0;
}

/* Gives dst a copy of every VMA of src (the frames are shared by copy_pgd). */
int copy_vma(struct mm_struct *dst, struct mm_struct *src) {
  struct list_head *pos;
  list_for_each(pos, &src->mmap) {
    struct vm_area_struct *v = list_entry(pos, struct vm_area_struct, list);
    if (do_mmap(dst, v->vm_start, v->vm_end - v->vm_start, v->vm_flags, v->vm_kind, v->vm_file, v->vm_pgoff,
                v->vm_filesz) == NULL)
      return -ENOMEM;
  }
  dst->brk_start = src->brk_start;
  dst->brk = src->brk;
  return 0;
}

/* Frees every VMA, every frame they map and the page tables. */
void mm_release(struct mm_struct *mm) {
  struct list_head *pos, *n;
  if (mm->pgd == NULL)
    return;
  list_for_each_safe(pos, n, &mm->mmap)
    free_vma(mm, list_entry(pos, struct vm_area_struct, list));
  pgd_free(mm->pgd);
  mm->pgd = NULL;
}
