#!/usr/bin/env node
// Fingerprints everything the toolchain produces for a fixed corpus, so a speed change can be
// checked to leave the output alone: `node scripts/toolchain-snapshot.mjs > before.txt`, change,
// run again, `diff` the two files (they must be identical).
//
// The corpus: every .c/.S/.s under tests/toolchain and resources/user (with the .h files of its
// folder as session files), the compile bench's generated programs, and broken inputs. For each
// input it records the -S text, the object (from the compiler's hand-over and, for C, from
// assembling the -S text as a .s file: the two must agree), a linked program's ELF bytes and
// line table, and every diagnostic in full (hashes for the big artifacts, so the file stays
// small and a difference still shows which input and which artifact moved).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

register();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { buildProgram, buildSingleFile } = await import('../src/toolchain/index.ts');
const { assemble } = await import('../src/toolchain/asm/index.ts');
const { generateProgram } = await import('../src/cli/bench-compile.ts');
const { loadUserFiles } = await import('../src/cli/resources.ts');

const library = loadUserFiles();
const hash = (data) => (data === undefined ? '-' : createHash('sha256').update(data).digest('hex').slice(0, 16));
const diags = (ds) => JSON.stringify(ds);
const lineTable = (rows) => rows.map((r) => `${r.addr.toString(16)} ${r.file}:${r.line}:${r.column}${r.isStmt ? '' : ' ns'}`).join('\n');

function walk(dir, out) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'build' && name !== 'node_modules') walk(path, out);
    } else if (/\.(c|S|s)$/.test(name)) out.push(path);
  }
  return out;
}

/** One input: `name` inside the session `files` (its folder's headers ride along). */
function record(label, name, files) {
  const out = [`== ${label}`];
  const opts = { library };
  const s = buildSingleFile(name, files, { ...opts, stopAfter: 'compile' });
  out.push(`S ${hash(s.text)} ${diags(s.diagnostics)}`);
  const o = buildSingleFile(name, files, opts);
  out.push(`o ${hash(o.object)} ${diags(o.diagnostics)}`);
  if (name.endsWith('.c') && s.text !== undefined && s.text !== '') {
    const again = assemble(s.text, name);
    out.push(`o-from-S ${hash(again.object)} ${diags(again.diagnostics)}`);
  }
  if (name.endsWith('.c') || name.endsWith('.S')) {
    const p = buildProgram(files, opts);
    out.push(`elf ${hash(p.elf)} lines ${hash(lineTable(p.lines))} ${diags(p.diagnostics)}`);
  }
  console.log(out.join('\n'));
}

const sources = [...walk(join(root, 'tests/toolchain'), []), ...walk(join(root, 'resources/user'), [])];
for (const path of sources) {
  const dir = dirname(path);
  const files = {};
  for (const n of readdirSync(dir)) if (n.endsWith('.h')) files[n] = readFileSync(join(dir, n), 'utf8');
  files[basename(path)] = readFileSync(path, 'utf8');
  record(relative(root, path), basename(path), files);
}

for (const lines of [100, 1000, 3000]) record(`generated ${lines}`, `gen${lines}.c`, { [`gen${lines}.c`]: generateProgram(lines) });

// Broken inputs: each must keep its diagnostics word for word.
const broken = {
  'syntax.c': 'int main(void) { int x = ; return x }\n',
  'undeclared.c': 'int main(void) { return y + f(2); }\n',
  'types.c': 'struct s { int a; };\nint main(void) { struct s v; int *p = v; return v.b + *p; }\n',
  'unterminated.c': 'int main(void) { char *s = "abc; return 0;\n',
  'missing-brace.c': 'int f(int a) { if (a) { return 1; }\nint main(void) { return f(1); }\n',
  'warnings.c': '#include <stdio.h>\nint main(void) { int unused; long l = 5; printf("%d %s\\n", l, 3); return 1 / 0; }\n',
  'bad-include.c': '#include "nothere.h"\nint main(void) { return 0; }\n',
  'cpp-error.c': '#if 1 +\n#endif\n#error stop here\nint main(void) { return 0; }\n',
  'bad.s': '.text\nmain:\n  addi a0, a0\n  lw a0, 5000(sp)\n  frob a1, a2\n  li a0, 0x\n  j nowhere\n  .word 1, 2,\n  beq a0, a1, 1b\n',
  'bad.S': '#define R a0\n  .globl _start\n_start:\n  add R, R, 99999\n  .align 99\n  sd R, (t9)\n',
  'dup.s': 'f:\n  ret\nf:\n  ret\n  .section .bss\n  .word 3\n',
  'undef-link.c': 'int missing(int);\nint main(void) { return missing(1); }\n',
  'deep.c': `int main(void) { return ${'('.repeat(3000)}1${')'.repeat(3000)}; }\n`,
  'many-errors.c': 'int main(void) {\n' + 'x;\n'.repeat(300) + '}\n',
};
for (const [name, text] of Object.entries(broken)) record(`broken ${name}`, name, { [name]: text });
