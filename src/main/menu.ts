// The application menu as data: each item either runs an Electron role (copy, quit ...) or
// forwards a MenuCommand to the renderer, which owns the session. Built as a plain template so
// index.ts hands it to Menu.buildFromTemplate and tests can read it.

import type { MenuCommand } from '../common/app-api';

export interface MenuItemSpec {
  readonly label?: string;
  readonly role?: string;
  readonly type?: 'separator';
  readonly accelerator?: string;
  readonly command?: MenuCommand;
  readonly submenu?: readonly MenuItemSpec[];
}

export function menuTemplate(platform: string, lang: 'en' | 'zh-CN'): MenuItemSpec[] {
  const zh = lang === 'zh-CN';
  const t = (en: string, cn: string) => (zh ? cn : en);
  const sep: MenuItemSpec = { type: 'separator' };
  const template: MenuItemSpec[] = [];
  if (platform === 'darwin') template.push({ role: 'appMenu' });
  template.push(
    {
      label: t('File', '文件'),
      submenu: [
        { label: t('Open…', '打开…'), accelerator: 'CmdOrCtrl+O', command: 'open' },
        { label: t('Save As…', '另存为…'), accelerator: 'CmdOrCtrl+S', command: 'save' },
        sep,
        { label: t('Export Session…', '导出会话…'), accelerator: 'CmdOrCtrl+Shift+E', command: 'export-session' },
        { label: t('Open Session…', '打开会话…'), accelerator: 'CmdOrCtrl+Shift+O', command: 'open-session' },
        sep,
        {
          label: t('Export Report', '导出报告'),
          submenu: [
            { label: t('Markdown + PNG (folder)…', 'Markdown + PNG（文件夹）…'), command: 'export-report-md' },
            { label: t('HTML…', 'HTML…'), command: 'export-report-html' },
            { label: t('PDF…', 'PDF…'), accelerator: 'CmdOrCtrl+P', command: 'export-report-pdf' },
          ],
        },
        sep,
        { label: t('Export Graph as PNG', '导出进程图 PNG'), command: 'export-png' },
        { label: t('Export Graph as SVG', '导出进程图 SVG'), command: 'export-svg' },
        sep,
        { role: platform === 'darwin' ? 'close' : 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      label: t('Run', '运行'),
      submenu: [
        { label: t('Build', '编译'), accelerator: 'CmdOrCtrl+B', command: 'build' },
        { label: t('Run', '运行'), accelerator: 'F5', command: 'run' },
        { label: t('Pause', '暂停'), accelerator: 'F6', command: 'pause' },
        { label: t('Step', '单步'), accelerator: 'F10', command: 'step' },
        { label: t('Reset', '重置'), command: 'reset' },
      ],
    },
    {
      label: t('View', '视图'),
      submenu: [
        { label: 'English', command: 'lang-en' },
        { label: '中文', command: 'lang-zh-CN' },
        sep,
        { label: t('Light Theme', '浅色主题'), command: 'theme-light' },
        { label: t('Dark Theme', '深色主题'), command: 'theme-dark' },
        sep,
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { role: 'togglefullscreen' },
      ],
    },
  );
  return template;
}
