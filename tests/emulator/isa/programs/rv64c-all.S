// test: every RV64C instruction behaves as its 32-bit expansion
// Written with explicit c.* mnemonics so the assembler must emit 16-bit encodings; the
// Vitest side also checks with objdump that each one is compressed.
#include "rvtest.h"
RVT_BEGIN
  mv s1, sp                              // keep the frame's stack pointer
  la sp, cbuf + 64
  // stack-pointer based forms
  c.addi4spn s0, sp, 16
  addi t0, sp, 16
  check_regs 1, s0, t0
  c.addi16sp sp, -32
  la t0, cbuf + 32
  check_regs 2, sp, t0
  c.addi16sp sp, 32
  li a0, 0x1122334455667788
  c.sdsp a0, 8(sp)
  c.ldsp a1, 8(sp)
  check 3, a1, 0x1122334455667788
  li a0, 0x80000001
  c.swsp a0, 16(sp)
  c.lwsp a1, 16(sp)
  check 4, a1, 0xffffffff80000001        // c.lwsp sign-extends
  // register-based loads and stores (x8-x15 only)
  la s0, cbuf
  li a2, 0xfedcba9876543210
  c.sd a2, 8(s0)
  c.ld a3, 8(s0)
  check 5, a3, 0xfedcba9876543210
  c.lw a3, 12(s0)
  check 6, a3, 0xfffffffffedcba98
  li a2, 0x12345678
  c.sw a2, 0(s0)
  c.lw a3, 0(s0)
  check 7, a3, 0x12345678
  // immediates
  c.li a4, -32
  check 8, a4, -32
  c.li a4, 31
  check 9, a4, 31
  c.addi a4, -1
  check 10, a4, 30
  c.nop
  li a4, 0x7fffffff
  c.addiw a4, 1
  check 11, a4, 0xffffffff80000000
  li a4, 0x1234567800000005
  c.addiw a4, 0                          // sext.w
  check 12, a4, 5
  c.lui a4, 0x1f
  check 13, a4, 0x1f000
  c.lui a4, 0xfffe0                      // the 6-bit immediate's most negative value
  check 14, a4, 0xfffffffffffe0000
  // shifts and logic on x8-x15
  li a5, 0x8000000000000010
  c.srli a5, 4
  check 15, a5, 0x0800000000000001
  li a5, 0x8000000000000010
  c.srai a5, 4
  check 16, a5, 0xf800000000000001
  li a5, 0x8000000000000010
  c.srli a5, 63
  check 17, a5, 1
  li a5, 0xff
  c.andi a5, -16
  check 18, a5, 0xf0
  li a5, 1
  c.slli a5, 63
  check 19, a5, 0x8000000000000000
  li a0, 12
  li a1, 10
  c.sub a0, a1
  check 20, a0, 2
  li a0, 12
  c.xor a0, a1
  check 21, a0, 6
  li a0, 12
  c.or a0, a1
  check 22, a0, 14
  li a0, 12
  c.and a0, a1
  check 23, a0, 8
  li a0, 0x7fffffff
  li a1, 1
  c.addw a0, a1
  check 24, a0, 0xffffffff80000000
  li a0, 0
  c.subw a0, a1
  check 25, a0, -1
  li a0, 0x100000000
  c.subw a0, a1                          // word arithmetic: 0 - 1
  check 26, a0, -1
  // moves and adds on any register
  li t3, 0x55
  c.mv t4, t3
  check 27, t4, 0x55
  c.add t4, t3
  check 28, t4, 0xaa
  // control transfer
  li gp, 29
  li a0, 0
  c.beqz a0, 1f
  j rvt_fail
1:
  li gp, 30
  c.bnez a0, rvt_fail_far
  li a0, 1
  li gp, 31
  c.bnez a0, 2f
  j rvt_fail
2:
  li gp, 32
  c.beqz a0, rvt_fail_far
  li gp, 33
  c.j 3f
  j rvt_fail
3:
  la t0, 4f
  li gp, 34
  c.jr t0
  j rvt_fail
4:
  la t0, csub
  c.jalr t0                              // links ra = pc + 2
l_after_cjalr:
  check_addr 35, ra, l_after_cjalr
  check 36, a0, 0x99
  // c.ebreak traps with cause 3 and mepc at the 2-byte instruction
  expect_mtrap 37, CAUSE_BREAKPOINT, c.ebreak
  mv sp, s1
  j rvt_pass
rvt_fail_far:
  j rvt_fail
csub:
  li a0, 0x99
  c.jr ra
RVT_END
  .data
  .align 4
cbuf: .zero 96
