// The words of report documents and figures, in the two UI languages.
//
// Reports are built by the CLI, the lab host and the renderer alike, so their words live here in
// the pure core rather than in the renderer's dictionary (src/renderer/i18n), which the core may
// not import. Both dictionaries have the same keys (the `satisfies` below checks it).

import type { FrameSharing, ProcessState, TimelineKind } from '../common/model';
import { MOS_EVENT_WORDS_EN, MOS_EVENT_WORDS_ZH } from '../common/mos-words';
import { LAB_EVENT_WORDS_EN, LAB_EVENT_WORDS_ZH } from '../common/event-words';

export type ReportLang = 'en' | 'zh-CN';

export const REPORT_LANGS: readonly ReportLang[] = ['en', 'zh-CN'];

const en = {
  reportTitle: 'ForkLab lab report',
  generated: 'Program {program}, boot arguments “{bootargs}”, run to instruction {insn}.',
  bookmark: 'Bookmark {n}',
  atInstruction: 'At instruction {insn}',
  afterEvent: 'Just after {event} #{n}',
  figure: 'Fork tree and physical frames at instruction {insn}',
  figureTitle: '{program} — instruction {insn}',
  processes: 'Processes',
  vmas: 'Virtual memory areas (VMAs)',
  ptes: 'Page-table entries of the frames in the figure',
  ptesNone: 'No frame is shared at this instant: every mapped frame is private.',
  ptesMore: '{n} more entries are left out.',
  timeline: 'Timeline around this instant',
  timelineNone: 'No timeline events yet.',
  console: 'Console up to this instant',
  consoleCut: '(only the last {n} lines are shown)',
  sources: 'Sources',
  session: 'Replayable session',
  sessionNote: 'Open this file with “Open session” in ForkLab, or run “forklab report {file} -o OUT.html”, to replay the exact run.',
  sessionBeside: 'The session is saved beside this report as [{file}]({file}).',
  sessionDownload: 'Download the session file',
  pid: 'PID',
  parent: 'Parent',
  name: 'Name',
  state: 'State',
  start: 'Start',
  end: 'End',
  perms: 'Permissions',
  kind: 'Kind',
  va: 'Virtual address',
  pa: 'Physical frame',
  flags: 'PTE flags',
  refcount: 'Refcount',
  sharing: 'Sharing',
  insn: 'Instruction',
  event: 'Event',
  details: 'Details',
  legend: 'Legend',
  private: 'private',
  privateFrames: 'private frames',
  more: '+{n} more shared frames',
  forkEdge: 'fork',
  writable: 'writable mapping',
  readOnly: 'read-only (COW) mapping',
  newCopy: 'new copy (COW copy)',
  oldCopy: 'original of the COW copy',
  refs: 'refcount {n}',
  kernelThread: 'kernel thread',
  here: '◀ bookmark',
  'sharing.private': 'private',
  'sharing.cow': 'copy-on-write (shared read-only)',
  'sharing.shared': 'shared (MAP_SHARED)',
  'sharing.ipc': 'IPC-shared',
  'state.running': 'running',
  'state.sleeping': 'sleeping',
  'state.zombie': 'zombie',
  'state.dead': 'dead',
  ...LAB_EVENT_WORDS_EN,
  ...MOS_EVENT_WORDS_EN,
};

export type ReportKey = keyof typeof en;

const zh = {
  reportTitle: 'ForkLab 实验报告',
  generated: '程序 {program}，启动参数“{bootargs}”，运行到第 {insn} 条指令。',
  bookmark: '书签 {n}',
  atInstruction: '第 {insn} 条指令处',
  afterEvent: '第 {n} 次{event}之后',
  figure: '第 {insn} 条指令处的进程树与物理页帧',
  figureTitle: '{program} — 第 {insn} 条指令',
  processes: '进程',
  vmas: '虚拟内存区域（VMA）',
  ptes: '图中页帧的页表项',
  ptesNone: '此刻没有共享的页帧：所有已映射的页帧都是私有的。',
  ptesMore: '另有 {n} 项未列出。',
  timeline: '此刻前后的时间线',
  timelineNone: '尚无时间线事件。',
  console: '到此刻为止的控制台输出',
  consoleCut: '（只显示最后 {n} 行）',
  sources: '源代码',
  session: '可重放的会话',
  sessionNote: '在 ForkLab 中用“打开会话”打开此文件，或运行“forklab report {file} -o OUT.html”，即可重放完全相同的运行。',
  sessionBeside: '会话文件保存在本报告旁：[{file}]({file})。',
  sessionDownload: '下载会话文件',
  pid: '进程号',
  parent: '父进程',
  name: '名称',
  state: '状态',
  start: '起始地址',
  end: '结束地址',
  perms: '权限',
  kind: '类型',
  va: '虚拟地址',
  pa: '物理页帧',
  flags: '页表项标志',
  refcount: '引用计数',
  sharing: '共享方式',
  insn: '指令数',
  event: '事件',
  details: '详情',
  legend: '图例',
  private: '私有',
  privateFrames: '私有页帧',
  more: '另有 {n} 个共享页帧',
  forkEdge: 'fork',
  writable: '可写映射',
  readOnly: '只读（写时复制）映射',
  newCopy: '新副本（写时复制）',
  oldCopy: '写时复制的原页帧',
  refs: '引用计数 {n}',
  kernelThread: '内核线程',
  here: '◀ 书签',
  'sharing.private': '私有',
  'sharing.cow': '写时复制（只读共享）',
  'sharing.shared': '共享（MAP_SHARED）',
  'sharing.ipc': 'IPC 共享',
  'state.running': '运行中',
  'state.sleeping': '睡眠',
  'state.zombie': '僵尸',
  'state.dead': '已结束',
  ...LAB_EVENT_WORDS_ZH,
  ...MOS_EVENT_WORDS_ZH,
} satisfies Record<ReportKey, string>;

const dictionaries: Record<ReportLang, Record<ReportKey, string>> = { en, 'zh-CN': zh };

export type ReportT = (key: ReportKey, vars?: Record<string, string | number>) => string;

/** A translator for one language; `{name}` in a text is replaced by `vars.name`. */
export function reportT(lang: ReportLang): ReportT {
  const dict = dictionaries[lang];
  return (key, vars) => dict[key].replace(/\{(\w+)\}/g, (m, name: string) => (vars && name in vars ? String(vars[name]) : m));
}

export const sharingKey = (s: FrameSharing | 'ipc'): ReportKey => `sharing.${s}`;
export const stateKey = (s: ProcessState): ReportKey => `state.${s}`;
export const eventKey = (k: TimelineKind): ReportKey => `ev.${k}`;

export function isReportLang(value: string): value is ReportLang {
  return (REPORT_LANGS as readonly string[]).includes(value);
}

/** Instruction counts as people read them: 3,560,917. */
export function formatInsn(n: number): string {
  return n.toLocaleString('en-US');
}
