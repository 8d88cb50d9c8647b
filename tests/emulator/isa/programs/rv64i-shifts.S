// test: shifts by 0, 31, 32 and 63 use the low 6 bits (5 for W forms) and sign-extend W results
#include "rvtest.h"
RVT_BEGIN
  li a0, 0x8000000000000001
  slli a2, a0, 0
  check 1, a2, 0x8000000000000001
  slli a2, a0, 31
  check 2, a2, 0x0000000080000000
  slli a2, a0, 32
  check 3, a2, 0x0000000100000000
  slli a2, a0, 63
  check 4, a2, 0x8000000000000000
  srli a2, a0, 63
  check 5, a2, 1
  srai a2, a0, 63
  check 6, a2, -1
  srai a2, a0, 32
  check 7, a2, 0xffffffff80000000
  srli a2, a0, 32
  check 8, a2, 0x0000000080000000
  srai a2, a0, 0
  check 9, a2, 0x8000000000000001
  li a1, 64 + 4                          // register shift amounts use only bits 5:0
  sll a2, a0, a1
  check 10, a2, 0x0000000000000010
  srl a2, a0, a1
  check 11, a2, 0x0800000000000000
  sra a2, a0, a1
  check 12, a2, 0xf800000000000000
  li a1, 63
  sra a2, a0, a1
  check 13, a2, -1
  li a0, 0x00000000ffffffff
  slliw a2, a0, 31
  check 14, a2, 0xffffffff80000000
  slliw a2, a0, 0                        // W form with 0 sign-extends bit 31
  check 15, a2, -1
  li a0, 0x1234567880000000
  srliw a2, a0, 31
  check 16, a2, 1
  sraiw a2, a0, 31
  check 17, a2, -1
  srliw a2, a0, 0
  check 18, a2, 0xffffffff80000000
  srliw a2, a0, 1                        // upper word ignored, zero shifted in at bit 31
  check 19, a2, 0x40000000
  sraiw a2, a0, 4
  check 20, a2, 0xfffffffff8000000
  li a1, 32 + 1                          // W register shifts use only bits 4:0
  sllw a2, a0, a1
  check 21, a2, 0
  li a0, 0x40000001
  sllw a2, a0, a1
  check 22, a2, 0xffffffff80000002
  srlw a2, a2, a1
  check 23, a2, 0x40000001
  li a0, 0x80000000
  li a1, 31
  sraw a2, a0, a1
  check 24, a2, -1
  srlw a2, a0, a1
  check 25, a2, 1
  li a1, 0
  srlw a2, a0, a1
  check 26, a2, 0xffffffff80000000
RVT_END
