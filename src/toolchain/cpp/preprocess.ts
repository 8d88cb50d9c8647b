// The preprocessing engine (C11 6.10): directives, conditional inclusion, #include through a
// SourceProvider, and macro expansion with rescanning.
//
// Token flow: `nextRaw` pops a pushback stack (macro results waiting to be rescanned) and
// otherwise reads the current file, running any directive that starts a line; `next` expands
// macros (pushing their replacement back for rescanning) until a token survives. Argument
// pre-expansion reuses the same machinery over a private list ended by a sentinel token, so a
// function-like macro name at the end of an argument never reaches past it.
//
// Never throws, never hangs: limits on include depth, expansion nesting, tokens produced by
// expansion and output size turn macro bombs and runaway recursion into a fatal diagnostic;
// after a fatal error the engine stops and returns what it has.

import type { Diagnostic, Severity } from '../diagnostics';
import { evalIfExpr } from './expr';
import { copyToken, makeToken, tokenize, type LexError, type Token } from './lexer';
import { intersectHide, parseDefine, sameDefinition, substitute, unionHide, withHide, type Macro } from './macro';
import { OutputWriter } from './output';
import { predefinedMacros, type BuiltinContext } from './predefined';

export interface SourceProvider {
  /** Contents of the file at `path`, or undefined when there is none. */
  read(path: string): string | undefined;
}

export interface PreprocessOptions {
  /** Directories searched for <...> includes, and for "..." ones after the includer's own. */
  includeDirs: string[];
  /** -D definitions: name -> replacement text ('' defines it empty, as `-DNAME=`). */
  defines?: Record<string, string>;
  /** -U names: removed after the predefined macros and -D definitions are in place. */
  undefines?: string[];
  provider: SourceProvider;
  /**
   * Preprocess assembler source (.S), as gcc's assembler-with-cpp: __ASSEMBLER__ is defined,
   * lines starting with an unknown `#word` are `#` comments passed through unchanged, and
   * apostrophes in comments are not char literals.
   */
  assembler?: boolean;
  /** Limits (mainly for tests); defaults suit real programs. */
  maxOutputChars?: number;
  maxExpansionTokens?: number;
}

export interface PreprocessResult {
  text: string;
  diagnostics: Diagnostic[];
}

const MAX_INCLUDE_DEPTH = 200;
const MAX_EXPANSION_NESTING = 200;
const MAX_MACRO_CHAIN = 512;
const DEFAULT_MAX_OUTPUT = 8 * 1024 * 1024;
const DEFAULT_MAX_EXPANSION_TOKENS = 4_000_000;

interface Cond {
  /** Some group of this #if chain has been taken. */
  taken: boolean;
  sawElse: boolean;
  at: Token;
  /** This #ifndef opens the whole file: a candidate include guard. */
  guard?: string;
}

interface Frame {
  path: string;
  toks: Token[];
  pos: number;
  conds: Cond[];
  /** #line adjustments: presumed line = physical line + lineDelta. */
  lineDelta: number;
  presumedFile: string;
  /** Include guard macro, once the whole file proved to be `#ifndef X ... #endif`. */
  guard?: string;
}

class Fatal {}

export class Preprocessor implements BuiltinContext {
  private readonly macros = new Map<string, Macro>();
  private readonly frames: Frame[] = [];
  private readonly pushback: Token[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly out = new OutputWriter();
  private readonly onceFiles = new Set<string>();
  private readonly guards = new Map<string, string>();
  /** Files read so far: each header is read and lexed once per run, however often included. */
  private readonly fileCache = new Map<string, string | undefined>();
  private readonly tokenCache = new Map<string, Token[]>();
  private readonly maxOutput: number;
  private budget: number;
  private nesting = 0;
  private counter = 0;
  private baseFile = '';

  constructor(private readonly opts: PreprocessOptions) {
    this.maxOutput = opts.maxOutputChars ?? DEFAULT_MAX_OUTPUT;
    this.budget = opts.maxExpansionTokens ?? DEFAULT_MAX_EXPANSION_TOKENS;
    for (const m of predefinedMacros(this)) this.macros.set(m.name, m);
    if (opts.assembler === true) {
      this.macros.set('__ASSEMBLER__', { name: '__ASSEMBLER__', variadic: false, vaName: '__VA_ARGS__', body: tokenize('<built-in>', '1', []).slice(0, 1) });
    }
    for (const [name, value] of Object.entries(opts.defines ?? {})) {
      const line = tokenize('<command-line>', `${name} ${value}`, []).filter((t) => t.kind !== 'eof');
      const m = parseDefine(line, line[0] ?? this.builtinTok(), this.report);
      if (m !== undefined) this.macros.set(m.name, m);
    }
    for (const name of opts.undefines ?? []) this.macros.delete(name);
  }

  run(file: string, text: string): PreprocessResult {
    this.baseFile = file;
    try {
      this.enterFile(file, text);
      this.out.marker(1, file);
      for (;;) {
        const t = this.next();
        if (t.kind === 'eof') break;
        this.checkToken(t);
        this.out.emit(t);
        if (this.out.size > this.maxOutput) {
          this.report(t, `preprocessed output exceeds ${this.maxOutput} characters (runaway macro expansion?)`);
          throw new Fatal();
        }
      }
    } catch (e) {
      if (e instanceof RangeError) {
        this.report(this.frames[this.frames.length - 1]?.toks[0] ?? this.builtinTok(), 'input nested too deeply for the preprocessor');
      } else if (!(e instanceof Fatal)) {
        this.report(this.builtinTok(), `internal preprocessor error: ${String(e)}`);
      }
    }
    return { text: this.out.finish(), diagnostics: this.diagnostics };
  }

  // ---- diagnostics -----------------------------------------------------------------------

  readonly report = (at: Token, message: string, severity: Severity = 'error'): void => {
    const width = at.width ?? Math.max(1, at.text.length);
    this.diagnostics.push({ file: at.file, line: at.line, column: at.col, endColumn: at.col + width, severity, message });
  };

  private fatal(at: Token, message: string): never {
    this.report(at, message);
    throw new Fatal();
  }

  /** Reports a token's deferred lexical error once, when the token is really used. */
  private checkToken(t: Token): void {
    if (t.error !== undefined && this.opts.assembler !== true) {
      this.report(t, t.error);
      t.error = undefined;
    }
  }

  builtinTok(): Token {
    return makeToken('other', '', '<built-in>', 1, 1, false, true);
  }

  // ---- files -----------------------------------------------------------------------------

  private enterFile(path: string, text: string): void {
    let toks = this.tokenCache.get(path);
    if (toks === undefined) {
      const lexErrors: LexError[] = [];
      toks = tokenize(path, text, lexErrors);
      this.tokenCache.set(path, toks);
      for (const e of lexErrors) {
        this.diagnostics.push({ file: path, line: e.line, column: e.col, endColumn: e.col + 2, severity: 'error', message: e.message });
      }
    }
    this.frames.push({ path, toks, pos: 0, conds: [], lineDelta: 0, presumedFile: path });
  }

  /** Current file's name for __FILE__ (after #line). */
  presumedFile(): string {
    return this.frames[this.frames.length - 1]?.presumedFile ?? this.baseFile;
  }
  includeLevel(): number {
    return Math.max(0, this.frames.length - 1);
  }
  nextCounter(): number {
    return this.counter++;
  }
  base(): string {
    return this.baseFile;
  }

  /** Next token of the current file, running directives; pops finished include files. */
  private fileNext(): Token {
    for (;;) {
      const f = this.frames[this.frames.length - 1]!;
      const t = f.toks[f.pos]!;
      if (t.kind === 'eof') {
        for (const c of f.conds) this.report(c.at, `unterminated #${c.at.text}`);
        f.conds.length = 0;
        if (this.frames.length === 1) return t;
        this.frames.pop();
        if (f.guard !== undefined) this.guards.set(f.path, f.guard);
        const parent = this.frames[this.frames.length - 1]!;
        const resume = parent.toks[parent.pos]!;
        this.out.marker(resume.line + parent.lineDelta, parent.presumedFile, 2);
        continue;
      }
      f.pos++;
      if (t.bol && t.kind === 'punct' && t.text === '#') {
        this.directive(t);
        continue;
      }
      return this.located(f, t);
    }
  }

  /** Applies #line's presumed line and file to a token read from a file. */
  private located(f: Frame, t: Token): Token {
    if (f.lineDelta === 0 && f.presumedFile === f.path) return t;
    return copyToken(t, { line: t.line + f.lineDelta, file: f.presumedFile });
  }

  private nextRaw(): Token {
    return this.pushback.pop() ?? this.fileNext();
  }

  private unread(t: Token): void {
    this.pushback.push(t);
  }

  /** Next fully macro-expanded token. */
  next(): Token {
    for (;;) {
      const t = this.nextRaw();
      if (t.kind !== 'ident' || t.noExpand) return t;
      if (t.text === '_Pragma' && this.pragmaOperator(t)) continue;
      if (!this.expand(t)) return t;
    }
  }

  /**
   * `_Pragma ( "string" )` (C11 6.10.9): acts as the #pragma it spells and leaves no tokens.
   * False (token kept as an identifier) when no parenthesis follows.
   */
  private pragmaOperator(t: Token): boolean {
    const open = this.nextRaw();
    if (!(open.kind === 'punct' && open.text === '(')) {
      this.unread(open);
      return false;
    }
    const str = this.nextRaw();
    const close = str.kind === 'string' ? this.nextRaw() : str;
    if (str.kind !== 'string' || !(close.kind === 'punct' && close.text === ')')) {
      this.report(t, '_Pragma takes a parenthesized string literal');
      if (close.kind === 'eof') this.unread(close);
      return true;
    }
    const body = str.text.replace(/^(L|u8|u|U)?"/, '').slice(0, -1).replace(/\\(["\\])/g, '$1');
    if (/^\s*once\s*$/.test(body)) this.onceFiles.add(this.frames[this.frames.length - 1]!.path);
    return true;
  }

  // ---- macro expansion -------------------------------------------------------------------

  /** Expands the macro named by `t`, pushing its replacement for rescanning; false if none. */
  private expand(t: Token): boolean {
    const m = this.macros.get(t.text);
    if (m === undefined) return false;
    if (t.hide?.has(t.text)) {
      // painted blue: this token can never expand again (C11 6.10.3.4p2)
      t.noExpand = true;
      return false;
    }
    if (m.builtin !== undefined) {
      this.unread(m.builtin(t));
      return true;
    }
    let hide: ReadonlySet<string>;
    let args = new Map<string, Token[]>();
    if (m.params === undefined) {
      hide = withHide(t.hide, m.name);
    } else {
      const paren = this.nextRaw();
      if (!(paren.kind === 'punct' && paren.text === '(')) {
        this.unread(paren);
        return false;
      }
      const collected = this.collectArgs(m, t);
      if (collected === undefined) return true;
      args = collected.args;
      hide = withHide(intersectHide(t.hide, collected.rparen.hide), m.name);
    }
    // A hide set holds every macro on the expansion chain; copying it is what each step costs,
    // so a chain of thousands of macros (A1 -> A0, A2 -> A1, ...) would be quadratic.
    if (hide.size > MAX_MACRO_CHAIN) this.fatal(t, `macro expansion of "${m.name}" nested more than ${MAX_MACRO_CHAIN} deep`);
    let body: Token[];
    if (m.params === undefined && !m.hasPaste) {
      // the common case: an object-like macro is a plain copy of its body
      body = m.body.map((b) => copyToken(b));
    } else {
      if (++this.nesting > MAX_EXPANSION_NESTING) this.fatal(t, `macro expansion of "${m.name}" nested too deeply`);
      const expandedCache = new Map<string, Token[]>();
      try {
        body = substitute(
          m,
          m.body,
          {
            raw: args,
            expanded: (name) => {
              let e = expandedCache.get(name);
              if (e === undefined) {
                e = this.expandList(args.get(name) ?? []);
                expandedCache.set(name, e);
              }
              return e;
            },
          },
          // a token of the arguments is shown where it is; one of the body, at the invocation
          (at, msg, sev) => this.report(at.expanded || (at.file === t.file && at.line >= t.line && !at.bol) ? at : t, msg, sev),
        );
      } finally {
        this.nesting--;
      }
    }
    this.spend(body.length, t);
    for (let k = body.length - 1; k >= 0; k--) {
      const b = body[k]!;
      b.hide = unionHide(b.hide, hide);
      b.file = t.file;
      b.line = t.line;
      b.col = t.col;
      b.width = t.width;
      b.expanded = true;
      b.bol = false;
      b.space = k === 0 ? t.space : b.space;
      this.unread(b);
    }
    if (body.length === 0 && t.space) {
      // keep the separation the macro name provided, so `a EMPTY b` stays two tokens
      const next = this.nextRaw();
      this.unread(next.space ? next : copyToken(next, { space: true }));
    }
    return true;
  }

  private spend(n: number, at: Token): void {
    this.budget -= n;
    if (this.budget < 0) this.fatal(at, 'macro expansion produced too many tokens (recursive macro bomb?)');
  }

  /** Reads the arguments of a function-like macro invocation after its '('. */
  private collectArgs(m: Macro, name: Token): { args: Map<string, Token[]>; rparen: Token } | undefined {
    const params = m.params!;
    const lists: Token[][] = [[]];
    let depth = 0;
    let rparen: Token | undefined;
    let count = 0;
    let last = name;
    for (;;) {
      const t = this.nextRaw();
      if (t.kind === 'eof') {
        this.unread(t);
        // gcc points just past the last token of the unfinished list
        this.report(endOfLine([last], name), `unterminated argument list invoking macro "${m.name}"`);
        return undefined;
      }
      last = t;
      if (++count > 4_000_000) this.fatal(name, `argument list of macro "${m.name}" too long`);
      if (t.kind === 'punct') {
        if (t.text === '(') depth++;
        else if (t.text === ')') {
          if (depth === 0) {
            rparen = t;
            break;
          }
          depth--;
        } else if (t.text === ',' && depth === 0 && !(m.variadic && lists.length === params.length)) {
          lists.push([]);
          continue;
        }
      }
      const cur = lists[lists.length - 1]!;
      // a line break inside the arguments is whitespace (it matters to `#`)
      cur.push(t.bol ? copyToken(t, { bol: false, space: cur.length > 0 }) : t);
    }
    // `f()` passes one empty argument, which is right for one parameter and for zero
    if (params.length === 0 && lists.length === 1 && lists[0]!.length === 0) lists.length = 0;
    if (m.variadic && lists.length === params.length - 1) lists.push([]);
    if (lists.length !== params.length) {
      const given = lists.length;
      this.report(
        rparen,
        given > params.length
          ? `macro "${m.name}" passed ${given} arguments, but takes just ${params.length}`
          : `macro "${m.name}" requires ${params.length} arguments, but only ${given} given`,
      );
      return undefined;
    }
    const args = new Map<string, Token[]>();
    params.forEach((p, k) => args.set(p, lists[k]!));
    return { args, rparen };
  }

  /** Fully expands a token list in isolation (argument pre-expansion, #if and #include lines). */
  private expandList(tokens: Token[], onIdent?: (t: Token) => boolean): Token[] {
    const sentinel = makeToken('eof', '', '', 0, 0, false, false);
    this.pushback.push(sentinel);
    for (let k = tokens.length - 1; k >= 0; k--) this.pushback.push(tokens[k]!);
    const result: Token[] = [];
    for (;;) {
      const t = this.pushback.pop()!;
      if (t === sentinel) break;
      if (t.kind === 'ident') {
        if (onIdent !== undefined && onIdent(t)) continue;
        if (!t.noExpand && this.expand(t)) continue;
      }
      result.push(t);
    }
    return result;
  }

  // ---- directives ------------------------------------------------------------------------

  /** Tokens of the rest of the current directive line. */
  private restOfLine(): Token[] {
    const f = this.frames[this.frames.length - 1]!;
    const line: Token[] = [];
    while (true) {
      const t = f.toks[f.pos]!;
      if (t.kind === 'eof' || t.bol) break;
      line.push(this.located(f, t));
      f.pos++;
    }
    return line;
  }

  private directive(hash: Token): void {
    const f = this.frames[this.frames.length - 1]!;
    const nameTok = f.toks[f.pos]!;
    if (nameTok.kind === 'eof' || nameTok.bol) return; // the null directive
    f.pos++;
    const name = nameTok.kind === 'ident' ? nameTok.text : '';
    const at = this.located(f, nameTok);
    if (nameTok.kind === 'number') {
      // `# 33 "file"`, the form gcc -E writes: same as #line
      this.doLine([at, ...this.restOfLine()], at);
      return;
    }
    switch (name) {
      case 'define': {
        const m = parseDefine(this.restOfLine(), at, this.report);
        if (m === undefined) return;
        const old = this.macros.get(m.name);
        if (old !== undefined && !sameDefinition(old, m)) {
          this.report(m.def!, `"${m.name}" redefined`, 'warning');
        }
        this.macros.set(m.name, m);
        return;
      }
      case 'undef': {
        const line = this.restOfLine();
        const n = line[0];
        if (n === undefined) this.report(endOfLine(line, at), 'no macro name given in #undef directive');
        else if (n.kind !== 'ident') this.report(n, 'macro names must be identifiers');
        else {
          this.macros.delete(n.text);
          if (line.length > 1) this.report(line[1]!, 'extra tokens at end of #undef directive', 'warning');
        }
        return;
      }
      case 'include':
      case 'include_next':
        this.doInclude(at);
        return;
      case 'if': {
        const v = this.evalCondition(at, this.restOfLine());
        this.openCond(f, at, v);
        return;
      }
      case 'ifdef':
      case 'ifndef': {
        const line = this.restOfLine();
        const n = line[0];
        let v = false;
        if (n === undefined) this.report(endOfLine(line, at), `no macro name given in #${name} directive`);
        else if (n.kind !== 'ident') this.report(n, 'macro names must be identifiers');
        else v = this.macros.has(n.text) === (name === 'ifdef');
        if (n !== undefined && line.length > 1) this.report(line[1]!, `extra tokens at end of #${name} directive`, 'warning');
        const guardCandidate = name === 'ifndef' && n?.kind === 'ident' && f.conds.length === 0 && this.isFirstDirective(f, hash);
        this.openCond(f, at, v, guardCandidate ? n.text : undefined);
        return;
      }
      case 'elif':
      case 'elifdef':
      case 'elifndef': {
        const c = f.conds[f.conds.length - 1];
        if (c === undefined) {
          this.report(at, `#${name} without #if`);
          this.restOfLine();
          return;
        }
        if (c.sawElse) this.report(at, `#${name} after #else`);
        const line = this.restOfLine();
        if (c.taken) {
          this.skipGroup(f);
          return;
        }
        let v: boolean;
        if (name === 'elif') v = this.evalCondition(at, line);
        else {
          const n = line[0];
          v = n !== undefined && n.kind === 'ident' && this.macros.has(n.text) === (name === 'elifdef');
        }
        c.taken = v;
        if (!v) this.skipGroup(f);
        return;
      }
      case 'else': {
        const c = f.conds[f.conds.length - 1];
        const line = this.restOfLine();
        if (c === undefined) {
          this.report(at, '#else without #if');
          return;
        }
        if (c.sawElse) this.report(at, '#else after #else');
        if (line.length > 0) this.report(line[0]!, 'extra tokens at end of #else directive', 'warning');
        c.sawElse = true;
        if (c.taken) this.skipGroup(f);
        else c.taken = true;
        return;
      }
      case 'endif': {
        const line = this.restOfLine();
        const c = f.conds.pop();
        if (c === undefined) {
          this.report(at, '#endif without #if');
          return;
        }
        if (line.length > 0) this.report(line[0]!, 'extra tokens at end of #endif directive', 'warning');
        if (c.guard !== undefined && f.toks[f.pos]!.kind === 'eof') f.guard = c.guard;
        return;
      }
      case 'line':
        this.doLine(this.expandList(this.restOfLine()), at);
        return;
      case 'error':
      case 'warning': {
        const text = spell(this.restOfLine());
        this.report(at, `#${name}${text === '' ? '' : ' ' + text}`, name === 'error' ? 'error' : 'warning');
        return;
      }
      case 'pragma': {
        const line = this.restOfLine();
        if (line[0]?.text === 'once') this.onceFiles.add(f.path);
        // other pragmas mean nothing to ForkLab's compiler; gcc -E would pass them on
        return;
      }
      case 'ident':
      case 'sccs':
      case 'assert':
      case 'unassert':
        this.restOfLine();
        return;
      default:
        if (this.opts.assembler === true) {
          this.out.rawLine(`# ${spell([nameTok, ...this.restOfLine()])}`, this.located(f, hash));
          return;
        }
        this.report(at, `invalid preprocessing directive #${nameTok.text}`);
        this.restOfLine();
    }
  }

  private isFirstDirective(f: Frame, hash: Token): boolean {
    return f.toks[0] === hash;
  }

  private openCond(f: Frame, at: Token, value: boolean, guard?: string): void {
    const c: Cond = { taken: value, sawElse: false, at };
    if (guard !== undefined) c.guard = guard;
    f.conds.push(c);
    if (!value) this.skipGroup(f);
  }

  /**
   * Skips a group whose condition is false: stops before the #elif/#else/#endif that ends it
   * (nested conditionals are skipped whole). Lexical errors inside are never reported.
   */
  private skipGroup(f: Frame): void {
    let depth = 0;
    for (;;) {
      const t = f.toks[f.pos]!;
      if (t.kind === 'eof') return;
      if (t.bol && t.kind === 'punct' && t.text === '#') {
        const n = f.toks[f.pos + 1]!;
        const name = n.bol ? '' : n.text;
        if (name === 'if' || name === 'ifdef' || name === 'ifndef') depth++;
        else if (name === 'endif') {
          if (depth === 0) return;
          depth--;
        } else if ((name === 'elif' || name === 'else' || name === 'elifdef' || name === 'elifndef') && depth === 0) return;
      }
      f.pos++;
    }
  }

  /** Evaluates an #if / #elif line: `defined` first, then macros, then arithmetic. */
  private evalCondition(at: Token, line: Token[]): boolean {
    // errors about a missing operand point just past the line's last token, as gcc's do
    const eol = endOfLine(line, at);
    for (const t of line) this.checkToken(t);
    const onIdent = (t: Token): boolean => {
      if (t.text === '__has_include' || t.text === '__has_include_next') {
        this.pushback.push(this.hasInclude(t));
        return true;
      }
      if (t.text !== 'defined') return false;
      // defined X  or  defined ( X )
      let n = this.pushback.pop()!;
      let paren = false;
      if (n.kind === 'punct' && n.text === '(') {
        paren = true;
        n = this.pushback.pop()!;
      }
      if (n.kind !== 'ident') {
        this.report(n.kind === 'eof' ? eol : n, 'operator "defined" requires an identifier');
        if (n.kind === 'eof') this.pushback.push(n);
        this.pushback.push(copyToken(t, { kind: 'number', text: '0' }));
        return true;
      }
      if (paren) {
        const close = this.pushback.pop()!;
        if (!(close.kind === 'punct' && close.text === ')')) {
          this.report(close.kind === 'eof' ? eol : close, 'missing \')\' after "defined"');
          this.pushback.push(close);
        }
      }
      this.pushback.push(copyToken(t, { kind: 'number', text: this.macros.has(n.text) ? '1' : '0', hide: undefined }));
      return true;
    };
    const expanded = this.expandList(line, onIdent);
    const result = evalIfExpr(expanded, eol);
    for (const w of result.warnings) this.report(w.at, w.message, w.severity ?? 'warning');
    if (result.error !== undefined) {
      this.report(result.at ?? at, result.error);
      return false;
    }
    return result.value !== 0n;
  }

  /** `__has_include ( "x.h" )` or `( <x.h> )` inside #if: 1 when the include would succeed. */
  private hasInclude(t: Token): Token {
    const toks: Token[] = [];
    const open = this.pushback.pop()!;
    let found = false;
    if (open.kind === 'punct' && open.text === '(') {
      for (let depth = 0; ; ) {
        const x = this.pushback.pop()!;
        if (x.kind === 'eof') {
          this.pushback.push(x);
          break;
        }
        if (x.text === '(') depth++;
        if (x.text === ')' && depth-- === 0) {
          found = true;
          break;
        }
        toks.push(x);
      }
    }
    const name = found ? includeName(toks) : undefined;
    if (name === undefined) {
      this.report(t, `operator "${t.text}" requires a header-name`);
      return copyToken(t, { kind: 'number', text: '0', hide: undefined });
    }
    const f = this.frames[this.frames.length - 1]!;
    const ok = this.resolveInclude(name.name, name.angled, f.path) !== undefined;
    return copyToken(t, { kind: 'number', text: ok ? '1' : '0', hide: undefined });
  }

  private doInclude(at: Token): void {
    let line = this.restOfLine();
    let parsed = includeName(line);
    if (parsed === undefined && line.length > 0 && line[0]!.kind === 'ident') {
      line = this.expandList(line);
      parsed = includeName(line);
    }
    if (parsed === undefined) {
      this.report(line[0] ?? endOfLine(line, at), '#include expects "FILENAME" or <FILENAME>');
      return;
    }
    if (parsed.name === '') {
      this.report(line[0] ?? at, 'empty filename in #include');
      return;
    }
    const f = this.frames[this.frames.length - 1]!;
    const path = this.resolveInclude(parsed.name, parsed.angled, f.path);
    if (path === undefined) this.fatal(line[0] ?? at, `${parsed.name}: No such file or directory`);
    if (this.onceFiles.has(path.path)) return;
    const guard = this.guards.get(path.path);
    if (guard !== undefined && this.macros.has(guard)) return;
    if (this.frames.length > MAX_INCLUDE_DEPTH) this.fatal(at, `#include nested depth ${this.frames.length} exceeds maximum of ${MAX_INCLUDE_DEPTH}`);
    this.enterFile(path.path, path.text);
    this.out.marker(1, path.path, 1);
  }

  private resolveInclude(name: string, angled: boolean, includer: string): { path: string; text: string } | undefined {
    const candidates: string[] = [];
    if (name.startsWith('/')) candidates.push(normalizePath(name));
    else {
      if (!angled) candidates.push(normalizePath(joinPath(dirName(includer), name)));
      for (const d of this.opts.includeDirs) candidates.push(normalizePath(joinPath(d, name)));
    }
    for (const p of candidates) {
      let text = this.fileCache.get(p);
      if (!this.fileCache.has(p)) {
        text = this.opts.provider.read(p);
        this.fileCache.set(p, text);
      }
      if (text !== undefined) return { path: p, text };
    }
    return undefined;
  }

  private doLine(line: Token[], at: Token): void {
    const f = this.frames[this.frames.length - 1]!;
    const num = line[0];
    if (num === undefined || num.kind !== 'number' || !/^[0-9]+$/.test(num.text)) {
      this.report(num ?? at, num === undefined ? 'unexpected end of file after #line' : `"${num.text}" after #line is not a positive integer`);
      return;
    }
    // the line after the directive gets the given number
    const directiveLine = at.line - f.lineDelta;
    f.lineDelta = Number(num.text) - (directiveLine + 1);
    const fileTok = line[1];
    if (fileTok !== undefined) {
      if (fileTok.kind === 'string' && fileTok.text.startsWith('"')) f.presumedFile = unescapeString(fileTok.text.slice(1, -1));
      else this.report(fileTok, `"${fileTok.text}" is not a valid filename`);
    }
  }
}

/** The header name of an #include line: "x.h" or <x.h> (spelled from its tokens). */
function includeName(toks: Token[]): { name: string; angled: boolean } | undefined {
  const first = toks[0];
  if (first?.kind === 'string' && first.text.startsWith('"')) return { name: first.text.slice(1, -1), angled: false };
  if (first?.kind === 'punct' && first.text === '<') {
    const close = toks.findIndex((t, k) => k > 0 && t.kind === 'punct' && t.text === '>');
    if (close > 0) return { name: spell(toks.slice(1, close)), angled: true };
  }
  return undefined;
}

/** A zero-width position just past the last token of a directive line (or past `at`). */
function endOfLine(line: Token[], at: Token): Token {
  const last = line[line.length - 1] ?? at;
  return copyToken(last, { kind: 'eof', text: '', col: last.col + (last.width ?? last.text.length), width: 1 });
}

/** Spells tokens back as text, one space where the source had whitespace. */
export function spell(tokens: Token[]): string {
  let s = '';
  tokens.forEach((t, k) => {
    if (k > 0 && t.space) s += ' ';
    s += t.text;
  });
  return s;
}

function unescapeString(s: string): string {
  return s.replace(/\\(.)/g, '$1');
}

export function dirName(path: string): string {
  const k = path.lastIndexOf('/');
  return k < 0 ? '' : path.slice(0, k);
}

export function joinPath(dir: string, name: string): string {
  if (dir === '' || dir === '.') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

/** Removes `.` and `x/..` segments; keeps a leading `/`. */
export function normalizePath(path: string): string {
  const abs = path.startsWith('/');
  const out: string[] = [];
  for (const seg of path.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(seg);
  }
  return (abs ? '/' : '') + out.join('/');
}
