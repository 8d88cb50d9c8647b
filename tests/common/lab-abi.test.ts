import { describe, expect, test } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LAB_ENUMS, LAB_EVENTS, VMA_FLAGS } from '../../src/common/lab-abi';
import { renderLabHeader } from '../../src/common/lab-abi-header';

// The trace ABI is written once, in src/common/lab-abi.ts. These tests hold every other place
// that spells it to that table: the kernel's generated header, the VMA flags of mm.h and the
// event table of docs/abi.md.
const root = join(__dirname, '../..');
const read = (p: string) => readFileSync(join(root, p), 'utf8');

describe('the trace ABI table', () => {
  test('the committed lab.h is the header generated from it (node scripts/gen-lab-h.mjs)', () => {
    expect(read('resources/kernel/include/lab.h')).toBe(renderLabHeader());
  });

  test('lab.h carries the values the lead fixed for the MOS events (BRIEF: FID 11-17)', () => {
    const h = read('resources/kernel/include/lab.h');
    const fids = Object.fromEntries([...h.matchAll(/^\s+(LAB_[A-Z_]+) = (\d+),/gm)].map((m) => [m[1], Number(m[2])]));
    expect(fids).toMatchObject({
      LAB_FORK: 1, LAB_STATE: 10, LAB_EXOFORK: 11, LAB_ENV_STATUS: 12, LAB_IPC_RECV: 13, LAB_IPC_SEND: 14,
      LAB_USER_FAULT: 15, LAB_MEM: 16, LAB_ENV: 17,
      LAB_ENV_RUNNABLE: 1, LAB_ENV_NOT_RUNNABLE: 2, LAB_MEM_ALLOC: 6, LAB_MEM_MAP: 7, LAB_MEM_UNMAP: 8,
    });
  });

  test('FIDs, C names and enum values are each unique', () => {
    const fids = LAB_EVENTS.map((e) => e.fid);
    expect(new Set(fids).size).toBe(fids.length);
    const cNames = [...LAB_EVENTS.map((e) => e.c), ...Object.values(LAB_ENUMS).flatMap((e) => e.values.map((v) => v[2]))];
    expect(new Set(cNames).size).toBe(cNames.length);
    for (const e of Object.values(LAB_ENUMS)) {
      expect(new Set(e.values.map((v) => v[1])).size).toBe(e.values.length);
      expect(new Set(e.values.map((v) => v[0])).size).toBe(e.values.length);
    }
    for (const e of LAB_EVENTS) {
      const regs = e.args.reduce((n, a) => n + (a.kind === 'name' ? 2 : 1), 0);
      expect(regs, e.type).toBeLessThanOrEqual(6);
    }
  });

  test("the kernel's VM_* flags in mm.h are the table's", () => {
    const mm = read('resources/kernel/include/mm.h');
    const defined = Object.fromEntries([...mm.matchAll(/^#define (VM_(?:ANON|READ|WRITE|EXEC|SHARED)) (0x[0-9a-f]+)/gm)].map((m) => [m[1], Number(m[2])]));
    expect(defined).toEqual(VMA_FLAGS);
  });

  test('docs/abi.md section 2 lists every event with its FID and as many arguments as the table', () => {
    const doc = read('docs/abi.md');
    for (const e of LAB_EVENTS) {
      const row = doc.split('\n').find((l) => l.startsWith(`| ${e.fid} | \`${e.type}\` |`));
      expect(row, `docs/abi.md row for ${e.type}`).toBeDefined();
      const cells = row!.split('|').slice(3, -1).map((c) => c.trim());
      const used = cells.filter((c) => c !== '').length;
      const regs = e.args.reduce((n, a) => n + (a.kind === 'name' ? 2 : 1), 0);
      expect(used, e.type).toBe(regs);
    }
  });
});
