/* sv39.h: page tables for the Sv39 test programs (include after rvtest.h).
 *
 * Layout built by sv39_setup (all tables in .data, filled at run time because PTEs hold
 * shifted physical addresses the linker cannot compute):
 *
 *   root[2] = VA 0x80000000-0xbfffffff -> PA 0x80000000, a 1 GiB leaf, RWX, A and D set,
 *             supervisor-only: the program's code and data run unchanged in S-mode
 *             (sv39_code_for_user makes it a U page for U-mode code).
 *   root[1] -> sv39_l1, sv39_l1[0] -> sv39_l0: the 4 KiB test window at SV39_VA(i) =
 *             0x40000000 + i * 4096, i = 0..511, empty until sv39_leaf fills a slot.
 *
 * sv39_pages is 8 physical pages (sv39_page(i) = sv39_pages + i * 4096) for test data.
 * Sv39 address bits, once: VA[38:30] = VPN[2], VA[29:21] = VPN[1], VA[20:12] = VPN[0],
 * VA[11:0] = offset; bits 63:39 must equal bit 38.
 */
#ifndef FORKLAB_SV39_H
#define FORKLAB_SV39_H

#define SV39_VA(i) (0x40000000 + (i) * 4096)
#define SV39_RWX_AD (PTE_V | PTE_R | PTE_W | PTE_X | PTE_A | PTE_D)

/* sv39_setup: build the tables above and switch satp to them (M-mode stays untranslated). */
.macro sv39_setup
  la t0, sv39_root
  la t1, sv39_l1
  make_pte t2, t1, PTE_V
  sd t2, 8(t0)
  li t1, 0x80000000
  make_pte t2, t1, SV39_RWX_AD
  sd t2, 16(t0)
  la t0, sv39_l1
  la t1, sv39_l0
  make_pte t2, t1, PTE_V
  sd t2, 0(t0)
  sv39_on
.endm

/* sv39_on: satp = Sv39 with sv39_root, then flush the TLB. */
.macro sv39_on
  la t0, sv39_root
  srli t0, t0, 12
  li t1, SATP_SV39
  or t0, t0, t1
  csrw satp, t0
  sfence.vma
.endm

/* sv39_code_for_user / sv39_code_for_super: set or clear U on the 1 GiB identity leaf, so
 * that the program's code can be fetched in U-mode (or in S-mode: S never executes U pages). */
.macro sv39_code_for_user
  la t0, sv39_root
  ld t1, 16(t0)
  ori t1, t1, PTE_U
  sd t1, 16(t0)
  sfence.vma
.endm
.macro sv39_code_for_super
  la t0, sv39_root
  ld t1, 16(t0)
  andi t1, t1, ~PTE_U
  sd t1, 16(t0)
  sfence.vma
.endm

/* sv39_leaf i, page, flags: map SV39_VA(i) to test page `page` (0-7) with flags. */
.macro sv39_leaf i, page, flags
  la t0, sv39_pages + (\page) * 4096
  make_pte t1, t0, \flags
  la t0, sv39_l0
  sd t1, (\i) * 8(t0)
  sfence.vma
.endm

/* sv39_raw_l0 i, value: store a raw 64-bit PTE value (for invalid encodings). */
.macro sv39_raw_l0 i, val
  li t1, \val
  la t0, sv39_l0
  sd t1, (\i) * 8(t0)
  sfence.vma
.endm

/* sv39_l0_entry reg, i: reg = the current PTE in slot i (to see A/D updates). */
.macro sv39_l0_entry reg, i
  la \reg, sv39_l0
  ld \reg, (\i) * 8(\reg)
.endm

/* expect_page_fault mode, n, cause, va_reg, insn...: insn run in mode must trap into M with
 * cause, mepc at insn and mtval = va_reg. */
.macro expect_page_fault mode, n, cause, va, insn:vararg
  expect_mtrap_from \mode, \n, \cause, \insn
  check_mlog_reg \n, RVT_LOG_TVAL, \va
.endm

/* expect_fetch_fault mode, n, va_reg: entering mode at the address in va_reg must raise an
 * instruction page fault with mepc = mtval = that address. */
.macro expect_fetch_fault mode, n, va
  li gp, \n
  resume_mtrap_at .Lr\@
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (\mode << 11)
  csrs mstatus, t0
  csrw mepc, \va
  mret
.Lr\@:
  check_mlog \n, RVT_LOG_CAUSE, CAUSE_FETCH_PAGE
  check_mlog_reg \n, RVT_LOG_EPC, \va
  check_mlog_reg \n, RVT_LOG_TVAL, \va
.endm

/* in_mode mode, n: continue in mode (fails with n if anything traps into M on the way). */
.macro in_mode mode, n
  li gp, \n
  enter_mode \mode, .Lin\@
.Lin\@:
.endm

/* SV39_DATA: the tables and test pages; place once, after RVT_END. */
.macro SV39_DATA
  .data
  .align 12
sv39_root: .zero 4096
sv39_l1: .zero 4096
sv39_l0: .zero 4096
sv39_pages: .zero 8 * 4096
  .text
.endm

#endif
