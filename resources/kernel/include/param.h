/*
 * param.h -- the kernel's memory map and limits.
 *
 * Physical:  0x80000000 firmware (OpenSBI on QEMU; never touched)
 *            0x80200000 kernel image, then free RAM managed by the buddy
 *                       allocator, except the initrd and device tree.
 * Virtual:   [0, USER_END)                     user space
 *            0xffffffd600000000 + (pa - 0x80000000)   direct map of RAM
 *            the kernel image sits in the direct map at 0xffffffd600200000.
 */
#ifndef _PARAM_H
#define _PARAM_H

#define PHY_START 0x80000000UL
#define OPENSBI_SIZE 0x200000UL
#define KERNEL_PA (PHY_START + OPENSBI_SIZE)
#define VM_START 0xffffffd600000000UL
#define PA2VA_OFFSET (VM_START - PHY_START)
#define PA2VA(pa) ((uint64)(pa) + PA2VA_OFFSET)
#define VA2PA(va) ((uint64)(va) - PA2VA_OFFSET)

#define PGSIZE 4096UL
#define PGSHIFT 12
#define PGROUNDUP(a) (((uint64)(a) + PGSIZE - 1) & ~(PGSIZE - 1))
#define PGROUNDDOWN(a) ((uint64)(a) & ~(PGSIZE - 1))

#define USER_START 0x0UL
#define USER_END 0x4000000000UL      /* top of Sv39's lower half: the stack top */
#define USER_STACK_SIZE 0x100000UL   /* 1 MiB stack VMA, paged in on demand */
#define MMAP_BASE 0x2000000000UL     /* where mmap starts looking for room */
#define SHARED_MAX_PAGES 1024        /* MAP_SHARED mappings up to 4 MiB */

#define NR_TASKS 64                  /* the process table bound, idle included */
#define KSTACK_ORDER 1               /* task_struct + kernel stack: 2 pages */
#define KSTACK_SIZE (PGSIZE << KSTACK_ORDER)
#define MEM_RESERVE_PAGES 128       /* brk/mmap leave this much for page tables and stacks */
#define MAX_ORDER 11                 /* buddy blocks up to 2^10 pages (4 MiB) */

#define TIMESLICE_MS 10
#define DEFAULT_TIMEBASE 10000000UL

#endif
