// test: and, or, xor, slt and sltu with their immediates follow signed and unsigned order
#include "rvtest.h"
RVT_BEGIN
  li a0, 0xff00ff00ff00ff00
  li a1, 0x0ff00ff00ff00ff0
  and a2, a0, a1
  check 1, a2, 0x0f000f000f000f00
  or a2, a0, a1
  check 2, a2, 0xfff0fff0fff0fff0
  xor a2, a0, a1
  check 3, a2, 0xf0f0f0f0f0f0f0f0
  andi a2, a0, -16                       // immediates are sign-extended to 64 bits
  check 4, a2, 0xff00ff00ff00ff00
  ori a2, zero, -1
  check 5, a2, -1
  xori a2, a1, -1                        // not
  check 6, a2, 0xf00ff00ff00ff00f
  andi a2, a0, 0x7ff
  check 7, a2, 0x700
  li a0, -1
  li a1, 1
  slt a2, a0, a1
  check 8, a2, 1                         // -1 < 1 signed
  sltu a2, a0, a1
  check 9, a2, 0                         // 0xfff...f > 1 unsigned
  slti a2, a0, 0
  check 10, a2, 1
  sltiu a2, a1, -1                       // 1 < 0xffff...ffff unsigned (sign-extended imm)
  check 11, a2, 1
  sltiu a2, zero, 1                      // seqz
  check 12, a2, 1
  sltu a2, zero, a1                      // snez
  check 13, a2, 1
  slt a2, a1, a1
  check 14, a2, 0
  li a0, 0x8000000000000000
  li a1, 0x7fffffffffffffff
  slt a2, a0, a1
  check 15, a2, 1
  sltu a2, a0, a1
  check 16, a2, 0
  slti a2, a1, -2048
  check 17, a2, 0
RVT_END
