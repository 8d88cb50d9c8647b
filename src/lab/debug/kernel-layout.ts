// The few facts about the lab kernel's data structures the debugger reads from guest memory:
// who the kernel thinks is running (`current`, its pid) and where a trap saved the registers.
// They mirror resources/kernel/include/proc.h; tests/lab/debug/kernel-layout.test.ts compiles
// offsetof() of each with the kernel's own gcc flags, so a change to proc.h that moves them
// fails there instead of misleading the debugger.

/** struct pt_regs: x0..x31 at 8*i, then these (entry.S PT_SIZE = 288). */
export const PT_REGS = { sepc: 256, sstatus: 264, stval: 272, scause: 280, size: 288 } as const;

/** struct task_struct fields the debugger reads. */
export const TASK = { pid: 112, name: 129, nameLength: 16 } as const;

/** sstatus.SPP: the trap came from S-mode. */
export const SSTATUS_SPP = 0x100n;

/** Name of the kernel variable holding the running task. */
export const CURRENT_SYMBOL = 'current';
