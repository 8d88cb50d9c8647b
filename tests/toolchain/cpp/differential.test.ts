// Differential tests: each case is preprocessed by ForkLab and by riscv64-linux-gnu-cpp, and the
// two token streams must be identical. The corpus holds the C standard's macro examples
// (C11 6.10.3.5) and the corners where preprocessors usually go wrong.
import { describe, expect, test } from 'vitest';
import { memoryProvider, preprocess } from '../../../src/toolchain/cpp/index';
import { gccPreprocess, tokenStream } from './gcc-reference';

interface Case {
  name: string;
  src: string;
  files?: Record<string, string>;
}

const cases: Case[] = [
  {
    name: 'C11 6.10.3.5 example 3 (rescanning and nesting)',
    src: `#define x 3
#define f(a) f(x * (a))
#undef x
#define x 2
#define g f
#define z z[0]
#define h g(~
#define m(a) a(w)
#define w 0,1
#define t(a) a
#define p() int
#define q(x) x
#define r(x,y) x ## y
#define str(x) # x
f(y+1) + f(f(z)) % t(t(g)(0) + t)(1);
g(x+(3,4)-w) | h 5) & m
(f)^m(m);
p() i[q()] = { q(1), r(2,3), r(4,), r(,5), r(,) };
char c[2][6] = { str(hello), str() };
`,
  },
  {
    name: 'C11 6.10.3.5 example 4 (# and ## with strings)',
    src: `#define str(s) # s
#define xstr(s) str(s)
#define debug(s, t) printf("x" # s "= %d, x" # t "= %s", \\
 x ## s, x ## t)
#define INCFILE(n) vers ## n
#define glue(a, b) a ## b
#define xglue(a, b) glue(a, b)
#define HIGHLOW "hello"
#define LOW LOW ", world"
debug(1, 2);
fputs(str(strncmp("abc\\0d", "abc", '\\4') // this goes away
 == 0) str(: @\\n), s);
xstr(INCFILE(2).h)
glue(HIGH, LOW);
xglue(HIGH, LOW)
`,
  },
  {
    name: 'C11 6.10.3.5 example 5 (placemarkers)',
    src: `#define t(x,y,z) x ## y ## z
int j[] = { t(1,2,3), t(,4,5), t(6,,7), t(8,9,),
 t(10,,), t(,11,), t(,,12), t(,,) };
`,
  },
  {
    name: 'C11 6.10.3.5 example 7 (variadic macros)',
    src: `#define debug(...) fprintf(stderr, __VA_ARGS__)
#define showlist(...) puts(#__VA_ARGS__)
#define report(test, ...) ((test)?puts(#test):\\
 printf(__VA_ARGS__))
debug("Flag");
debug("X = %d\\n", x);
showlist(The first, second, and third items.);
report(x>y, "x is %d but y is %d", x, y);
`,
  },
  {
    name: 'C11 6.10.3.3 example (hash_hash)',
    src: `#define hash_hash # ## #
#define mkstr(a) # a
#define in_between(a) mkstr(a)
#define join(c, d) in_between(c hash_hash d)
char p[] = join(x, y);
`,
  },
  {
    name: 'self-referential and mutually recursive macros stop',
    src: `#define foo foo + 1
#define a b
#define b a
#define f(x) g(x)
#define g(x) f(x)
#define EMPTY
foo; a; b; f(1); g(f(2)); EMPTY x EMPTY;
#define obj(x) x
#define fn obj
fn(fn)(3);
#define LPAREN (
#define F(x) <x>
F LPAREN 1 );
`,
  },
  {
    name: 'function-like macro names without arguments and nested calls',
    src: `#define max(a,b) ((a)>(b)?(a):(b))
#define id(x) x
#define call(f, x) f(x)
max(max(1,2),max(3,4));
id(id)(7); call(id, 8); call(id, (9, 10));
int id = id; id
(11);
`,
  },
  {
    name: 'token pasting builds operators, numbers and identifiers',
    src: `#define cat(a,b) a ## b
#define xcat(a,b) cat(a,b)
cat(-, >) cat(+, +) cat(<<, =) cat(1, 2e) cat(x, 1) cat(1, e) cat(L, 'a') cat(., 5)
xcat(xcat(a, b), c) cat(_, _LINE__)
`,
  },
  {
    name: 'stringizing keeps spelling and escapes strings',
    src: `#define s(x) #x
#define xs(x) s(x)
s(  a   +   b  ) s("a\\n") s('\\'') s(a "b\\\\c" d) s(/* c */ x /* d */ y) s(
  multi
  line )
xs(__FILE__) s(__LINE__) s(a
b) s(
c
)
`,
  },
  {
    name: 'GNU comma pasting with empty variadic arguments',
    src: `#define e(fmt, ...) printf(fmt, ## __VA_ARGS__)
#define n(fmt, args...) printf(fmt , ##args)
e("x"); e("x", 1, 2); n("y"); n("y", 3);
`,
  },
  {
    name: '__VA_OPT__ appears only with variable arguments',
    src: `#define v(x, ...) f(x __VA_OPT__(,) __VA_ARGS__)
v(1) v(1, 2) v(1, 2, 3)
`,
  },
  {
    name: 'conditional expressions follow intmax_t arithmetic',
    src: `#if -1 > 0u
unsigned_wins
#endif
#if (2 || 1/0) && !(0 && 1/0)
short_circuit
#endif
#if 0x7fffffffffffffff + 0 > 0 && -0x7fffffffffffffff - 1 < 0
limits
#endif
#if 'a' == 97 && '\\377' == 255 && '\\n' == 10
chars
#endif
#if ~0U == 0xffffffffffffffff && -1 >> 63 == -1 && 1 << 62 == 0x4000000000000000
bits
#endif
#if (1 ? -1 : 0u) > 0
cond_unsigned
#endif
#if 10 % 3 == 1 && -7 / 2 == -3 && -7 % 2 == -1
division
#endif
#if 1 == 1L && 0x10 == 16 && 010 == 8 && 0b101 == 5
literals
#endif
#if undefined_name == 0 && !defined undefined_name && defined(__STDC__)
idents
#endif
#define ONE 1
#define TWO ONE + ONE
#if TWO * 2 == 3
precedence
#elif TWO == 2
elif_taken
#else
no
#endif
`,
  },
  {
    name: 'nested conditionals and skipped junk',
    src: `#define A
#ifdef A
# ifndef B
a_not_b
# elif 1
never
# else
never2
# endif
#else
#error not reached
don't care about 'quotes
#if garbage ((
#endif
#endif
#if 0
#elif 0
#elif defined A
third
#endif
`,
  },
  {
    name: 'includes with guards, pragma once and computed names',
    src: `#include "guarded.h"
#include "guarded.h"
#include "once.h"
#include "once.h"
#define HDR "sub/inner.h"
#include HDR
#define ANGLED <angled.h>
#include ANGLED
use(G, O, I);
`,
    files: {
      'guarded.h': '#ifndef GUARDED_H\n#define GUARDED_H\nint guarded;\n#define G 1\n#endif\n',
      'once.h': '#pragma once\nint once;\n#define O 2\n',
      'sub/inner.h': '#include "sibling.h"\nint inner;\n#define I 3\n',
      'sub/sibling.h': 'int sibling;\n',
      'angled.h': 'int angled;\n',
    },
  },
  {
    name: '__has_include and _Pragma',
    src: `#if __has_include("once.h") && !__has_include(<missing.h>) && defined(__has_include)
#include "once.h"
#endif
_Pragma("once") int after_pragma;
#define DO_PRAGMA(x) _Pragma(#x) x
DO_PRAGMA(once) ;
`,
    files: { 'once.h': '_Pragma("once")\nint once;\n' },
  },
  {
    name: 'line splices inside tokens and directives',
    src: `#def\\
ine SPL\\
ICED 4\\
2
int x = SPLICED; in\\
t y = __LINE__;
/* comment
   spanning */ int z = __LINE__;
`,
  },
  {
    name: '#line changes __LINE__ and __FILE__',
    src: `#line 100 "renamed.c"
int a = __LINE__; const char *f = __FILE__;
#line 7
int b = __LINE__;
`,
  },
];

describe('preprocessor against riscv64-linux-gnu-cpp', () => {
  for (const c of cases) {
    test(`${c.name} gives gcc's tokens`, () => {
      const files = c.files ?? {};
      const ours = preprocess('main.c', c.src, { includeDirs: ['.'], provider: memoryProvider(files) });
      expect(ours.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const theirs = gccPreprocess(c.src, files, ['-I.']);
      expect(tokenStream(ours.text)).toEqual(tokenStream(theirs));
    });
  }
});
