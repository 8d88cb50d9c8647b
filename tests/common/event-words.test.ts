// A report must name each timeline event as the app's timeline does, in both languages: the
// words are written once (src/common/event-words.ts, mos-words.ts); this checks that both
// dictionaries have a word for every kind the model can put in the timeline, and the same one.
import { describe, expect, test } from 'vitest';
import { TIMELINE_KINDS } from '../../src/common/model';
import { eventKey, reportT } from '../../src/lab/report-text';
import { translate, type MessageKey } from '../../src/renderer/i18n/messages';

describe('timeline event words', () => {
  for (const lang of ['en', 'zh-CN'] as const) {
    test(`the report says what the app says for every timeline kind (${lang})`, () => {
      const report = reportT(lang);
      for (const kind of TIMELINE_KINDS) {
        const key = `ev.${kind}`;
        const app = translate(lang, key as MessageKey);
        expect(app, key).not.toBe(key);
        expect(report(eventKey(kind)), key).toBe(app);
      }
    });
  }

  test('the Chinese words are the course\'s terms', () => {
    expect(translate('zh-CN', 'ev.cow-copy')).toContain('写时复制');
    expect(translate('zh-CN', 'ev.fork')).toBe('创建进程');
  });
});
