import { describe, expect, test } from 'vitest';
import { mapsLine, pteFlags } from '../../../src/renderer/inspector/format';
import { page } from '../fixtures';

describe('/proc/pid/maps lines', () => {
  // Reference: Linux's show_map_vma prints "%08lx-%08lx %c%c%c%c %08llx %02x:%02x %lu " then pads to 72 columns and adds one space, so the name starts at column 73.
  test('prints a text VMA like Linux, with the program as its name', () => {
    expect(mapsLine({ start: 0x10000, end: 0x11000, flags: 0x2 | 0x8, kind: 'text', offset: 0 }, 'cow')).toBe(
      '00010000-00011000 r-xp 00000000 00:00 0' + ' '.repeat(34) + 'cow',
    );
  });

  test('prints the stack and heap with their bracketed names and shared mappings with s', () => {
    expect(mapsLine({ start: 0x3ffffff000, end: 0x4000000000, flags: 0x7, kind: 'stack', offset: 0 }, 'cow')).toMatch(/^3ffffff000-4000000000 rw-p 00000000 00:00 0 +\[stack\]$/);
    expect(mapsLine({ start: 0x20000000, end: 0x20001000, flags: 0x1 | 0x2 | 0x4 | 0x10, kind: 'mmap', offset: 0 }, 'cow')).toBe('20000000-20001000 rw-s 00000000 00:00 0');
  });
});

describe('PTE flags', () => {
  test('spells R W X U A D in order with dashes for clear bits', () => {
    expect(pteFlags(page(0x10000, 0x80000000, 'text', false))).toBe('R-XUA-');
    expect(pteFlags(page(0x11000, 0x80001000, 'data', true))).toBe('RW-UAD');
  });
});
