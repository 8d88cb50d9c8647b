/* sbi-console.S: a tiny S-mode kernel for `forklab emu` without --bare, runnable unchanged
 * on QEMU virt + OpenSBI. It prints on the SBI legacy console:
 *   hello from S-mode
 *   hart 0, device tree ok          (a0 = 0, a1 points at an FDT: magic 0xd00dfeed)
 *   bootargs: <value>|none           (/chosen bootargs, found by walking the FDT)
 *   initrd: <text>|none              (the first line of the initrd, found through the FDT's
 *                                     linux,initrd-start; the machines place it differently)
 *   sbi spec version ok              (BASE get_spec_version succeeds, major version >= 1)
 * then, with -DLAB, reports a fork event through the LAB extension (ForkLab answers 0,
 * OpenSBI -2; nothing is printed about it so the console output stays comparable), and
 * shuts down through SRST with reason REASON (0 none, 1 system failure).
 */
#ifndef REASON
#define REASON 0
#endif
#define SBI_LEGACY_PUTCHAR 1
#define SBI_BASE 0x10
#define SBI_SRST 0x53525354
#define SBI_LAB 0x0a4c4142

  .section .text.init, "ax"
  .globl _start
_start:
  mv s0, a0
  mv s1, a1
  la a0, msg_hello
  call puts
  bnez s0, fail
  lwu t0, 0(s1)
  li t1, 0xedfe0dd0                      /* 0xd00dfeed stored big-endian */
  bne t0, t1, fail
  la a0, msg_fdt
  call puts
  /* bootargs */
  la a0, msg_args
  call puts
  la a0, name_bootargs
  call fdt_prop
  beqz a0, 1f
  call puts_line
  j 2f
1:
  la a0, msg_none
  call puts
2:
  /* initrd: linux,initrd-start is a 64-bit (or 32-bit) big-endian address */
  la a0, msg_initrd
  call puts
  la a0, name_initrd
  call fdt_prop
  beqz a0, 3f
  mv s4, a0
  call be32
  li t0, 4
  beq a1, t0, 4f                         /* a 32-bit cell: a0 is the address */
  slli s5, a0, 32
  addi a0, s4, 4
  call be32
  or a0, a0, s5
4:
  call puts_line
  j 8f
3:
  la a0, msg_none
  call puts
8:
  li a7, SBI_BASE
  li a6, 0                               /* get_spec_version */
  ecall
  bnez a0, fail
  srli a1, a1, 24
  beqz a1, fail
  la a0, msg_sbi
  call puts
#ifdef LAB
  li a7, SBI_LAB
  li a6, 1                               /* fork: parent 1, child 2, child pgd */
  li a0, 1
  li a1, 2
  li a2, 0x80400000
  ecall
#endif
  li a7, SBI_SRST
  li a6, 0
  li a0, 0                               /* shutdown */
  li a1, REASON
  ecall
  j hang
fail:
  la a0, msg_fail
  call puts
  li a7, SBI_SRST
  li a6, 0
  li a0, 0
  li a1, 1                               /* system failure */
  ecall
hang:
  wfi
  j hang

/* be32: a0 = the big-endian word at a0 (keeps a1; clobbers t0, t1) */
be32:
  mv t1, a0
  lbu a0, 0(t1)
  lbu t0, 1(t1)
  slli a0, a0, 8
  or a0, a0, t0
  lbu t0, 2(t1)
  slli a0, a0, 8
  or a0, a0, t0
  lbu t0, 3(t1)
  slli a0, a0, 8
  or a0, a0, t0
  ret

/* fdt_prop: find the first property named by the string at a0 in the FDT at s1.
 * Returns a0 = address of its value, a1 = its length; a0 = 0 if there is none.
 * Token stream per the devicetree spec: BEGIN_NODE 1 (name, padded to 4), END_NODE 2,
 * PROP 3 (len, nameoff, value padded to 4), NOP 4, END 9. Clobbers s6-s11, t0-t5. */
fdt_prop:
  mv s11, ra
  mv s10, a0
  addi a0, s1, 8
  call be32
  add s6, s1, a0                         /* structure block */
  addi a0, s1, 12
  call be32
  add s7, s1, a0                         /* strings block */
1:
  mv a0, s6
  call be32
  addi s6, s6, 4
  li t0, 1
  beq a0, t0, 2f
  li t0, 3
  beq a0, t0, 3f
  li t0, 9
  beq a0, t0, 8f
  j 1b                                   /* END_NODE, NOP */
2:                                       /* skip the node name and its NUL, then align */
  lbu t0, 0(s6)
  addi s6, s6, 1
  bnez t0, 2b
  addi s6, s6, 3
  andi s6, s6, -4
  j 1b
3:
  mv a0, s6
  call be32
  mv s8, a0                              /* len */
  addi a0, s6, 4
  call be32
  add t2, s7, a0                         /* property name */
  addi s9, s6, 8                         /* value */
  add s6, s9, s8
  addi s6, s6, 3
  andi s6, s6, -4
  mv t3, s10
4:
  lbu t4, 0(t2)
  lbu t5, 0(t3)
  bne t4, t5, 1b
  addi t2, t2, 1
  addi t3, t3, 1
  bnez t4, 4b
  mv a0, s9
  mv a1, s8
  mv ra, s11
  ret
8:
  li a0, 0
  li a1, 0
  mv ra, s11
  ret

/* puts_line: print the string at a0 up to a NUL or newline, then a newline */
puts_line:
  mv t6, ra
  mv a5, a0
1:
  lbu a0, 0(a5)
  beqz a0, 2f
  li t0, 10
  beq a0, t0, 2f
  call putc
  addi a5, a5, 1
  j 1b
2:
  li a0, 10
  call putc
  mv ra, t6
  ret

/* putc: a0 on the SBI legacy console; puts: the NUL-terminated string at a0 */
putc:
  li a7, SBI_LEGACY_PUTCHAR
  ecall
  ret
puts:
  mv t6, ra
  mv a5, a0
1:
  lbu a0, 0(a5)
  beqz a0, 2f
  call putc
  addi a5, a5, 1
  j 1b
2:
  mv ra, t6
  ret

  .section .rodata
msg_hello: .string "hello from S-mode\n"
msg_fdt: .string "hart 0, device tree ok\n"
msg_args: .string "bootargs: "
msg_initrd: .string "initrd: "
msg_none: .string "none\n"
msg_sbi: .string "sbi spec version ok\n"
msg_fail: .string "FAIL\n"
name_bootargs: .string "bootargs"
name_initrd: .string "linux,initrd-start"
