// test: every conditional branch is taken and not taken, comparing signed and unsigned
#include "rvtest.h"
// br_taken n, op, a, b: the branch must be taken; br_not n, op, a, b: it must fall through
.macro br_taken n, op, a, b
  li gp, \n
  li a0, \a
  li a1, \b
  \op a0, a1, 1f
  j rvt_fail
1:
.endm
.macro br_not n, op, a, b
  li gp, \n
  li a0, \a
  li a1, \b
  \op a0, a1, rvt_fail
.endm
RVT_BEGIN
  br_taken 1, beq, 5, 5
  br_not   2, beq, 5, 6
  br_taken 3, bne, 5, 6
  br_not   4, bne, -1, -1
  br_taken 5, blt, -1, 1
  br_not   6, blt, 1, -1
  br_not   7, blt, 3, 3
  br_taken 8, bge, 3, 3
  br_taken 9, bge, 1, -1
  br_not   10, bge, -1, 1
  br_taken 11, bltu, 1, -1
  br_not   12, bltu, -1, 1
  br_not   13, bltu, 7, 7
  br_taken 14, bgeu, -1, 1
  br_taken 15, bgeu, 7, 7
  br_not   16, bgeu, 1, -1
  br_taken 17, blt, 0x8000000000000000, 0x7fffffffffffffff
  br_taken 18, bltu, 0x7fffffffffffffff, 0x8000000000000000
  // a backward branch
  li gp, 19
  li a0, 3
  li a2, 0
2:
  addi a2, a2, 1
  addi a0, a0, -1
  bnez a0, 2b
  check 19, a2, 3
RVT_END
