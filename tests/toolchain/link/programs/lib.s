# Library half of the multi-object program: output helpers, a weak default and shared data.
  .text
  .globl write_str
  .type write_str, @function
# write_str(a0 = NUL-terminated string): write(1, s, strlen(s))
write_str:
  mv a1, a0
  li a2, 0
1:add t0, a1, a2
  lbu t1, 0(t0)
  beqz t1, 2f
  addi a2, a2, 1
  j 1b
2:li a0, 1
  li a7, 64
  ecall
  ret
  .size write_str, . - write_str

  .globl write_num
# write_num(a0 = unsigned value): decimal digits and a newline
write_num:
  addi sp, sp, -32
  addi t2, sp, 31
  li t0, 10
  sb t0, 0(t2)
1:remu t1, a0, t0
  addi t1, t1, '0'
  addi t2, t2, -1
  sb t1, 0(t2)
  divu a0, a0, t0
  bnez a0, 1b
  li a0, 1
  mv a1, t2
  addi a2, sp, 32
  sub a2, a2, t2
  li a7, 64
  ecall
  addi sp, sp, 32
  ret

  .weak hook
hook:
  li a0, 1
  ret

  .data
  .globl shared
  .type shared, @object
shared: .dword 1000, 2000, 3000
  .size shared, 24
  .comm pool, 64, 8
