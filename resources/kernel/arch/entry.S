# entry.S -- trap entry and exit, and the context switch.
#
# sscratch holds the kernel stack top while a task runs in user mode and 0
# while in the kernel, so _traps can tell where it came from: a trap from U
# swaps to the kernel stack; a trap from S keeps the current stack.
# struct pt_regs (include/proc.h): x0..x31 at 8*i, then sepc 256,
# sstatus 264, stval 272, scause 280; 288 bytes in all.

        .equ PT_SIZE, 288

        .section .text.entry
        .align 2
        .globl _traps
_traps:
        csrrw sp, sscratch, sp
        bnez sp, 1f
        csrrw sp, sscratch, sp      # came from S: put sp back, sscratch = 0
1:
        addi sp, sp, -PT_SIZE
        sd x1, 8(sp)
        sd x3, 24(sp)
        sd x4, 32(sp)
        sd x5, 40(sp)
        sd x6, 48(sp)
        sd x7, 56(sp)
        sd x8, 64(sp)
        sd x9, 72(sp)
        sd x10, 80(sp)
        sd x11, 88(sp)
        sd x12, 96(sp)
        sd x13, 104(sp)
        sd x14, 112(sp)
        sd x15, 120(sp)
        sd x16, 128(sp)
        sd x17, 136(sp)
        sd x18, 144(sp)
        sd x19, 152(sp)
        sd x20, 160(sp)
        sd x21, 168(sp)
        sd x22, 176(sp)
        sd x23, 184(sp)
        sd x24, 192(sp)
        sd x25, 200(sp)
        sd x26, 208(sp)
        sd x27, 216(sp)
        sd x28, 224(sp)
        sd x29, 232(sp)
        sd x30, 240(sp)
        sd x31, 248(sp)
        # The interrupted sp: the user's (in sscratch) or ours before the push.
        csrr t0, sscratch
        bnez t0, 2f
        addi t0, sp, PT_SIZE
2:      sd t0, 16(sp)
        csrw sscratch, zero
        csrr t0, sepc
        sd t0, 256(sp)
        csrr t0, sstatus
        sd t0, 264(sp)
        csrr t0, stval
        sd t0, 272(sp)
        csrr t0, scause
        sd t0, 280(sp)

        mv a0, sp
        call trap_handler

        .globl __ret_from_trap
__ret_from_trap:
        ld t0, 256(sp)
        csrw sepc, t0
        ld t0, 264(sp)
        csrw sstatus, t0
        andi t0, t0, 0x100          # sstatus.SPP: going back to S?
        bnez t0, 3f
        addi t0, sp, PT_SIZE        # to U: the stack is empty again
        csrw sscratch, t0
3:
        ld x1, 8(sp)
        ld x3, 24(sp)
        ld x4, 32(sp)
        ld x5, 40(sp)
        ld x6, 48(sp)
        ld x7, 56(sp)
        ld x8, 64(sp)
        ld x9, 72(sp)
        ld x10, 80(sp)
        ld x11, 88(sp)
        ld x12, 96(sp)
        ld x13, 104(sp)
        ld x14, 112(sp)
        ld x15, 120(sp)
        ld x16, 128(sp)
        ld x17, 136(sp)
        ld x18, 144(sp)
        ld x19, 152(sp)
        ld x20, 160(sp)
        ld x21, 168(sp)
        ld x22, 176(sp)
        ld x23, 184(sp)
        ld x24, 192(sp)
        ld x25, 200(sp)
        ld x26, 208(sp)
        ld x27, 216(sp)
        ld x28, 224(sp)
        ld x29, 232(sp)
        ld x30, 240(sp)
        ld x31, 248(sp)
        ld x2, 16(sp)
        sret

# A new user task (made by fork or exec) first runs here: __switch_to
# "returns" with sp pointing at its pt_regs, which leave to user mode.
        .globl __ret_from_fork
__ret_from_fork:
        j __ret_from_trap

# A new kernel thread first runs here with s0 = function, s1 = argument.
# Kernel threads run with interrupts on so the timer can preempt them.
        .globl __kthread_start
__kthread_start:
        csrsi sstatus, 2
        mv a0, s1
        jalr s0
        call kthread_exit

# void __switch_to(struct task_struct *prev, struct task_struct *next)
# Saves prev's callee-saved registers into prev->thread and loads next's.
        .globl __switch_to
__switch_to:
        sd ra, 0(a0)
        sd sp, 8(a0)
        sd s0, 16(a0)
        sd s1, 24(a0)
        sd s2, 32(a0)
        sd s3, 40(a0)
        sd s4, 48(a0)
        sd s5, 56(a0)
        sd s6, 64(a0)
        sd s7, 72(a0)
        sd s8, 80(a0)
        sd s9, 88(a0)
        sd s10, 96(a0)
        sd s11, 104(a0)
        ld ra, 0(a1)
        ld sp, 8(a1)
        ld s0, 16(a1)
        ld s1, 24(a1)
        ld s2, 32(a1)
        ld s3, 40(a1)
        ld s4, 48(a1)
        ld s5, 56(a1)
        ld s6, 64(a1)
        ld s7, 72(a1)
        ld s8, 80(a1)
        ld s9, 88(a1)
        ld s10, 96(a1)
        ld s11, 104(a1)
        ret
