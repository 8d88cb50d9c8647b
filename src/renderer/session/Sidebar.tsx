// Left column: the examples gallery (lab tests and example programs, discovered from
// resources/user), the session's files, and read-only kernel and library sources.
import { memo, useMemo } from 'react';
import { useT } from '../i18n';
import { catalog, sources } from './catalog';
import { kernelFiles, userFiles } from './resources';
import { addExample, openTab, type Store } from './store';
import { useStore } from './use-store';

export const Sidebar = memo(function Sidebar({ store }: { store: Store }) {
  const t = useT();
  const files = useStore(store, (s) => s.files);
  const active = useStore(store, (s) => s.active);
  const entries = useMemo(() => catalog(userFiles), []);
  const kernel = useMemo(() => sources(kernelFiles), []);
  const library = useMemo(() => sources(userFiles).filter((e) => /^user\/(lib|include)\/|^user\/[^/]+\.(ld|S)$/.test(e.path)), []);
  const groups = [
    { title: t('labTests'), list: entries.filter((e) => e.group === 'lab-test') },
    { title: t('programs'), list: entries.filter((e) => e.group === 'example') },
  ];
  return (
    <nav className="sidebar">
      <h2>{t('examples')}</h2>
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
      <h2>{t('sessionFiles')}</h2>
      <ul>
        {Object.keys(files).map((name) => (
          <li key={name}>
            <button className={name === active ? 'current' : ''} onClick={() => store.set((s) => openTab(s, name))}>
              {name}
            </button>
          </li>
        ))}
      </ul>
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
