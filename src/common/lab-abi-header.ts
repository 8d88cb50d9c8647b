// Renders resources/kernel/include/lab.h from the trace ABI table (src/common/lab-abi.ts), so
// the kernel's event numbers and enum values are the table's. scripts/gen-lab-h.mjs writes the
// file; tests/common/lab-abi.test.ts fails when the committed header is not this text.

import { LAB_ENUMS, LAB_EVENTS } from './lab-abi';

const argRegisters = (args: readonly { name: string; kind: string }[]): string => {
  const regs: string[] = [];
  let r = 0;
  for (const a of args) {
    if (a.kind === 'name') {
      regs.push(`a${r}-a${r + 1} ${a.name}`);
      r += 2;
    } else {
      regs.push(`a${r} ${a.name}`);
      r += 1;
    }
  }
  return regs.join(', ');
};

export function renderLabHeader(): string {
  const out: string[] = [];
  out.push(
    '/*',
    ' * lab.h -- the ForkLab trace extension (docs/abi.md section 2).',
    ' *',
    ' * GENERATED from src/common/lab-abi.ts by scripts/gen-lab-h.mjs: do not edit',
    ' * by hand (tests/common/lab-abi.test.ts checks it).',
    ' *',
    ' * The kernel reports each event with one SBI call. On QEMU the extension',
    ' * is absent: sbi_init probes once and the calls below become no-ops.',
    ' */',
    '#ifndef _LAB_H',
    '#define _LAB_H',
    '',
    '#include "types.h"',
    '',
    'enum lab_event {',
  );
  for (const e of LAB_EVENTS) out.push(`  ${e.c} = ${e.fid}, /* ${argRegisters(e.args)} */`);
  out.push('};', '');
  for (const e of Object.values(LAB_ENUMS)) {
    if (e.tag === null) continue;
    out.push(`enum ${e.tag} {`);
    for (const [name, value, c] of e.values) out.push(`  ${c} = ${value}, /* ${name} */`);
    out.push('};', '');
  }
  out.push(
    'void lab_trace(enum lab_event ev, uint64 a0, uint64 a1, uint64 a2, uint64 a3, uint64 a4, uint64 a5);',
    '/* Packs a name into the two registers the ABI uses (bytes 0-7, 8-15). */',
    'uint64 lab_name_lo(const char *name);',
    'uint64 lab_name_hi(const char *name);',
    '',
    '#endif',
    '',
  );
  return out.join('\n');
}
