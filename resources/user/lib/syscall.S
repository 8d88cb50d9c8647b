# syscall.S -- the one way user code enters the kernel.
#
# long __syscall(long n, long a0, long a1, long a2, long a3, long a4, long a5)
#
# RISC-V Linux convention: the call number goes in a7, arguments in a0-a5,
# the result comes back in a0 (a negative errno on failure). The C wrappers
# in unistd.c turn negative results into -1 and errno.

        .text
        .globl __syscall
        .align 2
__syscall:
        mv a7, a0
        mv a0, a1
        mv a1, a2
        mv a2, a3
        mv a3, a4
        mv a4, a5
        mv a5, a6
        ecall
        ret
