// The contract between instruction encoders and the assembler core: encoders emit 32-bit words
// and describe any immediate they could not fill in yet as a fixup; the core resolves fixups at
// the end of assembly (constant, same-section PC-relative, or relocation).

import type { Expr, Linear, ParseContext } from './expr';
import type { Immediate } from './operands';

/** Where a fixup's value goes: an instruction immediate field (CB/CJ: compressed branch/jump), or data of 1-8 bytes. */
export type Field = 'I' | 'S' | 'U' | 'B' | 'J' | 'CALL' | 'CB' | 'CJ' | 'D1' | 'D2' | 'D4' | 'D8';

export interface FixupRequest {
  readonly field: Field;
  readonly imm: Immediate;
}

export interface Emitter {
  readonly parse: ParseContext;
  /** Appends one instruction word at the current location, with an optional fixup on it. */
  emit(word: number, fix?: FixupRequest): void;
  /** Appends one 16-bit compressed instruction (fields CB/CJ for branch and jump targets). */
  emit16(half: number, fix?: FixupRequest): void;
  /** Evaluates an expression that must be a constant now (shift amounts, li values, CSR numbers). */
  readonly constant: (e: Expr, column: number) => bigint;
  /** Evaluates with symbols known so far; may contain symbol terms. */
  evaluateNow(e: Expr): Linear;
  /** Emits `auipc rd, %pcrel_hi(target)` at a fresh local label and returns the label's name. */
  pcrelHi(rd: number, target: Expr, column: number): string;
}
