// test: misaligned loads and stores of every width succeed, also across a page boundary
// QEMU 7.2's TCG performs misaligned ordinary loads and stores in hardware, and ForkLab makes
// them succeed too (OpenSBI emulates them on real boards), so both machines must agree.
#include "rvtest.h"
RVT_BEGIN
  la s0, buf
  li a0, 0x0807060504030201
  sd a0, 0(s0)
  li a0, 0x100f0e0d0c0b0a09
  sd a0, 8(s0)
  lh a1, 1(s0)
  check 1, a1, 0x0302
  lhu a1, 7(s0)
  check 2, a1, 0x0908
  lw a1, 3(s0)
  check 3, a1, 0x07060504
  lwu a1, 6(s0)
  check 4, a1, 0x0a090807
  ld a1, 1(s0)
  check 5, a1, 0x0908070605040302
  ld a1, 7(s0)
  check 6, a1, 0x0f0e0d0c0b0a0908
  li a0, 0xaabbccddeeff1122
  sd a0, 3(s0)
  ld a1, 0(s0)
  check 7, a1, 0xddeeff1122030201
  ld a1, 8(s0)
  check 8, a1, 0x100f0e0d0caabbcc
  sw a0, 9(s0)
  ld a1, 8(s0)
  check 9, a1, 0x100f0eeeff1122cc
  sh a0, 15(s0)
  ld a1, 8(s0)
  check 10, a1, 0x220f0eeeff1122cc
  lbu a1, 16(s0)
  check 11, a1, 0x11
  // a doubleword straddling a 4 KiB page boundary
  la s1, page_end
  li a0, 0x8877665544332211
  sd a0, -3(s1)
  ld a1, -3(s1)
  check 12, a1, 0x8877665544332211
  lw a1, -2(s1)
  check 13, a1, 0x55443322
  lbu a1, 0(s1)
  check 14, a1, 0x44
RVT_END
  .data
  .align 4
buf: .zero 32
  .align 12
  .zero 4096
page_end:
  .zero 64
