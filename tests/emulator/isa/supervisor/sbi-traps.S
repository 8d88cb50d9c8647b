/* sbi-traps.S: an S-mode kernel that checks what the firmware delegates and serves, runnable
 * unchanged on ForkLab (docs/abi.md) and on QEMU virt + OpenSBI 1.1. Each line it prints is
 * "<what>: <hex>" so the two machines' consoles can be compared line by line:
 *   traps taken in S (scause, stval): ebreak (stval not compared), illegal instruction,
 *   U-mode ecall, load page fault, a misaligned load (emulated by OpenSBI, done in hardware by ForkLab: it succeeds);
 *   SBI: set_timer (legacy and TIME) raising and clearing the supervisor timer interrupt,
 *   probe of BASE/TIME/SRST/HSM, an unknown extension, HSM hart status; rdtime in S and U.
 * It ends with an SRST shutdown.
 */
#define SBI_SET_TIMER_LEGACY 0
#define SBI_PUTCHAR 1
#define SBI_BASE 0x10
#define SBI_TIME 0x54494d45
#define SBI_SRST 0x53525354
#define SBI_HSM 0x48534d
#define SSTATUS_SIE 0x2
#define SSTATUS_SPP 0x100
#define SIE_STIE 0x20

  .section .text.init, "ax"
  .globl _start
_start:
  la sp, stack_top
  la t0, strap
  csrw stvec, t0
  /* ebreak -> S with scause 3 */
  la a0, m_ebreak
  ebreak
  /* stval may be 0 or the pc for a breakpoint (QEMU: 0, ForkLab: the pc): not printed */
  la t0, trap_tval
  sd zero, 0(t0)
  call report
  /* an illegal instruction -> S with scause 2 and stval = its bits */
  la a0, m_illegal
  .word 0xfe000033
  call report
  /* misaligned load: completes (no trap), the value is printed */
  la a0, m_misaligned
  la t0, data
  ld a1, 1(t0)
  call print_named
  /* rdtime works in S */
  rdtime t1
  rdtime t2
  sltu a1, t2, t1                        /* 0: time does not go backwards */
  la a0, m_rdtime
  call print_named
  /* U-mode ecall -> S with scause 8; also rdtime in U (scounteren.TM set first) */
  li t0, 2
  csrw scounteren, t0
  la t0, umode
  csrw sepc, t0
  li t0, SSTATUS_SPP
  csrc sstatus, t0
  la a0, m_uecall
  sret
back_from_u:
  call report
  la t0, u_rdtime
  ld a1, 0(t0)
  la a0, m_urdtime
  call print_named
  /* a load page fault under Sv39: the kernel is mapped by a 1 GiB identity leaf (root[2]),
   * nothing else is, so a load from 0x40000000 traps to S with scause 13, stval = address */
  la t0, root
  li t1, (0x80000000 >> 12) << 10 | 0xcf    /* V R W X A D */
  sd t1, 16(t0)
  srli t0, t0, 12
  li t1, 8 << 60
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
  la s2, 1f
  li t0, 0x40000000
  ld t1, 8(t0)
1:
  csrw satp, zero
  sfence.vma
  la a0, m_loadfault
  call report
  /* SBI probe_extension */
  li a0, SBI_BASE
  call probe
  li a0, SBI_TIME
  call probe
  li a0, SBI_SRST
  call probe
  li a0, SBI_HSM
  call probe
  /* an unknown extension answers SBI_ERR_NOT_SUPPORTED (-2) */
  li a7, 0x0badbeef
  li a6, 0
  ecall
  mv a1, a0
  la a0, m_unknown
  call print_named
  /* HSM hart_get_status(0): 0 = started */
  li a7, SBI_HSM
  li a6, 2
  li a0, 0
  ecall
  mv a1, a0
  la a0, m_hsm
  call print_named
  /* set_timer in the past raises STIP; the interrupt arrives once SIE and STIE are set */
  li t0, SIE_STIE
  csrs sie, t0
  rdtime a0
  li a7, SBI_TIME
  li a6, 0
  ecall
  la s2, 1f
  csrsi sstatus, SSTATUS_SIE
2:
  j 2b                                   /* until the interrupt */
1:
  csrci sstatus, SSTATUS_SIE
  la a0, m_timer
  call report
  /* setting the timer far ahead clears STIP */
  li a0, -1
  li a7, SBI_SET_TIMER_LEGACY
  ecall
  csrr a1, sip
  andi a1, a1, SIE_STIE
  la a0, m_stip
  call print_named
  /* the legacy call raises it again */
  rdtime a0
  li a7, SBI_SET_TIMER_LEGACY
  ecall
  li t1, 100000
3:
  csrr a1, sip
  andi a1, a1, SIE_STIE
  bnez a1, 4f
  addi t1, t1, -1
  bnez t1, 3b
4:
  la a0, m_stip_legacy
  call print_named
  li a0, -1
  li a7, SBI_SET_TIMER_LEGACY
  ecall
  li a7, SBI_SRST
  li a6, 0
  li a0, 0
  li a1, 0
  ecall
5:
  j 5b

umode:
  rdtime t1
  snez a1, t1
  ecall
  j umode

/* strap: record scause/stval in trap_cause/trap_tval, then continue: ebreak and illegal skip
 * the instruction; a U ecall returns to S at back_from_u; everything else (page faults, the
 * timer) continues at the address in s2. */
  .align 2
strap:
  csrr t5, scause
  la t6, trap_cause
  sd t5, 0(t6)
  csrr t5, stval
  sd t5, 8(t6)
  csrr t5, scause
  li t6, 3
  beq t5, t6, skip
  li t6, 2
  beq t5, t6, skip
  li t6, 8
  beq t5, t6, from_u
  csrw sepc, s2
  li t5, SSTATUS_SPP
  csrs sstatus, t5
  li t5, 0x20                            /* SPIE = 0: a still-pending timer must not re-enter */
  csrc sstatus, t5
  sret
skip:
  csrr t5, sepc
  lhu t6, 0(t5)
  andi t6, t6, 3
  addi t5, t5, 2
  li a2, 3
  bne t6, a2, 1f                         /* a 16-bit instruction */
  addi t5, t5, 2
1:
  csrw sepc, t5
  sret
from_u:
  la t5, back_from_u
  csrw sepc, t5
  li t5, SSTATUS_SPP
  csrs sstatus, t5
  la t6, u_rdtime
  sd a1, 0(t6)
  sret

/* report: print "<a0>: <scause> <stval>" of the last trap, then forget it */
report:
  addi sp, sp, -16
  sd ra, 0(sp)
  call puts
  la t0, trap_cause
  ld a0, 0(t0)
  call puthex
  li a0, ' '
  call putc
  la t0, trap_cause
  ld a0, 8(t0)
  call puthex
  li a0, '\n'
  call putc
  la t0, trap_cause
  li t1, -1
  sd t1, 0(t0)
  sd t1, 8(t0)
  ld ra, 0(sp)
  addi sp, sp, 16
  ret

/* probe: print "probe <a0>: <result>" for BASE probe_extension(a0) */
probe:
  addi sp, sp, -16
  sd ra, 0(sp)
  sd a0, 8(sp)
  la a0, m_probe
  call puts
  ld a0, 8(sp)
  call puthex
  li a0, ' '
  call putc
  ld a0, 8(sp)
  li a7, SBI_BASE
  li a6, 3
  ecall
  mv a0, a1
  snez a0, a0
  call puthex
  li a0, '\n'
  call putc
  ld ra, 0(sp)
  addi sp, sp, 16
  ret

/* print_named: "<string a0>: <hex a1>\n" */
print_named:
  addi sp, sp, -16
  sd ra, 0(sp)
  sd a1, 8(sp)
  call puts
  ld a0, 8(sp)
  call puthex
  li a0, '\n'
  call putc
  ld ra, 0(sp)
  addi sp, sp, 16
  ret

/* puthex: a0 as 16 hex digits */
puthex:
  addi sp, sp, -32
  sd ra, 0(sp)
  sd s0, 8(sp)
  sd s1, 16(sp)
  mv s0, a0
  li s1, 60
1:
  srl a0, s0, s1
  andi a0, a0, 15
  addi a0, a0, '0'
  li t0, '9' + 1
  blt a0, t0, 2f
  addi a0, a0, 'a' - '0' - 10
2:
  call putc
  addi s1, s1, -4
  bgez s1, 1b
  ld ra, 0(sp)
  ld s0, 8(sp)
  ld s1, 16(sp)
  addi sp, sp, 32
  ret

/* puts: the NUL-terminated string at a0; putc: the byte a0 (SBI legacy console) */
puts:
  addi sp, sp, -16
  sd ra, 0(sp)
  sd s0, 8(sp)
  mv s0, a0
1:
  lbu a0, 0(s0)
  beqz a0, 2f
  call putc
  addi s0, s0, 1
  j 1b
2:
  ld ra, 0(sp)
  ld s0, 8(sp)
  addi sp, sp, 16
  ret
putc:
  li a7, SBI_PUTCHAR
  ecall
  ret

  .section .rodata
m_ebreak: .string "ebreak: "
m_illegal: .string "illegal: "
m_misaligned: .string "misaligned ld: "
m_rdtime: .string "rdtime backwards: "
m_urdtime: .string "rdtime in u nonzero: "
m_uecall: .string "u ecall: "
m_loadfault: .string "load page fault: "
m_probe: .string "probe "
m_unknown: .string "unknown extension: "
m_hsm: .string "hsm status: "
m_timer: .string "timer interrupt: "
m_stip: .string "stip after far timer: "
m_stip_legacy: .string "stip after legacy timer: "
  .data
  .align 3
data: .byte 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16
trap_cause: .dword -1
trap_tval: .dword -1
u_rdtime: .dword 0
  .bss
  .align 12
root: .zero 4096
stack: .zero 4096
stack_top:
