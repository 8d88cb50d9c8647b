// Behaviour of the preprocessor's output format, positions and diagnostics. Expected messages
// and positions are gcc's (checked by hand against riscv64-linux-gnu-cpp 12).
import { describe, expect, test } from 'vitest';
import { memoryProvider, preprocess } from '../../../src/toolchain/cpp/index';
import type { Diagnostic } from '../../../src/toolchain/diagnostics';

function pp(src: string, files: Record<string, string> = {}, defines?: Record<string, string>) {
  return preprocess('main.c', src, { includeDirs: ['/inc'], provider: memoryProvider(files), defines });
}
function errors(src: string, files: Record<string, string> = {}): Pick<Diagnostic, 'line' | 'column' | 'message' | 'severity'>[] {
  return pp(src, files).diagnostics.map(({ line, column, message, severity }) => ({ line, column, message, severity }));
}

describe('preprocessor output', () => {
  test('starts with a line marker and keeps unexpanded tokens at their source columns', () => {
    const out = pp('int  a;\n\tlong b; /* c */ char c;\n').text.split('\n');
    expect(out[0]).toBe('# 1 "main.c"');
    expect(out[1]).toBe('int  a;');
    expect(out[2]!.indexOf('long')).toBe(1);
    expect(out[2]!.indexOf('char')).toBe('\tlong b; /* c */ '.length);
  });

  test('marks entering and leaving an include with gcc flags 1 and 2', () => {
    const out = pp('#include <x.h>\nint b;\n', { '/inc/x.h': 'int a;\n' }).text;
    expect(out).toBe('# 1 "main.c"\n# 1 "/inc/x.h" 1\nint a;\n# 2 "main.c" 2\nint b;\n');
  });

  test('writes blank lines for short gaps and a line marker for long ones', () => {
    const out = pp('a\n\n\nb\n' + '\n'.repeat(20) + 'c\n').text;
    expect(out).toBe('# 1 "main.c"\na\n\n\nb\n# 25 "main.c"\nc\n');
  });

  test('separates expanded tokens that would otherwise paste together', () => {
    const out = pp('#define neg -1\n#define plus +\nint x = -neg; x plus+1; x = a/**/-/**/-b;\n').text;
    expect(out).toMatch(/- -1/);
    expect(out).toMatch(/x \+\s+\+1/);
  });

  test('reads the file name and position of a macro expansion from its invocation', () => {
    const lines = pp('#define L __LINE__\nint a = L;\n\nint b = __LINE__; char *f = __FILE__;\n').text.split('\n');
    expect(lines[2]).toBe('int a = 2;');
    expect(lines[4]!.replace(/ +/g, ' ')).toBe('int b = 4 ; char *f = "main.c";');
  });

  test('defines the riscv64 lp64 type model and ForkLab macros', () => {
    const src = '__riscv __riscv_xlen __LP64__ _LP64 __SIZEOF_LONG__ __SIZEOF_POINTER__ __CHAR_UNSIGNED__ __FORKLAB__ __STDC_VERSION__ __DATE__ __TIME__\n';
    expect(pp(src).text.split('\n')[1]).toBe('1 64 1 1 8 8 1 1 201112L "Jan  1 1970" "00:00:00"');
  });

  test('applies -D definitions, including empty ones', () => {
    expect(pp('N E x\n', {}, { N: '42', E: '' }).text.split('\n')[1]!.replace(/ +/g, ' ')).toBe('42 x');
  });

  test('skips a guarded header the second time without re-reading it', () => {
    let reads = 0;
    const provider = {
      read: (p: string) => {
        if (p !== 'g.h') return undefined;
        reads++;
        return '#ifndef G\n#define G\nint g;\n#endif\n';
      },
    };
    const r = preprocess('main.c', '#include "g.h"\n#include "g.h"\n', { includeDirs: [], provider });
    expect(r.text.match(/int g;/g)).toHaveLength(1);
    expect(reads).toBe(1);
  });
});

describe('preprocessor in assembler mode', () => {
  test('passes # comments through and defines __ASSEMBLER__', () => {
    const src = "# main's entry\n#ifdef __ASSEMBLER__\n\t.text\n\tli a0, 1 # it's one\n#endif\n";
    const r = preprocess('a.S', src, { includeDirs: [], provider: memoryProvider({}), assembler: true });
    expect(r.diagnostics).toEqual([]);
    expect(r.text).toBe("# 1 \"a.S\"\n# main's entry\n\n .text\n li a0, 1 # it's one\n");
  });
});

describe('preprocessor diagnostics', () => {
  test('reports an unterminated #if at the directive', () => {
    expect(errors('#if 1\nint a;\n')).toEqual([{ line: 1, column: 2, message: 'unterminated #if', severity: 'error' }]);
  });

  test('reports a missing include as fatal and stops', () => {
    const r = pp('#foo\n#include "nope.h"\nint x;\n');
    expect(r.diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`)).toEqual([
      '1:2: invalid preprocessing directive #foo',
      '2:10: nope.h: No such file or directory',
    ]);
    expect(r.text).not.toContain('int x');
  });

  test('reports macro argument count mismatches at the closing parenthesis', () => {
    expect(errors('#define f(x,y) x\nf(1)\nf(1,2,3)\nf(1,\n')).toEqual([
      { line: 2, column: 4, message: 'macro "f" requires 2 arguments, but only 1 given', severity: 'error' },
      { line: 3, column: 8, message: 'macro "f" passed 3 arguments, but takes just 2', severity: 'error' },
      { line: 4, column: 5, message: 'unterminated argument list invoking macro "f"', severity: 'error' },
    ]);
  });

  test('reports #if expression errors as gcc does and keeps going', () => {
    const src = '#if 1/0\n#endif\n#if\n#endif\n#if 1 +\n#endif\n#else\n#endif\n#error hi  there\n#warning w\n';
    expect(errors(src)).toEqual([
      { line: 1, column: 6, message: 'division by zero in #if', severity: 'error' },
      { line: 3, column: 4, message: '#if with no expression', severity: 'error' },
      { line: 5, column: 8, message: "operator '+' has no right operand", severity: 'error' },
      { line: 7, column: 2, message: '#else without #if', severity: 'error' },
      { line: 8, column: 2, message: '#endif without #if', severity: 'error' },
      { line: 9, column: 2, message: '#error hi there', severity: 'error' },
      { line: 10, column: 2, message: '#warning w', severity: 'warning' },
    ]);
  });

  test('reports an unterminated comment and an unterminated string', () => {
    expect(errors('char *s = "abc;\n/* open')).toEqual([
      { line: 2, column: 1, message: 'unterminated comment', severity: 'error' },
      { line: 1, column: 11, message: 'missing terminating " character', severity: 'error' },
    ]);
  });

  test('does not complain about apostrophes in skipped groups (gcc warns; ForkLab keeps quiet)', () => {
    expect(errors("#if 0\ndon't\n#endif\n")).toEqual([]);
  });

  test('rejects bad #define forms', () => {
    expect(errors('#define\n#define 3\n#define defined\n#define f(x,x) x\n#define g(x) #y\n#define h ## x\n').map((d) => d.message)).toEqual([
      'no macro name given in #define directive',
      'macro names must be identifiers',
      '"defined" cannot be used as a macro name',
      'duplicate macro parameter "x"',
      "'#' is not followed by a macro parameter",
      "'##' cannot appear at either end of a macro expansion",
    ]);
  });

  test('warns when a macro is redefined differently, not when identically', () => {
    expect(errors('#define A 1\n#define A 1\n#define A 2\n')).toEqual([{ line: 3, column: 9, message: '"A" redefined', severity: 'warning' }]);
  });
});

describe('preprocessor limits', () => {
  test('stops an exponential macro bomb with a diagnostic', () => {
    let src = '#define X0 x\n';
    for (let i = 1; i <= 40; i++) src += `#define X${i} X${i - 1} X${i - 1}\n`;
    const r = preprocess('main.c', src + 'X40\n', { includeDirs: [], provider: memoryProvider({}), maxOutputChars: 1 << 20 });
    expect(r.diagnostics.some((d) => /too many tokens|exceeds/.test(d.message))).toBe(true);
  });

  test('stops a bomb built from nested arguments', () => {
    let src = '#define F(x) x x x x\n';
    src += 'F('.repeat(30) + '1' + ')'.repeat(30) + '\n';
    const r = preprocess('main.c', src, { includeDirs: [], provider: memoryProvider({}) });
    expect(r.diagnostics.length).toBeGreaterThan(0);
  });

  test('stops recursive self-inclusion at the depth limit', () => {
    const r = pp('#include "main.c"\n', { 'main.c': '#include "main.c"\n' });
    expect(r.diagnostics.map((d) => d.message)).toContain('#include nested depth 201 exceeds maximum of 200');
  });
});

describe('preprocessor line endings', () => {
  test('treats CRLF and lone CR as line ends and splices across them', () => {
    const r = pp('#define A 1\r\nint a = A;\rint b = \\\r\n2;\r\n');
    expect(r.diagnostics).toEqual([]);
    // `2` keeps its physical line (4), so the compiler's line numbers stay exact
    expect(r.text).toBe('# 1 "main.c"\n\nint a = 1;\nint b =\n2;\n');
  });
});
