// test: code patched after it ran many times (hot, as a translator would cache it) runs the new instructions after fence.i, 32- and 16-bit alike
#include "rvtest.h"
RVT_BEGIN
  // run the routine 20000 times (past the translator's default threshold of 4096 runs and
  // the wait for its batch, up to 4 thresholds; jit.ts): a0 gets 20000 * 3
  li s0, 20000
  li a0, 0
1:
  jal ra, routine
  addi s0, s0, -1
  bnez s0, 1b
  check 1, a0, 60000
  // patch the 32-bit instruction: addi a0, a0, 3 -> addi a0, a0, 5
  la t0, patch32
  li t1, 0x00550513                      // addi a0, a0, 5
  sw t1, 0(t0)
  fence.i
  li a0, 0
  jal ra, routine
  check 2, a0, 5
  // patch the compressed one: c.addi a1, 1 -> c.addi a1, 7
  li a1, 0
  jal ra, routine
  check 3, a1, 1
  la t0, patch16
  li t1, 0x059d                          // c.addi a1, 7
  sh t1, 0(t0)
  fence.i
  li a1, 0
  li s0, 20000
2:
  jal ra, routine
  addi s0, s0, -1
  bnez s0, 2b
  check 4, a1, 140000
  // replace a 32-bit instruction with two compressed ones in the same 4 bytes
  la t0, patch32
  li t1, 0x0509050d                      // c.addi a0, 3 ; c.addi a0, 2 (low halfword first)
  sw t1, 0(t0)
  fence.i
  li a0, 0
  jal ra, routine
  check 5, a0, 5
  // patch an instruction later in the block that is running: the store and fence.i come
  // first in the same straight-line run
  li s0, 3
  li a2, 0
3:
  la t0, patch_ahead
  li t1, 0x00160613                      // addi a2, a2, 1
  sw t1, 0(t0)
  fence.i
patch_ahead:
  addi a2, a2, 100                       // replaced before it executes, every time
  addi s0, s0, -1
  bnez s0, 3b
  check 6, a2, 3
RVT_END
  .text
  .align 2
routine:
  .option push
  .option norvc
patch32:
  addi a0, a0, 3
  .option pop
patch16:
  c.addi a1, 1
  ret
