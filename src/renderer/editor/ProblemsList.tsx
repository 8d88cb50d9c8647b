// The problems list under the editor (data-testid="problems"): every diagnostic of the last
// build, one line each as gcc prints it; a click opens the file and puts the cursor there.
import { memo, useMemo } from 'react';
import { useT } from '../i18n';
import { revealAt, type Store } from '../session/store';
import { useStore } from '../session/use-store';
import { problemsFor } from './problems';

export const ProblemsList = memo(function ProblemsList({ store }: { store: Store }) {
  const t = useT();
  const diagnostics = useStore(store, (s) => s.diagnostics);
  const files = useStore(store, (s) => s.files);
  const active = useStore(store, (s) => s.active);
  const problems = useMemo(() => problemsFor(diagnostics, Object.keys(files), active), [diagnostics, files, active]);
  if (problems.length === 0) return null;
  return (
    <div className="problems" data-testid="problems" aria-label={t('problems')}>
      <div className="problems-title">
        {t('problems')} <span className="pane-stats">({problems.length})</span>
      </div>
      <ul>
        {problems.map((p, i) => (
          <li key={i} className={`problem sev-${p.diagnostic.severity}`}>
            <button
              data-testid="problem"
              data-file={p.file ?? p.diagnostic.file}
              data-line={p.diagnostic.line}
              disabled={p.file === null}
              title={p.text}
              onClick={() => p.file !== null && store.set((s) => revealAt(s, p.file!, p.diagnostic.line, p.diagnostic.column))}
            >
              {p.text}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
});
