// test: add, addi, sub and their W forms wrap modulo 2^64 / 2^32 and sign-extend W results
#include "rvtest.h"
RVT_BEGIN
  li a0, 0x7fffffffffffffff
  li a1, 1
  add a2, a0, a1
  check 1, a2, 0x8000000000000000        // signed overflow wraps silently
  sub a2, zero, a1
  check 2, a2, -1
  li a0, -1
  addi a2, a0, 1
  check 3, a2, 0
  addi a2, zero, -2048                   // most negative 12-bit immediate
  check 4, a2, -2048
  addi a2, zero, 2047
  check 5, a2, 2047
  li a0, 0x000000007fffffff
  addiw a2, a0, 1
  check 6, a2, 0xffffffff80000000        // W result bit 31 is sign-extended
  li a0, 0x123456789abcdef0
  addiw a2, a0, 0                        // sext.w ignores the upper word
  check 7, a2, 0xffffffff9abcdef0
  li a0, 0xffffffff00000001
  li a1, 0x0000000100000002
  addw a2, a0, a1
  check 8, a2, 3
  li a0, 0
  li a1, 0x80000000
  subw a2, a0, a1                        // 0 - 0x80000000 = 0x80000000 in 32 bits
  check 9, a2, 0xffffffff80000000
  li a0, 5
  li a1, 7
  sub a2, a0, a1
  check 10, a2, -2
  subw a2, a1, a0
  check 11, a2, 2
  add zero, a0, a1                       // writes to x0 are discarded
  check 12, zero, 0
  li a0, 0x0000000080000000
  addw a2, a0, zero
  check 13, a2, 0xffffffff80000000
RVT_END
