// Register and CSR names accepted by the assembler: x0-x31 and the psABI names (fp = s0), and the
// CSR names of the privileged spec (unprivileged counters, supervisor and machine CSRs).

const ABI_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

const GPRS = new Map<string, number>();
ABI_NAMES.forEach((n, i) => {
  GPRS.set(n, i);
  GPRS.set(`x${i}`, i);
});
GPRS.set('fp', 8);

/** Number of an integer register named `name` (x5, t0, fp...), or undefined. */
export function gprNumber(name: string): number | undefined {
  return GPRS.get(name);
}

const CSRS = new Map<string, number>(Object.entries({
  fflags: 0x001, frm: 0x002, fcsr: 0x003,
  cycle: 0xc00, time: 0xc01, instret: 0xc02,
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a,
  sscratch: 0x140, sepc: 0x141, scause: 0x142, stval: 0x143, sip: 0x144, stimecmp: 0x14d, satp: 0x180,
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14, mconfigptr: 0xf15,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305,
  mcounteren: 0x306, menvcfg: 0x30a, mcountinhibit: 0x320,
  mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344, mtinst: 0x34a, mtval2: 0x34b,
  mcycle: 0xb00, minstret: 0xb02,
  tselect: 0x7a0, tdata1: 0x7a1, tdata2: 0x7a2, tdata3: 0x7a3,
  dcsr: 0x7b0, dpc: 0x7b1, dscratch0: 0x7b2, dscratch1: 0x7b3,
}));
for (let i = 3; i <= 31; i++) {
  CSRS.set(`hpmcounter${i}`, 0xc00 + i);
  CSRS.set(`mhpmcounter${i}`, 0xb00 + i);
  CSRS.set(`mhpmevent${i}`, 0x320 + i);
}
for (let i = 0; i < 16; i += 2) CSRS.set(`pmpcfg${i}`, 0x3a0 + i);
for (let i = 0; i < 64; i++) CSRS.set(`pmpaddr${i}`, 0x3b0 + i);

/** Number of the CSR named `name`, or undefined. */
export function csrNumber(name: string): number | undefined {
  return CSRS.get(name);
}
