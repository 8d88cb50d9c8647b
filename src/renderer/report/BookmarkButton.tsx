// The Bookmark button: marks the moment the run is paused at (its instruction count) with a
// caption the student types, for the lab report. Shown in the timeline's header; a bookmark is
// only an instruction count, so the report rebuilds the moment by replaying the run.
import { memo, useState } from 'react';
import { MAX_CAPTION } from '../../lab/report';
import { useT } from '../i18n';
import { addBookmark, type Store } from '../session/store';
import { useStore } from '../session/use-store';

export const BookmarkButton = memo(function BookmarkButton({ store }: { store: Store }) {
  const t = useT();
  const insn = useStore(store, (s) => s.insn);
  const stopped = useStore(store, (s) => (s.runState === 'paused' || s.runState === 'halted') && s.insn > 0);
  const bookmarks = useStore(store, (s) => s.bookmarks);
  const [editing, setEditing] = useState<number | null>(null);
  const [caption, setCaption] = useState('');

  const save = () => {
    if (editing === null) return;
    const at = editing;
    store.set((s) => addBookmark(s, at, caption.trim()));
    setEditing(null);
    setCaption('');
  };

  const list = bookmarks.map((b) => `${b.insn.toLocaleString('en')}: ${b.caption}`).join('\n');
  return (
    <span className="bookmarks">
      <button
        data-testid="bookmark"
        disabled={!stopped}
        title={stopped ? t('bookmarkHint', { insn: insn.toLocaleString('en') }) : t('bookmarkNeedsPause')}
        onClick={() => setEditing(insn)}
      >
        {t('bookmark')}
      </button>
      {bookmarks.length > 0 && (
        <span className="muted" data-testid="bookmark-count" title={list}>
          {t('bookmarks', { n: bookmarks.length })}
        </span>
      )}
      {editing !== null && (
        <form
          className="bookmark-form"
          style={{ display: 'inline-flex', gap: '0.25em', alignItems: 'center' }}
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input
            data-testid="bookmark-caption"
            style={{ width: '9em', minWidth: 0 }}
            autoFocus
            maxLength={MAX_CAPTION}
            placeholder={t('bookmarkCaption', { insn: editing.toLocaleString('en') })}
            aria-label={t('bookmarkCaption', { insn: editing.toLocaleString('en') })}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && setEditing(null)}
          />
          <button type="submit" data-testid="bookmark-save">
            {t('bookmarkSave')}
          </button>
          <button type="button" onClick={() => setEditing(null)}>
            {t('bookmarkCancel')}
          </button>
        </form>
      )}
    </span>
  );
});
