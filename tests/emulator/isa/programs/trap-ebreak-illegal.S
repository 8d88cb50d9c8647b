// test: ebreak traps with cause 3 and reserved or unknown encodings with cause 2, mepc at the instruction, in every mode
#include "rvtest.h"
.macro illegal n, bits, insn:vararg
  expect_mtrap \n, CAUSE_ILLEGAL, \insn
  check_mlog \n, RVT_LOG_TVAL, \bits
.endm
RVT_BEGIN
  // mtval for a breakpoint may be 0 or the pc; QEMU 7.2 writes 0, so only cause and epc are compared
  expect_mtrap 1, CAUSE_BREAKPOINT, ebreak
  expect_mtrap 2, CAUSE_BREAKPOINT, c.ebreak
  expect_mtrap_from PRV_S, 3, CAUSE_BREAKPOINT, ebreak
  expect_mtrap_from PRV_U, 4, CAUSE_BREAKPOINT, ebreak
  // illegal instruction: mtval holds the instruction bits (as QEMU does)
  illegal 5, 0xfe000033, .word 0xfe000033          // OP with funct7 = 0x7f
  illegal 6, 0x0000607b, .word 0x0000607b          // OP-32 (0x3b) neighbour opcode 0x7b: unused
  illegal 7, 0x0000700f, .word 0x0000700f          // MISC-MEM funct3 7: reserved
  illegal 8, 0x00003003 | (1 << 14) | (1 << 13) | (1 << 12), .word 0x00007003   // LOAD funct3 7: reserved
  // reserved compressed encodings: mtval holds the 16 bits
  illegal 9, 0, .hword 0x0000                      // all-zero parcel
  illegal 10, 0x4002, .hword 0x4002                // c.lwsp with rd = x0
  illegal 11, 0x8002, .hword 0x8002                // c.jr with rs1 = x0
  illegal 12, 0x6101, .hword 0x6101                // c.addi16sp with imm = 0
  // in U-mode, supervisor instructions are illegal too
  expect_mtrap_from PRV_U, 13, CAUSE_ILLEGAL, sfence.vma
  check_mlog 14, RVT_LOG_TVAL, 0x12000073
RVT_END
