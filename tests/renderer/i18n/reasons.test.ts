import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { translateHostError, translateReason } from '../../../src/renderer/i18n/reasons';

describe('host stop reasons in the UI language', () => {
  test('says the known stops in Chinese, with instruction counts grouped', () => {
    expect(translateReason('zh-CN', 'stopped after fork at instruction 3539887')).toBe('在第 3,539,887 条指令处创建进程（fork）后暂停');
    expect(translateReason('zh-CN', 'stopped after fault at instruction 12')).toBe('在第 12 条指令处发生缺页异常后暂停');
    // every stop kind the host can name (protocol STOP_KINDS)
    for (const kind of ['program-fork', 'cow-copy', 'exit']) expect(translateReason('zh-CN', `stopped after ${kind} at instruction 7`)).not.toContain('stopped');
    expect(translateReason('zh-CN', 'the kernel shut the machine down')).toBe('内核已关闭机器');
    expect(translateReason('zh-CN', 'the kernel reported a failure (code 3)')).toBe('内核报告了故障（代码 3）');
    expect(translateReason('zh-CN', 'tohost = 5')).toBe('机器已停止（tohost = 5）');
    expect(translateReason('zh-CN', 'the machine is idle with nothing left to wake it')).toBe('机器处于空闲状态，已没有能唤醒它的事件');
    expect(translateReason('zh-CN', 'replayed to instruction 3577185')).toBe('已重放到第 3,577,185 条指令');
    expect(translateReason('zh-CN', 'the build failed')).toBe('编译失败');
    expect(translateReason('zh-CN', 'stopped after program-fork at instruction 3555284')).toBe('在第 3,555,284 条指令处程序创建进程（fork）后暂停');
    expect(translateReason('zh-CN', 'stopped after cow-copy at instruction 7')).toBe('在第 7 条指令处写时复制后暂停');
    expect(translateReason('zh-CN', 'stopped by the user')).toBe('已停止');
    expect(translateReason('en', 'stopped at breakpoint 0x10a2c')).toBe('stopped at a breakpoint (0x10a2c)');
  });

  test('keeps the English sentences, naming the event in words', () => {
    expect(translateReason('en', 'stopped after fault at instruction 1000')).toBe('stopped after a page fault at instruction 1,000');
    expect(translateReason('en', 'the kernel shut the machine down')).toBe('the kernel shut the machine down');
    expect(translateReason('en', 'replayed to instruction 42')).toBe('replayed to instruction 42');
  });

  test('shows an unknown reason as the host wrote it', () => {
    expect(translateReason('zh-CN', 'illegal instruction 0x00000000 at pc 0x80000000')).toBe('illegal instruction 0x00000000 at pc 0x80000000');
    expect(translateReason('zh-CN', 'stopped after fork at instruction soon')).toBe('stopped after fork at instruction soon');
    expect(translateReason('en', '')).toBe('');
  });

  test('recognises sentences the lab host really writes', () => {
    // A rename in the host would otherwise fall back to English without anyone noticing.
    const host = ['src/lab/host.ts', 'src/lab/session.ts', 'src/lab/run-loop.ts', 'src/lab/runner.ts'].map((f) => readFileSync(f, 'utf8')).join('');
    for (const sentence of [
      '`stopped after ${kind} at instruction ${end.event.insn}`',
      '`replayed to instruction ${r.insn}`',
      "'stopped by the user'",
      '`stopped at breakpoint 0x${end.pc.toString(16)}`',
      "'the build failed'",
      "'the kernel shut the machine down'",
      '`the kernel reported a failure (code ${stop.code})`',
      '`tohost = ${stop.value}`',
      "'the machine is idle with nothing left to wake it'",
    ]) {
      expect(host).toContain(sentence);
    }
  });

  test('says the lab host\'s errors in Chinese, keeping a detail it cannot know', () => {
    expect(translateHostError('zh-CN', 'run a program before exporting the session')).toBe('请先运行一个程序，再导出会话。');
    expect(translateHostError('zh-CN', 'this is not a ForkLab session file (it is not JSON)')).toBe('这不是 ForkLab 会话文件（不是 JSON）。');
    expect(translateHostError('zh-CN', 'this session file is version 9, newer than this ForkLab understands (2); update ForkLab to open it')).toContain('版本为 9');
    expect(translateHostError('zh-CN', 'the session file is damaged: insn: Expected number')).toBe('会话文件已损坏：insn: Expected number');
    expect(translateHostError('zh-CN', 'kernel: not an ELF file')).toBe('kernel: not an ELF file');
  });

  test('recognises errors the lab host really writes', () => {
    const host = readFileSync('src/lab/host.ts', 'utf8') + readFileSync('src/lab/report.ts', 'utf8');
    for (const sentence of [
      "'run a program before exporting the session'",
      "'the lab host received a malformed request and ignored it'",
      "'this is not a ForkLab session file (it is not JSON)'",
      `'this is not a ForkLab session file (no "forklab-session" format marker)'`,
      '`this session file is version ${version}, newer than this ForkLab understands (${REPORT_VERSION}); update ForkLab to open it`',
      '`the session file is damaged: ',
    ]) {
      expect(host).toContain(sentence);
    }
  });
});
