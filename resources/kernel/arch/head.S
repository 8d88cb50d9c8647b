# head.S -- the first instructions, at physical 0x80200000 with the MMU off.
#
# The firmware jumps here in S-mode with a0 = hart id and a1 = the device
# tree's physical address. The kernel is linked at 0xffffffd600200000, so
# until relocate runs only PC-relative code is safe: zero .bss, build the
# early page table (setup_vm), switch satp on, and continue at the linked
# (virtual) addresses in start_kernel.

        .section .text.init
        .globl _start
_start:
        la sp, boot_stack_top
        mv s0, a0
        mv s1, a1

        # .bss holds the early page table and the boot stack: clear it first.
        la t0, _sbss
        la t1, _ebss
1:      bgeu t0, t1, 2f
        sd zero, 0(t0)
        addi t0, t0, 8
        j 1b
2:
        call setup_vm
        call relocate

        # Now running at virtual addresses.
        mv a0, s0
        mv a1, s1
        call start_kernel
3:      wfi
        j 3b

# relocate: turn on Sv39 with early_pgtbl and return to the caller's
# virtual address. early_pgtbl maps RAM twice (identity and direct map), so
# the instruction after the csrw still fetches from its physical address.
relocate:
        li t0, 0xffffffd580000000   # PA2VA_OFFSET
        add ra, ra, t0
        add sp, sp, t0

        la t1, early_pgtbl
        srli t1, t1, 12
        li t2, 8
        slli t2, t2, 60             # satp.MODE = Sv39
        or t1, t1, t2
        sfence.vma zero, zero
        csrw satp, t1
        sfence.vma zero, zero
        fence.i
        ret

        .section .bss.stack
        .align 12
        .globl boot_stack
boot_stack:
        .space 4096 * 4
        .globl boot_stack_top
boot_stack_top:
