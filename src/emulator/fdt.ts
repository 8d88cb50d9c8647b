// A flattened device tree (DTB, devicetree specification v0.4 chapter 5) writer, and the tree
// of ForkLab's `virt`-like board: memory, one cpu with its interrupt controller, /chosen with
// bootargs and the initrd, and the UART, CLINT, PLIC and test device under /soc, at QEMU's
// addresses and with QEMU's compatible strings, so a kernel finds the same things on both.

import { utf8 } from './bits';

const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_END = 9;

export type PropValue = string | string[] | number[] | Uint8Array | null; // number[] = u32 cells
export interface FdtNode {
  readonly name: string;
  readonly props: ReadonlyArray<readonly [string, PropValue]>;
  readonly children: readonly FdtNode[];
}

export function node(name: string, props: Array<readonly [string, PropValue]>, children: FdtNode[] = []): FdtNode {
  return { name, props, children };
}

/** A 64-bit value as two cells. */
export function u64Cells(v: bigint | number): number[] {
  const b = BigInt(v);
  return [Number(b >> 32n) >>> 0, Number(b & 0xffffffffn) >>> 0];
}

/** Serialize a tree to DTB bytes. */
export function writeFdt(root: FdtNode): Uint8Array {
  const struct: number[] = [];
  const strings: number[] = [];
  const stringOffsets = new Map<string, number>();
  const u32 = (out: number[], v: number): void => { out.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff); };
  const pad = (out: number[]): void => { while (out.length % 4 !== 0) out.push(0); };
  const nameOffset = (name: string): number => {
    let off = stringOffsets.get(name);
    if (off === undefined) {
      off = strings.length;
      stringOffsets.set(name, off);
      strings.push(...utf8(name), 0);
    }
    return off;
  };
  const emit = (n: FdtNode): void => {
    u32(struct, FDT_BEGIN_NODE);
    struct.push(...utf8(n.name), 0);
    pad(struct);
    for (const [name, value] of n.props) {
      const bytes = propBytes(value);
      u32(struct, FDT_PROP);
      u32(struct, bytes.length);
      u32(struct, nameOffset(name));
      struct.push(...bytes);
      pad(struct);
    }
    for (const c of n.children) emit(c);
    u32(struct, FDT_END_NODE);
  };
  emit(root);
  u32(struct, FDT_END);

  const headerSize = 40;
  const rsvOff = headerSize;
  const rsvSize = 16; // just the terminating entry
  const structOff = rsvOff + rsvSize;
  const stringsOff = structOff + struct.length;
  const total = stringsOff + strings.length;
  const out = new Uint8Array((total + 7) & ~7);
  const dv = new DataView(out.buffer);
  const header = [FDT_MAGIC, out.length, structOff, stringsOff, rsvOff, 17, 16, 0, strings.length, struct.length];
  header.forEach((v, i) => dv.setUint32(i * 4, v));
  out.set(struct, structOff);
  out.set(strings, stringsOff);
  return out;
}

function propBytes(value: PropValue): number[] {
  if (value === null) return [];
  if (value instanceof Uint8Array) return [...value];
  if (typeof value === 'string') return [...utf8(value), 0];
  if (value.length > 0 && typeof value[0] === 'string') {
    return (value as string[]).flatMap((s) => [...utf8(s), 0]);
  }
  return (value as number[]).flatMap((v) => [(v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);
}

export interface BoardTreeOptions {
  readonly ramBase: number;
  readonly ramSize: number;
  readonly bootargs: string;
  readonly initrd: { start: number; end: number } | null;
}

const CPU_INTC = 1;
const PLIC_PHANDLE = 2;
const TEST_PHANDLE = 3;

/** The device tree of the board (addresses as in QEMU's `virt`). */
export function boardTree(o: BoardTreeOptions): FdtNode {
  const chosen: Array<readonly [string, PropValue]> = [
    ['bootargs', o.bootargs],
    ['stdout-path', '/soc/serial@10000000'],
  ];
  if (o.initrd !== null) {
    chosen.push(['linux,initrd-start', u64Cells(o.initrd.start)], ['linux,initrd-end', u64Cells(o.initrd.end)]);
  }
  return node('', [
    ['#address-cells', [2]],
    ['#size-cells', [2]],
    ['compatible', 'riscv-virtio'],
    ['model', 'riscv-virtio,qemu'],
  ], [
    node('chosen', chosen),
    node(`memory@${o.ramBase.toString(16)}`, [
      ['device_type', 'memory'],
      ['reg', [...u64Cells(o.ramBase), ...u64Cells(o.ramSize)]],
    ]),
    node('cpus', [['#address-cells', [1]], ['#size-cells', [0]], ['timebase-frequency', [10000000]]], [
      node('cpu@0', [
        ['device_type', 'cpu'],
        ['reg', [0]],
        ['status', 'okay'],
        ['compatible', 'riscv'],
        ['riscv,isa', 'rv64imac_zicsr_zifencei'],
        ['mmu-type', 'riscv,sv39'],
      ], [
        node('interrupt-controller', [
          ['#interrupt-cells', [1]],
          ['interrupt-controller', null],
          ['compatible', 'riscv,cpu-intc'],
          ['phandle', [CPU_INTC]],
        ]),
      ]),
    ]),
    node('soc', [['#address-cells', [2]], ['#size-cells', [2]], ['compatible', 'simple-bus'], ['ranges', null]], [
      node('test@100000', [
        ['phandle', [TEST_PHANDLE]],
        ['reg', [...u64Cells(0x100000), ...u64Cells(0x1000)]],
        ['compatible', ['sifive,test1', 'sifive,test0', 'syscon']],
      ]),
      node('serial@10000000', [
        ['interrupts', [10]],
        ['interrupt-parent', [PLIC_PHANDLE]],
        ['clock-frequency', [0x384000]],
        ['reg', [...u64Cells(0x10000000), ...u64Cells(0x100)]],
        ['compatible', 'ns16550a'],
      ]),
      node('plic@c000000', [
        ['phandle', [PLIC_PHANDLE]],
        ['riscv,ndev', [63]],
        ['reg', [...u64Cells(0xc000000), ...u64Cells(0x600000)]],
        ['interrupts-extended', [CPU_INTC, 11, CPU_INTC, 9]],
        ['interrupt-controller', null],
        ['compatible', ['sifive,plic-1.0.0', 'riscv,plic0']],
        ['#address-cells', [0]],
        ['#interrupt-cells', [1]],
      ]),
      node('clint@2000000', [
        ['interrupts-extended', [CPU_INTC, 3, CPU_INTC, 7]],
        ['reg', [...u64Cells(0x2000000), ...u64Cells(0x10000)]],
        ['compatible', ['sifive,clint0', 'riscv,clint0']],
      ]),
    ]),
  ]);
}
