// Text forms the inspector shows, written to match what students see elsewhere: a VMA as a
// line of /proc/pid/maps (`start-end perms offset 00:00 0 name`), a PTE's permission bits
// as RWXUAD letters. Pure, so checked against hand-written Linux-style lines in tests.
import type { PageInfo, VmaInfo } from '../../common/model';

export const VM_ANON = 0x1;
export const VM_READ = 0x2;
export const VM_WRITE = 0x4;
export const VM_EXEC = 0x8;
export const VM_SHARED = 0x10;

const hex8 = (n: number) => n.toString(16).padStart(8, '0');

/** The pathname column: the program for file-backed text/data, [heap]/[stack] as Linux prints them. */
function vmaName(v: VmaInfo, program: string): string {
  switch (v.kind) {
    case 'text':
    case 'data':
      return v.flags & VM_ANON ? '' : program;
    case 'heap':
      return '[heap]';
    case 'stack':
      return '[stack]';
    default:
      return '';
  }
}

/** A maps line in its parts: `head + pad + name` is the line as Linux prints it. */
export interface MapsParts {
  readonly head: string;
  /** The spaces that put the name at column 73, as Linux does. */
  readonly pad: string;
  readonly name: string;
}

export function mapsParts(v: VmaInfo, program: string): MapsParts {
  const perms =
    (v.flags & VM_READ ? 'r' : '-') +
    (v.flags & VM_WRITE ? 'w' : '-') +
    (v.flags & VM_EXEC ? 'x' : '-') +
    (v.flags & VM_SHARED ? 's' : 'p');
  const name = vmaName(v, program);
  const head = `${hex8(v.start)}-${hex8(v.end)} ${perms} ${hex8(v.offset)} 00:00 0`;
  return { head, pad: name ? ' '.repeat(Math.max(1, 73 - head.length)) : '', name };
}

export function mapsLine(v: VmaInfo, program: string): string {
  const { head, pad, name } = mapsParts(v, program);
  return head + pad + name;
}

export function pteFlags(p: PageInfo): string {
  return (p.r ? 'R' : '-') + (p.w ? 'W' : '-') + (p.x ? 'X' : '-') + (p.u ? 'U' : '-') + (p.a ? 'A' : '-') + (p.d ? 'D' : '-');
}
