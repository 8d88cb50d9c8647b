/* rvtest.h: the shared frame of ForkLab's bare-metal ISA test programs.
 *
 * Convention (the standard ISA test suites' `tohost`, plus a QEMU exit path):
 *   - the program starts in M-mode at _start = 0x80000000 (see bare.ld);
 *   - gp holds the number of the check being made; a failing check jumps to rvt_fail;
 *   - rvt_pass writes 1 to `tohost`; rvt_fail writes (gp << 1) | 1. ForkLab stops right there.
 *     QEMU does not, so both then print a line on the 16550 UART and write the SiFive test
 *     device (0x5555 = pass, exit status 0; (gp << 16) | 0x3333 = fail, exit status gp).
 *     Check numbers are therefore 1-254; gp = 0 (no check started yet) is reported as 255.
 *
 * Traps: mtvec = rvt_mtrap and stvec = rvt_strap. Each records cause, epc, tval and status
 * in a log (rvt_mlog / rvt_slog, layout RVT_LOG_*) and continues at the log's `resume`
 * address in the handler's own mode, clearing it; with no resume address the trap was
 * unexpected and the program fails with the current gp. The handlers clobber t0 and t1.
 * `goto_m label` (an ecall with a7 = RVT_GOTO_M) continues at label in M-mode from any mode
 * without touching the log; it clobbers a0 and a7.
 *
 * PMP: QEMU denies S/U accesses when no PMP entry matches, so _start opens entry 0 to all of
 * memory (NAPOT, RWX), tolerating a machine without PMP CSRs the way riscv-tests does.
 *
 * Registers free for programs: everything but gp (check number) and t6 (check scratch).
 */
#ifndef FORKLAB_RVTEST_H
#define FORKLAB_RVTEST_H

#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP   0x1800
#define MSTATUS_MPRV  (1 << 17)
#define MSTATUS_SUM   (1 << 18)
#define MSTATUS_MXR   (1 << 19)

#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

#define MIP_SSIP (1 << 1)
#define MIP_MSIP (1 << 3)
#define MIP_STIP (1 << 5)
#define MIP_MTIP (1 << 7)
#define MIP_SEIP (1 << 9)
#define MIP_MEIP (1 << 11)

#define CAUSE_MISALIGNED_FETCH 0
#define CAUSE_FETCH_ACCESS     1
#define CAUSE_ILLEGAL          2
#define CAUSE_BREAKPOINT       3
#define CAUSE_MISALIGNED_LOAD  4
#define CAUSE_LOAD_ACCESS      5
#define CAUSE_MISALIGNED_STORE 6
#define CAUSE_STORE_ACCESS     7
#define CAUSE_ECALL_U          8
#define CAUSE_ECALL_S          9
#define CAUSE_ECALL_M          11
#define CAUSE_FETCH_PAGE       12
#define CAUSE_LOAD_PAGE        13
#define CAUSE_STORE_PAGE       15
#define CAUSE_INTERRUPT        (1 << 63)

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

#define SATP_SV39 (8 << 60)

#define CLINT_BASE      0x2000000
#define CLINT_MSIP      (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000)
#define CLINT_MTIME     (CLINT_BASE + 0xbff8)
#define UART_BASE       0x10000000
#define TEST_DEVICE     0x100000

#define RVT_LOG_CAUSE   0
#define RVT_LOG_EPC     8
#define RVT_LOG_TVAL    16
#define RVT_LOG_RESUME  24
#define RVT_LOG_COUNT   32
#define RVT_LOG_STATUS  40
#define RVT_LOG_SAVE    48

#define RVT_GOTO_M 0x676f746f4d   /* "gotoM" */

/* ---- checks -------------------------------------------------------------------------- */

/* check n, reg, value: fail with n unless reg == value (a constant). */
.macro check n, reg, val
  li gp, \n
  li t6, \val
  bne \reg, t6, rvt_fail
.endm

/* check_regs n, a, b: fail with n unless a == b. */
.macro check_regs n, a, b
  li gp, \n
  bne \a, \b, rvt_fail
.endm

/* check_addr n, reg, label: fail with n unless reg holds the address of label. */
.macro check_addr n, reg, label
  li gp, \n
  la t6, \label
  bne \reg, t6, rvt_fail
.endm

/* check_mem n, width, label, value: fail with n unless the (l<width>) load of label == value. */
.macro check_mem n, load, label, val
  li gp, \n
  la t0, \label
  \load t0, 0(t0)
  li t6, \val
  bne t0, t6, rvt_fail
.endm

/* check_mlog n, field, value / check_slog: fail with n unless the trap log field == value. */
.macro check_mlog n, field, val
  li gp, \n
  la t0, rvt_mlog
  ld t0, \field(t0)
  li t6, \val
  bne t0, t6, rvt_fail
.endm
.macro check_slog n, field, val
  li gp, \n
  la t0, rvt_slog
  ld t0, \field(t0)
  li t6, \val
  bne t0, t6, rvt_fail
.endm
.macro check_mlog_addr n, field, label
  li gp, \n
  la t0, rvt_mlog
  ld t0, \field(t0)
  la t6, \label
  bne t0, t6, rvt_fail
.endm
.macro check_slog_addr n, field, label
  li gp, \n
  la t0, rvt_slog
  ld t0, \field(t0)
  la t6, \label
  bne t0, t6, rvt_fail
.endm

/* check_mlog_reg n, field, reg / check_slog_reg: fail with n unless the log field == reg. */
.macro check_mlog_reg n, field, reg
  li gp, \n
  la t0, rvt_mlog
  ld t0, \field(t0)
  bne t0, \reg, rvt_fail
.endm
.macro check_slog_reg n, field, reg
  li gp, \n
  la t0, rvt_slog
  ld t0, \field(t0)
  bne t0, \reg, rvt_fail
.endm

/* ---- traps --------------------------------------------------------------------------- */

/* Continue at label (in the handler's mode) after the next trap into rvt_mtrap/rvt_strap. */
.macro resume_mtrap_at label
  la t0, \label
  la t1, rvt_mlog
  sd t0, RVT_LOG_RESUME(t1)
.endm
.macro resume_strap_at label
  la t0, \label
  la t1, rvt_slog
  sd t0, RVT_LOG_RESUME(t1)
.endm

/* expect_mtrap n, cause, insn...: run insn in M-mode; it must trap with mcause == cause and
 * mepc == its own address. Check number n covers both. */
.macro expect_mtrap n, cause, insn:vararg
  li gp, \n
  resume_mtrap_at .Lrvt_resume_\@
.Lrvt_at_\@:
  \insn
  j rvt_fail
.Lrvt_resume_\@:
  check_mlog \n, RVT_LOG_CAUSE, \cause
  check_mlog_addr \n, RVT_LOG_EPC, .Lrvt_at_\@
.endm

/* expect_mtrap_either n, cause_a, cause_b, insn...: as expect_mtrap, accepting either cause
 * (for the few cases where QEMU 7.2 and the spec disagree; the program says which). */
.macro expect_mtrap_either n, cause_a, cause_b, insn:vararg
  li gp, \n
  resume_mtrap_at .Lrvt_resume_\@
.Lrvt_at_\@:
  \insn
  j rvt_fail
.Lrvt_resume_\@:
  la t0, rvt_mlog
  ld t0, RVT_LOG_CAUSE(t0)
  li t6, \cause_a
  beq t0, t6, .Lrvt_ok_\@
  li t6, \cause_b
  bne t0, t6, rvt_fail
.Lrvt_ok_\@:
  check_mlog_addr \n, RVT_LOG_EPC, .Lrvt_at_\@
.endm

/* expect_mtrap_from mode, n, cause, insn...: run insn alone in a lower mode (PRV_S/PRV_U, at
 * the current satp); it must trap into M with that cause and epc; continues in M-mode. */
.macro expect_mtrap_from mode, n, cause, insn:vararg
  li gp, \n
  resume_mtrap_at .Lrvt_resume_\@
  enter_mode \mode, .Lrvt_at_\@
.Lrvt_at_\@:
  \insn
  goto_m rvt_fail
.Lrvt_resume_\@:
  check_mlog \n, RVT_LOG_CAUSE, \cause
  check_mlog_addr \n, RVT_LOG_EPC, .Lrvt_at_\@
.endm

/* expect_strap n, cause, insn...: run insn (in S or U-mode); it must trap into rvt_strap with
 * scause == cause and sepc == its address; continues in S-mode. */
.macro expect_strap n, cause, insn:vararg
  li gp, \n
  resume_strap_at .Lrvt_resume_\@
.Lrvt_at_\@:
  \insn
  goto_m rvt_fail
.Lrvt_resume_\@:
  check_slog \n, RVT_LOG_CAUSE, \cause
  check_slog_addr \n, RVT_LOG_EPC, .Lrvt_at_\@
.endm

/* enter_mode mode, label: mret into mode (PRV_U/PRV_S/PRV_M) at label; clobbers t0. */
.macro enter_mode mode, label
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (\mode << 11)
  csrs mstatus, t0
  la t0, \label
  csrw mepc, t0
  mret
.endm

/* goto_m label: continue at label in M-mode, from any mode (see the header note). */
.macro goto_m label
  la a0, \label
  li a7, RVT_GOTO_M
  ecall
.endm

/* pte reg, addr_reg, flags: reg = a leaf/pointer PTE for the physical address in addr_reg. */
.macro make_pte reg, addr, flags
  srli \reg, \addr, 12
  slli \reg, \reg, 10
  ori \reg, \reg, \flags
.endm

/* ---- program frame ------------------------------------------------------------------- */

/* RVT_BEGIN opens the program: the reset code, then the program's own code follows. */
.macro RVT_BEGIN
  .section .text.init, "ax"
  .globl _start
_start:
  j rvt_reset

  .align 2
rvt_mtrap:
  csrw mscratch, t0
  li t0, RVT_GOTO_M
  bne a7, t0, 1f
  csrr t0, mcause
  addi t0, t0, -CAUSE_ECALL_U
  sltiu t0, t0, 4
  beqz t0, 1f
  li a7, 0                 /* a stale magic value must not turn a later ecall into a goto */
  jr a0
1:
  la t0, rvt_mlog
  sd t1, RVT_LOG_SAVE(t0)
  csrr t1, mcause
  sd t1, RVT_LOG_CAUSE(t0)
  csrr t1, mepc
  sd t1, RVT_LOG_EPC(t0)
  csrr t1, mtval
  sd t1, RVT_LOG_TVAL(t0)
  csrr t1, mstatus
  sd t1, RVT_LOG_STATUS(t0)
  ld t1, RVT_LOG_COUNT(t0)
  addi t1, t1, 1
  sd t1, RVT_LOG_COUNT(t0)
  ld t1, RVT_LOG_RESUME(t0)
  beqz t1, rvt_fail
  sd zero, RVT_LOG_RESUME(t0)
  jr t1

  .align 2
rvt_strap:
  csrw sscratch, t0
  la t0, rvt_slog
  sd t1, RVT_LOG_SAVE(t0)
  csrr t1, scause
  sd t1, RVT_LOG_CAUSE(t0)
  csrr t1, sepc
  sd t1, RVT_LOG_EPC(t0)
  csrr t1, stval
  sd t1, RVT_LOG_TVAL(t0)
  csrr t1, sstatus
  sd t1, RVT_LOG_STATUS(t0)
  ld t1, RVT_LOG_COUNT(t0)
  addi t1, t1, 1
  sd t1, RVT_LOG_COUNT(t0)
  ld t1, RVT_LOG_RESUME(t0)
  beqz t1, 2f
  sd zero, RVT_LOG_RESUME(t0)
  jr t1
2:
  goto_m rvt_fail

rvt_pass:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  fence
  li t0, 1
  la t1, tohost
  sd t0, 0(t1)
  la a0, rvt_msg_pass
  jal rvt_puts
  jal a3, rvt_drain
  li t0, TEST_DEVICE
  li t1, 0x5555
  sw t1, 0(t0)
1:
  j 1b

rvt_fail:
  li t0, MSTATUS_MPRV
  csrc mstatus, t0
  fence
  beqz gp, 1f
  sltiu t0, gp, 255
  bnez t0, 2f
1:
  li gp, 255
2:
  slli t0, gp, 1
  ori t0, t0, 1
  la t1, tohost
  sd t0, 0(t1)
  la a0, rvt_msg_fail
  jal rvt_puts
  /* gp in decimal, three digits */
  li t1, 100
  divu a0, gp, t1
  addi a0, a0, '0'
  jal a3, rvt_putc
  remu a0, gp, t1
  li t1, 10
  divu a0, a0, t1
  addi a0, a0, '0'
  jal a3, rvt_putc
  remu a0, gp, t1
  addi a0, a0, '0'
  jal a3, rvt_putc
  li a0, '\n'
  jal a3, rvt_putc
  jal a3, rvt_drain
  slli t1, gp, 16
  li t0, 0x3333
  or t1, t1, t0
  li t0, TEST_DEVICE
  sw t1, 0(t0)
3:
  j 3b

/* rvt_puts: write the NUL-terminated string at a0 to the UART (link in ra, clobbers a0-a4).
 * rvt_putc: write the byte in a0 once the transmitter holding register is empty (LSR.THRE);
 * QEMU drops bytes written while it is still sending. Link in a3, clobbers a1, a2. */
rvt_puts:
  mv a4, a0
1:
  lbu a0, 0(a4)
  beqz a0, 2f
  jal a3, rvt_putc
  addi a4, a4, 1
  j 1b
2:
  ret
rvt_putc:
  li a1, UART_BASE
1:
  lbu a2, 5(a1)
  andi a2, a2, 0x20
  beqz a2, 1b
  sb a0, 0(a1)
  jr a3

/* rvt_drain: wait until the UART has sent everything (LSR.TEMT), so that powering off through
 * the test device cannot cut the last bytes off QEMU's output. Link in a3, clobbers a1, a2. */
rvt_drain:
  li a1, UART_BASE
1:
  lbu a2, 5(a1)
  andi a2, a2, 0x40
  beqz a2, 1b
  jr a3

rvt_reset:
  li gp, 0
  la t0, 1f
  csrw mtvec, t0
  li t0, -1
  csrw pmpaddr0, t0
  li t0, 0x1f            /* A = NAPOT, R, W, X */
  csrw pmpcfg0, t0
  .align 2
1:
  /* No timer or software interrupt pending until a program asks for one. Programs that do
   * not use the CLINT must not depend on it, so a fault here is skipped the same way. */
  la t0, 2f
  csrw mtvec, t0
  li t0, CLINT_MTIMECMP
  li t1, -1
  sd t1, 0(t0)
  li t0, CLINT_MSIP
  sw zero, 0(t0)
  .align 2
2:
  la t0, rvt_mtrap
  csrw mtvec, t0
  la t0, rvt_strap
  csrw stvec, t0
  csrw mie, zero
  csrw medeleg, zero
  csrw mideleg, zero
  csrw satp, zero
  li t0, MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MIE | MSTATUS_SIE
  csrc mstatus, t0
  la sp, rvt_stack_top
  j rvt_main

  .text
rvt_main:
.endm

/* RVT_END closes the program: falling off the end passes; then the data the frame needs. */
.macro RVT_END
  j rvt_pass

  .section .tohost, "aw", @progbits
  .align 6
  .globl tohost
tohost: .dword 0
  .align 6
  .globl fromhost
fromhost: .dword 0

  .data
  .align 6
rvt_mlog: .zero 64
rvt_slog: .zero 64
rvt_msg_pass: .string "PASS\n"
rvt_msg_fail: .string "FAIL "
  .bss
  .align 4
rvt_stack: .zero 4096
rvt_stack_top:
  .text
.endm

#endif
