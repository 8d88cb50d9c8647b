// The debugger panes' words in English and Simplified Chinese (kept beside the panes so the
// debugger does not grow the shared message table; same shape: a missing key fails to compile).
import type { Language } from '../i18n/messages';

const en = {
  debugger: 'Debugger',
  continue: 'Continue',
  stepOver: 'Step over',
  stepInto: 'Step into',
  stepOut: 'Step out',
  stepBack: 'Step back',
  stepBackHint: 'Back one source line of this process, in the recorded run',
  reverseContinue: 'Reverse continue',
  untilFault: 'Its next fault',
  untilFork: 'Its next fork',
  untilExit: 'Its exit',
  runUntil: 'Run this process until',
  callStack: 'Call stack',
  registers: 'Registers',
  memory: 'Memory',
  breakpoints: 'Breakpoints',
  noStop: 'Not stopped. Click left of a line number to set a breakpoint, then Run.',
  running: 'Running…',
  stoppedIn: 'Process {pid} ({space}) at {where}',
  kernelSpace: 'kernel',
  userSpace: 'user',
  trapBoundary: 'trap from user mode',
  noBreakpoints: 'No breakpoints: click in the editor margin, left of a line number.',
  anyProcess: 'any process',
  onlyProcess: 'only process {pid}',
  noCode: 'no code on or after this line',
  movedTo: 'moved to line {line}',
  remove: 'Remove',
  address: 'Address',
  go: 'Go',
  unmapped: 'not mapped in this process',
  page: 'page {va} → frame {frame} ({perms})',
  changed: 'changed since the last stop',
  mode: 'mode',
  reasonBreakpoint: 'breakpoint',
  reasonStep: 'step',
  reasonEvent: 'after its {event}',
  reasonExited: 'process {pid} exited',
  reasonPaused: 'paused',
  reasonGaveUp: 'stopped: {why}',
  toggleBreakpoint: 'Toggle breakpoint',
  'status.breakpoint': 'stopped at a breakpoint',
  'status.back': 'stepped back one line',
  'status.stepped': 'stepped ({goal})',
  'status.event': 'stopped after {event} at instruction {insn}',
  'status.exited': 'process {pid} exited during the step',
  'status.gaveUp': 'the debugger stopped: {why}',
  'goal.over': 'over',
  'goal.into': 'into',
  'goal.out': 'out',
  'event.exit': 'exit',
  'event.fork': 'fork',
  'event.fault': 'page fault',
};

const zhCN: typeof en = {
  debugger: '调试器',
  continue: '继续',
  stepOver: '单步跳过',
  stepInto: '单步进入',
  stepOut: '单步跳出',
  stepBack: '后退一行',
  stepBackHint: '在已记录的运行中，回到本进程的上一行源代码',
  reverseContinue: '反向继续',
  untilFault: '它的下一次缺页异常',
  untilFork: '它的下一次 fork',
  untilExit: '它的退出',
  runUntil: '运行本进程直到',
  callStack: '调用栈',
  registers: '寄存器',
  memory: '内存',
  breakpoints: '断点',
  noStop: '未暂停。点击行号左侧设置断点，然后运行。',
  running: '运行中…',
  stoppedIn: '进程 {pid}（{space}）停在 {where}',
  kernelSpace: '内核态',
  userSpace: '用户态',
  trapBoundary: '来自用户态的陷入',
  noBreakpoints: '没有断点：点击编辑器中行号左侧的边栏。',
  anyProcess: '任意进程',
  onlyProcess: '仅进程 {pid}',
  noCode: '此行及其后没有代码',
  movedTo: '已移到第 {line} 行',
  remove: '删除',
  address: '地址',
  go: '跳转',
  unmapped: '本进程未映射此页',
  page: '页 {va} → 物理页帧 {frame}（{perms}）',
  changed: '自上次暂停后已改变',
  mode: '特权级',
  reasonBreakpoint: '断点',
  reasonStep: '单步',
  reasonEvent: '在它的 {event} 之后',
  reasonExited: '进程 {pid} 已退出',
  reasonPaused: '已暂停',
  reasonGaveUp: '已停止：{why}',
  toggleBreakpoint: '切换断点',
  'status.breakpoint': '停在断点',
  'status.back': '已后退一行',
  'status.stepped': '已单步（{goal}）',
  'status.event': '在第 {insn} 条指令的 {event} 之后停下',
  'status.exited': '单步期间进程 {pid} 已退出',
  'status.gaveUp': '调试器已停止：{why}',
  'goal.over': '跳过',
  'goal.into': '进入',
  'goal.out': '跳出',
  'event.exit': '退出',
  'event.fork': 'fork',
  'event.fault': '缺页异常',
};

export type DebugMessageKey = keyof typeof en;
const tables: Record<Language, typeof en> = { en, 'zh-CN': zhCN };

export function translateDebug(lang: Language, key: DebugMessageKey, vars: Record<string, string | number> = {}): string {
  return tables[lang][key].replace(/\{(\w+)\}/g, (_, k: string) => String(vars[k] ?? `{${k}}`));
}

/** The host's debugger stop reasons (src/lab/debug/host-debug.ts) in `lang`; null for others. */
export function translateDebugReason(lang: Language, reason: string): string | null {
  const t = (key: DebugMessageKey, vars?: Record<string, string | number>) => translateDebug(lang, key, vars);
  let m: RegExpExecArray | null;
  if (reason === 'stopped at a breakpoint') return t('status.breakpoint');
  if (reason === 'stepped back one line') return t('status.back');
  if ((m = /^stepped \((over|into|out)\)$/.exec(reason))) return t('status.stepped', { goal: t(`goal.${m[1]}` as DebugMessageKey) });
  if ((m = /^stopped after (exit|fork|fault) at instruction (\d+)$/.exec(reason)))
    return t('status.event', { event: t(`event.${m[1]}` as DebugMessageKey), insn: Number(m[2]).toLocaleString('en') });
  if ((m = /^process (\d+) exited during the step$/.exec(reason))) return t('status.exited', { pid: m[1]! });
  if ((m = /^the debugger stopped: (.*)$/.exec(reason))) return t('status.gaveUp', { why: m[1]! });
  return null;
}
