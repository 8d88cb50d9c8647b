// test: mul, mulh, mulhsu, mulhu and mulw give the low and high halves of signed and unsigned products
#include "rvtest.h"
RVT_BEGIN
  li a0, 0x123456789abcdef0
  li a1, 0x0fedcba987654321
  mul a2, a0, a1
  check 1, a2, 0x2236d88fe5618cf0        // low 64 bits of the product
  mulhu a2, a0, a1
  check 2, a2, 0x0121fa00ad77d742
  mulh a2, a0, a1
  check 3, a2, 0x0121fa00ad77d742        // both positive: same as mulhu
  li a0, -1
  li a1, -1
  mul a2, a0, a1
  check 4, a2, 1
  mulh a2, a0, a1
  check 5, a2, 0                         // (-1)*(-1) = 1
  mulhu a2, a0, a1
  check 6, a2, 0xfffffffffffffffe        // (2^64-1)^2 >> 64
  mulhsu a2, a0, a1
  check 7, a2, -1                        // -1 * (2^64-1) = -(2^64-1): high word all ones
  li a0, 0x8000000000000000
  mulh a2, a0, a0
  check 8, a2, 0x4000000000000000        // (-2^63)^2 = 2^126
  mul a2, a0, a0
  check 9, a2, 0
  li a1, 2
  mulhsu a2, a0, a1
  check 10, a2, -1                       // -2^63 * 2 = -2^64
  li a0, 5
  li a1, -3
  mulhsu a2, a0, a1                      // 5 * (2^64-3): high word 4
  check 11, a2, 4
  mulh a2, a0, a1
  check 12, a2, -1                       // -15 fits in the low word
  li a0, 0x0000000100000003
  li a1, 0x00000001ffffffff
  mulw a2, a0, a1                        // 3 * -1 in 32 bits, upper words ignored
  check 13, a2, -3
  li a0, 0x10000
  mulw a2, a0, a0                        // 2^32 wraps to 0
  check 14, a2, 0
  li a0, 0x8000
  li a1, 0x10000
  mulw a2, a0, a1                        // 2^31: sign-extended
  check 15, a2, 0xffffffff80000000
  mul zero, a0, a1
  check 16, zero, 0
RVT_END
