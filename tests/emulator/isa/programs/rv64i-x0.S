// test: x0 reads as zero whatever is written to it, yet loads, AMOs and CSR accesses with rd = x0 still access memory, fault and trap
#include "rvtest.h"
#define NOWHERE 0x90000000
RVT_BEGIN
  li t0, 5
  addi x0, t0, 1
  add x0, t0, t0
  lui x0, 0x12345
  auipc x0, 1
  mul x0, t0, t0
  check 1, x0, 0
  la s0, cell
  ld x0, 0(s0)
  check 2, x0, 0
  // a load into x0 still happens: from nowhere it is an access fault
  li s1, NOWHERE
  expect_mtrap 3, CAUSE_LOAD_ACCESS, lw x0, 0(s1)
  // an AMO with rd = x0 still writes memory
  li t0, 7
  amoadd.d x0, t0, (s0)
  check_mem 4, ld, cell, 0x1007
  // csrrw with rd = x0 writes (so on a read-only CSR it traps); csrrs with rs1 = x0 only reads
  expect_mtrap 5, CAUSE_ILLEGAL, csrrw x0, mhartid, t0
  csrrs x0, mhartid, x0
  csrrs x0, mscratch, x0
  check 6, x0, 0
  // jal and jalr with rd = x0 link nothing
  jal x0, 1f
  j rvt_fail
1:
  check 7, x0, 0
  // lr into x0 still takes the reservation: the sc that follows succeeds
  lr.d x0, (s0)
  li t1, 0x55
  sc.d t2, t1, (s0)
  check 8, t2, 0
  check_mem 9, ld, cell, 0x55
RVT_END
  .data
  .align 3
cell: .dword 0x1000
