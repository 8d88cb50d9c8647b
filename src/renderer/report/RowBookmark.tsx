// A timeline row's "bookmark this moment": goes to the row's moment (right after its event, as
// a click on the row does) and, once the host has stopped there, asks for the caption of a
// bookmark at that instant (the store's bookmarkDraft goes from 'next-stop' to the instant).
// A span with the button role, not a <button>: the row's own button stays the one button of
// the row (the end-to-end tests and assistive tools address the row by it).
import { memo } from 'react';
import { useT } from '../i18n';
import type { Controller } from '../session/controller';
import type { Store } from '../session/store';

export const RowBookmark = memo(function RowBookmark({ store, controller, insn, enabled }: { store: Store; controller: Controller; insn: number; enabled: boolean }) {
  const t = useT();
  const act = () => {
    if (!enabled) return;
    store.set({ bookmarkDraft: 'next-stop' });
    controller.seek(insn, true);
  };
  return (
    <span
      role="button"
      tabIndex={enabled ? 0 : -1}
      className="row-bookmark"
      data-testid="row-bookmark"
      aria-disabled={!enabled}
      title={t('bookmarkRowHint')}
      aria-label={t('bookmarkRowHint')}
      onClick={act}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          act();
        }
      }}
    >
      ★
    </span>
  );
});
