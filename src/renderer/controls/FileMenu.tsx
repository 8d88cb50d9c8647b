// The toolbar's File menu: the session and report commands (Open/Save file in the desktop
// app, Export/Open session, Export report) behind one button, so the run controls fit one row
// at 1280 px in both languages. The panel stays mounted while closed: the session buttons
// listen for the host's answers and the web edition's file input must outlive the menu.
import { memo, useEffect, useRef, useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export const FileMenu = memo(function FileMenu({ children }: { children: ReactNode }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const outside = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const escape = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', outside);
    document.addEventListener('keydown', escape);
    return () => {
      document.removeEventListener('pointerdown', outside);
      document.removeEventListener('keydown', escape);
    };
  }, [open]);

  return (
    <div className="file-menu" ref={root}>
      <button data-testid="file-menu" aria-haspopup="menu" aria-expanded={open} title={t('fileMenuTip')} onClick={() => setOpen((o) => !o)}>
        {t('fileMenu')} ▾
      </button>
      <div
        className="file-menu-panel"
        role="menu"
        data-testid="file-menu-panel"
        hidden={!open}
        // A command closes the menu; choosing a report format keeps it open for the export.
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button')) setOpen(false);
        }}
      >
        {children}
      </div>
    </div>
  );
});
