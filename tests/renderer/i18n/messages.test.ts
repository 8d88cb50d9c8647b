import { describe, expect, test } from 'vitest';
import { detectLanguage, messages, translate } from '../../../src/renderer/i18n/messages';

describe('UI languages', () => {
  test('follows the system language: Chinese for any zh tag, English otherwise', () => {
    expect(detectLanguage(['zh-TW', 'en'])).toBe('zh-CN');
    expect(detectLanguage(['en-GB', 'zh-CN'])).toBe('en');
    expect(detectLanguage(['fr-FR'])).toBe('en');
  });

  test('uses the standard Chinese terms for the lab concepts', () => {
    const zh = messages['zh-CN'];
    expect(zh.copyOnWrite).toBe('写时复制');
    expect(zh.refcount).toBe('引用计数');
    expect(zh.frame).toBe('物理页帧');
    expect(zh.process).toBe('进程');
    expect(zh.vmas).toContain('虚拟内存区域');
    expect(zh['ev.demand-anon']).toContain('缺页异常');
  });

  test('translates every key into both languages and fills placeholders', () => {
    expect(Object.keys(messages['zh-CN']).sort()).toEqual(Object.keys(messages.en).sort());
    expect(translate('zh-CN', 'buildFailed', { n: 3 })).toBe('3 个错误');
  });
});
