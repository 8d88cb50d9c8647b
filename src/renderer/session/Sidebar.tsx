// Left column: the examples gallery (lab tests and example programs, discovered from
// resources/user; a click opens an editable copy), the session's files (new, rename, delete),
// and read-only kernel and library sources.
import { memo, useMemo, useState, type KeyboardEvent } from 'react';
import { useT } from '../i18n';
import type { MessageKey } from '../i18n/messages';
import { catalog, sources } from './catalog';
import { createFile, deleteFile, fileNameProblem, freshName, renameFile } from './files';
import { kernelFiles, userFiles } from './resources';
import { addExample, openTab, type Store } from './store';
import { useStore } from './use-store';

/** The one file-name field open at a time: naming a new file or renaming one. */
type Editing = { mode: 'new'; value: string } | { mode: 'rename'; from: string; value: string } | null;

function NameField({ value, problem, onChange, onDone, testId }: { value: string; problem: MessageKey | null; onChange(v: string): void; onDone(ok: boolean): void; testId: string }) {
  const t = useT();
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') onDone(true);
    else if (e.key === 'Escape') onDone(false);
  };
  return (
    <div className="name-field">
      <input
        autoFocus
        data-testid={testId}
        value={value}
        spellCheck={false}
        aria-invalid={problem !== null}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={onKey}
        onBlur={() => onDone(problem === null)}
        onFocus={(e) => e.target.setSelectionRange(0, Math.max(0, e.target.value.lastIndexOf('.')))}
      />
      {problem && <div className="field-error" data-testid="file-name-error">{t(problem)}</div>}
    </div>
  );
}

export const Sidebar = memo(function Sidebar({ store }: { store: Store }) {
  const t = useT();
  const files = useStore(store, (s) => s.files);
  const active = useStore(store, (s) => s.active);
  const [editing, setEditing] = useState<Editing>(null);
  const [confirmDelete, setConfirmDelete] = useState<string | null>(null);
  const entries = useMemo(() => catalog(userFiles), []);
  const kernel = useMemo(() => sources(kernelFiles), []);
  const library = useMemo(() => sources(userFiles).filter((e) => /^user\/(lib|include)\/|^user\/[^/]+\.(ld|S)$/.test(e.path)), []);
  const groups = [
    { title: t('labTests'), list: entries.filter((e) => e.group === 'lab-test') },
    { title: t('mosPrograms'), list: entries.filter((e) => e.group === 'mos') },
    { title: t('programs'), list: entries.filter((e) => e.group === 'example') },
  ];
  const problem = editing ? fileNameProblem(store.get(), editing.value.trim(), editing.mode === 'rename' ? editing.from : undefined) : null;
  const finish = (ok: boolean) => {
    if (!editing) return;
    const name = editing.value.trim();
    if (ok && problem === null) {
      store.set((s) => (editing.mode === 'new' ? createFile(s, name) : renameFile(s, editing.from, name)));
    }
    setEditing(null);
  };
  return (
    <nav className="sidebar">
      <div className="sidebar-head">
        <h2>{t('sessionFiles')}</h2>
        <button className="new-file" data-testid="new-file" title={t('newFileHint')} onClick={() => setEditing({ mode: 'new', value: freshName(store.get()) })}>
          + {t('newFile')}
        </button>
      </div>
      <ul className="session-files">
        {editing?.mode === 'new' && (
          <li>
            <NameField testId="new-file-name" value={editing.value} problem={problem} onChange={(value) => setEditing({ ...editing, value })} onDone={finish} />
          </li>
        )}
        {Object.keys(files).map((name) =>
          editing?.mode === 'rename' && editing.from === name ? (
            <li key={name}>
              <NameField testId="rename-file-name" value={editing.value} problem={problem} onChange={(value) => setEditing({ ...editing, value })} onDone={finish} />
            </li>
          ) : confirmDelete === name ? (
            <li key={name} className="confirm-delete">
              <span>{t('deleteConfirm', { name })}</span>
              <button className="danger" data-testid="confirm-delete" onClick={() => (store.set((s) => deleteFile(s, name)), setConfirmDelete(null))}>
                {t('delete')}
              </button>
              <button onClick={() => setConfirmDelete(null)}>{t('cancel')}</button>
            </li>
          ) : (
            <li key={name} className="file-row">
              <button className={`file-name ${name === active ? 'current' : ''}`} data-testid={`file-${name}`} title={name} onClick={() => store.set((s) => openTab(s, name))}>
                {name}
              </button>
              <button className="icon" data-testid={`rename-${name}`} title={t('rename')} aria-label={`${t('rename')} ${name}`} onClick={() => setEditing({ mode: 'rename', from: name, value: name })}>
                ✎
              </button>
              <button className="icon" data-testid={`delete-${name}`} title={t('delete')} aria-label={`${t('delete')} ${name}`} onClick={() => setConfirmDelete(name)}>
                ✕
              </button>
            </li>
          ),
        )}
      </ul>
      <h2>{t('examples')}</h2>
      <p className="hint">{t('examplesHint')}</p>
      {groups.map((g) =>
        g.list.length === 0 ? null : (
          <div key={g.title}>
            <h3>{g.title}</h3>
            <ul>
              {g.list.map((e) => (
                <li key={e.path}>
                  <button data-testid={`example-${e.name}`} title={e.path} onClick={() => store.set((s) => addExample(s, e.file, e.text))}>
                    {e.name}
                  </button>
                </li>
              ))}
            </ul>
          </div>
        ),
      )}
      <details>
        <summary>{t('kernelSources')}</summary>
        <ul className="source-list">
          {kernel.map((e) => (
            <li key={e.path}>
              <button onClick={() => store.set({ viewing: e })}>{e.path.replace(/^kernel\//, '')}</button>
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>{t('userLibrary')}</summary>
        <ul className="source-list">
          {library.map((e) => (
            <li key={e.path}>
              <button onClick={() => store.set({ viewing: e })}>{e.path.replace(/^user\//, '')}</button>
            </li>
          ))}
        </ul>
      </details>
    </nav>
  );
});
