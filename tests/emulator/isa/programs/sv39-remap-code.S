// test: after a code page is remapped, made non-executable or rewritten through another mapping, sfence.vma and fence.i make S-mode run what the tables now say
#include "rvtest.h"
#include "sv39.h"
#define RX_AD (PTE_V | PTE_R | PTE_X | PTE_A)
#define RW_AD (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)
// put_code page, value: "li a0, value; ret" at the start of test page `page`
.macro put_code page, val
  la t0, sv39_pages + (\page) * 4096
  li t1, 0x00000513 | ((\val) << 20)
  sw t1, 0(t0)
  li t1, 0x00008067
  sw t1, 4(t0)
  fence.i
.endm
RVT_BEGIN
  sv39_setup
  put_code 0, 11
  put_code 1, 22
  sv39_leaf 0, 0, RX_AD
  li s0, SV39_VA(0)
  // run it hot from S-mode
  in_mode PRV_S, 1
  li s1, 300                             // past the translator's threshold
  li s2, 0
1:
  jalr ra, 0(s0)
  add s2, s2, a0
  addi s1, s1, -1
  bnez s1, 1b
  check 1, s2, 3300
  goto_m 2f
2:
  // same VA, other frame
  sv39_leaf 0, 1, RX_AD
  in_mode PRV_S, 2
  jalr ra, 0(s0)
  check 2, a0, 22
  goto_m 3f
3:
  // same frame, X removed: the fetch faults even though the code ran before
  sv39_leaf 0, 1, PTE_V | PTE_R | PTE_A
  expect_fetch_fault PRV_S, 3, s0
  // rewrite the code through a writable alias (VA 1 -> same frame), fence.i, run via VA 0
  sv39_leaf 0, 1, RX_AD
  sv39_leaf 1, 1, RW_AD
  li s1, SV39_VA(1)
  in_mode PRV_S, 4
  jalr ra, 0(s0)
  check 4, a0, 22
  li t1, 0x00000513 | (33 << 20)         // li a0, 33
  sw t1, 0(s1)
  fence.i
  jalr ra, 0(s0)
  check 5, a0, 33
  goto_m 4f
4:
  // switching satp to tables without the page: the fetch faults
  la t0, sv39_l0
  sd zero, 0(t0)
  in_mode PRV_S, 6
  sfence.vma
  goto_m 5f
5:
  expect_fetch_fault PRV_S, 6, s0
  csrw satp, zero
RVT_END
SV39_DATA
