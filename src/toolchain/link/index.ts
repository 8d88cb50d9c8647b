// The static linker's public API: link objects to an executable and read its line table.
export { link } from './linker';
export type { LinkOptions, LinkResult } from './linker';
export { readLineTable } from './linetable';
export type { LineRow } from './linetable';
