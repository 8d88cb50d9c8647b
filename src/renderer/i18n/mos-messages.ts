// The words of the MOS lab (issue 9) in English and Chinese, in the course's terms:
// 进程间通信 IPC, 写时复制 copy-on-write, 用户态缺页处理 user-level page-fault handling.
// Kept apart from messages.ts so the MOS strings are found (and reviewed) together; messages.ts
// spreads them into its two tables, so a missing translation still fails to compile. The
// timeline event names come from src/common/mos-words.ts (the report documents use them too).

import { MOS_EVENT_WORDS_EN, MOS_EVENT_WORDS_ZH } from '../../common/mos-words';

export const mosEn = {
  untilIpc: 'Run to IPC',
  untilIpcTip: 'Run on to the next IPC send (ipc_send) and stop right after it. Builds and boots first when nothing runs.',
  noIpcSend: 'This program never calls ipc_send, so there is no IPC send to stop at (the MOS lab programs mos_ipc, mos_calls, mos_library and mos_stress do).',
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
  untilIpcTip: '运行到下一次进程间通信发送（ipc_send）并在其后立即停下。尚未运行时先编译并启动。',
  noIpcSend: '此程序没有调用 ipc_send，没有可停下的进程间通信发送（MOS 实验程序 mos_ipc、mos_calls、mos_library 和 mos_stress 有）。',
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
