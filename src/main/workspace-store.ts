// Workspace persistence: the editor session as JSON in Electron's userData folder. A file that
// does not parse or does not validate is never overwritten: it is renamed aside (with a
// timestamp) so nothing the student typed is lost, and the caller gets the reason in words.
// Writes go to a temporary file first and are renamed into place, so a crash mid-write leaves
// the previous session intact.

import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkWorkspace, type Workspace, type WorkspaceLoad } from '../common/app-api';

export const WORKSPACE_FILE = 'workspace.json';

export interface WorkspaceStore {
  load(): Promise<WorkspaceLoad>;
  save(ws: Workspace): Promise<void>;
}

/** A store keeping `workspace.json` in `dir`; `now` names set-aside files (injected for tests). */
export function createWorkspaceStore(dir: string, now: () => Date = () => new Date()): WorkspaceStore {
  const path = join(dir, WORKSPACE_FILE);
  return {
    async load() {
      let text: string;
      try {
        text = await readFile(path, 'utf8');
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { workspace: null, error: null };
        return { workspace: null, error: `could not read ${path}: ${(err as Error).message}` };
      }
      let parsed: unknown;
      let problem: string;
      try {
        parsed = JSON.parse(text);
        const checked = checkWorkspace(parsed);
        if (checked.ok) return { workspace: checked.workspace, error: null };
        problem = checked.error;
      } catch (err) {
        problem = `not valid JSON (${(err as Error).message})`;
      }
      const aside = join(dir, `workspace.bad-${now().toISOString().replace(/[:.]/g, '-')}.json`);
      await rename(path, aside);
      return { workspace: null, error: `The saved workspace could not be used: ${problem}. It was kept as ${aside}.` };
    },
    async save(ws) {
      const checked = checkWorkspace(ws);
      if (!checked.ok) throw new Error(`refusing to save an invalid workspace: ${checked.error}`);
      await mkdir(dir, { recursive: true });
      const tmp = `${path}.tmp`;
      await writeFile(tmp, JSON.stringify(checked.workspace, null, 2), 'utf8');
      await rename(tmp, path);
    },
  };
}
