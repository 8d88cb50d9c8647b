// The headless `forklab` command. Each subcommand lives in its own module and is loaded on
// demand, so `forklab cc` does not pay for loading the emulator and vice versa.
// Every subcommand returns its exit status instead of calling process.exit, so tests can call it.

type Subcommand = (args: string[]) => Promise<number>;

const subcommands: Record<string, () => Promise<Subcommand>> = {
  emu: async () => (await import('./emu')).emuCommand,
  bench: async () => (await import('./bench')).benchCommand,
  cc: async () => (await import('./cc')).ccCommand,
  run: async () => (await import('./run')).runCommand,
  report: async () => (await import('./report')).reportCommand,
};

const usage = `usage: forklab <command> [options]

commands:
  emu IMAGE.elf [--initrd FILE] [--bootargs STR] [--ram MiB] [--max-insns N] [--bare] [--tohost] [--trace]
  run [--apps SPEC] [--bootargs STR] [--json OUT] [FILE.elf|FILE.c ...]
                 boot the lab kernel with programs (default: the bundled ones)
  report [--apps SPEC | FILE.c ...] --at KIND:N[=CAPTION] [--at ...] [--lang zh-CN|en] -o OUT.md|.zip|.html|.pdf
  report SESSION.json [--lang zh-CN|en] -o OUT...
                 a lab report: one section per bookmark (figure, VMAs, PTEs, timeline, console)
  bench          run the benchmarks, one JSON line per figure
`;

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h') {
    process.stdout.write(usage);
    return name === undefined ? 2 : 0;
  }
  const load = subcommands[name];
  if (load === undefined) {
    process.stderr.write(`forklab: unknown command '${name}'\n${usage}`);
    return 2;
  }
  return (await load())(rest);
}
