// test: loads of every width sign- or zero-extend, and stores write exactly their width
#include "rvtest.h"
RVT_BEGIN
  la s0, buf
  li a0, 0xf8f7f6f5f4f3f2f1
  sd a0, 0(s0)
  lb a1, 0(s0)
  check 1, a1, 0xfffffffffffffff1
  lbu a1, 0(s0)
  check 2, a1, 0xf1
  lh a1, 2(s0)
  check 3, a1, 0xfffffffffffff4f3
  lhu a1, 2(s0)
  check 4, a1, 0xf4f3
  lw a1, 4(s0)
  check 5, a1, 0xfffffffff8f7f6f5
  lwu a1, 4(s0)
  check 6, a1, 0xf8f7f6f5
  ld a1, 0(s0)
  check 7, a1, 0xf8f7f6f5f4f3f2f1
  li a0, 0x7172737475767778
  sd a0, 8(s0)
  lb a1, 8(s0)
  check 8, a1, 0x78
  lh a1, 8(s0)
  check 9, a1, 0x7778
  lw a1, 8(s0)
  check 10, a1, 0x75767778
  li a0, 0x1122334455667788
  sb a0, 1(s0)                           // only byte 1 changes
  ld a1, 0(s0)
  check 11, a1, 0xf8f7f6f5f4f388f1
  sh a0, 2(s0)
  ld a1, 0(s0)
  check 12, a1, 0xf8f7f6f5778888f1
  sw a0, 4(s0)
  ld a1, 0(s0)
  check 13, a1, 0x55667788778888f1
  ld a1, 8(s0)
  check 14, a1, 0x7172737475767778     // neighbour untouched
  addi s1, s0, 16                        // negative offsets
  lbu a1, -16(s1)
  check 15, a1, 0xf1
  li a0, -1
  sd a0, -8(s1)
  lwu a1, -4(s1)
  check 16, a1, 0xffffffff
  lw zero, 0(s0)                         // load into x0 is discarded
  check 17, zero, 0
RVT_END
  .data
  .align 3
buf: .zero 32
