// test: div, divu, rem, remu and W forms round toward zero and follow the spec's divide-by-zero and overflow results
#include "rvtest.h"
RVT_BEGIN
  li a0, 20
  li a1, 6
  div a2, a0, a1
  check 1, a2, 3
  rem a2, a0, a1
  check 2, a2, 2
  li a0, -20
  div a2, a0, a1
  check 3, a2, -3                        // rounds toward zero
  rem a2, a0, a1
  check 4, a2, -2                        // remainder has the dividend's sign
  li a1, -6
  li a0, 20
  rem a2, a0, a1
  check 5, a2, 2
  divu a2, a0, a1
  check 6, a2, 0                         // 20 / (2^64-6)
  remu a2, a0, a1
  check 7, a2, 20
  li a0, -1
  li a1, 2
  divu a2, a0, a1
  check 8, a2, 0x7fffffffffffffff
  remu a2, a0, a1
  check 9, a2, 1
  // division by zero: quotient all ones, remainder the dividend
  li a0, 1234
  div a2, a0, zero
  check 10, a2, -1
  divu a2, a0, zero
  check 11, a2, -1
  rem a2, a0, zero
  check 12, a2, 1234
  remu a2, a0, zero
  check 13, a2, 1234
  li a0, -9
  rem a2, a0, zero
  check 14, a2, -9
  // signed overflow: -2^63 / -1 = -2^63, remainder 0
  li a0, 0x8000000000000000
  li a1, -1
  div a2, a0, a1
  check 15, a2, 0x8000000000000000
  rem a2, a0, a1
  check 16, a2, 0
  // W forms work on the low 32 bits and sign-extend
  li a0, 0xffffffff80000000
  li a1, -1
  divw a2, a0, a1
  check 17, a2, 0xffffffff80000000
  remw a2, a0, a1
  check 18, a2, 0
  li a0, 0x1234567800000007
  li a1, 0x00000000fffffffe           // -2 as a word
  divw a2, a0, a1
  check 19, a2, -3
  remw a2, a0, a1
  check 20, a2, 1
  divuw a2, a0, a1
  check 21, a2, 0
  remuw a2, a0, a1
  check 22, a2, 7
  li a0, 0x00000000fffffffe
  li a1, 2
  divuw a2, a0, a1
  check 23, a2, 0x7fffffff
  divw a2, a0, zero
  check 24, a2, -1
  divuw a2, a0, zero
  check 25, a2, -1
  remw a2, a0, zero
  check 26, a2, -2                       // the dividend word, sign-extended
  remuw a2, a0, zero
  check 27, a2, -2
  li a0, 0x0000000080000001
  li a1, 0x0000000000000002
  divuw a2, a0, a1
  check 28, a2, 0x40000000
RVT_END
