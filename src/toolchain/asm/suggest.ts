// "Did you mean" hints for unknown mnemonics: students arriving from x86 or ARM type `mov`,
// `jmp` or `cmp`; a typo like `addd` is one edit from `add`. Known foreign mnemonics map to
// the RISC-V idiom; otherwise the closest known mnemonic within two edits is offered.

const FOREIGN: Record<string, string> = {
  mov: 'mv (register) or li (constant)', movq: 'mv or li', movl: 'mv or li', jmp: 'j', b: 'j',
  bl: 'call', jsr: 'call', cmp: 'slt/sltu with a branch, or beq/bne/blt/bge directly', test: 'beqz/bnez',
  push: 'addi sp, sp, -8 then sd', pop: 'ld then addi sp, sp, 8', ldr: 'ld/lw', str: 'sd/sw',
  inc: 'addi rd, rd, 1', dec: 'addi rd, rd, -1', syscall: 'ecall', int: 'ecall', hlt: 'wfi', halt: 'wfi',
  lea: 'la', leaq: 'la', je: 'beq', jne: 'bne', jz: 'beqz', jnz: 'bnez', shl: 'slli/sll', shr: 'srli/srl',
  sar: 'srai/sra', mult: 'mul', divi: 'div', muli: 'mul', subi: 'addi with a negative immediate',
  nand: 'and then not', eret: 'sret or mret', iret: 'sret or mret', move: 'mv',
};

function distance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!;
      prev[j] = Math.min(up + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length]!;
}

/** A hint such as "; did you mean 'add'?" for an unknown mnemonic, or '' when none fits. */
export function suggestMnemonic(name: string, known: Iterable<string>): string {
  const foreign = FOREIGN[name];
  if (foreign) return `; RISC-V uses ${foreign}`;
  if (name.length < 2) return '';
  let best = '';
  let bestDistance = name.length <= 3 ? 2 : 3;
  for (const k of known) {
    const d = distance(name, k);
    if (d < bestDistance) {
      best = k;
      bestDistance = d;
    }
  }
  return best ? `; did you mean '${best}'?` : '';
}
