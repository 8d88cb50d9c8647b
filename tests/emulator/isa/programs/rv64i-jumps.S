// test: jal and jalr link pc+4, jalr adds a signed offset and clears bit 0 of the target
#include "rvtest.h"
RVT_BEGIN
  li gp, 1
  jal ra, 1f
l_after_jal:
  j rvt_fail
1:
  check_addr 1, ra, l_after_jal
  la a0, 2f
  jalr a1, 0(a0)
l_after_jalr:
  j rvt_fail
2:
  check_addr 2, a1, l_after_jalr
  la a0, 3f + 1                          // odd target: jalr clears bit 0
  li gp, 3
  jalr a1, 0(a0)
  j rvt_fail
3:
  la a0, 4f + 8                          // negative offset
  li gp, 4
  jalr zero, -8(a0)
  j rvt_fail
4:
  la a0, 5f - 3                          // offset 3 on an odd base: target bit 0 cleared
  li gp, 5
  jalr x0, 4(a0)
  j rvt_fail
5:
  la a0, 6f                              // rd == rs1: the target uses the old value
  li gp, 6
  jalr a0, 0(a0)
l_link6:
  j rvt_fail
6:
  check_addr 6, a0, l_link6
  li gp, 7
  jal zero, 7f                           // j: no link written
  j rvt_fail
7:
  li gp, 8
  jal t2, 8f
  .rept 300                               // a longer forward jump
  j rvt_fail
  .endr
8:
  li gp, 9
  j 10f
9:
  j 11f                                  // backward jal target
10:
  j 9b
11:
RVT_END
