import { describe, expect, test } from 'vitest';
import { appendTranscript, plainText, TRANSCRIPT_LIMIT } from '../../../src/renderer/console/transcript';

describe('console transcript', () => {
  test('removes colour and cursor escapes and folds CRLF', () => {
    expect(plainText('\x1b[1;32mPASS\x1b[0m: cow\r\n\x1b]0;title\x07$ ')).toBe('PASS: cow\n$ ');
  });

  test('keeps only the newest characters past the limit', () => {
    const t = appendTranscript('a'.repeat(TRANSCRIPT_LIMIT), 'PASS');
    expect(t).toHaveLength(TRANSCRIPT_LIMIT);
    expect(t.endsWith('PASS')).toBe(true);
  });
});
