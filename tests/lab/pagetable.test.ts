import { describe, expect, test } from 'vitest';
import { PTE_A, PTE_D, PTE_R, PTE_U, PTE_V, PTE_W, PTE_X, walkUserPages } from '../../src/lab/pagetable';
import { fakeMemory as memory } from './fake-memory';

describe('Sv39 user page walk', () => {
  test('finds a 4 KiB page through three levels at the hand-computed address', () => {
    const m = memory();
    const root = 0x8100_0000, l1 = 0x8100_1000, l0 = 0x8100_2000;
    // va 0x10000: VPN2 0, VPN1 0, VPN0 16
    m.setPte(root, 0, l1, PTE_V);
    m.setPte(l1, 0, l0, PTE_V);
    m.setPte(l0, 16, 0x8765_4000, PTE_V | PTE_R | PTE_X | PTE_U | PTE_A);
    // stack page just below 0x40_0000_0000: VPN2 255, VPN1 511, VPN0 511
    const l1b = 0x8100_3000, l0b = 0x8100_4000;
    m.setPte(root, 255, l1b, PTE_V);
    m.setPte(l1b, 511, l0b, PTE_V);
    m.setPte(l0b, 511, 0x8123_4000, PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D);
    const { pages, problems } = walkUserPages(m.read, root);
    expect(problems).toEqual([]);
    expect(pages).toEqual([
      { va: 0x10000, frame: 0x8765_4000, flags: PTE_V | PTE_R | PTE_X | PTE_U | PTE_A },
      { va: 0x3f_ffff_f000, frame: 0x8123_4000, flags: PTE_V | PTE_R | PTE_W | PTE_U | PTE_A | PTE_D },
    ]);
  });

  test('ignores the kernel half of the root table', () => {
    const m = memory();
    const root = 0x8100_0000;
    m.setPte(root, 256, 0x8000_0000, PTE_V | PTE_R | PTE_W | PTE_X); // a 1 GiB kernel mapping
    expect(walkUserPages(m.read, root).pages).toEqual([]);
  });

  test('lists a 2 MiB superpage as 512 pages with consecutive frames', () => {
    const m = memory();
    const root = 0x8100_0000, l1 = 0x8100_1000;
    m.setPte(root, 1, l1, PTE_V); // va 0x4000_0000
    m.setPte(l1, 2, 0x8040_0000, PTE_V | PTE_R | PTE_U); // va 0x4040_0000
    const { pages } = walkUserPages(m.read, root);
    expect(pages).toHaveLength(512);
    expect(pages[1]).toEqual({ va: 0x4040_1000, frame: 0x8040_1000, flags: PTE_V | PTE_R | PTE_U });
  });

  test('reports a W-without-R entry instead of listing it', () => {
    const m = memory();
    const root = 0x8100_0000, l1 = 0x8100_1000, l0 = 0x8100_2000;
    m.setPte(root, 0, l1, PTE_V);
    m.setPte(l1, 0, l0, PTE_V);
    m.setPte(l0, 3, 0x8200_0000, PTE_V | PTE_W | PTE_U);
    const r = walkUserPages(m.read, root);
    expect(r.pages).toEqual([]);
    expect(r.problems[0]).toContain('W without R');
  });
});
