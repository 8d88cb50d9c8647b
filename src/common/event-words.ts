// The words for the lab-5 timeline events (fork, exec, exit, page faults, COW), in English and
// Chinese, written once for the app (src/renderer/i18n/messages.ts) and for the report documents
// (src/lab/report-text.ts), so a report says what the screen said. The MOS events have their own
// table beside this one (mos-words.ts).
export const LAB_EVENT_WORDS_EN = {
  'ev.fork': 'fork',
  'ev.exec': 'exec',
  'ev.exit': 'exit',
  'ev.kill': 'killed',
  'ev.demand-file': 'page fault (file)',
  'ev.demand-anon': 'page fault (anonymous)',
  'ev.demand-shared': 'page fault (shared)',
  'ev.cow-copy': 'COW copy',
  'ev.cow-reuse': 'COW reuse',
} as const;

export const LAB_EVENT_WORDS_ZH: Record<keyof typeof LAB_EVENT_WORDS_EN, string> = {
  'ev.fork': '创建进程',
  'ev.exec': '执行程序',
  'ev.exit': '退出',
  'ev.kill': '被杀死',
  'ev.demand-file': '缺页异常（文件）',
  'ev.demand-anon': '缺页异常（匿名页）',
  'ev.demand-shared': '缺页异常（共享页）',
  'ev.cow-copy': '写时复制：复制',
  'ev.cow-reuse': '写时复制：复用',
};
