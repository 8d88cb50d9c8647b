// ELF reading and writing for ForkLab's toolchain and lab layer.
export * from './constants';
export { readElf, symbolAddress, symbolAt } from './reader';
export type { ElfFile, ElfSection, ElfSymbol, ElfRela, ElfSegment, ElfReadResult } from './reader';
export { writeElf, buildSymtab } from './writer';
export type { OutElf, OutSection, OutSegment, OutSymbol } from './writer';
export { ByteWriter, StringTable } from './bytes';
