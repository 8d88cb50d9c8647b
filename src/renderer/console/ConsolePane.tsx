// The guest console: xterm.js with the fit addon. Output is written with xterm's completion
// callback and acknowledged to the host as drawn (console-ack), so the host never runs more
// than CONSOLE_WINDOW characters ahead of the screen and bursts cannot freeze the UI.
// Keystrokes go to the guest's UART. A plain-text transcript sits beside it for tests and
// screen readers.
import { memo, useEffect, useRef } from 'react';
import { FitAddon } from '@xterm/addon-fit';
import { Terminal } from '@xterm/xterm';
import '@xterm/xterm/css/xterm.css';
import { useT } from '../i18n';
import type { Controller } from '../session/controller';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { appendTranscript } from './transcript';

const THEMES = {
  dark: { background: '#14161a', foreground: '#e6e6e6', cursor: '#e6e6e6' },
  light: { background: '#fbfbfb', foreground: '#1d1f23', cursor: '#1d1f23', selectionBackground: '#c8d7f0' },
};

export const ConsolePane = memo(function ConsolePane({ store, controller }: { store: Store; controller: Controller }) {
  const t = useT();
  const host = useRef<HTMLDivElement>(null);
  const textRef = useRef<HTMLPreElement>(null);
  const term = useRef<Terminal | null>(null);
  const theme = useStore(store, (s) => s.theme);

  useEffect(() => {
    if (!host.current) return;
    const terminal = new Terminal({
      convertEol: true,
      fontSize: 13,
      scrollback: 5000,
      cursorBlink: false,
      fontFamily: 'ui-monospace, "DejaVu Sans Mono", "Noto Sans Mono CJK SC", monospace',
      theme: THEMES[store.get().theme],
    });
    const fit = new FitAddon();
    terminal.loadAddon(fit);
    terminal.open(host.current);
    term.current = terminal;
    const refit = () => {
      try {
        fit.fit();
      } catch {
        /* not visible yet */
      }
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(host.current);
    let transcript = '';
    controller.setConsoleSink((data) => {
      terminal.write(data, () => controller.ack(data.length));
      transcript = appendTranscript(transcript, data);
      if (textRef.current) textRef.current.textContent = transcript;
    });
    const offClear = controller.onConsoleClear(() => {
      terminal.reset();
      transcript = '';
      if (textRef.current) textRef.current.textContent = '';
    });
    const input = terminal.onData((d) => controller.input(d));
    return () => {
      controller.setConsoleSink(null);
      offClear();
      input.dispose();
      observer.disconnect();
      terminal.dispose();
    };
  }, [store, controller]);

  useEffect(() => {
    if (term.current) term.current.options.theme = THEMES[theme];
  }, [theme]);

  return (
    <section className="pane console-pane" aria-label={t('console')}>
      <header className="pane-title">{t('console')}</header>
      <div className="console-host" ref={host} data-testid="console" />
      <pre className="console-text" data-testid="console-text" ref={textRef} aria-live="off" />
    </section>
  );
});
