// The words of the MOS lab (issue 9) in English and Chinese, in the course's terms:
// 进程间通信 IPC, 写时复制 copy-on-write, 用户态缺页处理 user-level page-fault handling.
// Kept apart from messages.ts so the MOS strings are found (and reviewed) together; messages.ts
// spreads them into its two tables, so a missing translation still fails to compile. The
// timeline event names come from src/common/mos-words.ts (the report documents use them too).

import { MOS_EVENT_WORDS_EN, MOS_EVENT_WORDS_ZH } from '../../common/mos-words';

export const mosEn = {
  untilIpc: 'Run to IPC',
  'reason.stoppedIpc': 'stopped after an IPC send at instruction {insn}',
  ...MOS_EVENT_WORDS_EN,
  ipc: 'IPC',
  ipcValue: 'value {value}',
  ipcWaiting: 'waiting in ipc_recv',
  ipcDelivered: 'message arrived, not yet run',
  notRunnable: 'not runnable',
  envid: 'envid',
  exofork: 'made by exofork',
  ipcPage: 'IPC page',
  ipcPageFrom: 'sent by IPC from process {from} to process {to}',
  library: 'LIBRARY',
  cowBit: 'COW bit',
  libraryBit: 'LIBRARY bit',
} as const;

export const mosZh: Record<keyof typeof mosEn, string> = {
  untilIpc: '运行到进程间通信',
  'reason.stoppedIpc': '在第 {insn} 条指令处进程间通信（发送）后暂停',
  ...MOS_EVENT_WORDS_ZH,
  ipc: '进程间通信',
  ipcValue: '值 {value}',
  ipcWaiting: '在 ipc_recv 中等待',
  ipcDelivered: '消息已到达，尚未运行',
  notRunnable: '不可运行',
  envid: 'envid',
  exofork: '由 exofork 创建',
  ipcPage: '进程间通信共享页',
  ipcPageFrom: '由进程 {from} 通过进程间通信发给进程 {to}',
  library: 'LIBRARY 共享页',
  cowBit: 'COW 位',
  libraryBit: 'LIBRARY 位',
};
