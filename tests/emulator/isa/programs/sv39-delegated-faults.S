// test: page faults delegated with medeleg reach S-mode with scause 12, 13 or 15, sepc and stval = VA, and S can fix the mapping and retry
#include "rvtest.h"
#include "sv39.h"
RVT_BEGIN
  sv39_setup
  li t0, (1 << CAUSE_FETCH_PAGE) | (1 << CAUSE_LOAD_PAGE) | (1 << CAUSE_STORE_PAGE)
  csrw medeleg, t0
  li s0, SV39_VA(6)
  // an S load from an unmapped page: S sees cause 13, sepc, stval (U-mode code cannot share
  // the identity gigapage with the S handler; trap-delegation covers U-to-S delegation)
  li gp, 1
  resume_strap_at 1f
  enter_mode PRV_S, 2f
2:
  ld a1, 0(s0)
  goto_m rvt_fail
1:
  check_slog 2, RVT_LOG_CAUSE, CAUSE_LOAD_PAGE
  check_slog_addr 3, RVT_LOG_EPC, 2b
  check_slog_reg 4, RVT_LOG_TVAL, s0
  goto_m 3f
3:
  // store page fault from S, handled in S
  li gp, 5
  resume_strap_at 4f
  enter_mode PRV_S, 5f
5:
  sd a1, 8(s0)
  goto_m rvt_fail
4:
  check_slog 6, RVT_LOG_CAUSE, CAUSE_STORE_PAGE
  addi t1, s0, 8
  check_slog_reg 7, RVT_LOG_TVAL, t1
  // instruction page fault from S: sepc = stval = the target
  resume_strap_at 6f
  jalr ra, 0(s0)
  goto_m rvt_fail
6:
  check_slog 8, RVT_LOG_CAUSE, CAUSE_FETCH_PAGE
  check_slog_reg 9, RVT_LOG_EPC, s0
  check_slog_reg 10, RVT_LOG_TVAL, s0
  // S maps the page itself, flushes, and the access now works: demand paging in miniature
  la t0, sv39_pages + 6 * 4096
  make_pte t1, t0, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D
  la t0, sv39_l0
  sd t1, 6 * 8(t0)
  sfence.vma s0
  li a0, 0x600d
  li t0, MSTATUS_SUM                     // the page is a U page: S needs SUM
  csrs sstatus, t0
  sd a0, 0(s0)
  ld a1, 0(s0)
  check 11, a1, 0x600d
  goto_m 7f
7:
  // the M-mode log saw none of the delegated faults
  check_mlog 12, RVT_LOG_COUNT, 0
  check_slog 13, RVT_LOG_COUNT, 3
  csrw medeleg, zero
  csrw satp, zero
RVT_END
SV39_DATA
