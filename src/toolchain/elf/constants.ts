// ELF64 constants used by ForkLab's assembler, linker and ELF reader, named as in the System V
// gABI and the RISC-V psABI so a reader can look each one up in the spec.

export const ELFCLASS64 = 2;
export const ELFDATA2LSB = 1;
export const EV_CURRENT = 1;
export const EM_RISCV = 243;

export const ET_REL = 1;
export const ET_EXEC = 2;

/** e_flags: float ABI bits (psABI). 0 = soft-float, no RVC: links with anything lp64. */
export const EF_RISCV_RVC = 0x1;
export const EF_RISCV_FLOAT_ABI = 0x6;

export const SHT_NULL = 0;
export const SHT_PROGBITS = 1;
export const SHT_SYMTAB = 2;
export const SHT_STRTAB = 3;
export const SHT_RELA = 4;
export const SHT_NOBITS = 8;
export const SHT_INIT_ARRAY = 14;
export const SHT_FINI_ARRAY = 15;

export const SHF_WRITE = 0x1n;
export const SHF_ALLOC = 0x2n;
export const SHF_EXECINSTR = 0x4n;
export const SHF_MERGE = 0x10n;
export const SHF_STRINGS = 0x20n;
export const SHF_INFO_LINK = 0x40n;

export const SHN_UNDEF = 0;
export const SHN_ABS = 0xfff1;
export const SHN_COMMON = 0xfff2;

export const STB_LOCAL = 0;
export const STB_GLOBAL = 1;
export const STB_WEAK = 2;

export const STT_NOTYPE = 0;
export const STT_OBJECT = 1;
export const STT_FUNC = 2;
export const STT_SECTION = 3;
export const STT_FILE = 4;

export const PT_LOAD = 1;
export const PF_X = 1;
export const PF_W = 2;
export const PF_R = 4;

export const EHDR_SIZE = 64;
export const PHDR_SIZE = 56;
export const SHDR_SIZE = 64;
export const SYM_SIZE = 24;
export const RELA_SIZE = 24;

/** RISC-V relocation types (psABI, "Relocations"). Only the static-link subset ForkLab handles. */
export const R_RISCV = {
  NONE: 0,
  R32: 1,
  R64: 2,
  BRANCH: 16,
  JAL: 17,
  CALL: 18,
  CALL_PLT: 19,
  GOT_HI20: 20,
  PCREL_HI20: 23,
  PCREL_LO12_I: 24,
  PCREL_LO12_S: 25,
  HI20: 26,
  LO12_I: 27,
  LO12_S: 28,
  ADD8: 33,
  ADD16: 34,
  ADD32: 35,
  ADD64: 36,
  SUB8: 37,
  SUB16: 38,
  SUB32: 39,
  SUB64: 40,
  ALIGN: 43,
  RVC_BRANCH: 44,
  RVC_JUMP: 45,
  RELAX: 51,
  SUB6: 52,
  SET6: 53,
  SET8: 54,
  SET16: 55,
  SET32: 56,
  R32_PCREL: 57,
} as const;

/** Name of a relocation type for messages ("R_RISCV_BRANCH"), or its number when unknown. */
export function relocName(type: number): string {
  for (const [name, value] of Object.entries(R_RISCV)) {
    if (value === type) return `R_RISCV_${name.replace(/^R(?=\d)/, '')}`;
  }
  return `relocation type ${type}`;
}

/** The line-table section ForkLab keeps in objects and executables (see docs/assembler.md). */
export const LINE_TABLE_SECTION = '.forklab.lines';
