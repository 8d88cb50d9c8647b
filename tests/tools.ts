// External reference tools the tests compare against (cross gcc and binutils, QEMU, dtc,
// Chromium, poppler). A test that needs one asks for it here: a missing tool fails that test
// with a line naming the tool, its Debian package and the install script, instead of an ENOENT
// deep inside a helper or a header error from gcc. Never a skip: a missing reference is a
// broken machine, not a reason to pass.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const PACKAGE: Record<string, string> = {
  'qemu-riscv64': 'qemu-user',
  'qemu-system-riscv64': 'qemu-system-misc',
  dtc: 'device-tree-compiler',
  chromium: 'chromium',
  pdftoppm: 'poppler-utils',
  pdftotext: 'poppler-utils',
  pdffonts: 'poppler-utils',
};
/** The cross gcc can run without its C library (a Recommends only); static builds then fail. */
const CROSS_LIBC = '/usr/riscv64-linux-gnu/include/stdio.h';

function packageOf(name: string): string {
  if (name.startsWith('riscv64-linux-gnu-')) return name.endsWith('gcc') || name.endsWith('cpp') ? 'gcc-riscv64-linux-gnu' : 'binutils-riscv64-linux-gnu';
  return PACKAGE[name] ?? name;
}

function onPath(name: string): boolean {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    try {
      accessSync(join(dir, name), constants.X_OK);
      return true;
    } catch {
      // not in this directory
    }
  }
  return false;
}

export function missingToolMessage(name: string, pkg = packageOf(name)): string {
  return `${name} is missing: run \`bash scripts/install-deps.sh\` (Debian package ${pkg})`;
}

/** Returns `name` when the tool is installed; throws a message that says how to install it. */
export function tool(name: string): string {
  if (!onPath(name)) throw new Error(missingToolMessage(name));
  if (name === 'riscv64-linux-gnu-gcc' && !existsSync(CROSS_LIBC)) {
    throw new Error(missingToolMessage('the RISC-V C library for riscv64-linux-gnu-gcc', 'libc6-dev-riscv64-cross'));
  }
  return name;
}
