// test: lui sign-extends its 32-bit result and auipc adds it to the instruction's own pc
#include "rvtest.h"
RVT_BEGIN
  lui a0, 0x80000
  check 1, a0, 0xffffffff80000000
  lui a0, 0x7ffff
  check 2, a0, 0x7ffff000
  lui a0, 0xfffff
  check 3, a0, -4096
  lui a0, 0
  check 4, a0, 0
l_auipc0:
  auipc a0, 0
  check_addr 5, a0, l_auipc0
l_auipc1:
  auipc a0, 1
  la a1, l_auipc1
  sub a0, a0, a1
  check 6, a0, 4096
l_auipc2:
  auipc a0, 0xfffff                      // -4096 relative to this pc
  la a1, l_auipc2
  sub a0, a0, a1
  check 7, a0, -4096
l_auipc3:
  auipc a0, 0x80000                      // -2 GiB: pc 0x8000xxxx + 0xffffffff80000000
  la a1, l_auipc3
  sub a0, a0, a1
  check 8, a0, 0xffffffff80000000
RVT_END
