// The list of the run's bookmarks, opened from the timeline's header: one row per bookmark with
// its instruction count (a button that brings the app to that moment), its caption as an
// editable field (kept on every keystroke, so nothing typed is lost) and a remove button.
// Rows are keyed by place: two bookmarks may share an instant.
import { memo } from 'react';
import { MAX_CAPTION } from '../../lab/report';
import { useT } from '../i18n';
import type { Controller } from '../session/controller';
import { captionBookmark, removeBookmark, type Store } from '../session/store';
import { useStore } from '../session/use-store';

export const BookmarkList = memo(function BookmarkList({ store, controller }: { store: Store; controller?: Controller }) {
  const t = useT();
  const bookmarks = useStore(store, (s) => s.bookmarks);
  const canGo = useStore(store, (s) => s.runState === 'paused' || s.runState === 'halted');
  return (
    <ol className="bookmark-list" data-testid="bookmark-list">
      {bookmarks.map((b, i) => (
        <li key={i} data-testid="bookmark-item" data-insn={b.insn}>
          <button
            data-testid="bookmark-goto"
            className="bookmark-insn"
            disabled={!controller || !canGo}
            title={t('bookmarkGoto', { insn: b.insn.toLocaleString('en') })}
            onClick={() => controller?.seek(b.insn)}
          >
            {b.insn.toLocaleString('en')}
          </button>
          <input
            data-testid="bookmark-edit"
            maxLength={MAX_CAPTION}
            value={b.caption}
            placeholder={t('bookmarkNoCaption')}
            aria-label={t('bookmarkEdit', { n: i + 1 })}
            title={t('bookmarkEdit', { n: i + 1 })}
            onChange={(e) => store.set((s) => captionBookmark(s, i, e.target.value))}
          />
          <button data-testid="bookmark-remove" title={t('bookmarkRemove')} aria-label={t('bookmarkRemove')} onClick={() => store.set((s) => removeBookmark(s, i))}>
            ✕
          </button>
        </li>
      ))}
    </ol>
  );
});
