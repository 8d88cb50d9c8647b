// test: every amo*.d returns the old doubleword and signed and unsigned min and max differ
#include "rvtest.h"
.macro amo_d n, op, old, src, new
  li gp, \n
  la s0, cell
  li t0, \old
  sd t0, 0(s0)
  li a1, \src
  \op a2, a1, (s0)
  li t6, \old
  bne a2, t6, rvt_fail
  ld a3, 0(s0)
  li t6, \new
  bne a3, t6, rvt_fail
.endm
RVT_BEGIN
  amo_d 1, amoswap.d, 0x0123456789abcdef, -1, -1
  amo_d 2, amoadd.d, 0x7fffffffffffffff, 1, 0x8000000000000000
  amo_d 3, amoand.d, 0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0, 0x0f000f000f000f00
  amo_d 4, amoor.d, 0xff00000000000000, 0xff, 0xff000000000000ff
  amo_d 5, amoxor.d, -1, 0x00000000ffffffff, 0xffffffff00000000
  amo_d 6, amomin.d, 0x8000000000000000, 1, 0x8000000000000000
  amo_d 7, amomax.d, 0x8000000000000000, 1, 1
  amo_d 8, amominu.d, 0x8000000000000000, 1, 1
  amo_d 9, amomaxu.d, 0x8000000000000000, 1, 0x8000000000000000
  amo_d 10, amomin.d, -5, -7, -7
  amo_d 11, amomaxu.d, -5, -7, -5
  amo_d 12, amoadd.d.aq, 0x00000000ffffffff, 1, 0x0000000100000000   // no word truncation
  amo_d 13, amoswap.d.rl, 5, 5, 5
  la s0, cell
  addi s1, s0, 4
  // spec: store/AMO misaligned (6); QEMU 7.2: load misaligned (4), see rv64a-amo-w.S
  expect_mtrap_either 14, CAUSE_MISALIGNED_STORE, CAUSE_MISALIGNED_LOAD, amoswap.d a2, a1, (s1)
RVT_END
  .data
  .align 4
cell: .zero 16
