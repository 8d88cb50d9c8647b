// Session reports: what a student exports for a lab report and opens again later.
//
// A report holds the session's sources and bootargs (enough to replay the run exactly, since
// runs are deterministic), the point the run had reached, and what was on screen there: console
// text, timeline and model. Opening a report validates it against a schema (zod) so a damaged
// or foreign file gives one clear message and never half-loads.
//
// Bookmarks are moments of the run the student marked, each an instruction count with a caption;
// a deterministic run replayed to that count rebuilds the moment (src/lab/report-replay.ts).
// Files written before bookmarks existed have none.
// `speed` is the run speed chosen when it was exported (instructions per second, null = full
// speed); opening the file sets it again. Files written before it existed have none and open
// at whatever speed the UI has.

import { z } from 'zod';
import { TIMELINE_KINDS, type LabModel, type TimelineEvent } from '../common/model';
import type { SessionFiles } from '../common/protocol';

export const REPORT_FORMAT = 'forklab-session';
export const REPORT_VERSION = 1;

const num = z.number().finite();
const vmaKind = z.enum(['text', 'data', 'bss', 'heap', 'stack', 'mmap', 'other']);

const vma = z.object({ start: num, end: num, flags: num, kind: vmaKind, offset: num });
const page = z.object({
  va: num,
  frame: num,
  r: z.boolean(),
  w: z.boolean(),
  x: z.boolean(),
  u: z.boolean(),
  a: z.boolean(),
  d: z.boolean(),
  cow: z.boolean(),
  vma: vmaKind,
  // MOS fields (issue 9): absent in older reports.
  cowBit: z.boolean().default(false),
  library: z.boolean().default(false),
});
const processInfo = z.object({
  pid: num,
  parent: num,
  name: z.string(),
  state: z.enum(['running', 'sleeping', 'zombie', 'dead']),
  kernelThread: z.boolean(),
  exitCode: num.nullable(),
  killed: z.boolean(),
  pgd: num,
  createdAt: num,
  vmas: z.array(vma),
  pages: z.array(page),
  origin: z.enum(['fork', 'exofork', 'kernel']).default('fork'),
  envid: num.default(0),
  envStatus: z.enum(['runnable', 'not-runnable']).nullable().default(null),
  ipcWait: z.enum(['waiting', 'delivered']).nullable().default(null),
});
const frameInfo = z.object({
  addr: num,
  refcount: num.nullable(),
  mappings: z.array(z.object({ pid: num, va: num, writable: z.boolean() })),
  sharing: z.enum(['private', 'cow', 'shared', 'ipc']),
  mismatch: z.string().nullable(),
  library: z.boolean().default(false),
  ipc: z.object({ from: num, to: num, insn: num }).nullable().default(null),
});
const ipcLink = z.object({ from: num, to: num, count: num, value: num, insn: num, frame: num, va: num, perm: num });
const model = z.object({
  insn: num,
  processes: z.array(processInfo),
  frames: z.array(frameInfo),
  ipc: z.array(ipcLink).default([]),
  warnings: z.array(z.string()),
});
const timelineEvent = z.object({
  insn: num,
  kind: z.enum(TIMELINE_KINDS),
  pid: num,
  other: num.optional(),
  value: num.optional(),
  va: num.optional(),
  frame: num.optional(),
  oldFrame: num.optional(),
});

/** Longest bookmark caption, in characters. */
export const MAX_CAPTION = 2000;

const bookmark = z.object({ insn: z.number().int().nonnegative(), caption: z.string().max(MAX_CAPTION) });

const reportSchema = z.object({
  format: z.literal(REPORT_FORMAT),
  version: z.literal(REPORT_VERSION),
  /** Free text the student adds (name, lab number); not interpreted. */
  title: z.string(),
  sources: z.record(z.string(), z.string()),
  bootargs: z.string(),
  /** The retired-instruction count the report was taken at. */
  insn: num.nonnegative(),
  console: z.string(),
  timeline: z.array(timelineEvent),
  model,
  bookmarks: z.array(bookmark).default([]),
  speed: z.number().int().positive().max(1e12).nullable().optional(),
});

/** A marked moment of a run: the retired-instruction count and the student's caption. */
export interface Bookmark {
  readonly insn: number;
  readonly caption: string;
}

export interface SessionReport {
  readonly format: typeof REPORT_FORMAT;
  readonly version: typeof REPORT_VERSION;
  readonly title: string;
  readonly sources: SessionFiles;
  readonly bootargs: string;
  readonly insn: number;
  readonly console: string;
  readonly timeline: readonly TimelineEvent[];
  readonly model: LabModel;
  /** In instruction order, none after `insn`. */
  readonly bookmarks: readonly Bookmark[];
  /** Run speed at export (instructions per second, null = full speed); absent in older files. */
  readonly speed?: number | null;
}

export function createReport(parts: Omit<SessionReport, 'format' | 'version' | 'bookmarks'> & { bookmarks?: readonly Bookmark[] }): SessionReport {
  const bookmarks = [...(parts.bookmarks ?? [])].sort((a, b) => a.insn - b.insn);
  return { format: REPORT_FORMAT, version: REPORT_VERSION, ...parts, bookmarks };
}

export function serializeReport(report: SessionReport): string {
  return JSON.stringify(report, null, 1) + '\n';
}

export type ParsedReport = { readonly ok: true; readonly report: SessionReport } | { readonly ok: false; readonly error: string };

/** Reads a report file. Never throws: a bad file comes back as one sentence saying what is wrong. */
export function parseReport(text: string): ParsedReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'this is not a ForkLab session file (it is not JSON)' };
  }
  if (typeof data !== 'object' || data === null || (data as { format?: unknown }).format !== REPORT_FORMAT) {
    return { ok: false, error: 'this is not a ForkLab session file (no "forklab-session" format marker)' };
  }
  const version = (data as { version?: unknown }).version;
  if (typeof version === 'number' && version > REPORT_VERSION) {
    return { ok: false, error: `this session file is version ${version}, newer than this ForkLab understands (${REPORT_VERSION}); update ForkLab to open it` };
  }
  const parsed = reportSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const where = issue.path.length > 0 ? issue.path.join('.') : 'the file';
    return { ok: false, error: `the session file is damaged: ${where}: ${issue.message}` };
  }
  const report = parsed.data as SessionReport;
  const late = report.bookmarks.findIndex((b) => b.insn > report.insn);
  if (late >= 0) {
    const b = report.bookmarks[late]!;
    return { ok: false, error: `the session file is damaged: bookmark ${late + 1} is at instruction ${b.insn}, after the end of the saved run (${report.insn})` };
  }
  return { ok: true, report: { ...report, bookmarks: [...report.bookmarks].sort((a, b) => a.insn - b.insn) } };
}
