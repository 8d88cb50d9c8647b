/* sbi-lab.S: an S-mode kernel that reports one of each lab trace event (docs/abi.md,
 * section 2) through SBI extension 0x0A4C4142 and checks the answers: a0 = 0 and a1 = 0 for
 * the ten known kinds, a0 = -2 (SBI_ERR_NOT_SUPPORTED) and a1 = 0 for kind 42. It prints "lab ok" or
 * "lab FAIL <n>" on the SBI console and shuts down. ForkLab only: QEMU's OpenSBI has no LAB
 * and answers -2 to everything.
 */
#define SBI_PUTCHAR 1
#define SBI_SRST 0x53525354
#define SBI_LAB 0x0a4c4142

/* lab n, kind, a0..a5: make the call; fail with n unless the answer is a0 = a1 = 0 */
.macro lab n, kind, x0, x1, x2, x3, x4, x5
  li a0, \x0
  li a1, \x1
  li a2, \x2
  li a3, \x3
  li a4, \x4
  li a5, \x5
  li a6, \kind
  li a7, SBI_LAB
  ecall
  li s0, \n
  bnez a0, fail
  bnez a1, fail
.endm

  .section .text.init, "ax"
  .globl _start
_start:
  /* names are 16 ASCII bytes, low byte first: "hello" and "kswapd-worker" */
  lab 1, 1, 1, 2, 0x80400000, 0, 0, 0                                  /* fork 1 -> 2 */
  lab 2, 2, 2, 0x80401000, 0x6f6c6c6568, 0, 0x10078, 0                 /* exec pid 2 "hello" */
  lab 3, 3, 2, 11, 1, 0, 0, 0                                          /* exit 2 code 11, fault */
  lab 4, 4, 1, 2, 0, 0, 0, 0                                           /* sched 1 -> 2 */
  lab 5, 5, 2, 0x12345000, 15, 2, 0x80402000, 0x80403000               /* fault cow-copy */
  lab 6, 6, 0x80404000, 1, 0, 1, 0, 0                                  /* frame alloc page table */
  lab 7, 7, 2, 0x10000, 0x11000, 0x3, 3, 0x40                          /* vma heap anon|read */
  lab 8, 8, 2, 0x10000, 0x11000, 0, 0, 0                               /* vma_remove */
  lab 9, 9, 3, 0, 0x772d64706177736b, 0x72656b726f, 0, 0             /* kthread "kswapd-worker" */
  lab 10, 10, 2, 2, 0, 0, 0, 0                                         /* state zombie */
  /* an unknown kind: SBI_ERR_NOT_SUPPORTED */
  li a6, 42
  li a7, SBI_LAB
  li a0, 7
  li a1, 5
  ecall
  li s0, 11
  li t0, -2
  bne a0, t0, fail
  bnez a1, fail
  la a0, msg_ok
  call puts
  li a7, SBI_SRST
  li a6, 0
  li a0, 0
  li a1, 0
  ecall
fail:
  la a0, msg_fail
  call puts
  li a0, '0'
  add a0, a0, s0                         /* n < 10 prints a digit, 10 and 11 ':' and ';' */
  call putc
  li a0, '\n'
  call putc
  li a7, SBI_SRST
  li a6, 0
  li a0, 0
  li a1, 1
  ecall
1:
  j 1b

putc:
  li a7, SBI_PUTCHAR
  ecall
  ret
puts:
  mv t6, ra
  mv t5, a0
1:
  lbu a0, 0(t5)
  beqz a0, 2f
  call putc
  addi t5, t5, 1
  j 1b
2:
  mv ra, t6
  ret

  .section .rodata
msg_ok: .string "lab ok\n"
msg_fail: .string "lab FAIL "
