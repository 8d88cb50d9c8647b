// test: fence orders memory and fence.i makes a store to code visible to instruction fetch
#include "rvtest.h"
RVT_BEGIN
  la s0, word
  li a0, 99
  sw a0, 0(s0)
  fence rw, rw
  lw a1, 0(s0)
  check 1, a1, 99
  fence
  fence iorw, iorw
  // self-modifying code: patch "addi a0, zero, 1" into "addi a0, zero, 2"
  la s1, patched
  li a2, 0x00200513                      // addi a0, zero, 2
  li gp, 2
  jal ra, patched                        // run it once: it still says 1
  check 2, a0, 1
  sw a2, 0(s1)
  fence.i
  jal ra, patched
  check 3, a0, 2
RVT_END
  .data
  .align 3
word: .word 0
  .text
  .align 2
patched:
  .word 0x00100513                       // addi a0, zero, 1 (written as data so it stays 4 bytes)
  ret
