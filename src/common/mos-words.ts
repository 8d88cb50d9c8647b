// The names of the MOS timeline events (issue 9) in English and Chinese, in the course's terms
// (进程间通信 IPC, 写时复制 copy-on-write, 用户态缺页处理 user-level page-fault handling).
// Written once here, in the pure core, because both the renderer's dictionary
// (src/renderer/i18n/mos-messages.ts) and the report documents (src/lab/report-text.ts) need them.

export const MOS_EVENT_WORDS_EN = {
  'ev.exofork': 'exofork',
  'ev.env-runnable': 'set runnable',
  'ev.env-not-runnable': 'set not runnable',
  'ev.ipc-recv': 'IPC: waits to receive',
  'ev.ipc-send': 'IPC: send',
  'ev.user-fault': 'COW fault → user handler',
  'ev.user-cow-copy': 'COW copy by user handler',
  'ev.mem-alloc': 'mem_alloc',
  'ev.mem-map': 'mem_map',
  'ev.mem-unmap': 'mem_unmap',
} as const;

export const MOS_EVENT_WORDS_ZH: Record<keyof typeof MOS_EVENT_WORDS_EN, string> = {
  'ev.exofork': 'exofork',
  'ev.env-runnable': '设为可运行',
  'ev.env-not-runnable': '设为不可运行',
  'ev.ipc-recv': '进程间通信：等待接收',
  'ev.ipc-send': '进程间通信：发送',
  'ev.user-fault': '写时复制缺页 → 用户态缺页处理',
  'ev.user-cow-copy': '用户态缺页处理：写时复制',
  'ev.mem-alloc': 'mem_alloc',
  'ev.mem-map': 'mem_map',
  'ev.mem-unmap': 'mem_unmap',
};
