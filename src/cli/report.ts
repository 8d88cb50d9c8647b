// `forklab report`: a lab report document from a run, for TAs and scripts.
//
//   forklab report [--apps SPEC | FILE.c ...] --at KIND:N[=CAPTION] [--at ...] [--lang zh-CN|en] [--title T] -o OUT
//   forklab report SESSION.json [--lang zh-CN|en] -o OUT
//
// The first form runs the session and bookmarks the moment just after the Nth event of each
// timeline kind (fork, exec, exit, kill, demand-file, demand-anon, demand-shared, cow-copy,
// cow-reuse). The second renders an exported session with its bookmarks, replaying it to each.
// OUT ends in .md (figures and the session in OUT_files/), .zip (the same, packed), .html (one
// self-contained page) or .pdf (that page printed by headless Chromium on A4).
// Exit status: 0 written; 1 the run or the replay failed; 2 bad arguments or unreadable input.

import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import type { SessionFiles } from '../common/protocol';
import type { TimelineKind } from '../common/model';
import { compileSessionPrograms, defaultAppsSpec } from '../lab/build';
import { createReport, parseReport, type Bookmark, type SessionReport } from '../lab/report';
import { markdownBundle, zipBundle } from '../lab/report-bundle';
import { reportContent, toHtml } from '../lab/report-doc';
import { findEventInstants, replayMoments, type EventWanted } from '../lab/report-replay';
import { isReportLang, reportT, type ReportLang } from '../lab/report-text';
import type { SessionOptions } from '../lab/session';
import { startPrinter } from './chromium';
import { diskLibraryStore } from './cc';
import { loadUserFiles, readBytes, repoRoot } from './resources';

const KINDS: readonly TimelineKind[] = ['fork', 'exec', 'exit', 'kill', 'demand-file', 'demand-anon', 'demand-shared', 'cow-copy', 'cow-reuse'];
const FORMATS = ['.md', '.zip', '.html', '.pdf'] as const;

interface At extends EventWanted {
  readonly caption?: string;
}

interface ReportArgs {
  apps?: string;
  at: At[];
  lang: ReportLang;
  title?: string;
  out?: string;
  maxInsns: number;
  files: string[];
}

class Usage extends Error {}

function parseAt(spec: string): At {
  const m = /^([a-z-]+):(\d+)(?:=(.*))?$/s.exec(spec);
  if (!m) throw new Usage(`--at takes KIND:N (e.g. fork:2), not '${spec}'`);
  const kind = m[1] as TimelineKind;
  if (!KINDS.includes(kind)) throw new Usage(`unknown event kind '${m[1]}' (kinds: ${KINDS.join(', ')})`);
  const n = Number(m[2]);
  if (n < 1) throw new Usage('--at counts events from 1');
  return { kind, n, ...(m[3] !== undefined ? { caption: m[3] } : {}) };
}

function parseArgs(args: string[]): ReportArgs {
  const out: ReportArgs = { at: [], lang: 'en', maxInsns: 4_000_000_000, files: [] };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new Usage(`${a} needs a value`);
      return v;
    };
    if (a === '--apps') out.apps = value();
    else if (a === '--at') out.at.push(parseAt(value()));
    else if (a === '--lang') {
      const lang = value();
      if (!isReportLang(lang)) throw new Usage(`--lang takes en or zh-CN, not '${lang}'`);
      out.lang = lang;
    } else if (a === '--title') out.title = value();
    else if (a === '-o' || a === '--output') out.out = value();
    else if (a === '--max-insns') out.maxInsns = Number(value());
    else if (a.startsWith('-')) throw new Usage(`unknown option ${a}`);
    else out.files.push(a);
  }
  if (!out.out) throw new Usage('-o OUT.md|OUT.zip|OUT.html|OUT.pdf is required');
  if (!(FORMATS as readonly string[]).includes(extname(out.out))) throw new Usage(`-o must end in ${FORMATS.join(', ')}`);
  const session = out.files.filter((f) => f.endsWith('.json'));
  if (session.length > 0 && (out.files.length > 1 || out.at.length > 0 || out.apps)) {
    throw new Usage('a SESSION.json comes alone: its bookmarks say what to show (no --at, --apps or other files)');
  }
  if (session.length === 0 && out.at.length === 0) throw new Usage('say what to bookmark with --at KIND:N (e.g. --at fork:2 --at cow-copy:1)');
  if (out.files.some((f) => !f.endsWith('.json') && !f.endsWith('.c'))) throw new Usage('programs are given as .c files (or a SESSION.json)');
  if (!Number.isFinite(out.maxInsns) || out.maxInsns <= 0) throw new Usage('--max-insns takes a positive number');
  return out;
}

/** The bundled C source of a program named in an `apps=` spec (resources/user/**). */
function bundledSource(name: string): string | null {
  const base = join(repoRoot(), 'resources/user');
  const walk = (dir: string): string | null => {
    for (const entry of readdirSync(dir).sort()) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) {
        if (entry === 'build') continue;
        const found = walk(path);
        if (found) return found;
      } else if (entry === `${name}.c`) return path;
    }
    return null;
  };
  const tests = join(base, 'tests', `${name}.c`);
  return existsSync(tests) ? tests : walk(base);
}

function sessionSources(args: ReportArgs): SessionFiles {
  if (args.files.length > 0) return Object.fromEntries(args.files.map((f) => [basename(f), readFileSync(f, 'utf8')]));
  if (!args.apps) throw new Usage('name the programs: --apps SPEC or FILE.c ...');
  const names = [...new Set(args.apps.split(',').map((s) => s.replace(/\*\d+$/, '').trim()))];
  const files: Record<string, string> = {};
  for (const name of names) {
    const path = bundledSource(name);
    if (!path) throw new Usage(`no bundled program named '${name}' in resources/user`);
    files[`${name}.c`] = readFileSync(path, 'utf8');
  }
  return files;
}

/** Compiles a session's sources as the app does; null (after printing the errors) when it fails. */
function sessionOptions(sources: SessionFiles, bootargs: string | undefined, apps: string | undefined): SessionOptions | null {
  const built = compileSessionPrograms(loadUserFiles(), sources, diskLibraryStore());
  for (const d of built.text) process.stderr.write(d);
  if (!built.ok) return null;
  const kernel = readBytes(join(repoRoot(), 'resources/kernel/build/kernel.elf'));
  return { kernel, apps: built.apps, bootargs: bootargs ?? `apps=${apps ?? defaultAppsSpec(built.apps)}` };
}

function ordinalCaption(at: At, lang: ReportLang): string {
  const t = reportT(lang);
  return at.caption ?? t('afterEvent', { event: t(`ev.${at.kind}`), n: at.n });
}

async function writeDocument(report: SessionReport, lang: ReportLang, options: SessionOptions, out: string): Promise<string | null> {
  const replayed = replayMoments(options, report.bookmarks.map((b) => b.insn));
  if (!replayed.ok) return replayed.error;
  const content = reportContent(report, replayed.moments, lang);
  const ext = extname(out);
  mkdirSync(dirname(out) || '.', { recursive: true });
  if (ext === '.html') {
    writeFileSync(out, toHtml(content));
    return null;
  }
  const printer = await startPrinter();
  try {
    if (ext === '.pdf') {
      writeFileSync(out, await printer.pdf(toHtml(content)));
      return null;
    }
    const pngs: Uint8Array[] = [];
    for (const s of content.sections) pngs.push(await printer.png(s.figure.svg, s.figure.width, s.figure.height));
    const base = basename(out, ext);
    const files = markdownBundle(content, pngs, base);
    if (ext === '.zip') writeFileSync(out, zipBundle(files));
    else {
      for (const f of files) {
        const path = join(dirname(out), f.path);
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, f.data);
      }
    }
    return null;
  } finally {
    await printer.close();
  }
}

export async function reportCommand(argv: string[]): Promise<number> {
  let args: ReportArgs;
  let report: SessionReport;
  let options: SessionOptions | null;
  try {
    args = parseArgs(argv);
    const sessionFile = args.files.find((f) => f.endsWith('.json'));
    if (sessionFile) {
      const parsed = parseReport(readFileSync(sessionFile, 'utf8'));
      if (!parsed.ok) {
        process.stderr.write(`forklab report: ${sessionFile}: ${parsed.error}\n`);
        return 2;
      }
      report = parsed.report;
      if (report.bookmarks.length === 0) process.stderr.write('forklab report: the session has no bookmarks; the report holds only its sources\n');
      options = sessionOptions(report.sources, report.bootargs, undefined);
      if (!options) return 1;
    } else {
      const sources = sessionSources(args);
      options = sessionOptions(sources, undefined, args.apps);
      if (!options) return 1;
      const found = findEventInstants(options, args.at, args.maxInsns);
      if (!found.ok) {
        process.stderr.write(`forklab report: ${found.error}\n`);
        return 1;
      }
      const bookmarks: Bookmark[] = args.at.map((at, i) => ({ insn: found.instants[i]!, caption: ordinalCaption(at, args.lang) }));
      // The saved run ends at the last bookmark: reopening it replays to there and pauses.
      const last = Math.max(...bookmarks.map((b) => b.insn));
      const atLast = replayMoments(options, [last]);
      if (!atLast.ok) {
        process.stderr.write(`forklab report: ${atLast.error}\n`);
        return 1;
      }
      const program = args.apps?.split(',')[0]?.replace(/\*\d+$/, '') ?? basename(args.files[0]!, '.c');
      report = createReport({
        title: args.title ?? `${reportT(args.lang)('reportTitle')}: ${program}`,
        sources,
        bootargs: options.bootargs,
        insn: last,
        console: atLast.moments[0]!.console,
        timeline: found.timeline.filter((e) => e.insn <= last),
        model: atLast.moments[0]!.model,
        bookmarks,
      });
    }
  } catch (err) {
    process.stderr.write(`forklab report: ${(err as Error).message}\n`);
    return 2;
  }
  try {
    const failed = await writeDocument(report, args.lang, options, args.out!);
    if (failed) {
      process.stderr.write(`forklab report: ${failed}\n`);
      return 1;
    }
  } catch (err) {
    process.stderr.write(`forklab report: ${(err as Error).message}\n`);
    return 1;
  }
  process.stdout.write(`${args.out}\n`);
  return 0;
}
