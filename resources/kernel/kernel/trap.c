/*
 * trap.c -- every trap lands in trap_handler (via _traps in entry.S).
 *
 * From user mode: system calls, page faults, and the timer. Anything else
 * a program does wrong (illegal instruction, misaligned fetch, access
 * fault) kills only that program, with one console line naming the pid,
 * the address and the cause. A trap the kernel itself causes is a bug:
 * PANIC.
 */
#include "defs.h"
#include "signal.h"
#include "riscv.h"
#include "sbi.h"

extern char _traps[];
uint64 timer_interval;

void timer_next(void) { sbi_set_timer(r_time() + timer_interval); }

void trap_init(void) {
  timer_interval = boot_info.timebase / (1000 / TIMESLICE_MS);
  csr_write(stvec, (uint64)_traps);
  csr_write(sscratch, 0);
  csr_set(sie, SIE_STIE);
  timer_next();
}

static const char *exception_name(uint64 cause) {
  switch (cause) {
  case EXC_INST_MISALIGNED: return "misaligned instruction fetch";
  case EXC_INST_ACCESS: return "instruction access fault";
  case EXC_ILLEGAL_INST: return "illegal instruction";
  case EXC_BREAKPOINT: return "breakpoint";
  case EXC_LOAD_MISALIGNED: return "misaligned load";
  case EXC_LOAD_ACCESS: return "load access fault";
  case EXC_STORE_MISALIGNED: return "misaligned store";
  case EXC_STORE_ACCESS: return "store access fault";
  case EXC_INST_PAGE_FAULT:
  case EXC_LOAD_PAGE_FAULT:
  case EXC_STORE_PAGE_FAULT: return fault_cause_name(cause);
  default: return "unknown exception";
  }
}

void trap_handler(struct pt_regs *regs) {
  uint64 cause = regs->scause;
  bool from_user = !(regs->sstatus & SSTATUS_SPP);

  if (cause & SCAUSE_INTERRUPT) {
    if ((cause & ~SCAUSE_INTERRUPT) == IRQ_S_TIMER) {
      timer_next();
      do_timer();
    } else {
      printk("trap_handler: unexpected interrupt %lx\n", cause);
    }
    return;
  }
  if (!from_user)
    PANIC("trap_handler: %s (scause %lx) in the kernel at pc %lx, stval %lx", exception_name(cause), cause,
          regs->sepc, regs->stval);

  switch (cause) {
  case EXC_ECALL_U:
    do_syscall(regs);
    break;
  case EXC_INST_PAGE_FAULT:
  case EXC_LOAD_PAGE_FAULT:
  case EXC_STORE_PAGE_FAULT:
    do_page_fault(regs);
    break;
  default:
    printk("[PID = %d] killed: %s at 0x%lx, pc 0x%lx\n", current->pid, exception_name(cause), regs->stval, regs->sepc);
    if (cause == EXC_ILLEGAL_INST)
      kill_current(SIGILL);
    if (cause == EXC_BREAKPOINT)
      kill_current(SIGTRAP);
    if (cause == EXC_INST_ACCESS || cause == EXC_LOAD_ACCESS || cause == EXC_STORE_ACCESS)
      kill_current(SIGSEGV);
    kill_current(SIGBUS); /* misaligned fetch (loads and stores are emulated by the firmware) */
  }
}
