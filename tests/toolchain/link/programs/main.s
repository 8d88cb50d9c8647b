# Main half: calls across objects, data references in every addressing style, commons,
# a strong definition overriding a weak one, linker symbols and a jump table in .rodata.
  .text
  .globl main
main:
  addi sp, sp, -16
  sd ra, 8(sp)
  la a0, greeting
  call write_str
  # shared[1] via %hi/%lo, shared[2] via %pcrel
  lui t0, %hi(shared)
  ld a0, %lo(shared+8)(t0)
  call write_num
1:auipc t1, %pcrel_hi(shared+16)
  ld a0, %pcrel_lo(1b)(t1)
  call write_num
  # fill the common pool and sum it
  la t0, pool
  li t1, 0
  li t2, 8
2:sd t1, 0(t0)
  addi t0, t0, 8
  addi t1, t1, 1
  blt t1, t2, 2b
  lla t0, pool
  ld a0, 56(t0)
  call write_num
  # the strong hook (returns 7) wins over lib's weak one
  call hook
  call write_num
  # jump table through .rodata
  li a0, 2
  lla t0, table
  slli a0, a0, 3
  add t0, t0, a0
  ld t0, 0(t0)
  jr t0
case0: li a0, 100
  j done
case1: li a0, 101
  j done
case2: li a0, 102
done:
  call write_num
  # _end lies beyond every data byte (it is where a heap would start)
  la t0, _end
  la t1, pool
  sltu a0, t1, t0
  call write_num
  ld ra, 8(sp)
  addi sp, sp, 16
  li a0, 42
  ret

  .globl hook
hook:
  li a0, 7
  ret

  .section .rodata
greeting: .string "hello from two objects\n"
  .align 3
table: .dword case0, case1, case2
