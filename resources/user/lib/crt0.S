# crt0.S -- process entry point.
#
# The kernel (like Linux) starts a program at _start with sp pointing at
#   argc, argv[0..argc-1], NULL, envp[0..], NULL
# _start hands these to main and passes main's return value to exit(),
# which flushes stdout before the exit system call.

        .text
        .globl _start
        .align 2
_start:
        ld a0, 0(sp)
        addi a1, sp, 8
        slli t0, a0, 3
        add a2, a1, t0
        addi a2, a2, 8
        call main
        call exit
1:
        j 1b
