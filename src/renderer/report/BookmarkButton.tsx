// Bookmarks in the timeline's header, for the lab report (docs/reports.md): the Bookmark button
// marks the moment the run is paused at (its instruction count, past instants included), the
// caption field asks for the student's words, and the count opens the list of bookmarks, where
// a caption is edited, a bookmark removed or its moment gone to. A bookmark is only an
// instruction count: the report rebuilds the moment by replaying the run. A timeline row's own
// "bookmark" action (RowBookmark) goes to that row's moment first, then asks for the caption.
import { memo, useState } from 'react';
import { MAX_CAPTION } from '../../lab/report';
import { useT } from '../i18n';
import type { Controller } from '../session/controller';
import { addBookmark, type Store } from '../session/store';
import { useStore } from '../session/use-store';
import { BookmarkList } from './BookmarkList';
import './report.css';

export const BookmarkButton = memo(function BookmarkButton({ store, controller }: { store: Store; controller?: Controller }) {
  const t = useT();
  const insn = useStore(store, (s) => s.insn);
  const stopped = useStore(store, (s) => (s.runState === 'paused' || s.runState === 'halted') && s.insn > 0);
  const count = useStore(store, (s) => s.bookmarks.length);
  const draft = useStore(store, (s) => s.bookmarkDraft);
  const [caption, setCaption] = useState('');
  const [listOpen, setListOpen] = useState(false);

  const close = () => {
    store.set({ bookmarkDraft: null });
    setCaption('');
  };
  const save = () => {
    if (typeof draft !== 'number') return;
    const text = caption.trim();
    store.set((s) => ({ ...addBookmark(s, draft, text), bookmarkDraft: null }));
    setCaption('');
  };

  return (
    <>
      <button
        data-testid="bookmark"
        disabled={!stopped}
        title={stopped ? t('bookmarkHint', { insn: insn.toLocaleString('en') }) : t('bookmarkNeedsPause')}
        onClick={() => store.set({ bookmarkDraft: insn })}
      >
        {t('bookmark')}
      </button>
      {count > 0 && (
        <button data-testid="bookmark-count" className="bookmark-count" aria-expanded={listOpen} title={t('bookmarkListHint')} onClick={() => setListOpen(!listOpen)}>
          {t('bookmarks', { n: count })} {listOpen ? '▴' : '▾'}
        </button>
      )}
      {draft === 'next-stop' && (
        <span className="muted" data-testid="bookmark-going">
          {t('bookmarkGoing')}
        </span>
      )}
      {typeof draft === 'number' && (
        <form
          className="bookmark-form"
          onSubmit={(e) => {
            e.preventDefault();
            save();
          }}
        >
          <input
            data-testid="bookmark-caption"
            autoFocus
            maxLength={MAX_CAPTION}
            placeholder={t('bookmarkCaption', { insn: draft.toLocaleString('en') })}
            aria-label={t('bookmarkCaption', { insn: draft.toLocaleString('en') })}
            title={t('bookmarkCaption', { insn: draft.toLocaleString('en') })}
            value={caption}
            onChange={(e) => setCaption(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && close()}
          />
          <button type="submit" data-testid="bookmark-save">
            {t('bookmarkSave')}
          </button>
          <button type="button" data-testid="bookmark-cancel" onClick={close}>
            {t('bookmarkCancel')}
          </button>
        </form>
      )}
      {listOpen && count > 0 && <BookmarkList store={store} controller={controller} />}
    </>
  );
});
