// How the bench starts the `forklab` command: as a user's shell or npm's bin link does,
// through the entry's shebang (bin/forklab.cjs), so the node options and the environment the
// command runs with are written once, there, and are part of every figure. On POSIX the entry
// file itself is executed, with the directory of this process's node first on PATH, so that
// /usr/bin/env finds the same node the bench's `node -e 0` baseline measures; where a script
// cannot be executed (Windows) node is started with the shebang's options and variables, as
// the .cmd file that npm's cmd-shim writes from the same line does.
//
// The shebang forms understood are the ones GNU and BSD env and cmd-shim agree on:
// `#!/usr/bin/env node` and `#!/usr/bin/env -S [NAME=VALUE ...] node [OPTIONS]`, where a VALUE
// may refer to other variables only as `${NAME}` (env -S expands those; cmd-shim rewrites them
// to %NAME%, which a .cmd file expands). An unset variable expands to nothing.

import { readFileSync } from 'node:fs';
import { delimiter, dirname } from 'node:path';

export interface Command {
  file: string;
  args: string[];
  env: NodeJS.ProcessEnv;
}

export interface Shebang {
  /** NAME=VALUE assignments before `node`, in order, VALUE unexpanded. */
  assignments: Array<[name: string, value: string]>;
  /** The options given to node. */
  options: string[];
}

// A variable's name, as env and cmd accept it; the three patterns below are built from it.
const NAME_SOURCE = '[A-Za-z_][A-Za-z0-9_]*';
const NAME = new RegExp(`^${NAME_SOURCE}$`);
// A value with no whitespace, quotes or backslashes, whose every `$` starts a `${NAME}`.
const VALUE = new RegExp(`^(?:[^\\s'"\\\\$]|\\$\\{${NAME_SOURCE}\\})*$`);
const REFERENCE = new RegExp(`\\$\\{(${NAME_SOURCE})\\}`, 'g');

/**
 * The assignments and node options of a shebang line that starts node through env, or null
 * for any other line, including options without -S (Linux would look for a program named
 * "node OPTS") and values env and cmd-shim would read differently.
 */
export function parseShebang(line: string): Shebang | null {
  if (/^#!\s*\/usr\/bin\/env\s+node\s*$/.test(line)) return { assignments: [], options: [] };
  const split = /^#!\s*\/usr\/bin\/env\s+-S\s+(.*)$/.exec(line);
  if (split === null) return null;
  const words = split[1]!.trim().split(/\s+/);
  const assignments: Shebang['assignments'] = [];
  let i = 0;
  for (; i < words.length && words[i]!.includes('='); i++) {
    const word = words[i]!;
    const eq = word.indexOf('=');
    const name = word.slice(0, eq), value = word.slice(eq + 1);
    if (!NAME.test(name) || !VALUE.test(value)) return null;
    assignments.push([name, value]);
  }
  if (words[i] !== 'node') return null;
  return { assignments, options: words.slice(i + 1) };
}

/** `value` with each `${NAME}` replaced by NAME's value in `env` (nothing when unset). */
export function expandValue(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(REFERENCE, (_, name: string) => env[name] ?? '');
}

/**
 * The environment node gets when the shebang's assignments are applied to `env`. A variable
 * assigned nothing is removed: env -S sets it empty and a .cmd file's `SET NAME=` removes it,
 * and node reads both as unset.
 */
export function shebangEnv(shebang: Shebang, env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...env };
  for (const [name, value] of shebang.assignments) {
    const v = expandValue(value, env);
    if (v === '') delete out[name];
    else out[name] = v;
  }
  return out;
}

/** The first line of `file` (its shebang, if it has one). */
export function firstLine(file: string): string {
  const text = readFileSync(file, 'latin1');
  const end = text.indexOf('\n');
  return (end < 0 ? text : text.slice(0, end)).replace(/\r$/, '');
}

/** The shebang of `entry`; throws when it does not start node through env. */
export function entryShebang(entry: string): Shebang {
  const shebang = parseShebang(firstLine(entry));
  if (shebang === null) throw new Error(`${entry}: the first line is not a "#!/usr/bin/env node" shebang`);
  return shebang;
}

/**
 * The command line that runs the entry `entry` with `args` the way its shebang does, for
 * spawnSync(file, args, { env }). Throws when the entry's shebang does not start node.
 */
export function forklabCommand(
  entry: string, args: string[], env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform, execPath: string = process.execPath,
): Command {
  const shebang = entryShebang(entry);
  if (platform === 'win32') return { file: execPath, args: [...shebang.options, entry, ...args], env: shebangEnv(shebang, env) };
  const path = env.PATH === undefined || env.PATH === '' ? dirname(execPath) : `${dirname(execPath)}${delimiter}${env.PATH}`;
  return { file: entry, args, env: { ...env, PATH: path } };
}
