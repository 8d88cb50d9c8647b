import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Workspace } from '../../src/common/app-api';
import { createWorkspaceStore, WORKSPACE_FILE } from '../../src/main/workspace-store';

const ws: Workspace = {
  version: 1,
  files: { 'cow.c': 'int main(void) { return 0; }\n', 'hello.c': '' },
  open: ['cow.c', 'hello.c'],
  active: 'cow.c',
  language: 'zh-CN',
  theme: 'dark',
};

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'forklab-ws-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('workspace persistence', () => {
  test('loads nothing and no error on first start', async () => {
    expect(await createWorkspaceStore(dir).load()).toEqual({ workspace: null, error: null });
  });

  test('saves a workspace and loads it back unchanged', async () => {
    const store = createWorkspaceStore(dir);
    await store.save(ws);
    expect(await store.load()).toEqual({ workspace: ws, error: null });
  });

  test('sets a file that is not JSON aside, keeping its bytes, and says why', async () => {
    await writeFile(join(dir, WORKSPACE_FILE), '{"version":1, "files": {', 'utf8');
    const store = createWorkspaceStore(dir, () => new Date('2026-01-02T03:04:05.678Z'));
    const r = await store.load();
    expect(r.workspace).toBeNull();
    expect(r.error).toMatch(/not valid JSON/);
    const names = await readdir(dir);
    expect(names).toEqual(['workspace.bad-2026-01-02T03-04-05-678Z.json']);
    expect(await readFile(join(dir, names[0]!), 'utf8')).toBe('{"version":1, "files": {');
  });

  test('rejects a session file whose version is newer', async () => {
    await writeFile(join(dir, WORKSPACE_FILE), JSON.stringify({ ...ws, version: 2 }), 'utf8');
    const r = await createWorkspaceStore(dir).load();
    expect(r.error).toMatch(/version 2 is newer/);
  });

  test('rejects file names that are paths', async () => {
    await writeFile(join(dir, WORKSPACE_FILE), JSON.stringify({ ...ws, files: { '../x.c': '' }, open: [], active: null }), 'utf8');
    expect((await createWorkspaceStore(dir).load()).error).toMatch(/bad file name/);
  });

  test('refuses to save an invalid workspace and leaves the stored one intact', async () => {
    const store = createWorkspaceStore(dir);
    await store.save(ws);
    await expect(store.save({ ...ws, active: 'missing.c' })).rejects.toThrow(/active tab/);
    expect((await store.load()).workspace).toEqual(ws);
  });
});
