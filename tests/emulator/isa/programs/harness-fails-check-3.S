// test: a program whose check 3 fails is reported as tohost 7 (a test of the harness)
// expect-fail: 3
#include "rvtest.h"
RVT_BEGIN
  li a0, 40
  addi a0, a0, 2
  check 1, a0, 42
  check 2, a0, 42
  addi a0, a0, 1
  check 3, a0, 42        // 43 != 42: must fail here, with number 3
  check 4, a0, 43
RVT_END
