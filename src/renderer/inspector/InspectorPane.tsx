// The inspector: for the selected process its VMAs (as /proc/pid/maps) and its page table
// entries; for the selected frame every (process, address) mapping it and its refcount.
import { memo, type ReactNode } from 'react';
import { useT } from '../i18n';
import type { Store } from '../session/store';
import { useStore } from '../session/use-store';
import { hex } from '../graph/build-graph';
import { mapsParts, pteFlags } from './format';
import { MosFrameFacts, MosProcessFacts, rswBits, rswTitle } from '../mos/inspector';
import type { VmaInfo } from '../../common/model';

/** Page rows drawn at most; a process with more shows a count of the rest. */
const PTE_ROWS = 512;

export const InspectorPane = memo(function InspectorPane({ store }: { store: Store }) {
  const t = useT();
  const selection = useStore(store, (s) => s.selection);
  const model = useStore(store, (s) => s.model);

  let body: ReactNode = <p className="muted">{t('nothingSelected')}</p>;
  if (selection?.kind === 'process') {
    const p = model.processes.find((x) => x.pid === selection.pid);
    if (p) {
      body = (
        <div data-testid="inspector-process" data-pid={p.pid}>
          <h3>
            {t('process')} {p.pid} · {p.name} · {t(`pstate.${p.state}`)}
            {p.exitCode !== null && ` · ${t('exitCode')} ${p.exitCode}`}
            {p.killed && ` · ${t('killed')}`}
          </h3>
          <MosProcessFacts p={p} t={t} />
          <h4>{t('vmas')}</h4>
          <MapsLines vmas={p.vmas} program={p.name} />
          <h4>
            {t('pageTable')} ({p.pages.length})
          </h4>
          <table className="pte-table">
            <thead>
              <tr>
                <th>{t('va')}</th>
                <th title={t('frame')}>{t('pteFrameHead')}</th>
                <th title={`${t('pteFlags')}: ${t('pteFlagsHint')}`}>{t('pteFlagsHead')}</th>
                <th title={`${t('pteRsw')}: ${rswTitle(t)}`}>{t('pteRswHead')}</th>
                <th title={`${t('cow')}: ${t('pteCowHint')}`}>{t('pteCowHead')}</th>
                <th className="col-vma">{t('vmaColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {p.pages.slice(0, PTE_ROWS).map((pg) => (
                <tr key={pg.va} className={pg.cow ? 'cow' : ''} title={`${hex(pg.va)} · ${t(`vma.${pg.vma}`)}`}>
                  <td>{hex(pg.va)}</td>
                  <td>
                    <button className="link" onClick={() => store.set({ selection: { kind: 'frame', addr: pg.frame } })}>
                      {hex(pg.frame)}
                    </button>
                  </td>
                  <td className="mono">{pteFlags(pg)}</td>
                  <td className="mono" data-testid="rsw">{rswBits(pg)}</td>
                  <td>{pg.cow ? '✓' : ''}</td>
                  <td className="col-vma">{t(`vma.${pg.vma}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {p.pages.length > PTE_ROWS && <p className="muted">+{p.pages.length - PTE_ROWS}</p>}
        </div>
      );
    }
  } else if (selection?.kind === 'frame') {
    const f = model.frames.find((x) => x.addr === selection.addr);
    if (f) {
      body = (
        <div data-testid="inspector-frame">
          <h3>
            {t('frame')} {hex(f.addr)}
          </h3>
          <p>
            {t('refcount')}: <b>{f.refcount ?? '?'}</b> · {f.sharing === 'cow' ? t('copyOnWrite') : f.sharing === 'ipc' ? t('ipcPage') : t(f.sharing === 'shared' ? 'shared' : 'private')}
          </p>
          <MosFrameFacts f={f} t={t} />
          {f.mismatch && (
            <p className="warning">
              {t('mismatch')}: {f.mismatch}
            </p>
          )}
          <h4>{t('mappings')}</h4>
          <table className="pte-table">
            <tbody>
              {f.mappings.map((m) => (
                <tr key={`${m.pid}-${m.va}`}>
                  <td>
                    <button className="link" onClick={() => store.set({ selection: { kind: 'process', pid: m.pid } })}>
                      {t('process')} {m.pid}
                    </button>
                  </td>
                  <td>{hex(m.va)}</td>
                  <td>{m.writable ? 'RW' : 'R'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
    }
  }
  return (
    <section className="pane inspector-pane">
      <header className="pane-title">{t('inspector')}</header>
      <div className="pane-body">
        {body}
        {model.warnings.length > 0 && (
          <details className="warnings">
            <summary>
              {t('warnings')} ({model.warnings.length})
            </summary>
            <ul>
              {model.warnings.slice(0, 50).map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          </details>
        )}
      </div>
    </section>
  );
});

/**
 * /proc/pid/maps, one line per VMA. Linux puts the name at column 73, off the right edge of a
 * narrow inspector, so the padding is hidden and the name sits at the right end of its line;
 * where the pane is too narrow the offset, device and inode wrap below the range and permissions,
 * and the name with them. The text (what copy and the tests
 * read) stays Linux's line for line: the hidden padding and newlines are still in it.
 */
function MapsLines({ vmas, program }: { vmas: readonly VmaInfo[]; program: string }) {
  return (
    <pre className="maps" data-testid="maps">
      {vmas.map((v, i) => {
        const { head, pad, name } = mapsParts(v, program);
        const cut = head.indexOf(' ', head.indexOf(' ') + 1); // after "start-end perms"
        return (
          <span className="maps-line" key={i}>
            <span className="maps-head">{head.slice(0, cut)}</span>
            <span className="maps-pad"> </span>
            <span className="maps-head">{head.slice(cut + 1)}</span>
            {name && <span className="maps-pad">{pad}</span>}
            {name && <span className="maps-name">{name}</span>}
            {i < vmas.length - 1 && <span className="maps-nl">{'\n'}</span>}
          </span>
        );
      })}
    </pre>
  );
}

