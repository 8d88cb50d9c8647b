// The static linker's public API: link objects to an executable and read its line table.
export { link } from './linker';
export type { LinkOptions, LinkResult } from './linker';
export { lineAt, readLineTable } from './linetable';
export type { LineRow } from './linetable';
