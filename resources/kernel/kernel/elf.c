/*
 * elf.c -- load_elf_binary: a program from the initrd becomes VMAs.
 *
 * Nothing is copied at load time. Each PT_LOAD segment becomes a
 * file-backed VMA pointing into the ELF image (text R-X, data RW-); the
 * part of memsz beyond filesz that starts on a new page becomes an
 * anonymous .bss VMA. Pages arrive on first touch (mm/fault.c). Only the
 * top stack page is made present here, to hold argc and argv:
 *
 *   sp -> argc | argv[0] ... argv[argc-1] | NULL | envp NULL | AT_NULL 0, 0 | strings
 */
#include "defs.h"
#include "errno.h"
#include "elf.h"
#include "lab.h"
#include "riscv.h"

#define MAX_ARGS 16

/* Checks the header and every segment against the image size. 0 or -ENOEXEC. */
static int elf_check(const uint8 *elf, uint64 size) {
  const struct elfhdr *eh = (const struct elfhdr *)elf;
  if (size < sizeof *eh || eh->magic != ELF_MAGIC || eh->ident[0] != ELFCLASS64 || eh->machine != EM_RISCV ||
      eh->type != ET_EXEC || eh->phentsize != sizeof(struct proghdr) ||
      eh->phoff + (uint64)eh->phnum * sizeof(struct proghdr) > size)
    return -ENOEXEC;
  for (int i = 0; i < eh->phnum; i++) {
    const struct proghdr *ph = (const struct proghdr *)(elf + eh->phoff) + i;
    if (ph->type != PT_LOAD)
      continue;
    if (ph->off + ph->filesz > size || ph->filesz > ph->memsz || ph->vaddr + ph->memsz >= USER_END - USER_STACK_SIZE ||
        ph->vaddr + ph->memsz < ph->vaddr || (ph->vaddr & (PGSIZE - 1)) != (ph->off & (PGSIZE - 1)))
      return -ENOEXEC;
  }
  return 0;
}

static int vma_kind(const struct proghdr *ph) {
  if (ph->flags & PF_X)
    return VMA_TEXT;
  return VMA_DATA;
}

static uint64 elf_vm_flags(const struct proghdr *ph) {
  uint64 f = 0;
  if (ph->flags & PF_R)
    f |= VM_READ;
  if (ph->flags & PF_W)
    f |= VM_WRITE;
  if (ph->flags & PF_X)
    f |= VM_EXEC;
  return f;
}

/* Writes argc/argv on the new stack page; returns the initial sp. */
static uint64 setup_stack(uint64 page_pa, char **argv, int argc) {
  uint64 base = USER_END - PGSIZE;
  char *k = (char *)PA2VA(page_pa);
  uint64 sp = USER_END, ptrs[MAX_ARGS];
  uint64 *words;
  for (int i = 0; i < argc; i++) {
    uint64 len = strlen(argv[i]) + 1;
    sp -= len;
    memcpy(k + (sp - base), argv[i], len);
    ptrs[i] = sp;
  }
  sp &= ~15UL;
  sp -= (uint64)(1 + argc + 1 + 1 + 2) * 8;
  sp &= ~15UL;
  words = (uint64 *)(k + (sp - base));
  words[0] = (uint64)argc;
  for (int i = 0; i < argc; i++)
    words[1 + i] = ptrs[i];
  words[1 + argc] = 0;     /* argv terminator */
  words[2 + argc] = 0;     /* empty environment */
  words[3 + argc] = 0;     /* AT_NULL */
  words[4 + argc] = 0;
  return sp;
}

/*
 * Sets up t's (empty) address space for the program and its registers
 * for the first return to user mode. Returns 0, -ENOEXEC or -ENOMEM; on
 * failure the caller releases t->mm.
 */
int load_elf_binary(struct task_struct *t, const char *name, const uint8 *elf, uint64 size, char **argv, int argc) {
  const struct elfhdr *eh = (const struct elfhdr *)elf;
  struct mm_struct *mm = &t->mm;
  struct pt_regs *regs = task_pt_regs(t);
  uint64 end = 0, stack_pa, args_len = 0;
  int err = elf_check(elf, size);

  if (err < 0)
    return err;
  if (argc > MAX_ARGS)
    return -E2BIG;
  for (int i = 0; i < argc; i++)
    args_len += strlen(argv[i]) + 1;
  if (args_len + (MAX_ARGS + 8) * 8 > PGSIZE)
    return -E2BIG;

  for (int i = 0; i < eh->phnum; i++) {
    const struct proghdr *ph = (const struct proghdr *)(elf + eh->phoff) + i;
    uint64 start, file_end, mem_end;
    if (ph->type != PT_LOAD || ph->memsz == 0)
      continue;
    start = PGROUNDDOWN(ph->vaddr);
    file_end = PGROUNDUP(ph->vaddr + ph->filesz);
    mem_end = PGROUNDUP(ph->vaddr + ph->memsz);
    if (file_end > start &&
        do_mmap(mm, start, file_end - start, elf_vm_flags(ph), vma_kind(ph), elf, ph->off - (ph->vaddr - start),
                ph->filesz + (ph->vaddr - start)) == NULL)
      return -ENOMEM;
    if (mem_end > file_end && do_mmap(mm, file_end, mem_end - file_end, elf_vm_flags(ph) | VM_ANON, VMA_BSS, NULL, 0, 0) == NULL)
      return -ENOMEM;
    if (mem_end > end)
      end = mem_end;
  }
  mm->brk_start = mm->brk = end;

  if (do_mmap(mm, USER_END - USER_STACK_SIZE, USER_STACK_SIZE, VM_ANON | VM_READ | VM_WRITE, VMA_STACK, NULL, 0, 0) == NULL)
    return -ENOMEM;
  stack_pa = alloc_page(USE_USER);
  if (stack_pa == 0)
    return -ENOMEM;
  if (map_page(mm->pgd, USER_END - PGSIZE, stack_pa, PTE_U | PTE_R | PTE_W | PTE_A | PTE_D) < 0) {
    put_page(stack_pa);
    return -ENOMEM;
  }

  memset(regs, 0, sizeof *regs);
  regs->x[2] = setup_stack(stack_pa, argv, argc);
  regs->sepc = eh->entry;
  regs->sstatus = SSTATUS_SPIE; /* SPP = 0: sret goes to user mode, interrupts on */
  safe_strcpy(t->name, name, sizeof t->name);
  lab_trace(LAB_EXEC, (uint64)t->pid, VA2PA(mm->pgd), lab_name_lo(t->name), lab_name_hi(t->name), eh->entry, 0);
  printk("[PID = %d] exec %s\n", t->pid, t->name);
  return 0;
}
