import { describe, expect, test } from 'vitest';
import { MENU_COMMANDS } from '../../src/common/app-api';
import { menuTemplate, type MenuItemSpec } from '../../src/main/menu';

const flatten = (items: readonly MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...flatten(i.submenu ?? [])]);

describe('application menu', () => {
  test('every command it sends is one the preload lets through', () => {
    const cmds = flatten(menuTemplate('linux', 'en')).flatMap((i) => (i.command ? [i.command] : []));
    expect(cmds.length).toBeGreaterThan(5);
    for (const c of cmds) expect(MENU_COMMANDS).toContain(c);
  });

  test('speaks Chinese when the system does, with the same commands', () => {
    const en = flatten(menuTemplate('linux', 'en'));
    const zh = flatten(menuTemplate('linux', 'zh-CN'));
    expect(zh.map((i) => i.command)).toEqual(en.map((i) => i.command));
    expect(zh.find((i) => i.command === 'run')?.label).toBe('运行');
    expect(zh.find((i) => i.command === 'export-session')?.label).toBe('导出会话…');
    expect(en.find((i) => i.command === 'open-session')?.label).toBe('Open Session…');
  });

  test('adds the app menu on macOS only', () => {
    expect(menuTemplate('darwin', 'en')[0]?.role).toBe('appMenu');
    expect(menuTemplate('linux', 'en')[0]?.role).toBeUndefined();
  });
});
