/*
 * exec.c -- execve: replace the calling process's program with another
 * from the initrd, keeping its pid, parent and children.
 *
 * Everything that can fail because of the caller (bad pointers, unknown
 * program, too many arguments, not an ELF) is checked before the old
 * address space is dropped, so a failing execve returns an error to a
 * still intact program.
 */
#include "defs.h"
#include "signal.h"
#include "lab.h"
#include "errno.h"
#include "riscv.h"

#define MAX_ARGS 16
#define ARG_MAX_LEN 128

long sys_execve(struct pt_regs *regs, uint64 upath, uint64 uargv) {
  char path[64];
  char *argv[MAX_ARGS];
  char *buf;
  const uint8 *elf;
  uint64 size, bufpa;
  int argc = 0, err;

  err = strncpy_from_user(path, upath, sizeof path);
  if (err < 0)
    return err == -E2BIG ? -ENAMETOOLONG : err;
  if (initrd_find(path, &elf, &size) < 0)
    return -ENOENT;

  bufpa = alloc_page(USE_KERNEL);
  if (bufpa == 0)
    return -ENOMEM;
  buf = (char *)PA2VA(bufpa);
  while (uargv) {
    uint64 p;
    if (copy_from_user(&p, uargv + 8 * (uint64)argc, 8) < 0) {
      err = -EFAULT;
      goto out;
    }
    if (p == 0)
      break;
    if (argc == MAX_ARGS) {
      err = -E2BIG;
      goto out;
    }
    argv[argc] = buf + argc * ARG_MAX_LEN;
    err = strncpy_from_user(argv[argc], p, ARG_MAX_LEN);
    if (err < 0)
      goto out;
    argc++;
  }
  if (argc == 0) {
    argv[0] = buf;
    safe_strcpy(buf, path, ARG_MAX_LEN);
    argc = 1;
  }

  /* Point of no return: the old program goes away. */
  csr_write(satp, MAKE_SATP(VA2PA(swapper_pg_dir)));
  sfence_vma();
  mm_release(&current->mm);
  current->mm.pgd = pgd_create();
  INIT_LIST_HEAD(&current->mm.mmap);
  if (current->mm.pgd == NULL || (err = load_elf_binary(current, path, elf, size, argv, argc)) < 0) {
    put_page(bufpa);
    printk("[PID = %d] killed: execve of %s failed after the old program was released\n", current->pid, path);
    kill_current(SIGKILL);
  }
  switch_mm(current);
  mos_env_exec(current);
  put_page(bufpa);
  (void)regs; /* load_elf_binary rewrote the registers in place */
  return 0;

out:
  put_page(bufpa);
  return err;
}
