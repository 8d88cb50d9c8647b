/*
 * syscall.c -- the system call table. Numbers are Linux's generic ones
 * (a7 = number, a0-a5 = arguments, result in a0, -errno on failure), so
 * the same programs also run under qemu-riscv64.
 *
 * Two numbers are the lab's own: SYS_lab_apps (500) lists the initrd's
 * programs for the shell, SYS_lab_refcount (501) shows a program the
 * reference count of the frame behind one of its addresses.
 *
 * MOS lab 4's calls share this dispatcher: a7 = MOS_SYSCALL_BASE (1000) +
 * the MOS number goes to mos_syscall (kernel/mos.c, numbers in mos/abi.h).
 */
#include "defs.h"
#include "lab.h"
#include "errno.h"
#include "riscv.h"
#include "sbi.h"
#include "mos/abi.h"

#define SYS_read 63
#define SYS_write 64
#define SYS_exit 93
#define SYS_exit_group 94
#define SYS_nanosleep 101
#define SYS_sched_yield 124
#define SYS_getpid 172
#define SYS_getppid 173
#define SYS_brk 214
#define SYS_munmap 215
#define SYS_clone 220
#define SYS_execve 221
#define SYS_mmap 222
#define SYS_wait4 260
#define SYS_lab_apps 500
#define SYS_lab_refcount 501

#define PROT_READ 1
#define PROT_WRITE 2
#define PROT_EXEC 4
#define MAP_SHARED 0x01
#define MAP_PRIVATE 0x02
#define MAP_FIXED 0x10
#define MAP_ANONYMOUS 0x20

/*
 * Pages are only promised by brk and mmap, so an honest answer needs a
 * guess: refuse a request that could not be paged in now, keeping a
 * reserve for page tables and kernel stacks. Programs then see ENOMEM
 * (malloc returns NULL) instead of being killed later at a page fault.
 */
static bool enough_memory(uint64 pages) {
  return pages + MEM_RESERVE_PAGES <= nr_free_pages();
}

static long sys_write(uint64 fd, uint64 buf, uint64 n) {
  char k[256];
  uint64 done = 0;
  if (fd != 1 && fd != 2)
    return -EBADF;
  while (done < n) {
    uint64 chunk = n - done > sizeof k ? sizeof k : n - done;
    if (copy_from_user(k, buf + done, chunk) < 0)
      return done ? (long)done : -EFAULT;
    sbi_console_write(k, chunk);
    done += chunk;
  }
  return (long)done;
}

/*
 * A tiny terminal line discipline: input is echoed, backspace edits, and
 * read returns once a whole line (ending in '\n') is there. While no key
 * is waiting the reader sleeps one tick, so the CPU is free for others.
 */
static char line[128];
static uint64 line_len, line_pos;
static bool line_ready;

static long sys_read(uint64 fd, uint64 buf, uint64 n) {
  uint64 k;
  if (fd != 0)
    return -EBADF;
  if (n == 0)
    return 0;
  while (!line_ready) {
    int c = sbi_console_getchar();
    if (c < 0) {
      sleep_ticks(1);
      continue;
    }
    if (c == '\r')
      c = '\n';
    if (c == 127 || c == 8) {
      if (line_len > 0) {
        line_len--;
        sbi_console_write("\b \b", 3);
      }
      continue;
    }
    if (c == 4 && line_len == 0)
      return 0; /* ctrl-D: end of file */
    if (line_len < sizeof line - 1 || c == '\n') {
      char ch = (char)c;
      line[line_len++] = ch;
      sbi_console_write(&ch, 1);
    }
    if (c == '\n') {
      line_ready = true;
      line_pos = 0;
    }
  }
  k = line_len - line_pos < n ? line_len - line_pos : n;
  if (copy_to_user(buf, line + line_pos, k) < 0)
    return -EFAULT;
  line_pos += k;
  if (line_pos == line_len) {
    line_ready = false;
    line_len = 0;
  }
  return (long)k;
}

/* Moves the break. Returns the new break, or the old one when it cannot move (Linux's contract). */
static long sys_brk(uint64 addr) {
  struct mm_struct *mm = &current->mm;
  struct vm_area_struct *heap = find_vma(mm, mm->brk_start);
  if (heap && heap->vm_kind != VMA_HEAP)
    return (long)mm->brk; /* a MAP_FIXED mapping sits where the heap would grow */
  uint64 new_end, old_end = PGROUNDUP(mm->brk);
  if (addr < mm->brk_start || addr >= MMAP_BASE)
    return (long)mm->brk;
  new_end = PGROUNDUP(addr);
  if (new_end > old_end) {
    struct list_head *pos;
    if (!enough_memory((new_end - old_end) / PGSIZE))
      return (long)mm->brk; /* would not fit in RAM: refuse now rather than kill later */
    list_for_each(pos, &mm->mmap) {
      struct vm_area_struct *v = list_entry(pos, struct vm_area_struct, list);
      if (v != heap && v->vm_start < new_end && old_end < v->vm_end)
        return (long)mm->brk;
    }
    if (heap == NULL) {
      if (do_mmap(mm, mm->brk_start, new_end - mm->brk_start, VM_ANON | VM_READ | VM_WRITE, VMA_HEAP, NULL, 0, 0) == NULL)
        return (long)mm->brk;
    } else {
      heap->vm_end = new_end;
      trace_vma(heap);
    }
  } else if (new_end < old_end && heap) {
    if (new_end == mm->brk_start) {
      free_vma(mm, heap);
    } else {
      unmap_range(mm->pgd, new_end, old_end);
      heap->vm_end = new_end;
      trace_vma(heap);
    }
  }
  mm->brk = addr;
  return (long)addr;
}

static long sys_mmap(uint64 addr, uint64 len, uint64 prot, uint64 flags, uint64 fd, uint64 off) {
  struct mm_struct *mm = &current->mm;
  uint64 vmf = VM_ANON;
  bool shared = (flags & (MAP_SHARED | MAP_PRIVATE)) == MAP_SHARED;
  (void)fd;
  (void)off;
  if (!(flags & MAP_ANONYMOUS))
    return -ENODEV; /* there are no files to map */
  if ((flags & (MAP_SHARED | MAP_PRIVATE)) == 0 || (flags & (MAP_SHARED | MAP_PRIVATE)) == (MAP_SHARED | MAP_PRIVATE))
    return -EINVAL;
  if (len == 0 || len > USER_END)
    return -EINVAL;
  len = PGROUNDUP(len);
  if (shared && len / PGSIZE > SHARED_MAX_PAGES)
    return -ENOMEM;
  if (!enough_memory(len / PGSIZE))
    return -ENOMEM;
  if (prot & PROT_READ)
    vmf |= VM_READ;
  if (prot & PROT_WRITE)
    vmf |= VM_WRITE | VM_READ;
  if (prot & PROT_EXEC)
    vmf |= VM_EXEC;
  if (shared)
    vmf |= VM_SHARED;
  if (flags & MAP_FIXED) {
    if ((addr & (PGSIZE - 1)) || addr + len > USER_END || addr + len < addr)
      return -EINVAL;
    if (do_munmap(mm, addr, len) < 0)
      return -ENOMEM;
  } else if (addr == 0 || (addr & (PGSIZE - 1)) || addr + len > USER_END || find_vma(mm, addr) ||
             find_vma(mm, addr + len - 1)) {
    addr = get_unmapped_area(mm, len);
    if (addr == 0)
      return -ENOMEM;
  }
  if (do_mmap(mm, addr, len, vmf, VMA_MMAP, NULL, 0, 0) == NULL)
    return -ENOMEM;
  return (long)addr;
}

static long sys_munmap(uint64 addr, uint64 len) {
  if ((addr & (PGSIZE - 1)) || len == 0 || addr + len > USER_END)
    return -EINVAL;
  return do_munmap(&current->mm, addr, len);
}

static long sys_nanosleep(uint64 req) {
  int64 ts[2];
  uint64 ms;
  if (copy_from_user(ts, req, sizeof ts) < 0)
    return -EFAULT;
  if (ts[0] < 0 || ts[1] < 0 || ts[1] >= 1000000000)
    return -EINVAL;
  ms = (uint64)ts[0] * 1000 + (uint64)ts[1] / 1000000;
  sleep_ticks((ms + TIMESLICE_MS - 1) / TIMESLICE_MS);
  return 0;
}

/* Writes the initrd's program names, one per line, NUL-terminated. Returns the length. */
static long sys_lab_apps(uint64 buf, uint64 size) {
  char k[1024];
  uint64 n = 0;
  for (int i = 0; i < initrd_count(); i++) {
    const char *name = initrd_name(i);
    uint64 len = strlen(name);
    if (n + len + 2 > sizeof k)
      break;
    memcpy(k + n, name, len);
    n += len;
    k[n++] = '\n';
  }
  k[n] = 0;
  if (n + 1 > size)
    return -EINVAL;
  if (copy_to_user(buf, k, n + 1) < 0)
    return -EFAULT;
  return (long)n;
}

/* The refcount of the frame mapped at va, 0 when no page is present there (nothing is faulted in). */
static long sys_lab_refcount(uint64 va) {
  pte_t *pte;
  if (va >= USER_END)
    return -EINVAL;
  pte = walk(current->mm.pgd, va, false);
  if (pte == NULL || !(*pte & PTE_V))
    return 0;
  return page_refcount(PTE2PA(*pte));
}

void do_syscall(struct pt_regs *regs) {
  uint64 *a = &regs->x[10];
  long r;
  regs->sepc += 4; /* return after the ecall; fork's child inherits this */
  switch (regs->x[17]) {
  case SYS_read: r = sys_read(a[0], a[1], a[2]); break;
  case SYS_write: r = sys_write(a[0], a[1], a[2]); break;
  case SYS_exit:
  case SYS_exit_group: do_exit((int)a[0]);
  case SYS_nanosleep: r = sys_nanosleep(a[0]); break;
  case SYS_sched_yield: {
    current->counter = 0;
    schedule();
    r = 0;
    break;
  }
  case SYS_getpid: r = current->pid; break;
  case SYS_getppid: r = current->parent ? current->parent->pid : 0; break;
  case SYS_brk: r = sys_brk(a[0]); break;
  case SYS_munmap: r = sys_munmap(a[0], a[1]); break;
  case SYS_clone: r = sys_clone(regs, a[0], a[1]); break;
  case SYS_execve: r = sys_execve(regs, a[0], a[1]); if (r == 0) return; break;
  case SYS_mmap: r = sys_mmap(a[0], a[1], a[2], a[3], a[4], a[5]); break;
  case SYS_wait4: r = do_wait4((int)a[0], a[1], (int)a[2], NULL); break;
  case SYS_lab_apps: r = sys_lab_apps(a[0], a[1]); break;
  case SYS_lab_refcount: r = sys_lab_refcount(a[0]); break;
  default:
    if (regs->x[17] >= MOS_SYSCALL_BASE && regs->x[17] < MOS_SYSCALL_END)
      r = mos_syscall(regs, regs->x[17] - MOS_SYSCALL_BASE); /* MOS lab 4 (kernel/mos.c) */
    else
      r = -ENOSYS;
    break;
  }
  regs->x[10] = (uint64)r;
}
