#!/usr/bin/env node
// Boots the committed lab kernel on QEMU's virt machine with OpenSBI (Debian's qemu-system-misc):
//   npm run qemu -- [--initrd FILE] [--bootargs "apps=print*3,cow,fib,mfork kthread=1"] [--ram MiB] [--kernel Image]
// The console is this terminal (-nographic; Ctrl-A X quits). The kernel powers the machine off
// by itself when its apps are done, so QEMU's exit status is the run's.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const opts = {
  kernel: 'resources/kernel/build/Image',
  initrd: 'resources/user/build/initrd.img',
  bootargs: 'apps=print*3,cow,fib,mfork kthread=1',
  ram: '128',
};
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  const key = args[i].replace(/^--/, '');
  if (!(key in opts) || i + 1 >= args.length) {
    console.error(`qemu.mjs: unknown or incomplete option ${args[i]}`);
    console.error('usage: npm run qemu -- [--initrd FILE] [--bootargs S] [--ram MiB] [--kernel Image]');
    process.exit(2);
  }
  opts[key] = args[++i];
}
for (const f of [opts.kernel, opts.initrd]) {
  if (!existsSync(f)) {
    console.error(`qemu.mjs: ${f} does not exist (run npm run kernel?)`);
    process.exit(2);
  }
}
const r = spawnSync(
  'qemu-system-riscv64',
  ['-machine', 'virt', '-bios', 'default', '-nographic', '-m', opts.ram,
   '-kernel', opts.kernel, '-initrd', opts.initrd, '-append', opts.bootargs],
  { stdio: 'inherit' },
);
if (r.error) {
  console.error(`qemu.mjs: cannot run qemu-system-riscv64: ${r.error.message}`);
  process.exit(1);
}
process.exit(r.status ?? 1);
