.macro SAVE reg, off
  sd \reg, \off(sp)
.endm
.macro LOAD reg off=0
  ld \reg, \off(sp)
.endm
.macro PAIR a, b:vararg
  .word \a
  .word \b
.endm
.macro LBL name
\name\()_start: nop
1: j 1b
.endm
.text
  SAVE ra, 8
  SAVE a0, 16
  LOAD t0
  LOAD t1, 24
  LBL foo
.rept 3
  addi a0, a0, 1
.endr
.irp r, a1, a2, a3
  mv \r, zero
.endr
.irpc c, 123
  li a0, \c
.endr
.set N, 2
.if N == 2
  li a0, 2
.elseif N == 3
  li a0, 3
.else
  li a0, 4
.endif
.ifdef N
  nop
.endif
.ifndef NOPE
  li a1, 7
.else
  li a1, 8
.endif
.if 0
  .if 1
    li a2, 9
  .endif
  bogus instruction here
.endif
.ifc abc, abc
  li a3, 1
.endif
.ifnc abc, abd
  li a3, 2
.endif
.macro REC n
  .if \n
    addi a0, a0, \n
    REC (\n - 1)
  .endif
.endm
  REC 4
.data
  PAIR 1, 2, 3
