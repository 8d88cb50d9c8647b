// test: sc succeeds after lr to the same address, fails without a reservation or after another sc, and never writes on failure
#include "rvtest.h"
RVT_BEGIN
  la s0, cell
  li a0, 0x1111111122222222
  sd a0, 0(s0)
  lr.d a1, (s0)
  check 1, a1, 0x1111111122222222
  li a2, 0x3333
  sc.d a3, a2, (s0)
  check 2, a3, 0                         // success writes 0
  ld a1, 0(s0)
  check 3, a1, 0x3333
  li a2, 0x4444
  sc.d a3, a2, (s0)                      // the reservation was consumed
  li gp, 4
  beqz a3, rvt_fail
  ld a1, 0(s0)
  check 5, a1, 0x3333                    // failed sc stores nothing
  // lr.w sign-extends, sc.w writes only a word
  li a0, 0xaaaaaaaa80000001
  sd a0, 8(s0)
  addi s1, s0, 8
  lr.w a1, (s1)
  check 6, a1, 0xffffffff80000001
  li a2, 0x7fffffff
  sc.w a3, a2, (s1)
  check 7, a3, 0
  ld a1, 8(s0)
  check 8, a1, 0xaaaaaaaa7fffffff
  // a trap in between (an mret) clears the reservation, so sc fails
  lr.d a1, (s0)
  resume_mtrap_at 1f
  ecall
1:
  li a2, 0x5555
  sc.d a3, a2, (s0)
  li gp, 9
  beqz a3, rvt_fail
  ld a1, 0(s0)
  check 10, a1, 0x3333
  // lr, then sc to an lr'd address after a retry loop: the usual CAS idiom
  li a4, 0x3333
  li a5, 0x6666
2:
  lr.d.aqrl a1, (s0)
  bne a1, a4, rvt_fail
  sc.d.aqrl a3, a5, (s0)
  bnez a3, 2b
  ld a1, 0(s0)
  check 11, a1, 0x6666
  // sc to an address outside the reservation fails and writes nothing
  addi s1, s0, 8
  sd zero, 0(s1)
  lr.d a1, (s0)
  li a2, 0x7777
  sc.d a3, a2, (s1)
  li gp, 13
  beqz a3, rvt_fail
  ld a1, 0(s1)
  check 14, a1, 0
  // misaligned lr traps with a misaligned (or access) exception: QEMU reports
  // store/AMO address misaligned for sc and load address misaligned for lr
  addi s1, s0, 4
  expect_mtrap 12, CAUSE_MISALIGNED_LOAD, lr.d a1, (s1)
RVT_END
  .data
  .align 4
cell: .zero 16
