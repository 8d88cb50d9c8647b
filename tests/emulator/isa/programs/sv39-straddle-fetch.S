// test: a 32-bit instruction straddling two pages is fetched from both frames, and faults with tval at the missing second page
#include "rvtest.h"
#include "sv39.h"
#define RX_AD (PTE_V | PTE_R | PTE_X | PTE_A)
RVT_BEGIN
  sv39_setup
  // "li a0, 42" = 0x02a00513: low half at the last 2 bytes of frame 2, high half at the start
  // of frame 5, then "ret"; VA(0) -> frame 2, VA(1) -> frame 5 (not adjacent frames)
  la t0, sv39_pages + 2 * 4096 + 4094
  li t1, 0x0513
  sh t1, 0(t0)
  la t0, sv39_pages + 5 * 4096
  li t1, 0x02a0
  sh t1, 0(t0)
  li t1, 0x8067
  sh t1, 2(t0)
  sh zero, 4(t0)
  fence.i
  sv39_leaf 0, 2, RX_AD
  sv39_leaf 1, 5, RX_AD
  li s0, SV39_VA(0) + 4094
  in_mode PRV_S, 1
  li a0, 0
  jalr ra, 0(s0)
  check 1, a0, 42
  li s1, 300                             // hot: past the translator's threshold
  li s2, 0
1:
  jalr ra, 0(s0)
  add s2, s2, a0
  addi s1, s1, -1
  bnez s1, 1b
  check 2, s2, 12600
  goto_m 2f
2:
  // second page gone: the fault names the instruction in sepc/mepc and the second page in tval
  sv39_raw_l0 1, 0
  li gp, 3
  resume_mtrap_at 3f
  li t0, MSTATUS_MPP
  csrc mstatus, t0
  li t0, (PRV_S << 11)
  csrs mstatus, t0
  csrw mepc, s0
  mret
3:
  check_mlog 3, RVT_LOG_CAUSE, CAUSE_FETCH_PAGE
  check_mlog_reg 4, RVT_LOG_EPC, s0
  check_mlog 5, RVT_LOG_TVAL, SV39_VA(1)
  csrw satp, zero
RVT_END
SV39_DATA
