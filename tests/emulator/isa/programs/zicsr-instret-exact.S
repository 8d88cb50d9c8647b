// test: minstret and mcycle count exactly one per retired instruction, in hot loops too, and time is mcycle / 10
// forklab-only: QEMU without -icount derives these counters from host time; ForkLab's deterministic time is specified in docs/abi.md
#include "rvtest.h"
RVT_BEGIN
  // straight line: the second read sees the first csrr and the 5 instructions between
  csrr a0, minstret
  nop
  nop
  addi t0, t0, 1
  addi t0, t0, 1
  nop
  csrr a1, minstret
  sub a2, a1, a0
  check 1, a2, 6
  // a hot loop: 1000 rounds of 3 instructions, plus the li before and the first csrr
  csrr a0, minstret
  li t1, 1000
1:
  addi t2, t2, 1
  addi t1, t1, -1
  bnez t1, 1b
  csrr a1, minstret
  sub a2, a1, a0
  check 2, a2, 3002
  // without wfi, every cycle is a retired instruction
  csrr a0, mcycle
  csrr a3, minstret
  li t1, 500
2:
  addi t1, t1, -1
  bnez t1, 2b
  csrr a1, mcycle
  csrr a4, minstret
  sub a2, a1, a0
  sub a5, a4, a3
  check_regs 3, a2, a5                   // no wfi: cycles == instructions
  // time = mcycle / 10: over 10000 instructions time moves by 1000 (+1 for rounding)
  csrr a0, time
  li t1, 5000
3:
  addi t1, t1, -1
  bnez t1, 3b
  csrr a1, time
  sub a2, a1, a0
  li gp, 4
  li t0, 1000
  bltu a2, t0, rvt_fail
  li t0, 1002
  bgeu a2, t0, rvt_fail
  // wfi skips cycles up to the timer: mcycle jumps, minstret does not
  li t0, MIP_MTIP
  csrw mie, t0
  li t0, CLINT_MTIME
  ld t1, 0(t0)
  li t2, 100000                          // 10 ms of machine time = 1,000,000 cycles
  add t1, t1, t2
  li t0, CLINT_MTIMECMP
  sd t1, 0(t0)
  csrr a0, mcycle
  csrr a3, minstret
  wfi
  csrr a1, mcycle
  csrr a4, minstret
  sub a2, a1, a0
  sub a5, a4, a3
  check 5, a5, 3                         // csrr minstret, wfi, csrr mcycle
  li gp, 6
  li t0, 900000
  bltu a2, t0, rvt_fail
  li t0, MIP_MTIP
  csrr a0, mip
  and a0, a0, t0
  check 7, a0, MIP_MTIP
  csrw mie, zero
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
RVT_END
