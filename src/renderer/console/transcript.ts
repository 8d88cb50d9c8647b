// The console transcript as plain text (data-testid console-text), kept beside the terminal
// because xterm may draw on a canvas. Escape sequences are removed and carriage returns
// folded; the transcript keeps the last TRANSCRIPT_LIMIT characters.

export const TRANSCRIPT_LIMIT = 256 * 1024;

// CSI (ESC [ ... final), OSC (ESC ] ... BEL or ESC \), and two-character escapes.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;

export function plainText(data: string): string {
  // eslint-disable-next-line no-control-regex
  return data.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(/\r/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
}

export function appendTranscript(transcript: string, data: string): string {
  const next = transcript + plainText(data);
  return next.length > TRANSCRIPT_LIMIT ? next.slice(next.length - TRANSCRIPT_LIMIT) : next;
}
