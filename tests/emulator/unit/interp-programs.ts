// Assembly programs both interpreter loops (interp.ts and wasm/interp.ts) are checked on
// against step-by-step execution: they run from the entry in M-mode and loop forever, so a
// test runs them for a number of instructions and compares the machines.

/** A loop that stores a new immediate into the addi it runs next time round. */
export const SELF_MODIFYING_LOOP = `
  li s0, 0
  li s1, 0
  la t0, patch
loop:
patch:
  addi s1, s1, 1
  lw t1, 0(t0)
  li t2, 0x00100000
  add t1, t1, t2
  sw t1, 0(t0)
  addi s0, s0, 1
  li t2, 100
  blt s0, t2, loop
1: j 1b`;

/**
 * An ALU loop under a machine timer that fires 37 ticks after the start and then every 41
 * ticks: each interrupt must land on the same instruction as step-by-step.
 */
export const TIMER_LOOP = `
  la t0, handler
  csrw mtvec, t0
  li t0, 0x80
  csrw mie, t0
  csrsi mstatus, 8
  li s1, 0x2004000       # mtimecmp
  li s2, 0x200bff8       # mtime
  ld t1, 0(s2)
  addi t1, t1, 37
  sd t1, 0(s1)
loop:
  addi s3, s3, 1
  xor s4, s4, s3
  addi s6, s6, 3
  j loop
handler:
  addi s5, s5, 1
  ld t1, 0(s2)
  addi t1, t1, 41
  sd t1, 0(s1)
  mret`;
