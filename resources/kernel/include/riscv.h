/*
 * riscv.h -- CSRs and page-table bits from the RISC-V privileged spec,
 * one small accessor per register.
 */
#ifndef _RISCV_H
#define _RISCV_H

#include "types.h"

#define SSTATUS_SIE (1UL << 1)
#define SSTATUS_SPIE (1UL << 5)
#define SSTATUS_SPP (1UL << 8)
#define SSTATUS_SUM (1UL << 18)

#define SIE_STIE (1UL << 5)

#define SCAUSE_INTERRUPT (1UL << 63)
#define IRQ_S_TIMER 5
#define EXC_INST_MISALIGNED 0
#define EXC_INST_ACCESS 1
#define EXC_ILLEGAL_INST 2
#define EXC_BREAKPOINT 3
#define EXC_LOAD_MISALIGNED 4
#define EXC_LOAD_ACCESS 5
#define EXC_STORE_MISALIGNED 6
#define EXC_STORE_ACCESS 7
#define EXC_ECALL_U 8
#define EXC_INST_PAGE_FAULT 12
#define EXC_LOAD_PAGE_FAULT 13
#define EXC_STORE_PAGE_FAULT 15

/* Sv39 page-table entry bits */
#define PTE_V (1UL << 0)
#define PTE_R (1UL << 1)
#define PTE_W (1UL << 2)
#define PTE_X (1UL << 3)
#define PTE_U (1UL << 4)
#define PTE_G (1UL << 5)
#define PTE_A (1UL << 6)
#define PTE_D (1UL << 7)
#define PTE_FLAGS(pte) ((pte) & 0x3ffUL)
#define PTE2PA(pte) (((pte) >> 10) << 12)
#define PA2PTE(pa) ((((uint64)(pa)) >> 12) << 10)

/*
 * An Sv39 virtual address:
 *   38..30 VPN[2] | 29..21 VPN[1] | 20..12 VPN[0] | 11..0 offset
 */
#define VPN(va, level) ((((uint64)(va)) >> (12 + 9 * (level))) & 0x1ff)
#define SATP_SV39 (8UL << 60)
#define MAKE_SATP(pa) (SATP_SV39 | ((uint64)(pa) >> 12))

#define csr_read(csr)                                   \
  ({                                                    \
    uint64 __v;                                         \
    asm volatile("csrr %0, " #csr : "=r"(__v));         \
    __v;                                                \
  })
#define csr_write(csr, val) asm volatile("csrw " #csr ", %0" ::"r"((uint64)(val)))
#define csr_set(csr, bits) asm volatile("csrs " #csr ", %0" ::"r"((uint64)(bits)))
#define csr_clear(csr, bits) asm volatile("csrc " #csr ", %0" ::"r"((uint64)(bits)))

static inline void sfence_vma(void) { asm volatile("sfence.vma zero, zero" ::: "memory"); }
/* Forgets only the translations of the page holding va (all address spaces). */
static inline void sfence_vma_addr(uint64 va) { asm volatile("sfence.vma %0, zero" ::"r"(va) : "memory"); }
static inline uint64 r_time(void) { uint64 t; asm volatile("rdtime %0" : "=r"(t)); return t; }

/* Interrupts off, returning whether they were on, for intr_restore. */
static inline uint64 intr_save(void) {
  uint64 s = csr_read(sstatus);
  csr_clear(sstatus, SSTATUS_SIE);
  return s & SSTATUS_SIE;
}
static inline void intr_restore(uint64 was_on) {
  if (was_on)
    csr_set(sstatus, SSTATUS_SIE);
}

#endif
