// How the bench starts the `forklab` command: as a user's shell or npm's bin link does,
// through the entry's shebang (bin/forklab.cjs), so the node options the command runs with
// are written once, there, and are part of every figure. On POSIX the entry file itself is
// executed, with the directory of this process's node first on PATH, so that /usr/bin/env
// finds the same node the bench's `node -e 0` baseline measures; where a script cannot be
// executed (Windows) node is started with the shebang's options, as npm's cmd-shim does.

import { readFileSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';

export interface Command {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

/**
 * The node options of a shebang line that starts node through env: `#!/usr/bin/env node`
 * has none, `#!/usr/bin/env -S node OPTS` has OPTS. Null for any other line, including
 * options without -S (Linux would look for a program named "node OPTS").
 */
export function shebangNodeOptions(line: string): string[] | null {
  const plain = /^#!\s*\/usr\/bin\/env\s+node\s*$/.exec(line);
  if (plain !== null) return [];
  const split = /^#!\s*\/usr\/bin\/env\s+-S\s+node(\s+.*)?$/.exec(line);
  if (split === null) return null;
  const rest = (split[1] ?? '').trim();
  return rest === '' ? [] : rest.split(/\s+/);
}

/** The first line of `file` (its shebang, if it has one). */
export function firstLine(file: string): string {
  const text = readFileSync(file, 'latin1');
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/**
 * The command line that runs the entry `entry` with `args` the way its shebang does, for
 * spawnSync(file, args, { env }). Throws when the entry's shebang does not start node.
 */
export function forklabCommand(
  entry: string, args: string[], env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform, execPath: string = process.execPath,
): Command {
  const options = shebangNodeOptions(firstLine(entry));
  if (options === null) throw new Error(`${entry}: the first line is not a "#!/usr/bin/env node" shebang`);
  if (platform === 'win32') return { file: execPath, args: [...options, entry, ...args], env };
  const path = env.PATH === undefined || env.PATH === '' ? dirname(execPath) : `${dirname(execPath)}${delimiter}${env.PATH}`;
  return { file: entry, args, env: { ...env, PATH: path } };
}
