/*
 * defs.h -- every kernel function other files call, grouped by source file.
 */
#ifndef _DEFS_H
#define _DEFS_H

#include "types.h"
#include "param.h"
#include "mm.h"
#include "proc.h"

struct pt_regs;

/* kernel/printk.c */
void printk(const char *fmt, ...);
void panic(const char *fmt, ...) __attribute__((noreturn));
#define PANIC(...) panic(__VA_ARGS__)

/* kernel/string.c */
void *memset(void *dst, int c, uint64 n);
void *memcpy(void *dst, const void *src, uint64 n);
int memcmp(const void *a, const void *b, uint64 n);
uint64 strlen(const char *s);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, uint64 n);
void safe_strcpy(char *dst, const char *src, uint64 size);
uint64 parse_uint(const char *s, const char **end);

/* kernel/fdt.c */
struct boot_info {
  uint64 mem_start, mem_size;
  uint64 initrd_start, initrd_end;
  uint64 fdt_start, fdt_size;
  uint64 timebase;
  char bootargs[256];
};
extern struct boot_info boot_info;
void fdt_parse(uint64 fdt_pa);

/* kernel/initrd.c */
int initrd_init(void);
int initrd_count(void);
const char *initrd_name(int i);
int initrd_find(const char *name, const uint8 **elf, uint64 *size);

/* mm/buddy.c */
void mm_init(void);
uint64 alloc_pages(int order, int use);
uint64 alloc_page(int use);
void free_pages(uint64 pa, int order);
struct page *pa_to_page(uint64 pa);
void get_page(uint64 pa);
void put_page(uint64 pa);
uint32 page_refcount(uint64 pa);
uint64 nr_free_pages(void);

/* mm/kmalloc.c */
void *kmalloc(uint64 size);
void kfree(void *p);
extern uint64 kmalloc_pages;

/* mm/vm.c */
extern pagetable_t swapper_pg_dir;
void setup_vm(void);
void setup_vm_final(void);
pte_t *walk(pagetable_t pgd, uint64 va, bool alloc);
int map_page(pagetable_t pgd, uint64 va, uint64 pa, uint64 perm);
pagetable_t pgd_create(void);
void pgd_free(pagetable_t pgd);
void unmap_range(pagetable_t pgd, uint64 start, uint64 end);

/* mm/vma.c */
struct vm_area_struct *find_vma(struct mm_struct *mm, uint64 addr);
struct vm_area_struct *do_mmap(struct mm_struct *mm, uint64 addr, uint64 len, uint64 flags, int kind,
                               const uint8 *file, uint64 pgoff, uint64 filesz);
int do_munmap(struct mm_struct *mm, uint64 addr, uint64 len);
uint64 get_unmapped_area(struct mm_struct *mm, uint64 len);
int copy_vma(struct mm_struct *dst, struct mm_struct *src);
void free_vma(struct mm_struct *mm, struct vm_area_struct *vma);
void mm_release(struct mm_struct *mm);
void trace_vma(struct vm_area_struct *vma);

/* mm/fault.c */
void do_page_fault(struct pt_regs *regs);
const char *fault_cause_name(uint64 scause);
int handle_mm_fault(struct mm_struct *mm, uint64 addr, uint64 scause, bool report);

/* mm/uaccess.c */
int copy_from_user(void *dst, uint64 src, uint64 n);
int copy_to_user(uint64 dst, const void *src, uint64 n);
int strncpy_from_user(char *dst, uint64 src, uint64 max);

/* kernel/elf.c */
int load_elf_binary(struct task_struct *t, const char *name, const uint8 *elf, uint64 size,
                    char **argv, int argc);

/* kernel/proc.c */
void task_init(void);
struct task_struct *alloc_task(int *err);
void switch_mm(struct task_struct *t);
void free_task(struct task_struct *t);
struct task_struct *find_task(int pid);
void set_state(struct task_struct *t, enum task_state s);
void schedule(void);
void do_timer(void);
void wake_up(struct task_struct *t);
void sleep_ticks(uint64 ticks);
void cpu_idle(void) __attribute__((noreturn));
int kernel_thread(int (*fn)(void *), void *arg, const char *name);
int create_user_process(const char *name);
extern uint64 jiffies;

/* kernel/completion.c */
void init_completion(struct completion *c);
void wait_for_completion(struct completion *c);
void complete(struct completion *c);

/* kernel/fork.c */
long sys_clone(struct pt_regs *regs, uint64 flags, uint64 stack);
struct task_struct *copy_process(struct pt_regs *regs, int *err);
int copy_pgd(struct mm_struct *dst, struct mm_struct *src);

/* kernel/exit.c */
void do_exit(int code) __attribute__((noreturn));
void kill_current(int signal) __attribute__((noreturn));
void kthread_exit(int code) __attribute__((noreturn));
long do_wait4(int pid, uint64 status_addr, int options, int *status_out);

/* kernel/exec.c */
long sys_execve(struct pt_regs *regs, uint64 path, uint64 argv);

/* kernel/syscall.c */
void do_syscall(struct pt_regs *regs);

/* kernel/trap.c */
void trap_init(void);
void timer_next(void);
extern uint64 timer_interval;

/* kernel/mos.c (MOS lab 4: envs, the MOS calls, user COW, windows) */
void mos_env_new(struct task_struct *t);
void mos_env_report(struct task_struct *t);
void mos_env_exit(struct task_struct *t);
void mos_env_exec(struct task_struct *t);
bool mos_env_runnable(struct task_struct *t);
void mos_env_ran(struct task_struct *t);
uint32 mos_envid(struct task_struct *t);
long mos_syscall(struct pt_regs *regs, uint64 n);
bool mos_page_fault(struct pt_regs *regs);
void mos_window_attach(struct task_struct *t);
void mos_window_table(pagetable_t pgd, uint64 va, int level, uint64 pa);
void mos_window_free(pagetable_t pgd);

/* kernel/main.c */
void start_kernel(uint64 hartid, uint64 fdt_pa);

/* arch/entry.S */
void __switch_to(struct task_struct *prev, struct task_struct *next);
void __ret_from_fork(void);
void __kthread_start(void);

#endif
