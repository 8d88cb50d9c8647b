// Error messages checked against gcc: each invalid input goes through ForkLab's preprocessor
// and through riscv64-linux-gnu-cpp; the `line:column: severity: message` lines must be the
// same. (Known differences are covered by preprocess.test.ts instead: gcc only warns about an
// unterminated string, which ForkLab reports as the error the compiler would give anyway.)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { memoryProvider, preprocess } from '../../../src/toolchain/cpp/index';
import { tool } from '../../tools';

const cases: string[] = [
  '#ifdef\n#endif\n',
  '#ifdef 3\n#endif\n',
  '#ifndef X Y\n#endif\n',
  '#elif 1\n',
  '#else\n#else\n#endif\n',
  '#define f(x) x\nf(1,2)\n',
  '#define f(x,y) x\nf(1)\n',
  '#define f(x,x) x\n',
  '#define f(x) x\nf(1\n',
  '#define f(x) x\nf(1,\n  2\n',
  '#define cat(a,b) a##b\ncat(+,-)\n',
  '#define cat(a,b) a##b\nint x = cat(1, +);\n',
  '#define f(x x\n',
  '#define f(...) __VA_ARGS__\n#define g(x, ...) x\ng() f()\n',
  '#define 3 x\n',
  '#define defined 1\n',
  '#undef\n',
  '#undef 3\n',
  '#include\n',
  '#include <>\n',
  '#include nofile\n',
  '#line x\n',
  '#line 5 foo\n',
  '#if 1 +\n#endif\n',
  '#if (1\n#endif\n',
  '#if 1 2\n#endif\n',
  '#if 1.0\n#endif\n',
  '#if 08\n#endif\n',
  '#if 1/0\n#endif\n',
  '#if 0 && 1/0\n#endif\n',
  '#if 1 ? 2\n#endif\n',
  '#if defined\n#endif\n',
  '#if defined(X\n#endif\n',
  '#if\n#endif\n',
  '#error with  spaces\n',
  '#warning careful\n',
  '#bogus\n',
  '/* open comment\n',
  '#if 0\n#bogus\n#error skipped\n#endif\n',
  '#include "missing.h"\nint x;\n',
  '#if 1 == 1 == 1 && ~0 < 0 && 0x7fffffffffffffff + 1 < 0\n#endif\n',
  '#if -0x7fffffffffffffff - 2 > 0 || 3 * 0x4000000000000000 > 0\n#endif\n',
  '#if 0 && (0x7fffffffffffffff + 1)\n#endif\n',
  '#if 18446744073709551616\n#endif\n',
  '#if 9223372036854775808 > 0\n#endif\n',
  '#if 0xffffffffffffffff == -1\n#endif\n',
  '#if (1 << 63) < 0 && (3 << 62) && (1 << 62) > 0 && (-1 << 3) == -8\n#endif\n',
];

function gccDiagnostics(src: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'forklab-cpp-err-'));
  try {
    writeFileSync(join(dir, 'main.c'), src);
    let stderr = '';
    try {
      execFileSync(tool('riscv64-linux-gnu-cpp'), ['-P', '-undef', '-nostdinc', '-std=c11', 'main.c'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
    } catch (e) {
      stderr = (e as { stderr?: string }).stderr ?? '';
    }
    if (stderr === '') {
      // warnings only: gcc exits 0, so run again capturing stderr
      stderr = execFileSync('sh', ['-c', tool('riscv64-linux-gnu-cpp') + ' -P -undef -nostdinc -std=c11 main.c 2>&1 >/dev/null'], { cwd: dir, encoding: 'utf8' });
    }
    return stderr
      .split('\n')
      .filter((l) => /^main\.c:\d+:\d+: (error|warning|fatal error): /.test(l))
      .map((l) => l.replace(/ \[-W[a-z-]+\]$/, '').replace('fatal error:', 'error:'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('preprocessor diagnostics match gcc', () => {
  for (const src of cases) {
    test(`${JSON.stringify(src)} gives gcc's messages at gcc's positions`, () => {
      const ours = preprocess('main.c', src, { includeDirs: [], provider: memoryProvider({}) }).diagnostics.map(
        (d) => `${d.file}:${d.line}:${d.column}: ${d.severity}: ${d.message}`,
      );
      expect(ours).toEqual(gccDiagnostics(src));
    });
  }
});
