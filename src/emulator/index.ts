// The emulator's public API. Everything else in src/emulator is internal.
export { Machine, type InitrdWriter, type MachineOptions, type StopReason, type LoadResult, RAM_BASE } from './machine';
export { parseElf, type ElfFile, type ElfSegment, type ElfSymbol, type ElfResult } from './elf';
export { type LabCall, LAB_EID } from './trace';
