#!/usr/bin/env node
// `npm run bench` part: compile-speed figures (src/cli/bench-compile.ts), one JSON line each.
import { register } from 'tsx/esm/api';

register();
const { compileFigures } = await import('../src/cli/bench-compile.ts');
for (const figure of compileFigures()) console.log(JSON.stringify(figure));
