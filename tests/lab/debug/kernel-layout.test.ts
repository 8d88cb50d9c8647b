// The kernel layout the debugger reads (src/lab/debug/kernel-layout.ts) against gcc: offsetof()
// of each field, compiled with the kernel's headers for the kernel's target.
import { expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tool } from '../../tools';
import { ROOT } from '../../kernel/boot';
import { makeWorkDir, removeWorkDir } from '../../support/riscv-tools';
import { PT_REGS, TASK } from '../../../src/lab/debug/kernel-layout';

test('task_struct and pt_regs offsets match the kernel headers as gcc lays them out', () => {
  const dir = makeWorkDir('layout');
  try {
    const src = join(dir, 'layout.c');
    writeFileSync(
      src,
      `#include "types.h"\n#include "param.h"\n#include "list.h"\n#include "mm.h"\n#include "proc.h"\n#include <stddef.h>\n` +
        `unsigned long v[] = { offsetof(struct task_struct, pid), offsetof(struct task_struct, name), sizeof(((struct task_struct *)0)->name),\n` +
        `  offsetof(struct pt_regs, sepc), offsetof(struct pt_regs, sstatus), offsetof(struct pt_regs, stval), offsetof(struct pt_regs, scause), sizeof(struct pt_regs) };\n`,
    );
    const r = spawnSync(tool('riscv64-linux-gnu-gcc'), ['-march=rv64imac_zicsr_zifencei', '-mabi=lp64', '-ffreestanding', '-S', '-o', '-', '-I', join(ROOT, 'resources/kernel/include'), src], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    const values = [...r.stdout.matchAll(/^\s*\.dword\s+(\d+)/gm)].map((m) => Number(m[1]));
    expect(values).toEqual([TASK.pid, TASK.name, TASK.nameLength, PT_REGS.sepc, PT_REGS.sstatus, PT_REGS.stval, PT_REGS.scause, PT_REGS.size]);
  } finally {
    removeWorkDir(dir);
  }
});
