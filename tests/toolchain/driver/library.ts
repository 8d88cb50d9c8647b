// Reads resources/user (headers and library sources) into a UserLibrary, as the CLI does.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UserLibrary } from '../../../src/toolchain/driver';

export const userRoot = join(__dirname, '../../../resources/user');

export function loadUserLibrary(): UserLibrary {
  const lib: UserLibrary = {};
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(userRoot, dir), { withFileTypes: true })) {
      const rel = `${dir}/${e.name}`;
      if (e.isDirectory()) walk(rel);
      else lib[rel] = readFileSync(join(userRoot, rel), 'utf8');
    }
  };
  walk('include');
  walk('lib');
  return lib;
}
